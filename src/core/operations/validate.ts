/**
 * Input checks that must happen before anything is sent. Each failure is an
 * InvalidParameterError naming the field; the request is never built.
 */
import { InvalidParameterError, type Provider } from "../common/errors.ts";
import type { OperationSpec } from "./operation-table.ts";
import { findFailure } from "./param-check.ts";

export interface SplitParams {
  path: Record<string, string | number>;
  query: Record<string, unknown>;
  header: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

const CONTROL_CHARS = /[\r\n\0]/;

/**
 * Sorts a caller's flat parameter object into path, query, header and body, as the
 * operation table says, and checks what would otherwise corrupt the request.
 */
export function splitParams(
  operation: string,
  spec: OperationSpec,
  params: Record<string, unknown>,
  fixed: Readonly<Partial<Record<string, string>>>,
  provider: Provider,
): SplitParams {
  const fail = (field: string, problem: string) => new InvalidParameterError(field, problem, { provider, operation });
  const split: SplitParams = { path: {}, query: {}, header: {}, body: undefined };
  const rest: Record<string, unknown> = {};

  for (const name of Object.keys(params)) {
    const value = params[name];
    if (value === undefined) continue;
    if (spec.pathParams.includes(name)) {
      if (name in fixed) throw fail(name, "is set by the client configuration and cannot be passed per call");
      split.path[name] = checkPathValue(name, value, fail);
    } else if (spec.queryParams.includes(name)) {
      split.query[name] = value;
    } else if (spec.headerParams.includes(name)) {
      if (typeof value !== "string" || CONTROL_CHARS.test(value)) throw fail(name, "must be a string without CR, LF or NUL characters");
      split.header[name] = value;
    } else if (spec.bodyParams.includes(name)) {
      rest[name] = value;
    } else {
      // Names the client or the wire protocol owns (`Action`, `Signature`...) are never parameters either.
      throw fail(name, `is not a parameter of ${operation}`);
    }
  }
  for (const name of Object.keys(fixed)) {
    if (spec.pathParams.includes(name)) split.path[name] = fixed[name]!;
  }
  for (const name of spec.requiredParams) {
    if (!(name in split.path) && !(name in split.query) && !(name in split.header)) throw fail(name, "is required");
  }

  if (Object.keys(rest).length) {
    split.body = rest;
  } else if (spec.body === "required") {
    throw fail("body", "is required: pass the request body fields");
  }
  return split;
}

/**
 * Checks the caller's flat parameters (with the client's defaults and token filled in)
 * against the operation's compiled schemas; the first failure names its field.
 */
export function checkParams(operation: string, spec: OperationSpec, params: Record<string, unknown>, provider: Provider): void {
  const failure = spec.params && findFailure(spec.params, params, "");
  if (failure) throw new InvalidParameterError(failure[0], failure[1], { provider, operation });
}

/**
 * A path value must stay one path segment: openapi-fetch percent-encodes `/`, but
 * `.` and `..` would still be resolved by the URL parser and change the path.
 */
function checkPathValue(name: string, value: unknown, fail: (field: string, problem: string) => InvalidParameterError): string | number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") throw fail(name, "must be a string");
  if (value === "") throw fail(name, "must not be empty");
  if (value === "." || value === ".." || /^(%2e|\.){1,2}$/i.test(value))
    throw fail(name, `must not be '${value}' (it would change the request path)`);
  if (CONTROL_CHARS.test(value)) throw fail(name, "must not contain CR, LF or NUL characters");
  return value;
}

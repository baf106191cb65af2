/**
 * Checks an incoming request's parameters against the operation's compiled schema checks
 * (the same generated tables the client checks its own calls with): query strings are read
 * as the types the spec gives them (`"5"` as 5, `true`/`True` as true: Python clients write
 * booleans capitalised), JSON `null`s stand for absent optional properties (Cinder clients
 * send them), and the first failure is named. What the provider answers is the provider's
 * business; this only says what is wrong.
 */
import type { OperationSpec } from "../core/operations/operation-table.ts";
import { findFailure, rulesOf } from "../core/operations/param-check.ts";

export interface ReadParams {
  /** Path, query and header parameters, and the body's top-level properties, as the client's flat parameters. */
  flat: Record<string, unknown>;
  /** The body without its `null`s. */
  body: Record<string, unknown> | undefined;
}

export function readParams(
  spec: OperationSpec,
  path: Record<string, string>,
  query: URLSearchParams,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): ReadParams {
  const flat: Record<string, unknown> = { ...path };
  const checks = spec.params?.pr ?? {};
  for (const name of spec.queryParams) {
    const values = query.getAll(name);
    if (values.length === 0) continue;
    const types = rulesOf(checks[name] ?? "").t ?? "s";
    flat[name] = types.startsWith("a") ? values : typed(values.at(-1)!, types);
  }
  for (const name of spec.headerParams) {
    const value = headers[name.toLowerCase()];
    if (value !== undefined) flat[name] = value;
  }
  const cleaned = body && typeof body === "object" && !Array.isArray(body) ? (withoutNulls(body) as Record<string, unknown>) : undefined;
  if (cleaned) Object.assign(flat, cleaned);
  return { flat, body: cleaned };
}

/** The first problem with the parameters (field and what is wrong), or `undefined`. */
export function paramProblem(spec: OperationSpec, params: ReadParams): string | undefined {
  for (const name of spec.requiredParams) if (params.flat[name] === undefined) return `${name} is required`;
  if (spec.body === "required" && params.body === undefined) return "the request body is required";
  const failure = spec.params && findFailure(spec.params, params.flat, "");
  return failure ? `${failure[0] || "the request"} ${failure[1]}` : undefined;
}

function typed(value: string, types: string): unknown {
  if ((types.includes("i") || types.includes("n")) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes("b") && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return value;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== null) out[key] = withoutNulls(inner);
  return out;
}

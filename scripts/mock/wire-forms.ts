/**
 * The wire forms a provider's servers accept besides the one our client sends (the spec's
 * `x-wire-forms`, read by scripts/lib/spec-reader.ts), turned into the canonical form before
 * Prism routes and validates a request, so every form is validated against the same spec:
 *  - RPC `requests`: Alibaba's GET with the parameters in the query (`@alicloud/pop-core`'s
 *    default) and POST with them in an `application/x-www-form-urlencoded` body (pop-core with
 *    `method: "POST"`) read as the canonical POST with the query; UCloudStack's form body
 *    (ucloud-sdk-python3) as the canonical JSON body. A form the spec does not list is a violation.
 *  - REST (`nullAsAbsent`, `booleansAnyCase`): a JSON body's `null` properties are left out
 *    (python-cinderclient sends every optional it was not given as `null`), and a boolean
 *    query parameter written `True`/`False` (Python's spelling) reads as `true`/`false`.
 */
import * as E from "fp-ts/lib/Either.js";
import { validateInput as typedStockValidateInput } from "@stoplight/prism-http/dist/validator/index.js";
import type { SpecModel, WireRequestForm } from "../lib/spec-reader.ts";

type Json = Record<string, any>;
type Query = Record<string, string | string[]>;

/** A Prism diagnostic (`sl-violations` entry before the location prefix). */
export interface Problem {
  path: string[];
  code: string;
  message: string;
  severity: number;
}

const stockValidateInput = typedStockValidateInput as unknown as (args: { resource: Json; element: Json }) => E.Either<unknown[], unknown>;

const FORM = /^application\/x-www-form-urlencoded\b/i;

/** The form a request arrived in: its method and where its parameters are. */
export function formOf(element: Json): WireRequestForm {
  const type = String(element.headers?.["content-type"] ?? "");
  const body = element.body;
  const params = typeof body === "string" && body !== "" && FORM.test(type) ? "form" : body && typeof body === "object" ? "json" : "query";
  return { method: String(element.method).toLowerCase() as WireRequestForm["method"], params };
}

/** `a=1&b.1=x&b.1=y` -> `{a: "1", "b.1": ["x", "y"]}` (a repeated name keeps every value, as a query does). */
function decodeForm(body: string): Query {
  const out: Query = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return out;
}

export interface Canonical {
  /** The request as our client would have sent it. */
  element: Json;
  /** Set when the request's form is not one the spec lists. */
  problems: Problem[];
  /** The parameters came as a form body (strings to read by the schema's types). */
  fromForm: boolean;
}

/**
 * `element -> its canonical form`, for the spec's accepted request forms (the first is the
 * canonical one). No forms listed: every request is taken as it is (the spec names one form).
 * Cached per request object: the router and both validators ask for the same one.
 */
export function canonicalRequests(forms: readonly WireRequestForm[]): (element: Json) => Canonical {
  const cache = new WeakMap<object, Canonical>();
  const canonical = forms[0];
  return (element) => {
    if (!canonical) return { element, problems: [], fromForm: false };
    const hit = cache.get(element);
    if (hit) return hit;
    const form = formOf(element);
    const listed = forms.some((f) => f.method === form.method && f.params === form.params);
    const problems: Problem[] = listed
      ? []
      : [
          {
            path: ["method"],
            code: "wire-form",
            message: `${form.method.toUpperCase()} with the parameters in the ${form.params === "form" ? "form body" : form.params} is not a wire form the provider accepts (x-wire-forms)`,
            severity: 0,
          },
        ];
    let out: Json = element;
    if (listed && (form.method !== canonical.method || form.params !== canonical.params)) {
      // The body moves: its type and length go with it (a JSON body gets its own type below).
      const { "content-type": _type, "content-length": _length, ...headers } = (element.headers ?? {}) as Record<string, string>;
      out = { ...element, method: canonical.method, headers };
      if (form.params === "form") {
        const fields = decodeForm(element.body as string);
        if (canonical.params === "json") {
          out.body = fields;
          out.headers = { ...headers, "content-type": "application/json", "content-length": _length };
        } else {
          out.body = null;
          out.url = { ...element.url, query: { ...((element.url?.query ?? {}) as Query), ...fields } };
        }
      }
    }
    const result = { element: out, problems, fromForm: listed && form.params === "form" };
    cache.set(element, result);
    return result;
  };
}

/** `{a: null, b: {c: null, d: 1}}` -> `{b: {d: 1}}`: nulls inside arrays stay (they are items, not optionals). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNulls(item);
  return out;
}

/** Prism's parameter schema is boolean (or may be). */
function isBoolean(schema: Json | undefined): boolean {
  const type = schema?.type;
  return type === "boolean" || (Array.isArray(type) && type.includes("boolean"));
}

/**
 * The `validateInput` component for a REST spec whose `x-wire-forms` lists tolerances, or
 * undefined (Prism's own validator then runs as it is).
 */
export function restComponents(spec: SpecModel): { validateInput: typeof stockValidateInput } | undefined {
  const { nullAsAbsent, booleansAnyCase } = spec.wireForms;
  if (!nullAsAbsent && !booleansAnyCase) return undefined;
  const validateInput = (args: { resource: Json; element: Json }) => {
    let element = args.element;
    if (nullAsAbsent && element.body && typeof element.body === "object") element = { ...element, body: withoutNulls(element.body) };
    if (booleansAnyCase) {
      const query = { ...((element.url?.query ?? {}) as Query) };
      for (const param of (args.resource.request?.query ?? []) as Json[]) {
        const value = query[param.name];
        if (isBoolean(param.schema) && typeof value === "string" && /^(true|false)$/i.test(value)) query[param.name] = value.toLowerCase();
      }
      element = { ...element, url: { ...element.url, query } };
    }
    const result = stockValidateInput({ resource: args.resource, element });
    return E.isLeft(result) ? result : E.right(args.element);
  };
  return { validateInput };
}

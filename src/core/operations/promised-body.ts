/**
 * A 2xx answer is a success only if its body is what the spec promises: where every
 * documented 2xx is a JSON object, an empty, `null` or non-object body, or one without
 * the properties the spec requires, is not a success (issue 10, item 7); where every one
 * is a JSON array, anything but an array is not. The operation
 * table's `returns` (scripts/generate.ts) lists those properties.
 */

/**
 * What a 2xx body lacks of what the spec promises (a JSON object with `returns`' properties, or
 * a JSON array when `returns` is `"list"`), or `undefined` when it keeps the promise or the spec promises no body.
 */
export function brokenPromise(returns: readonly string[] | "list" | undefined, body: unknown): string | undefined {
  if (!returns) return undefined;
  if (body === undefined) return "an empty body where the spec documents one";
  const kind = body === null ? "null" : Array.isArray(body) ? "a list" : typeof body === "object" ? "an object" : `a ${typeof body}`;
  if (returns === "list") return Array.isArray(body) ? undefined : `${kind} where the spec documents a list`;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return `${kind} where the spec documents an object`;
  const absent = returns.filter((name) => (body as Record<string, unknown>)[name] === undefined);
  return absent.length ? `a body without ${absent.join(", ")}, which the spec documents` : undefined;
}

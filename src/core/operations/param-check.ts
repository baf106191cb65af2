/**
 * Checks a call's parameters against the spec before anything is sent.
 *
 * scripts/generate.ts compiles each operation's parameter and request-body schemas
 * into `ParamCheck` descriptors (generated/<provider>/<service>.operations.ts, one
 * constant per distinct sub-schema, shared by reference); this file only interprets
 * them. Data plus a small interpreter instead of generated code or a runtime schema
 * library keeps every provider entry small as the specs grow (issue 10, item 9).
 *
 * `format` is an annotation, as JSON Schema 2020-12 treats it by default: it is not
 * checked here (the server is the judge of what an id looks like).
 */

/**
 * One compiled schema: a `CheckRules` object, or the same rules written as text when
 * they are a scalar's (`ScalarCheck`). Every spec's descriptors ship in the browser
 * bundle and most are one type with a bound, an enum or a pattern, so those are a
 * short string, written inline where they are used.
 */
export type ParamCheck = ScalarCheck | CheckRules;

/**
 * `<type letters>[ <min>..<max>][ =<a>|<b>|...][ /<pattern>/]`: `"s"`, `"i 0.."`,
 * `"s 1..128"`, `"s =desc|asc"` (string enum), `"s /^d-[0-9a-z]+$/"`. The bounds are
 * inclusive and measure what `t`'s first letter names: a string's length, a list's
 * items, otherwise the value. scripts/generate.ts writes this form only when reading it
 * back gives exactly the rules it compiled.
 */
export type ScalarCheck = string;

/** Keys are short for the same reason; each names the JSON Schema keyword it stands for. */
export interface CheckRules {
  /** `type`: allowed types, one letter each: s string, i integer, n number, b boolean, a array, o object, z null. */
  readonly t?: string;
  /** `enum` (and `const`): scalars only, compared with `===`. */
  readonly e?: readonly unknown[];
  /** `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`. */
  readonly ge?: number;
  readonly le?: number;
  readonly gt?: number;
  readonly lt?: number;
  /** `minLength`, `maxLength` (in code points, as JSON Schema counts). */
  readonly sn?: number;
  readonly sx?: number;
  /** `pattern` (ECMA-262, unanchored unless the pattern anchors itself). */
  readonly re?: string;
  /** `minItems`, `maxItems`, `items`. */
  readonly an?: number;
  readonly ax?: number;
  readonly it?: ParamCheck;
  /** `properties`, `required`, `dependentRequired`. */
  readonly pr?: Readonly<Record<string, ParamCheck>>;
  readonly rq?: readonly string[];
  readonly dr?: Readonly<Record<string, readonly string[]>>;
  /** `additionalProperties`: `false` closes the object; a check applies to every other property's value. */
  readonly ap?: false | ParamCheck;
  /** `propertyNames`. */
  readonly pn?: ParamCheck;
  /** `not`, `anyOf` (request schemas use no `oneOf`/`allOf`; the generator refuses them until one does). */
  readonly no?: ParamCheck;
  readonly any?: readonly ParamCheck[];
}

/** Where a value failed (`snapshot.volume_id`, `Disk[0].DiskId`) and what was expected there. */
export type CheckFailure = [field: string, problem: string];

const TYPE_NAMES: Record<string, string> = {
  s: "a string",
  i: "an integer",
  n: "a number",
  b: "a boolean",
  a: "a list",
  o: "an object",
  z: "null",
};

const patterns = new Map<string, RegExp>();

function typeLetter(value: unknown): string {
  if (value === null) return "z";
  if (Array.isArray(value)) return "a";
  const type = typeof value;
  if (type === "number") return Number.isInteger(value) ? "i" : Number.isFinite(value) ? "n" : "?";
  return type === "string" ? "s" : type === "boolean" ? "b" : type === "object" ? "o" : "?";
}

/** `ScalarCheck` text: type letters, then optional bounds, string enum and pattern (the pattern last: it may hold anything). */
const SCALAR = /^(\w+)(?: (\S*?)\.\.(\S*))?(?: =(.*?))?(?: \/(.*)\/)?$/s;
/** Each `ScalarCheck` text read once, on first use: a few hundred distinct texts at most (the tables' own). */
const readChecks = new Map<string, CheckRules>();
/** The rules a check stands for. */
export function rulesOf(check: ParamCheck): CheckRules {
  if (typeof check !== "string") return check;
  let rules = readChecks.get(check);
  if (!rules) {
    const [, t, min, max, e, re] = SCALAR.exec(check)!;
    const [atLeast, atMost] = t![0] === "s" ? ["sn", "sx"] : t![0] === "a" ? ["an", "ax"] : ["ge", "le"];
    rules = { t, [atLeast]: min ? +min : undefined, [atMost]: max ? +max : undefined, e: e?.split("|"), re };
    readChecks.set(check, rules);
  }
  return rules;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** Names a value's kind without showing it (it may be a secret). */
function kindOf(value: unknown): string {
  const letter = typeLetter(value);
  return letter === "?"
    ? typeof value === "number"
      ? "a non-finite number"
      : `a ${typeof value}`
    : letter === "n"
      ? "a fraction"
      : TYPE_NAMES[letter]!;
}

/**
 * The first place where `value` does not satisfy `check`, or `undefined`. `path` is
 * the caller's own name for the value (a flat parameter, then `.property` / `[index]`).
 */
export function findFailure(written: ParamCheck, value: unknown, path: string): CheckFailure | undefined {
  const check = rulesOf(written);
  const letter = typeLetter(value);
  if (check.t !== undefined && !check.t.includes(letter) && !(letter === "i" && check.t.includes("n"))) {
    return [path, `must be ${[...check.t].map((t) => TYPE_NAMES[t]).join(" or ")}, not ${kindOf(value)}`];
  }
  if (check.e && !check.e.includes(value)) return [path, `must be one of ${check.e.map((v) => JSON.stringify(v)).join(", ")}`];
  // Bounds, by what the value is: a number's value, a string's length in code points, a list's items.
  const [atLeast, atMost, unit] =
    typeof value === "number"
      ? [check.ge, check.le, ""]
      : typeof value === "string"
        ? [check.sn, check.sx, " characters"]
        : Array.isArray(value)
          ? [check.an, check.ax, " items"]
          : [];
  if (atLeast !== undefined || atMost !== undefined) {
    const size = unit ? [...(value as string | unknown[])].length : (value as number);
    const must = unit ? "must have" : "must be";
    if (atLeast !== undefined && !(size >= atLeast))
      return [path, unit && atLeast === 1 ? "must not be empty" : `${must} at least ${atLeast}${unit}`];
    if (atMost !== undefined && !(size <= atMost)) return [path, `${must} at most ${atMost}${unit}`];
  }
  if (typeof value === "number") {
    if (check.gt !== undefined && !(value > check.gt)) return [path, `must be greater than ${check.gt}`];
    if (check.lt !== undefined && !(value < check.lt)) return [path, `must be less than ${check.lt}`];
  } else if (typeof value === "string") {
    if (check.re !== undefined) {
      let pattern = patterns.get(check.re);
      if (!pattern) {
        pattern = new RegExp(check.re, "u");
        patterns.set(check.re, pattern);
      }
      if (!pattern.test(value)) return [path, `must match the pattern ${check.re}`];
    }
  } else if (Array.isArray(value)) {
    if (check.it) {
      for (let index = 0; index < value.length; index++) {
        const failure = findFailure(check.it, value[index], `${path}[${index}]`);
        if (failure) return failure;
      }
    }
  } else if (letter === "o") {
    const failure = objectFailure(check, value as Record<string, unknown>, path);
    if (failure) return failure;
  }
  return combinationFailure(check, value, path);
}

function objectFailure(check: CheckRules, object: Record<string, unknown>, path: string): CheckFailure | undefined {
  const has = (name: string) => Object.hasOwn(object, name) && object[name] !== undefined;
  for (const name of check.rq ?? []) if (!has(name)) return [join(path, name), "is required"];
  for (const [name, needs] of Object.entries(check.dr ?? {})) {
    const missing = has(name) ? needs.find((other) => !has(other)) : undefined;
    if (missing !== undefined) return [join(path, missing), `is required when ${join(path, name)} is given`];
  }
  for (const name of Object.keys(object)) {
    const value = object[name];
    if (value === undefined) continue;
    const own = check.pr && Object.hasOwn(check.pr, name) ? check.pr[name] : undefined;
    // A name the spec does not list is the caller's text: shown, but cut short.
    const field = join(path, own === undefined && name.length > 40 ? `${name.slice(0, 40)}…` : name);
    if (check.pn) {
      const failure = findFailure(check.pn, name, field);
      if (failure) return [field, `has a property name that ${failure[1]}`];
    }
    if (own === undefined && check.ap === false) return [field, "is not a known property"];
    const failure = findFailure(own ?? (check.ap || {}), value, field);
    if (failure) return failure;
  }
  return undefined;
}

function combinationFailure(check: CheckRules, value: unknown, path: string): CheckFailure | undefined {
  if (check.any && !check.any.some((part) => !findFailure(part, value, path))) {
    // One alternative: its own, more precise failure. Several: say that none fits.
    return check.any.length === 1 ? findFailure(check.any[0]!, value, path) : [path, "matches none of the allowed forms"];
  }
  if (check.no && !findFailure(check.no, value, path)) return [path || "params", "has a combination of properties the spec excludes"];
  return undefined;
}

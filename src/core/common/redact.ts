/**
 * Redaction: secrets (secret keys, tokens, signatures) never reach an error, a log
 * line or anything a caller may print.
 *
 * Two layers, because either alone leaks in some case:
 * 1. By name: credential-bearing headers and query parameters are masked
 *    (`Authorization`, `X-Auth-Token`, `Signature`, ...), also when the `=` or `:`
 *    after the name comes back percent-encoded (`SecurityToken%3D...`).
 * 2. By value: every secret this client knows is scrubbed from any string,
 *    wherever it appears and however a server encoded it on the way back: as is,
 *    percent-encoded once or several times (Alibaba's `SignatureDoesNotMatch`
 *    message quotes the whole string to sign, whose values are encoded twice:
 *    `...%26Timestamp%3D2019-05-12T14%253A06%253A51Z...`, public example in
 *    https://github.com/NewFuture/DDNS/issues/57), in either hex case, form-encoded
 *    (`+` for a space), JSON-escaped (`\/`, `\u002b`) or HTML-escaped (`&#43;`).
 *
 * Nothing here runs on the per-call path: the per-secret patterns are built once in
 * `add()` and compiled on the first `scrub`, which only an error or a log line calls.
 */

export const REDACTED = "[REDACTED]";

/**
 * Names that make a `name: value` / `name=value` pair credential-shaped (matched
 * case-insensitively): Huawei's token headers, Alibaba's V1 `Signature` and
 * `SecurityToken` and V3 `x-acs-security-token`, and the credential fields themselves.
 */
const CREDENTIAL_NAMES =
  "signature|x-(?:auth|subject|security|acs-security)-token|securitytoken|accesskeysecret|secretaccesskey|privatekey";

/**
 * Header, query and body field names whose values are credentials: the names above,
 * plus ones too common in ordinary text to mask wherever they appear in a sentence
 * (`token`, `authorization`, cookies) but always masked as a field or parameter name.
 */
const SECRET_NAME = new RegExp(`^(?:${CREDENTIAL_NAMES}|token|authorization|(?:set-)?cookie)$`, "i");

/** `%`, then any number of `25` (each further round of percent-encoding adds one). */
const PERCENT = "%(?:25)*";
/** `=` or `:` as is or percent-encoded (`%3D`, `%253A`, ...), with optional quotes (also encoded: `%22`) and spaces around. */
const QUOTE = `(?:["']|${PERCENT}2[27])?`;
const SEPARATOR = `${QUOTE}\\s*(?:[:=]|${PERCENT}3[AD])\\s*${QUOTE}`;
/** A value ends where a delimiter starts, also an encoded one (`%26` = `&`, `%0A` = LF, `%2C` = `,`, ...). */
const VALUE_CHAR = `(?:(?!${PERCENT}(?:2[0267C]|0[AD]|3B))[^\\s"'&,;<>])`;

/**
 * Credential-shaped text, masked even when the value is unknown to this client
 * (a signature computed for one request, echoed back by a gateway). The name must not
 * follow a letter (`SignatureMethod` and `ClientToken` are not credentials), except the
 * last hex digit of an encoded delimiter (`%26SecurityToken`, `%2CSignature`).
 */
const CREDENTIAL_PATTERN = new RegExp(
  `((?:(?<![A-Za-z])|(?<=${PERCENT}[0-9A-F]{2}))(?:${CREDENTIAL_NAMES})${SEPARATOR})${VALUE_CHAR}{8,}`,
  "gi",
);

/** Named HTML entities a page may use for a character of a secret. */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * Every way one character of a secret may come back (see the file comment), as a
 * regular expression. Secrets are printable ASCII (config.ts refuses any other
 * credential), so a character is one byte and its percent form one `%XX`. The
 * patterns are compiled case-insensitively: hex digits come back in either case,
 * and a secret's letters in another case are masked too, which only hides more.
 */
function charPattern(char: string): string {
  if (/[a-z0-9]/i.test(char)) return char;
  const code = char.charCodeAt(0);
  const hex = code.toString(16);
  const forms = [char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&"), `${PERCENT}${hex}`, `&#0*${code};`, `&#x0*${hex};`, `\\\\u00${hex}`];
  if (char === " ") forms.push("\\+");
  if (char === "/") forms.push("\\\\/");
  if (ENTITIES[char]) forms.push(ENTITIES[char]);
  return `(?:${forms.join("|")})`;
}

/** A stand-in for a caller's error: same name, message, stack and fields, scrubbed. Never the caller's own object. */
class ScrubbedCause extends Error {}

/** How deep causes and nested objects are copied; deeper levels are dropped (cycles end here too). */
const MAX_DEPTH = 6;

/** Sets a property the way Error sets `message`, `stack` and `cause`: own, not enumerable (so JSON and inspect show it as they would the original's). */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
}

export class Redactor {
  /** Each known secret and its pattern (every encoded form), built once when it is added. */
  readonly #patterns = new Map<string, string>();
  /** All patterns in one expression, compiled on the first scrub after an `add`. */
  #compiled: RegExp | undefined;

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Remember a value that must never be shown (short values are ignored: they would mask ordinary text). */
  add(secret: string | undefined): void {
    if (typeof secret !== "string" || secret.length < 6 || this.#patterns.has(secret)) return;
    this.#patterns.set(secret, [...secret].map(charPattern).join(""));
    this.#compiled = undefined;
  }

  /** Replace every known secret in `text` (in any of its encoded forms) and every credential-shaped value. */
  scrub(text: string): string {
    if (this.#patterns.size > 0) {
      // Longest first, so a secret that contains another is masked whole.
      this.#compiled ??= new RegExp(
        [...this.#patterns]
          .sort(([a], [b]) => b.length - a.length)
          .map(([, pattern]) => pattern)
          .join("|"),
        "gi",
      );
      text = text.replace(this.#compiled, REDACTED);
    }
    return text.replace(CREDENTIAL_PATTERN, `$1${REDACTED}`);
  }

  /**
   * A copy safe to keep and print: strings scrubbed, credential-named fields masked,
   * plain objects and arrays copied, anything else (a `Request`, `Headers`, a class
   * instance) only described, never kept. Used for response bodies and for an error's
   * `cause` when it came from a caller's code (a custom `fetch` that throws an error
   * quoting the request, its URL or headers). Like octokit's RequestError, which redacts
   * a copy of the request and leaves the caller's objects alone: the original is never
   * mutated and never kept; an Error becomes a stand-in with the same `name`, scrubbed
   * `message` and `stack`, its own fields scrubbed the same way, and its `cause` (and an
   * AggregateError's `errors`) replaced likewise. `instanceof` the original's class does
   * not hold for the stand-in.
   */
  scrubValue<T>(value: T, depth = 0): T {
    return this.#copy(value, depth) as T;
  }

  /** An error's `cause` made safe to keep (see scrubValue). */
  scrubCause(value: unknown): unknown {
    return this.#copy(value, 0);
  }

  #copy(value: unknown, depth: number): unknown {
    if (typeof value === "string") return this.scrub(value);
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
    if (depth >= MAX_DEPTH) return "[…]";
    if (Array.isArray(value)) return value.map((item) => this.#copy(item, depth + 1));
    const error = value instanceof Error;
    const proto = Object.getPrototypeOf(value);
    if (!error && proto !== Object.prototype && proto !== null) return this.scrub(describe(value));
    const copy = (error ? new ScrubbedCause(this.scrub(String(value.message))) : {}) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== "function" && typeof item !== "symbol")
        copy[this.scrub(key)] = SECRET_NAME.test(key) ? REDACTED : this.#copy(item, depth + 1);
    }
    if (error) {
      define(copy, "name", this.scrub(String(value.name)));
      define(copy, "stack", typeof value.stack === "string" ? this.scrub(value.stack) : `${copy.name}: ${copy.message}`);
      for (const key of ["cause", "errors"]) {
        const linked = (value as unknown as Record<string, unknown>)[key];
        if (linked !== undefined) define(copy, key, this.#copy(linked, depth + 1));
      }
    }
    return copy;
  }

  /** A URL safe to print: credential query parameters masked, secrets scrubbed. */
  url(url: string): string {
    try {
      const parsed = new URL(url);
      for (const name of [...parsed.searchParams.keys()]) {
        if (SECRET_NAME.test(name)) parsed.searchParams.set(name, REDACTED);
      }
      return this.scrub(parsed.toString());
    } catch {
      return this.scrub(url);
    }
  }
}

/** A URL's text, a request's method and URL, or `[object Headers]`: never the object itself, whose getters may show headers. */
function describe(value: object): string {
  try {
    if (value instanceof URL) return value.href;
    if (typeof Request === "function" && value instanceof Request) return `[Request ${value.method} ${value.url}]`;
    return Object.prototype.toString.call(value);
  } catch {
    return "[object]";
  }
}

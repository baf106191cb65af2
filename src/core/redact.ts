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

/** Header names whose values are credentials (lower case). */
const SECRET_HEADERS = new Set([
  "authorization",
  "x-auth-token",
  "x-subject-token",
  "x-security-token",
  "x-acs-security-token",
  "cookie",
  "set-cookie",
]);

/** Query / body parameter names whose values are credentials (lower case). */
const SECRET_PARAMS = new Set(["signature", "securitytoken", "accesskeysecret", "privatekey", "token", "x-auth-token"]);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase());
}

/** Names that make a `name: value` / `name=value` pair credential-shaped (matched case-insensitively). */
const CREDENTIAL_NAMES = ["signature", "x-auth-token", "x-subject-token", "x-security-token", "x-acs-security-token", "securitytoken", "accesskeysecret", "secretaccesskey", "privatekey"];

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
const CREDENTIAL_PATTERN = new RegExp(`((?:(?<![A-Za-z])|(?<=${PERCENT}[0-9A-F]{2}))(?:${CREDENTIAL_NAMES.join("|")})${SEPARATOR})${VALUE_CHAR}{8,}`, "gi");

const utf8 = new TextEncoder();

/** `A` -> `[Aa]`: a hex digit in either case. */
function hexDigits(value: number, width: number): string {
  return [...value.toString(16).toUpperCase().padStart(width, "0")].map((d) => (d >= "A" ? `[${d}${d.toLowerCase()}]` : d)).join("");
}

/** Every way one character of a secret may come back (see the file comment), as a regular expression. */
function charPattern(char: string): string {
  if (/^[A-Za-z0-9]$/.test(char)) return char;
  const code = char.codePointAt(0)!;
  const forms = [char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&"), [...utf8.encode(char)].map((byte) => PERCENT + hexDigits(byte, 2)).join("")];
  forms.push(`&#0*${code};`, `&#[xX]0*${hexDigits(code, 1)};`);
  if (code <= 0xffff) forms.push(`\\\\u${hexDigits(code, 4)}`);
  if (char === " ") forms.push("\\+");
  if (char === "/") forms.push("\\\\/");
  const named: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  if (named[char]) forms.push(named[char]);
  return `(?:${forms.join("|")})`;
}

/** A stand-in for a caller's error: same name, message, stack and fields, scrubbed. Never the caller's own object. */
class ScrubbedCause extends Error {}

/** How deep causes and nested objects are copied; deeper levels are dropped (cycles end here too). */
const MAX_DEPTH = 6;

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
    let pattern = "";
    for (const char of secret) pattern += charPattern(char);
    this.#patterns.set(secret, pattern);
    this.#compiled = undefined;
  }

  /** Replace every known secret in `text` (in any of its encoded forms) and every credential-shaped value. */
  scrub(text: string): string {
    let out = text;
    if (this.#patterns.size > 0) {
      // Longest first, so a secret that contains another is masked whole.
      this.#compiled ??= new RegExp([...this.#patterns].sort(([a], [b]) => b.length - a.length).map(([, pattern]) => pattern).join("|"), "g");
      out = out.replace(this.#compiled, REDACTED);
    }
    return out.replace(CREDENTIAL_PATTERN, `$1${REDACTED}`);
  }

  /** Deep copy of a JSON-like value with every string scrubbed and every credential-named field masked. */
  scrubValue<T>(value: T, depth = 0): T {
    if (typeof value === "string") return this.scrub(value) as T;
    if (value === null || typeof value !== "object") return value;
    if (depth >= MAX_DEPTH) return "[…]" as T;
    if (Array.isArray(value)) return value.map((item) => this.scrubValue(item, depth + 1)) as T;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[this.scrub(key)] = isSecretParam(key) || isSecretHeader(key) ? REDACTED : this.scrubValue(item, depth + 1);
    return copy as T;
  }

  /**
   * What may be kept as an error's `cause` when the original came from a caller's code
   * (a custom `fetch` that throws an error quoting the request, its URL or headers).
   * Like octokit's RequestError, which redacts a copy of the request and leaves the
   * caller's objects alone: the original is never mutated and never kept; an Error
   * becomes a stand-in with the same `name`, scrubbed `message` and `stack`, its own
   * string, number and boolean fields (`code`, `errno`, `syscall`...) and plain-object
   * fields scrubbed, and its `cause` (and an AggregateError's `errors`) replaced the
   * same way. `instanceof` the original's class does not hold for the stand-in.
   */
  scrubCause(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return this.scrub(value);
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
    if (depth >= MAX_DEPTH) return undefined;
    if (!(value instanceof Error)) return isPlainData(value) ? this.scrubValue(value, depth) : this.scrub(describe(value));
    const standIn = new ScrubbedCause(this.scrub(String(value.message)));
    Object.defineProperty(standIn, "name", { value: this.scrub(String(value.name)), writable: true, configurable: true });
    Object.defineProperty(standIn, "stack", { value: typeof value.stack === "string" ? this.scrub(value.stack) : `${standIn.name}: ${standIn.message}`, writable: true, configurable: true });
    for (const [key, field] of Object.entries(value)) {
      if (key === "cause" || key === "errors" || key === "stack" || key === "message" || key === "name") continue;
      if (typeof field === "function" || typeof field === "symbol") continue;
      (standIn as unknown as Record<string, unknown>)[key] = field !== null && typeof field === "object" && !isPlainData(field) ? this.scrub(describe(field)) : this.scrubValue(field, depth + 1);
    }
    const { cause, errors } = value as { cause?: unknown; errors?: unknown };
    if (cause !== undefined) Object.defineProperty(standIn, "cause", { value: this.scrubCause(cause, depth + 1), writable: true, configurable: true });
    if (Array.isArray(errors)) Object.defineProperty(standIn, "errors", { value: errors.map((item) => this.scrubCause(item, depth + 1)), writable: true, configurable: true });
    return standIn;
  }

  /** A URL safe to print: credential query parameters masked, secrets scrubbed. */
  url(url: string): string {
    try {
      const parsed = new URL(url);
      for (const name of [...parsed.searchParams.keys()]) {
        if (isSecretParam(name)) parsed.searchParams.set(name, REDACTED);
      }
      return this.scrub(parsed.toString());
    } catch {
      return this.scrub(url);
    }
  }

  /** Headers safe to print, as a plain object. */
  headers(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      out[name] = isSecretHeader(name) ? REDACTED : this.scrub(value);
    });
    return out;
  }
}

/** Plain objects and arrays are copied; anything else (a `Request`, `Headers`, a class instance) is only described. */
function isPlainData(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
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

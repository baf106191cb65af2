/**
 * Redaction: secrets (secret keys, tokens, signatures) never reach an error, a log
 * line or anything a caller may print.
 *
 * Two layers, because either alone leaks in some case:
 * 1. By name: credential-bearing headers and query parameters are masked
 *    (`Authorization`, `X-Auth-Token`, `Signature`, ...).
 * 2. By value: every secret this client knows is scrubbed from any string,
 *    wherever it appears (a provider echoing a header back in an error body, a
 *    canonical request quoted in a message).
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
const CREDENTIAL_NAMES = ["signature", "x-auth-token", "x-security-token", "securitytoken", "accesskeysecret", "secretaccesskey", "privatekey"];

/**
 * Credential-shaped text, masked even when the value is unknown to this client
 * (a signature computed for one request, echoed back by a gateway).
 */
const SECRET_PATTERNS: ReadonlyArray<RegExp> = [
  /(\bSignature=)[^,&\s"']{8,}/g,
  new RegExp(`(["']?\\b(?:${CREDENTIAL_NAMES.join("|")})["']?\\s*[:=]\\s*["']?)[^"'&,\\s]{8,}`, "gi"),
];

export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Remember a value that must never be shown (short values are ignored: they would mask ordinary text). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.#secrets.add(secret);
  }

  /** Replace every known secret in `text`. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
    return out;
  }

  /** Deep copy of a JSON-like value with every string scrubbed. */
  scrubValue<T>(value: T): T {
    if (typeof value === "string") return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.scrubValue(item)) as T;
    if (value && typeof value === "object") {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[key] = isSecretParam(key) ? REDACTED : this.scrubValue(item);
      return copy as T;
    }
    return value;
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

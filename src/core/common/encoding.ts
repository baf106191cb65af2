/**
 * RFC 3986 percent-encoding: only `A-Z a-z 0-9 - _ . ~` stay as they are; every
 * other byte of the UTF-8 form becomes `%XX` with upper-case hex. `encodeURIComponent`
 * leaves `! ' ( ) *` alone, which every signing scheme here must encode.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Decode `%XX` sequences and nothing else (`+` stays `+`, as in a URL path). A run of
 * sequences that is not valid UTF-8, or a stray `%`, is kept as written, so one bad
 * sequence does not leave the rest of a path undecoded.
 */
export function percentDecode(value: string): string {
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * The query of a URL as ordered name/value pairs, read as the platform reads it:
 * `application/x-www-form-urlencoded` (the WHATWG URL standard, `URLSearchParams`), so
 * `+` is a space. `URLSearchParams` writes a space as `+`, and the gateways decode a
 * query the same way, so reading `+` as a literal plus would sign `%2B` for a value the
 * server sees with a space.
 */
export function parseQuery(search: string): Array<[string, string]> {
  return [...new URLSearchParams(search)];
}

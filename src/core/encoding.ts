/**
 * RFC 3986 percent-encoding: only `A-Z a-z 0-9 - _ . ~` stay as they are; every
 * other byte of the UTF-8 form becomes `%XX` with upper-case hex. `encodeURIComponent`
 * leaves `! ' ( ) *` alone, which every signing scheme here must encode.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Decode `%XX` sequences (and nothing else: `+` stays `+`, as in a URL path or RFC 3986 query). */
export function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The query of a URL as ordered name/value pairs, decoded per RFC 3986 (so `+` is a
 * literal plus, unlike `URLSearchParams`, which would read it as a space).
 */
export function parseQuery(search: string): Array<[string, string]> {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (!query) return [];
  return query.split("&").filter(Boolean).map((pair) => {
    const at = pair.indexOf("=");
    return at < 0 ? [percentDecode(pair), ""] : [percentDecode(pair.slice(0, at)), percentDecode(pair.slice(at + 1))];
  });
}

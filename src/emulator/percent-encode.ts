/**
 * RFC 3986 percent-encoding as the providers' signing documents define it: the unreserved
 * characters (`A-Z a-z 0-9 - _ . ~`) stay, every other UTF-8 byte is `%XX` in upper case
 * (Huawei's SDK-HMAC-SHA256 canonical URI and query, Alibaba's V1 and V3 canonical strings).
 * The emulator's verifiers share it; the client's signers have their own (each checks the other).
 */
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;

export function percentEncode(text: string): string {
  // Most names, values and path segments need nothing (checked once per part: the hot path).
  if (UNRESERVED.test(text)) return text;
  try {
    // encodeURIComponent writes UTF-8 bytes as upper-case %XX and leaves RFC 3986's unreserved set
    // and `!'()*` alone: those five are all that is left to encode.
    return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    // A lone surrogate: encoded as TextEncoder writes it (U+FFFD), byte by byte.
    return Array.from(new TextEncoder().encode(text), (byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }).join("");
  }
}

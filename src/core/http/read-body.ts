/**
 * Reads a response body with a ceiling. The bytes are counted as they arrive, after
 * the runtime has decompressed them (fetch decodes gzip/deflate/br as a stream), and
 * reading stops as soon as the count passes the limit: a gzip bomb of 1 MB that would
 * inflate to 1 GiB costs at most `limit` bytes of memory, never the whole.
 */

/** The body was larger than the limit; reading stopped and the stream was cancelled. */
export const TOO_LARGE = Symbol("too large");

/**
 * `trustLength`: the runtime's own fetch enforces HTTP framing, so an identity-encoded
 * body with a `Content-Length` within the limit can be read in one go (the cheaper path).
 * A caller's fetch may build a `Response` whose header says anything: it is always counted.
 */
export async function readBodyWithin(response: Response, limit: number, trustLength: boolean): Promise<Uint8Array | typeof TOO_LARGE> {
  const declared = response.headers.get("content-length");
  // With a content coding, Content-Length is the compressed size: it bounds nothing.
  if (declared !== null && !response.headers.has("content-encoding")) {
    const length = Number(declared);
    if (length > limit) {
      await response.body?.cancel().catch(() => {});
      return TOO_LARGE;
    }
    if (trustLength && Number.isSafeInteger(length)) return new Uint8Array(await response.arrayBuffer());
  }
  const body = response.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

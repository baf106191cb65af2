/**
 * Reads a fetch response body with a ceiling. The bytes are counted as they arrive, after
 * the runtime has decompressed them (fetch decodes gzip/deflate/br as a stream), and
 * reading stops as soon as the count passes the limit: a gzip bomb of 1 MB that would
 * inflate to 1 GiB costs at most `limit` bytes of memory, never the whole.
 */
import { utf8 } from "./wire.ts";

/**
 * The body, or `undefined` when it was larger than the limit (reading stopped, the stream was cancelled).
 * Always counted, even under a `Content-Length` within the limit: a caller's fetch may build a
 * `Response` whose header says anything. (Reading such a body in one go saved a little on Node's
 * fetch; Node now sends with node:http, and the fetch path keeps one way to read.)
 */
export async function readBodyWithin(response: Response, limit: number): Promise<string | undefined> {
  // With a content coding, Content-Length is the compressed size: it bounds nothing.
  if (Number(response.headers.get("content-length")) > limit && !response.headers.has("content-encoding")) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  const body = response.body;
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return textOf(chunks, total);
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return;
    }
    chunks.push(value);
  }
}

/** The chunks of a body (`total` bytes) as UTF-8 text, decoded once (a character may span two chunks). */
export function textOf(chunks: Uint8Array[], total: number): string {
  if (chunks.length === 1) return utf8.decode(chunks[0]!);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(bytes);
}

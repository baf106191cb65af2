/**
 * Hashing and HMAC for the signers. Everywhere: WebCrypto (`globalThis.crypto.subtle`), so the same
 * code runs in Node >= 20, browsers, Deno, Bun and edge workers. On Node, when the runtime offers it
 * (`process.getBuiltinModule`, Node 20.16+ and 22.3+), Node's own synchronous `node:crypto` instead:
 * WebCrypto hops to a worker thread for every digest and imports a key for every HMAC, which was most
 * of a signature's cost per call (issue 15). Found at run time, never imported: no `node:` import
 * (test/environment-neutral.test.ts), and a browser bundle carries no Node code.
 */

import { CloudDiskError } from "./errors.ts";
import { nodeBuiltin } from "./node-builtin.ts";

const encoder = new TextEncoder();

export type BytesLike = string | Uint8Array | ArrayBuffer;

/** Bytes of a string (UTF-8), a view of an ArrayBuffer, or a copy of a Uint8Array (in a fresh ArrayBuffer: subtle.digest rejects views of SharedArrayBuffer). */
function toBytes(data: BytesLike): Uint8Array<ArrayBuffer> {
  return typeof data === "string" ? encoder.encode(data) : new Uint8Array(data as ArrayBuffer);
}

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  // Browsers expose it only in secure contexts (https:, localhost); Node ≥ 20, Deno, Bun and workers always.
  if (!api) throw new CloudDiskError("signing needs WebCrypto (crypto.subtle); browsers offer it only over https");
  return api;
}

/** What the fast path uses of `node:crypto` (declared here: the runtime-neutral build has no Node types). */
interface SyncHash {
  update(data: string | Uint8Array): SyncHash;
  digest(): Uint8Array;
  digest(encoding: "hex"): string;
}
interface SyncCrypto {
  createHash(algorithm: string): SyncHash;
  createHmac(algorithm: string, key: string | Uint8Array): SyncHash;
}
/** `node:crypto` on Node, looked up at each hash, not at import: loading it costs Node about 5 ms and 4 MB, which importing the package must not pay. */
const syncCrypto = () => nodeBuiltin<SyncCrypto>("crypto");
// Node takes WebCrypto's names as they are. Strings go as they are too (Node encodes them as UTF-8, as
// TextEncoder would): an HMAC keyed with bytes costs Node about five times one keyed with a string.
const nodeData = (data: BytesLike) => (typeof data === "string" ? data : toBytes(data));

export function toHex(buffer: ArrayBuffer | Uint8Array): string {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** Base64 of a digest or MAC (a few dozen bytes: spread as arguments, well within any engine's limit). */
export function toBase64(buffer: ArrayBuffer | Uint8Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(buffer)));
}

export async function digest(algorithm: "SHA-1" | "SHA-256", data: BytesLike): Promise<ArrayBuffer | Uint8Array> {
  const node = syncCrypto();
  return node ? node.createHash(algorithm).update(nodeData(data)).digest() : subtle().digest(algorithm, toBytes(data));
}

/** A digest in hex. Node writes the hex itself (`digest("hex")`): cheaper than converting its bytes here. */
export async function digestHex(algorithm: "SHA-1" | "SHA-256", data: BytesLike): Promise<string> {
  const node = syncCrypto();
  return node ? node.createHash(algorithm).update(nodeData(data)).digest("hex") : toHex(await subtle().digest(algorithm, toBytes(data)));
}

export const sha256Hex = (data: BytesLike): Promise<string> => digestHex("SHA-256", data);

export async function hmac(algorithm: "SHA-1" | "SHA-256", key: BytesLike, message: BytesLike): Promise<ArrayBuffer | Uint8Array> {
  const node = syncCrypto();
  if (node) return node.createHmac(algorithm, nodeData(key)).update(nodeData(message)).digest();
  const cryptoKey = await subtle().importKey("raw", toBytes(key), { name: "HMAC", hash: algorithm }, false, ["sign"]);
  return subtle().sign("HMAC", cryptoKey, toBytes(message));
}

/** An HMAC in hex (Node writes the hex itself, as for `digestHex`). */
export async function hmacHex(algorithm: "SHA-1" | "SHA-256", key: BytesLike, message: BytesLike): Promise<string> {
  const node = syncCrypto();
  return node
    ? node.createHmac(algorithm, nodeData(key)).update(nodeData(message)).digest("hex")
    : toHex(await hmac(algorithm, key, message));
}

/**
 * RFC 4122 version 4, from the platform. Every runtime that can sign has `crypto.randomUUID` (Node 19+,
 * Deno, Bun, workers; browsers in the secure contexts where `crypto.subtle` exists at all), so there is no
 * fallback of our own: where it is missing, signing could not work either.
 */
export function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * A signature nonce: 32 hex characters, 122 of their 128 bits random (a version 4 UUID without its
 * dashes). Node serves `randomUUID` from a cached pool of entropy: a quarter of the cost of
 * `getRandomValues` on 16 bytes plus their hex, per signature.
 */
export function randomNonce(): string {
  return randomUuid().replaceAll("-", "");
}

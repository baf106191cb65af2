/**
 * Hashing and HMAC through WebCrypto (`globalThis.crypto.subtle`) only, so the same
 * code runs in Node >= 20, browsers, Deno, Bun and edge workers. No `node:` import.
 */

import { CloudDiskError } from "./errors.ts";

const encoder = new TextEncoder();

export type BytesLike = string | Uint8Array | ArrayBuffer;

function toBytes(data: BytesLike): Uint8Array<ArrayBuffer> {
  if (typeof data === "string") return encoder.encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  // Copy into a fresh ArrayBuffer: subtle.digest rejects views of SharedArrayBuffer.
  return new Uint8Array(data);
}

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  // Browsers expose it only in secure contexts (https:, localhost); Node ≥ 20, Deno, Bun and workers always.
  if (!api) throw new CloudDiskError("signing needs WebCrypto (crypto.subtle); browsers offer it only over https");
  return api;
}

export function toHex(buffer: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += byte.toString(16).padStart(2, "0");
  return out;
}

export function toBase64(buffer: ArrayBuffer): string {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export async function digest(algorithm: "SHA-1" | "SHA-256", data: BytesLike): Promise<ArrayBuffer> {
  return subtle().digest(algorithm, toBytes(data));
}

export async function sha256Hex(data: BytesLike): Promise<string> {
  return toHex(await digest("SHA-256", data));
}

export async function hmac(algorithm: "SHA-1" | "SHA-256", key: BytesLike, message: BytesLike): Promise<ArrayBuffer> {
  const cryptoKey = await subtle().importKey("raw", toBytes(key), { name: "HMAC", hash: algorithm }, false, ["sign"]);
  return subtle().sign("HMAC", cryptoKey, toBytes(message));
}

export function randomHex(bytes = 16): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return toHex(buffer.buffer);
}

/** RFC 4122 version 4, from the platform when it has `randomUUID`. */
export function randomUuid(): string {
  if (typeof globalThis.crypto?.randomUUID === "function") return globalThis.crypto.randomUUID();
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = toHex(b.buffer);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Node's synchronous `node:crypto` path (src/core/common/webcrypto.ts), which Node 20.16+/22.3+ takes, and
 * WebCrypto agree: the same digests and HMACs for the published vectors and for random inputs (strings,
 * bytes, ArrayBuffers, empty and long). test/signers-webcrypto.test.ts runs every signer vector on the
 * WebCrypto path; the signer test files themselves run on this one.
 */
import { describe, expect, it } from "vitest";
import { digest, hmac, sha256Hex, toHex } from "../src/core/common/webcrypto.ts";
import { usesNodeCrypto } from "./helpers/transport.ts";

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const bytesOf = (data: string | Uint8Array | ArrayBuffer) =>
  typeof data === "string" ? encoder.encode(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);

describe("node:crypto path", () => {
  it("is taken on this Node", () => {
    expect(typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule).toBe("function");
    expect(usesNodeCrypto()).toBe(true);
  });

  it("gives the published digests and RFC 4231 HMACs", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(await digest("SHA-1", "abc"))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(toHex(await hmac("SHA-256", "Jefe", "what do ya want for nothing?"))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("agrees with WebCrypto on random inputs of every kind", async () => {
    const inputs: Array<string | Uint8Array | ArrayBuffer> = ["", "é€😀 mixed", "x".repeat(100_000)];
    for (let i = 0; i < 20; i++) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(i * 37));
      inputs.push(bytes, bytes.buffer, bytes.subarray(1));
    }
    for (const [index, data] of inputs.entries()) {
      for (const algorithm of ["SHA-1", "SHA-256"] as const) {
        const expected = toHex(await subtle.digest(algorithm, bytesOf(data)));
        expect(toHex(await digest(algorithm, data)), `${algorithm} of input ${index}`).toBe(expected);
        const key = inputs[(index + 1) % inputs.length]!;
        const cryptoKey = await subtle.importKey(
          "raw",
          bytesOf(key).length ? bytesOf(key) : new Uint8Array([0]),
          { name: "HMAC", hash: algorithm },
          false,
          ["sign"],
        );
        const mac = toHex(await subtle.sign("HMAC", cryptoKey, bytesOf(data)));
        const ours = toHex(await hmac(algorithm, bytesOf(key).length ? key : new Uint8Array([0]), data));
        expect(ours, `HMAC-${algorithm} of input ${index}`).toBe(mac);
      }
    }
  });

  it("hands back the digest alone: 32 bytes read as 32 (a view is read within its bounds)", async () => {
    const out = await digest("SHA-256", "abc");
    expect(out.byteLength).toBe(32);
    expect(toHex(out)).toHaveLength(64);
    // toHex reads a view within its bounds, whatever buffer it sits in.
    const padded = new Uint8Array([0xff, 0xab, 0xcd, 0xff]);
    expect(toHex(padded.subarray(1, 3))).toBe("abcd");
  });
});

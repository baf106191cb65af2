/**
 * The signers on the WebCrypto path, in Node: `process.getBuiltinModule` is hidden before any hash
 * (helpers/hide-node-builtins.ts), so src/core/common/webcrypto.ts finds no `node:crypto` and hashes with
 * `crypto.subtle`, as browsers, Deno and workers do; then every signer vector test of the three providers
 * runs here again (they register their tests in this file). The normal run of those files takes the
 * synchronous `node:crypto` path: the same vectors hold on both.
 */
import { restoreNodeBuiltins } from "./helpers/hide-node-builtins.ts";
import { afterAll, describe, expect, it, vi } from "vitest";
import { CloudDiskError } from "../src/core/common/errors.ts";
import { hmac, sha256Hex, toHex } from "../src/core/common/webcrypto.ts";
import { usesNodeCrypto } from "./helpers/transport.ts";
import "./huawei-signer.test.ts";
import "./alibaba-signers.test.ts";
import "./ucloudstack-signer.test.ts";

afterAll(restoreNodeBuiltins);

describe("the WebCrypto path", () => {
  it("is the one taken here, and gives the published digests", async () => {
    expect(usesNodeCrypto()).toBe(false);
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // RFC 4231 test case 2.
    expect(toHex(await hmac("SHA-256", "Jefe", "what do ya want for nothing?"))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("a missing WebCrypto is a CloudDiskError that says so, not a bare TypeError", async () => {
    vi.stubGlobal("crypto", {});
    try {
      const error = await sha256Hex("x").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CloudDiskError);
      expect((error as Error).message).toContain("WebCrypto");
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

/**
 * Every transport rule on the fetch path too. In Node, calls without a `fetch` option go through
 * node:http(s) (src/core/http/node-exchange.ts); browsers, Deno, Bun and workers use fetch. Here
 * `process.getBuiltinModule` is hidden before any call (helpers/hide-node-builtins.ts), so the client
 * finds no Node module and sends with the global fetch (and signs with WebCrypto), as those runtimes
 * do; then the reliability, hardening, secrets, pagination and wire suites run here again (they
 * register their tests in this file). Their normal run takes the Node transport: the same tests
 * hold on both.
 */
import { restoreNodeBuiltins } from "./helpers/hide-node-builtins.ts";
import { afterAll, describe, expect, it } from "vitest";
import { usesNodeCrypto, usesNodeTransport } from "./helpers/transport.ts";
import "./reliability.test.ts";
import "./transport-hardening.test.ts";
import "./secrets.test.ts";
import "./secrets-echoed.test.ts";
import "./pagination.test.ts";
import "./pagination-pages.test.ts";
import "./pagination-token-offset.test.ts";
import "./pagination-page-number.test.ts";
import "./alibaba-client.test.ts";
import "./ucloudstack-client.test.ts";

afterAll(restoreNodeBuiltins);

describe("the fetch path", () => {
  it("is the one taken here: no Node transport, no node:crypto", () => {
    expect(usesNodeTransport()).toBe(false);
    expect(usesNodeCrypto()).toBe(false);
  });
});

import { nodeBuiltin } from "../../src/core/common/node-builtin.ts";

/** Whether calls without a `fetch` option go through node:http(s) here (src/core/http/exchange.ts chooses it where `nodeBuiltin` finds Node's modules). */
export const usesNodeTransport = (): boolean => nodeBuiltin("http") !== undefined;

/** Whether the signers hash with `node:crypto` here (src/core/common/webcrypto.ts takes it where `nodeBuiltin` finds it). */
export const usesNodeCrypto = (): boolean => nodeBuiltin("crypto") !== undefined;

/**
 * Imported first by a test file that runs the package as browsers, Deno and workers do: hides
 * `process.getBuiltinModule`, so `nodeBuiltin` (src/core/common/node-builtin.ts) finds no Node module
 * and the package signs with WebCrypto and sends with `fetch`. It looks at each call (the transport
 * once, on the first call), so hiding it before the first call is enough. The test file restores it
 * in `afterAll(restoreNodeBuiltins)`: the worker's `process` outlives the file.
 */
const runtime = globalThis.process as { getBuiltinModule?: unknown };
const original = runtime.getBuiltinModule;
runtime.getBuiltinModule = undefined;

export function restoreNodeBuiltins(): void {
  runtime.getBuiltinModule = original;
}

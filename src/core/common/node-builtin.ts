/**
 * Node's own modules, found at run time, on Node only: `process.getBuiltinModule` (Node 20.16+
 * and 22.3+). Never imported: no `node:` import outside the emulator (test/environment-neutral.test.ts),
 * so a browser bundle carries no Node code and importing the package loads no Node module.
 * Deno and Bun offer `getBuiltinModule` through their Node layers; they keep `fetch` and
 * WebCrypto, the paths built for them (issue 15).
 */
interface Runtime {
  process?: { getBuiltinModule?: (id: string) => unknown; versions?: { bun?: string } };
  Deno?: unknown;
}

/** `node:<id>` when the runtime is Node, else `undefined` (a lookup costs about 0.1 µs once the module is loaded). */
export function nodeBuiltin<T>(id: string): T | undefined {
  const { process, Deno } = globalThis as Runtime;
  return Deno || process?.versions?.bun ? undefined : (process?.getBuiltinModule?.(`node:${id}`) as T | undefined);
}

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "contract-tests/**/*.test.ts"],
    // Starts one in-process Prism mock per spec (contract-tests/global-setup.ts) and stops them after.
    globalSetup: ["contract-tests/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The machine has two cores.
    maxWorkers: 2,
  },
});

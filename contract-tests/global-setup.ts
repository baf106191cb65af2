/**
 * Starts one in-process Prism mock per spec in redocly.yaml on a free port before
 * the tests, and stops them after: no child processes, nothing left running.
 * Tests read the URLs with `inject("mocks")`.
 */
import type { TestProject } from "vitest/node";
import { mockCatalog } from "../scripts/mock/catalog.ts";
import { startAllMocks } from "../scripts/mock/prism-server.ts";

declare module "vitest" {
  interface ProvidedContext {
    /** redocly.yaml API name -> base URL of its running mock. */
    mocks: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const mocks = await startAllMocks(await mockCatalog());
  project.provide("mocks", mocks.urls);
  return () => mocks.close();
}

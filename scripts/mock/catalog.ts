/**
 * Which mocks exist and on which port: one per API in redocly.yaml, in file order,
 * from port 4010 up (override with MOCK_BASE_PORT). Adding a spec to redocly.yaml
 * adds its mock; nothing here changes.
 */
import { resolve } from "node:path";
import { loadConfig } from "@redocly/openapi-core";

export const projectRoot = resolve(import.meta.dirname, "..", "..");

export interface MockEntry {
  /** The redocly.yaml API name (`huawei-evs`). */
  name: string;
  spec: string;
  port: number;
}

export async function mockCatalog(basePort = Number(process.env.MOCK_BASE_PORT ?? 4010)): Promise<MockEntry[]> {
  const config = await loadConfig({ configPath: resolve(projectRoot, "redocly.yaml") });
  const apis = config.apis as Record<string, { root: string }>;
  return Object.entries(apis).map(([name, api], index) => ({ name, spec: resolve(projectRoot, api.root), port: basePort + index }));
}

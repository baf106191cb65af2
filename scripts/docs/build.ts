/**
 * `npm run docs`: builds the API docs site into site/ (not committed).
 *
 *   site/index.html     landing page (README intro, install, quick starts, errors, links)
 *   site/<api>.html     one Redoc page per redocly.yaml API, self-contained (--inlineBundle)
 *   site/rosetta.html   README "Rosetta: one task, three providers", linked from the landing page
 *   site/testing.html   README "Testing your code" (the emulator), linked from the landing page
 *   site/errata.html    openapi/ERRATA.md as HTML
 *   site/site.json      the page list, with each API page's operations at their wire paths
 *
 * Each API is bundled with Redocly's Node API, turned into its docs view by
 * transform.ts (RPC wire paths, TypeScript x-codeSamples), written to a temp file
 * and rendered by `redocly build-docs` with the docs-only config
 * scripts/docs/redocly.docs.yaml (redocly.yaml stays as lint and generation need it).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { bundleApi, listDocApis, operationsOf, projectRoot, readApi, type DocApi } from "./apis.ts";
import { errataPage, landingPage, readmeSectionPage, ROSETTA_SECTION, TESTING_SECTION, type ApiPageLink } from "./landing.ts";
import { makeOffline, redocTelemetryDisabled, remoteReferences } from "./offline.ts";
import { docsDocument, wirePaths } from "./transform.ts";

export const defaultSiteDir = resolve(projectRoot, "site");
const redoclyCli = resolve(projectRoot, "node_modules", "@redocly", "cli", "bin", "cli.js");
const docsConfig = resolve(import.meta.dirname, "redocly.docs.yaml");

export interface SiteOperation {
  operationId: string;
  summary: string;
  method: string;
  /** Where the call goes: the wire form (`/?Action=ResetDisks`) for RPC actions, the real path for body-selected ones. */
  path: string;
  rpcAction?: string;
  /** Body-selected operations: the body that selects this one (`{"os-stop": …}`). */
  selectedBy?: string;
}

export interface SitePage {
  /** `index.html`, `huawei-evs.html`, `errata.html` */
  file: string;
  kind: "landing" | "api" | "rosetta" | "testing" | "errata";
  title: string;
  api?: string;
  operations?: SiteOperation[];
}

export interface BuildResult {
  outDir: string;
  pages: SitePage[];
  milliseconds: number;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${relative(projectRoot, args[0] ?? command)} ${args.slice(1).join(" ")} exited ${code}:\n${output}`)),
    );
  });
}

/** Runs `task` over `items`, at most `limit` at a time (the machine has two cores). */
async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!);
      }
    }),
  );
  return results;
}

async function buildApiPage(api: DocApi, outDir: string, workDir: string): Promise<{ page: SitePage; link: ApiPageLink }> {
  const source = await bundleApi(api);
  const model = await readApi(api);
  const document = docsDocument(source, model, api);
  const bundleFile = join(workDir, `${api.name}.json`);
  writeFileSync(bundleFile, JSON.stringify(document));
  const file = `${api.name}.html`;
  const output = join(outDir, file);
  await run(process.execPath, [redoclyCli, "build-docs", bundleFile, "--inlineBundle", "--config", docsConfig, "--output", output]);
  const html = makeOffline(readFileSync(output, "utf8"));
  const remote = remoteReferences(html);
  if (remote.length) throw new Error(`docs: ${file} would load remote resources: ${remote.join(", ")}`);
  if (!redocTelemetryDisabled(html))
    throw new Error(`docs: ${file} has Redoc telemetry enabled (expected \`telemetry: off\` in ${relative(projectRoot, docsConfig)})`);
  writeFileSync(output, html);

  const paths = wirePaths(model);
  const operations: SiteOperation[] = operationsOf(source).map(({ operation }) => ({
    operationId: operation.operationId,
    summary: operation.summary ?? operation.operationId,
    ...paths[operation.operationId]!,
  }));
  const title: string = source.info?.title ?? api.name;
  return {
    page: { file, kind: "api", title, api: api.name, operations },
    link: {
      file,
      name: api.name,
      provider: api.provider,
      operationList: operations.map(({ operationId, summary, method, path, selectedBy }) => ({
        operationId,
        summary,
        method,
        path,
        ...(selectedBy ? { selectedBy } : {}),
      })),
      title,
      summary: source.info?.summary ?? "",
      operations: operations.length,
      rpc: operations.some((op) => op.rpcAction),
    },
  };
}

export async function buildSite(options: { outDir?: string; log?: (line: string) => void } = {}): Promise<BuildResult> {
  const started = performance.now();
  const outDir = options.outDir ?? defaultSiteDir;
  const log = options.log ?? (() => {});
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "cloud-disk-docs-"));
  try {
    const apis = await listDocApis();
    const built = await pool(apis, 2, async (api) => {
      const result = await buildApiPage(api, outDir, workDir);
      log(`  ${result.page.file}: ${result.page.operations!.length} operations`);
      return result;
    });
    const links = built.map((entry) => entry.link);
    const providers = [...new Set(apis.map((api) => api.provider))];

    const readme = readFileSync(resolve(projectRoot, "README.md"), "utf8");
    const errata = readFileSync(resolve(projectRoot, "openapi", "ERRATA.md"), "utf8");
    const pages: SitePage[] = [
      { file: "index.html", kind: "landing", title: "cloud-disk-openapi" },
      ...built.map((entry) => entry.page),
      { file: "rosetta.html", kind: "rosetta", title: ROSETTA_SECTION },
      { file: "testing.html", kind: "testing", title: TESTING_SECTION },
      { file: "errata.html", kind: "errata", title: "ERRATA" },
    ];
    for (const [file, html] of [
      ["index.html", landingPage(readme, links, providers)],
      ["rosetta.html", readmeSectionPage(readme, ROSETTA_SECTION, links)],
      ["testing.html", readmeSectionPage(readme, TESTING_SECTION, links)],
      ["errata.html", errataPage(errata, links)],
    ] as const) {
      const remote = remoteReferences(html);
      if (remote.length) throw new Error(`docs: ${file} would load remote resources: ${remote.join(", ")}`);
      writeFileSync(join(outDir, file), html);
      log(`  ${file}`);
    }
    writeFileSync(join(outDir, "site.json"), `${JSON.stringify({ pages }, null, 2)}\n`);
    return { outDir, pages, milliseconds: Math.round(performance.now() - started) };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    const result = await buildSite({ log: (line) => console.log(line) });
    console.log(
      `docs: ${result.pages.length} pages in ${relative(process.cwd(), result.outDir) || "."}/ (${(result.milliseconds / 1000).toFixed(1)} s); serve with \`npm run docs:serve\``,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

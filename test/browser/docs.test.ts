/**
 * The docs site in a real browser (Debian's Chromium through playwright-core): the
 * site is built fresh by scripts/docs/build.ts (into a temporary directory), served
 * from 127.0.0.1 by scripts/docs/serve.ts, and every page is opened. Each page must
 * render, log no console error and request nothing beyond localhost (data:/blob:
 * allowed). Each API page must list every operation of its
 * spec at its wire path (`POST /?Action=ResetDisks` for RPC actions), show the
 * TypeScript sample calling it through our client (in the page), and Redoc's search finds a
 * spread of them (first, last and between) and leads to each one's sample.
 * The "Testing your code" page (the emulator, from the README section of that name) is linked
 * from the landing page and shows that section's headings and code.
 * A full-page screenshot of every page goes to test-artifacts/screenshots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleApi, listDocApis, operationsOf, projectRoot, readApi, type DocApi, type Json } from "../../scripts/docs/apis.ts";
import { operationById } from "../../scripts/lib/spec-reader.ts";
import { buildSite, type BuildResult, type SitePage } from "../../scripts/docs/build.ts";
import { serveDirectory, type StaticServer } from "../../scripts/docs/serve.ts";
import { browserAvailable, launchChromium } from "../helpers/browser.ts";

const screenshots = resolve(projectRoot, "test-artifacts", "screenshots");
const PAGE_TIMEOUT = 30_000;
/** A search group visits up to SEARCH_GROUP operations one after the other (about 1.5 s each on 2 busy cores). */
const SEARCH_TIMEOUT = 45_000;

/** What the spec itself says each page must show: method, wire path, summary, client method. */
interface ExpectedOperation {
  operationId: string;
  method: string;
  wirePath: string;
  summary: string;
  clientCall: string;
  deprecated: boolean;
}

async function expectedOperations(api: DocApi): Promise<ExpectedOperation[]> {
  const document: Json = await bundleApi(api);
  const model = await readApi(api);
  return operationsOf(document).map(({ path, method, operation }) => {
    const action = operationById(model, operation.operationId).rpcAction;
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      wirePath: action ? `/?Action=${action}` : path,
      summary: operation.summary ?? operation.operationId,
      deprecated: operation.deprecated === true,
      clientCall: `${api.clientVariable}.${operation.operationId.charAt(0).toLowerCase()}${operation.operationId.slice(1)}(`,
    };
  });
}

/** Every API of redocly.yaml, with what its page must show: a new spec is tested with no change here. */
const docApis = await listDocApis();
const apiNames = docApis.map((api) => api.name);
const expectations = new Map(
  await Promise.all(docApis.map(async (api) => [api.name, { api, operations: await expectedOperations(api) }] as const)),
);
/**
 * Redoc's search, driven through the UI, costs about 5 s an operation; with every operation of
 * the specs that would be many minutes. So each page searches SEARCHED_PER_API operations
 * spread over its spec (first, last and evenly between), in one page, while a cheap check below
 * finds every operation's TypeScript sample in every page.
 */
const SEARCHED_PER_API = 4;
const searchGroups = apiNames.map((name) => {
  const { operations } = expectations.get(name)!;
  const count = Math.min(SEARCHED_PER_API, operations.length);
  const indices = [...new Set(Array.from({ length: count }, (_, i) => Math.round((i * (operations.length - 1)) / Math.max(count - 1, 1))))];
  const group = indices.map((index) => operations[index]!);
  return [name, group.map((op) => op.operationId).join(", "), group, 0] as const;
});

/** A page opened with every request, console error and uncaught exception recorded. */
interface Visit {
  page: Page;
  requests: string[];
  errors: string[];
}

function isLocal(url: string): boolean {
  if (url.startsWith("data:") || url.startsWith("blob:")) return true;
  try {
    const { hostname, protocol } = new URL(url);
    return (protocol === "http:" || protocol === "https:") && ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
  } catch {
    return false;
  }
}

describe.skipIf(!browserAvailable())("docs site in headless Chromium", () => {
  let build: BuildResult;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    // Always a fresh build, so the site reflects the specs and README as they are now; into a
    // private directory, so a concurrent `npm run docs` (or another run of this suite) cannot
    // swap site/ under the browser.
    [build, browser] = await Promise.all([buildSite({ outDir: mkdtempSync(join(tmpdir(), "cloud-disk-docs-site-")) }), launchChromium()]);
    server = await serveDirectory(build.outDir);
    mkdirSync(screenshots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  async function visit(file: string): Promise<Visit> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console.error: ${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
    page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    const response = await page.goto(new URL(file, server.url).href, { waitUntil: "load" });
    expect(response?.status(), `${file} HTTP status`).toBe(200);
    return { page, requests, errors };
  }

  async function finish(visited: Visit, name: string): Promise<void> {
    await visited.page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage: true });
    expect(visited.errors, "console errors, uncaught exceptions, failed requests").toEqual([]);
    expect(
      visited.requests.filter((url) => !isLocal(url)),
      "requests that left localhost",
    ).toEqual([]);
    expect(visited.requests.length, "requests recorded").toBeGreaterThan(0);
    await visited.page.context().close();
  }

  it("built every page: landing, one per redocly.yaml API, rosetta, testing, errata", () => {
    expect(build.pages.map((page) => page.file)).toEqual([
      "index.html",
      ...apiNames.map((name) => `${name}.html`),
      "rosetta.html",
      "testing.html",
      "errata.html",
    ]);
  });

  it(
    "landing page: intro, install, a quick start per provider, errors, every operation by provider, links to every page",
    async () => {
      const visited = await visit("index.html");
      const { page } = visited;
      await expect(page.getByRole("heading", { level: 1, name: "cloud-disk-openapi" }).isVisible()).resolves.toBe(true);
      await expect(page.getByText("npm install cloud-disk-openapi", { exact: true }).isVisible()).resolves.toBe(true);
      const text = await page.locator("main").innerText();
      for (const { api } of expectations.values()) {
        expect(text, `quick start or link for ${api.name}`).toContain(api.importPath);
        expect(await page.locator(`main a[href="${api.name}.html"]`).count(), `link to ${api.name}.html`).toBeGreaterThan(0);
      }
      const readme = readFileSync(resolve(projectRoot, "README.md"), "utf8");
      for (const provider of new Set([...expectations.values()].map(({ api }) => api.provider))) {
        const quickStart = page.locator("pre code", { hasText: `from "cloud-disk-openapi/${provider}"` }).first();
        const code = await quickStart.innerText();
        expect(code, `${provider} quick start creates a client`).toMatch(/\bcreate\w+Client\(/);
        expect(readme, `${provider} quick start is a README block`).toContain(code.trim());
      }
      for (const name of ["CloudDiskError", "ApiError", "NotFoundError", "InvalidStateError", "ThrottledError", "InvalidParameterError"])
        expect(text).toContain(name);
      expect(await page.locator('main a[href="errata.html"]').count()).toBeGreaterThan(0);
      // Every operation of every spec is listed under its provider, linked to its service's page.
      for (const { api } of expectations.values()) {
        const table = page.locator(`h3#operations-${api.provider} + table`);
        for (const servicePage of build.pages.filter((built) => built.api === api.name))
          for (const operation of servicePage.operations!) {
            // One row per operation of the service (two services may share a name: EVS and ECS `ShowJob`).
            const row = table
              .locator("tr", { has: page.locator("code", { hasText: new RegExp(`^${operation.operationId}$`) }) })
              .filter({ has: page.locator(`a[href="${api.name}.html"]`) });
            expect(await row.count(), `${api.name} ${operation.operationId} on the landing page`).toBe(1);
          }
      }
      // Every link of the landing page resolves on the local server.
      const hrefs = await page.$$eval("a[href]", (links) => links.map((link) => (link as HTMLAnchorElement).href));
      for (const href of new Set(hrefs.filter((href) => href.startsWith(server.url)).map((href) => href.split("#")[0]!))) {
        const response = await page.request.get(href);
        expect(response.status(), href).toBe(200);
      }
      await finish(visited, "index");
    },
    PAGE_TIMEOUT,
  );

  it(
    "rosetta page: linked from the landing page; the README section's table (every task; task, three providers, the manager) and every code block",
    async () => {
      const readme = readFileSync(resolve(projectRoot, "README.md"), "utf8");
      const section = readme.slice(readme.indexOf("\n## Rosetta: one task, three providers\n") + 1);
      const body = section.slice(section.indexOf("\n") + 1, section.search(/\n## (?!#)/) < 0 ? undefined : section.search(/\n## (?!#)/));
      expect(body, "README has the Rosetta section").toContain("createSnapshotManager");
      const landing = await visit("index.html");
      expect(await landing.page.locator('main a[href="rosetta.html"]').count(), "landing page links rosetta.html").toBeGreaterThan(0);
      await landing.page.context().close();

      const visited = await visit("rosetta.html");
      const { page } = visited;
      await expect(page.getByRole("heading", { level: 1, name: "Rosetta: one task, three providers" }).isVisible()).resolves.toBe(true);
      const tasks = [...body.matchAll(/^\| ([^|]+?) \|/gm)].map((match) => match[1]!).filter((cell) => cell !== "Task" && cell !== "---");
      expect(tasks.length, "tasks in the README table").toBeGreaterThanOrEqual(6);
      const rows = await page.locator("main table tr").allInnerTexts();
      for (const task of tasks)
        expect(
          rows.some((row) => row.startsWith(task)),
          task,
        ).toBe(true);
      expect(await page.locator("main table tr").first().locator("th").count(), "task + three providers + the manager").toBe(5);
      const blocks = [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
      expect(blocks.length, "TypeScript blocks in the section").toBeGreaterThanOrEqual(4);
      const shown = (await page.locator("pre code").allInnerTexts()).map((code) => code.trim());
      for (const block of blocks) expect(shown, "every TypeScript block of the section").toContain(block);
      await finish(visited, "rosetta");
    },
    PAGE_TIMEOUT,
  );

  it(
    "testing page: linked from the landing page; the README's 'Testing your code' headings, code and stateful-operation list",
    async () => {
      const readme = readFileSync(resolve(projectRoot, "README.md"), "utf8");
      const section = readme.slice(readme.indexOf("\n## Testing your code\n") + 1);
      const body = section.slice(section.indexOf("\n") + 1, section.search(/\n## (?!#)/) < 0 ? undefined : section.search(/\n## (?!#)/));
      expect(body, "README has a 'Testing your code' section").toContain("cloud-disk-openapi/emulator");

      const landing = await visit("index.html");
      expect(await landing.page.locator('main a[href="testing.html"]').count(), "landing page links testing.html").toBeGreaterThan(0);
      await landing.page.context().close();

      const visited = await visit("testing.html");
      const { page } = visited;
      await expect(page.getByRole("heading", { level: 1, name: "Testing your code" }).isVisible()).resolves.toBe(true);
      for (const [, heading] of body.matchAll(/^###\s+(.+)$/gm))
        await expect(page.getByRole("heading", { level: 3, name: heading!.trim() }).isVisible(), heading).resolves.toBe(true);
      const blocks = [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
      expect(blocks.length, "TypeScript blocks in the section").toBeGreaterThan(0);
      const shown = (await page.locator("pre code").allInnerTexts()).map((code) => code.trim());
      for (const block of blocks) expect(shown, "every TypeScript block of the section").toContain(block);
      const text = await page.locator("main").innerText();
      for (const name of ["startEmulator", "ManualClock", "failNext", "onExchange", "CreateSnapshot", "RollbackSnapshot"])
        expect(text).toContain(name);
      expect(text, "the generated blocks' marker comments are not shown").not.toContain("emulator-operations:start");
      await finish(visited, "testing");
    },
    PAGE_TIMEOUT,
  );

  it(
    "errata page: every section and numbered entry of openapi/ERRATA.md",
    async () => {
      const markdown = readFileSync(resolve(projectRoot, "openapi", "ERRATA.md"), "utf8");
      const visited = await visit("errata.html");
      const { page } = visited;
      const title = /^#\s+(.+)$/m.exec(markdown)![1]!;
      await expect(page.getByRole("heading", { level: 1, name: title }).isVisible()).resolves.toBe(true);
      for (const [, heading] of markdown.matchAll(/^##\s+(.+)$/gm)) {
        await expect(page.getByRole("heading", { level: 2, name: heading!.trim() }).isVisible(), heading).resolves.toBe(true);
      }
      const entries = [...markdown.matchAll(/^(\d+)\.\s/gm)].length;
      expect(await page.locator("main > ol > li").count(), "numbered ERRATA entries rendered as list items").toBe(entries);
      await finish(visited, "errata");
    },
    PAGE_TIMEOUT,
  );

  // Concurrent: most of the time goes to rendering and Redoc's 500 ms search debounce, and
  // the search checks are split into small groups, each in its own page.
  describe.concurrent("API reference pages", () => {
    it.each(apiNames.map((name) => [name]))(
      "%s: renders, lists every operation at its wire path",
      async (name) => {
        const { operations } = expectations.get(name)!;
        const sitePage = build.pages.find((page: SitePage) => page.api === name)!;
        const visited = await visit(sitePage.file);
        const { page } = visited;

        // Renders: the spec's title as the page heading.
        await page.getByRole("heading", { level: 1 }).filter({ hasText: sitePage.title }).first().waitFor();

        // Every operation appears at its wire path in the tag overviews, which Redoc renders only
        // near the viewport on a long page: walk down the page a screen at a time (back to the top at
        // the end) and collect every link seen until every operation has been. A link reads
        // "post/?Action=ResetDisks" (plus Redoc's "deprecated" badge where the spec says so).
        const linkText = (op: ExpectedOperation) => `${op.method.toLowerCase()}${op.wirePath}${op.deprecated ? "deprecated" : ""}`;
        const seen = new Set<string>();
        await expect
          .poll(
            async () => {
              const links = await page.evaluate(() => {
                const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
                window.scrollTo(0, atEnd ? 0 : window.scrollY + window.innerHeight * 0.8);
                return [...document.querySelectorAll("a")].map((link) => (link.textContent ?? "").replace(/\s+/g, ""));
              });
              for (const link of links) seen.add(link);
              return operations.filter((op) => !seen.has(linkText(op))).map((op) => `${op.method} ${op.wirePath} (${op.operationId})`);
            },
            { timeout: 60_000, interval: 150, message: "operations not listed at their wire path" },
          )
          .toEqual([]);
        const listed = [...seen];
        for (const op of operations.filter((op) => op.wirePath.startsWith("/?Action="))) {
          expect(
            listed.some((text) => text.includes(`/${op.operationId}`) && !text.includes("Action=")),
            `pseudo-path /${op.operationId} shown`,
          ).toBe(false);
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await finish(visited, name);
      },
      PAGE_TIMEOUT,
    );

    it.each(apiNames.map((name) => [name]))("%s: every operation's TypeScript sample is in the page", (name) => {
      const sitePage = build.pages.find((page: SitePage) => page.api === name)!;
      const html = readFileSync(join(build.outDir, sitePage.file), "utf8");
      const missing = expectations.get(name)!.operations.filter((op) => !html.includes(op.clientCall));
      expect(missing.map((op) => op.operationId)).toEqual([]);
    });

    it.each(searchGroups)(
      "%s: search finds %s by name; each shows its TypeScript sample",
      async (name, _label, group, groupIndex) => {
        const sitePage = build.pages.find((page: SitePage) => page.api === name)!;
        const visited = await visit(sitePage.file);
        const { page } = visited;
        for (const [index, op] of group.entries()) {
          // Redoc indexes the operation's name (its summary), path and description.
          await page.keyboard.press("Escape");
          await page.getByTestId("search-trigger").click();
          await page.getByTestId("search-dialog").getByRole("textbox").fill(op.summary);
          const result = page
            .getByTestId("search-dialog")
            .locator('[data-component-name="Search/SearchItem"]')
            .filter({ hasText: op.summary })
            .filter({ hasText: op.wirePath })
            .first();
          await result.waitFor({ state: "visible" });
          // The result leads to the operation, whose sample calls it through our client.
          await result.click();
          await page.locator("h1, h2, h3").filter({ hasText: op.summary }).first().waitFor({ state: "visible" });
          await page.getByText(op.clientCall).first().waitFor({ state: "visible" });
          if (groupIndex === 0 && index === 0) await page.screenshot({ path: resolve(screenshots, `${name}.operation.png`) });
        }
        expect(visited.errors, "console errors, uncaught exceptions, failed requests").toEqual([]);
        expect(
          visited.requests.filter((url) => !isLocal(url)),
          "requests that left localhost",
        ).toEqual([]);
        await page.context().close();
      },
      SEARCH_TIMEOUT,
    );
  });
});

/**
 * The site's own pages: the landing page (index.html), the Rosetta (rosetta.html: README "Rosetta: one
 * task, three providers"), "Testing your code" (testing.html: the
 * README section of that name, the emulator) and the ERRATA (errata.html).
 * Plain HTML with inline CSS and no external resources. The landing page's text
 * comes from README.md at build time (intro, one TypeScript quick start per
 * provider, the error model), so it never drifts from the README that
 * `npm test` type-checks.
 */
import { FAVICON_LINK } from "./offline.ts";
import { escapeHtml, inlineMarkdown, markdownToHtml, type MarkdownOptions } from "./markdown.ts";

/** One operation as the landing page lists it. */
export interface LandingOperation {
  operationId: string;
  summary: string;
  method: string;
  /** The wire path (`/?Action=ResetDisks` for an RPC action). */
  path: string;
  /** The body that selects the operation among those on the same method and path (`{"os-stop": …}`). */
  selectedBy?: string;
}

export interface ApiPageLink {
  /** `huawei-evs.html` */
  file: string;
  name: string;
  /** `huawei`: the entry point `cloud-disk-openapi/<provider>` */
  provider: string;
  /** Every operation of the page's spec, in the spec's order. */
  operationList: LandingOperation[];
  title: string;
  summary: string;
  operations: number;
  rpc: boolean;
}

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --accent: #0b57d0; --line: #d1d9e0; --code-bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); }
header.site { border-bottom: 1px solid var(--line); padding: 0.75rem 1.5rem; display: flex; gap: 1.25rem; align-items: baseline; flex-wrap: wrap; }
header.site a.home { font-weight: 700; color: var(--fg); text-decoration: none; }
header.site nav a { margin-right: 1rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; overflow-wrap: break-word; }
a { color: var(--accent); }
h1 { font-size: 2rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.45rem; margin-top: 2.25rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3rem; }
h3 { font-size: 1.15rem; margin-top: 1.75rem; }
code { font: 0.9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; padding: 0.9rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; font-size: 0.85rem; overflow-wrap: normal; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: var(--code-bg); }
td code { white-space: nowrap; }
ul.apis { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.75rem; }
ul.apis li { border: 1px solid var(--line); border-radius: 8px; padding: 0.8rem 1rem; }
ul.apis li a { font-weight: 600; }
ul.apis li p { margin: 0.35rem 0 0; color: var(--muted); font-size: 0.9rem; }
.muted { color: var(--muted); }
footer { max-width: 60rem; margin: 2rem auto; padding: 1rem 1.5rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.875rem; }
`;

/** The shell shared by the site's own pages. */
export function sitePage(title: string, body: string, apis: ApiPageLink[]): string {
  const nav = [
    `<a href="index.html#api-reference">API reference</a>`,
    ...apis.map((api) => `<a href="${api.file}">${escapeHtml(api.name)}</a>`),
    `<a href="rosetta.html">Rosetta</a>`,
    `<a href="testing.html">Testing your code</a>`,
    `<a href="errata.html">ERRATA</a>`,
  ].join("\n      ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  ${FAVICON_LINK}
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <header class="site">
    <a class="home" href="index.html">cloud-disk-openapi</a>
    <nav>
      ${nav}
    </nav>
  </header>
  <main>
${body}
  </main>
  <footer>Built from the specs in <code>redocly.yaml</code> by <code>npm run docs</code>. Works offline: every page is self-contained.</footer>
</body>
</html>
`;
}

/** `## Title` .. next heading of the same or a higher level. */
export function markdownSection(markdown: string, title: string): string {
  const lines = markdown.split("\n");
  let inFence = false;
  let start = -1;
  let level = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (!heading) continue;
    if (start < 0 && heading[2] === title) {
      start = i + 1;
      level = heading[1]!.length;
    } else if (start >= 0 && heading[1]!.length <= level) {
      return lines.slice(start, i).join("\n").trim();
    }
  }
  if (start < 0) throw new Error(`docs: README.md has no section '${title}'`);
  return lines.slice(start).join("\n").trim();
}

/** The README's intro: everything between the `# title` and the first `##` heading. */
function readmeIntro(readme: string): { title: string; intro: string } {
  const title = /^#\s+(.+)$/m.exec(readme)?.[1]?.trim() ?? "cloud-disk-openapi";
  const afterTitle = readme.slice(readme.indexOf("\n", readme.search(/^#\s+/m)) + 1);
  const end = afterTitle.search(/^##\s+/m);
  return { title, intro: (end < 0 ? afterTitle : afterTitle.slice(0, end)).trim() };
}

export interface QuickStart {
  provider: string;
  label: string;
  code: string;
}

/**
 * One quick start per provider: the first ```ts block of the README that imports
 * `cloud-disk-openapi/<provider>` and calls a client factory. The label is the
 * provider's name in the README's table (the row naming that entry point).
 */
export function readmeQuickStarts(readme: string, providers: string[]): QuickStart[] {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return providers.map((provider) => {
    const entry = `cloud-disk-openapi/${provider}`;
    const code = blocks.find((block) => block.includes(`from "${entry}"`) && /\bcreate\w+Client\(/.test(block));
    if (!code) throw new Error(`docs: README.md has no \`\`\`ts block that imports "${entry}" and creates a client`);
    const row = readme.split("\n").find((line) => line.startsWith("|") && line.includes(`\`${entry}\``));
    const label = row ? row.split("|")[1]!.trim() : provider;
    return { provider, label, code: code.trimEnd() };
  });
}

const rewriteLink: MarkdownOptions["rewriteLink"] = (href) => (/(^|\/)ERRATA\.md$/.test(href) ? "errata.html" : href);

export function landingPage(readme: string, apis: ApiPageLink[], providers: string[]): string {
  const { title, intro } = readmeIntro(readme);
  const quickStarts = readmeQuickStarts(readme, providers);
  const errors = markdownSection(readme, "Errors");
  const body = `
<h1>${escapeHtml(title)}</h1>
${markdownToHtml(intro, { rewriteLink })}

<h2 id="install">Install</h2>
<pre><code class="language-sh">npm install cloud-disk-openapi</code></pre>
<p>ES modules only; the library runs on Node &ge; 20, browsers, Deno, Bun and edge workers (anything with <code>fetch</code> and WebCrypto).</p>

<h2 id="quick-start">Quick start</h2>
${quickStarts
  .map(
    (
      quick,
    ) => `<h3 id="quick-start-${quick.provider}">${inlineMarkdown(quick.label)} <span class="muted">(<code>cloud-disk-openapi/${quick.provider}</code>)</span></h3>
<pre><code class="language-ts">${escapeHtml(quick.code)}</code></pre>`,
  )
  .join("\n")}

<h2 id="errors">Errors</h2>
${markdownToHtml(errors, { rewriteLink })}

<h2 id="api-reference">API reference</h2>
<p>One page per spec, rendered by Redoc from <code>openapi/</code>. Every operation shows a TypeScript call through this package (type-checked by <code>npm test</code>); RPC actions show their wire form (<code>POST /?Action=…</code>).</p>
<ul class="apis">
${apis
  .map(
    (api) => `  <li><a href="${api.file}">${escapeHtml(api.title)}</a>
    <p><code>${escapeHtml(api.name)}</code> &middot; ${api.operations} operation${api.operations === 1 ? "" : "s"}${api.rpc ? " &middot; RPC" : ""}</p>
    <p>${inlineMarkdown(api.summary)}</p></li>`,
  )
  .join("\n")}
</ul>

<h2 id="operations">Operations</h2>
<p>Every operation of the specs, by provider, under the provider's own name; each links to its service's page.</p>
${operationsByProvider(apis)}

<h2 id="rosetta">Rosetta</h2>
<p>Each snapshot task (snapshot a disk, wait, list, roll back, delete, many disks) in Huawei EVS, Alibaba ECS and UCloudStack's own APIs side by side, with the cross-provider snapshot manager beside them: <a href="rosetta.html">Rosetta: one task, three providers</a>.</p>

<h2 id="testing">Testing your code</h2>
<p>A stateful emulator of each provider's snapshot and rollback APIs (<code>cloud-disk-openapi/emulator</code>, Node only): run a real create &rarr; wait &rarr; roll back &rarr; delete workflow with these clients and no cloud account, on a clock your test controls. <a href="testing.html">Testing your code</a>.</p>

<h2 id="errata">Errata</h2>
<p>Where the providers' documents disagree with each other or with the services, and what the specs chose: <a href="errata.html">ERRATA</a>.</p>
`;
  return sitePage(`${title}: API documentation`, body, apis);
}

/** One table per provider: operation, service page, wire form, summary. */
function operationsByProvider(apis: ApiPageLink[]): string {
  const providers = [...new Set(apis.map((api) => api.provider))];
  return providers
    .map((provider) => {
      const own = apis.filter((api) => api.provider === provider);
      const count = own.reduce((sum, api) => sum + api.operationList.length, 0);
      const rows = own.flatMap((api) =>
        api.operationList.map(
          (op) =>
            `<tr><td><code>${escapeHtml(op.operationId)}</code></td><td><a href="${api.file}">${escapeHtml(api.name)}</a></td><td><code>${escapeHtml(op.method.toUpperCase())} ${escapeHtml(op.path)}</code>${op.selectedBy ? ` with the body <code>${escapeHtml(op.selectedBy)}</code>` : ""}</td><td>${inlineMarkdown(op.summary)}</td></tr>`,
        ),
      );
      return `<h3 id="operations-${provider}"><code>cloud-disk-openapi/${provider}</code> <span class="muted">(${count} operations)</span></h3>
<table>
<thead><tr><th>operation</th><th>page</th><th>wire</th><th>what it does</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
    })
    .join("\n");
}

/** The README section "Testing your code" as its own page (its generated blocks' marker comments dropped: no raw HTML passes). */
export const TESTING_SECTION = "Testing your code";
export const ROSETTA_SECTION = "Rosetta: one task, three providers";

/** A README section as a page of its own (its title the page's heading; generated-block markers dropped). */
export function readmeSectionPage(readme: string, title: string, apis: ApiPageLink[]): string {
  const section = markdownSection(readme, title)
    .split("\n")
    .filter((line) => !/^<!--\s*[\w-]+:(start|end)\s*-->$/.test(line.trim()))
    .join("\n");
  return sitePage(`${title} · cloud-disk-openapi`, `<h1>${escapeHtml(title)}</h1>\n${markdownToHtml(section, { rewriteLink })}`, apis);
}

export function errataPage(errata: string, apis: ApiPageLink[]): string {
  return sitePage("ERRATA · cloud-disk-openapi", markdownToHtml(errata, { rewriteLink }), apis);
}

/** The figures of one run, and the Markdown report bench/run.ts writes from them. */
import type { Op, Ports, Provider } from "./clients.ts";
import type { Footprint } from "./footprint.ts";
import { FINDINGS } from "./findings.ts";
import { fmt, kb, mb, type Summary } from "./stats.ts";

export interface Results {
  mode: "full" | "smoke";
  date: string;
  machine: {
    cpu: string;
    cores: number;
    memoryBytes: number;
    freeMemoryBytes: number;
    os: string;
    nodes: Array<{ label: string; version: string }>;
    npm: string;
    loadAverageStart: number[];
    loadAverageEnd: number[];
  };
  counts: Record<string, unknown>;
  ports: Ports;
  peerVersions: Record<string, string>;
  footprint?: {
    ours: Footprint & { tarballBytes: number };
    peers: Partial<Record<Provider, Footprint & { label: string; specs: string[] }>>;
  };
  coldImport: Record<string, Array<{ key: string; label: string; ms: Summary; overBareMs: number; ratio: number }>>;
  rss: Record<string, Array<{ key: string; label: string; bytes: Summary; overBareBytes: number }>>;
  perCall: Array<{
    provider: Provider;
    op: Op;
    calls: number;
    rounds: number;
    baseline: { wallUs: Summary; cpuUs: Summary; check: string };
    ours: { wallUs: Summary; cpuUs: Summary; check: string; wallRatio: Summary; cpuRatio: Summary };
    peer?: { label: string; wallUs: Summary; cpuUs: Summary; check: string; wallRatio: number; cpuRatio: number };
  }>;
  paging: Array<{
    provider: Provider;
    items: number;
    pageSize: number;
    first: number;
    last: number;
    rssFirst: number;
    rssLast: number;
    heapFirst: number;
    heapLast: number;
    peakRss: number;
    growth: number;
    itemsPerSecond: number;
    /** The raw fetch + signer loop over the same pages, no forced GC. */
    baseline: { growth: number; rssFirst: number; rssLast: number; itemsPerSecond: number };
    /** Ours again with gc() before each checkpoint: what is really retained. */
    afterGc: { rssGrowth: number; heapFirst: number; heapLast: number };
  }>;
  bundles: Array<{ provider: Provider; minBytes: number; gzipBytes: number; top: Array<{ path: string; bytes: number }> }>;
  durationSeconds: number;
}

export interface TargetRow {
  figure: string;
  target: string;
  measured: string;
  met: boolean | undefined;
}

export const TARGETS = {
  coldImportMs: 10,
  installPackages: 2,
  installBytes: 0.5 * 1024 * 1024,
  perCallRatio: 1.05,
  rssOverBare: 5 * 1024 * 1024,
  pagingGrowth: 5 * 1024 * 1024,
  bundleGzip: 12 * 1024,
};

const PROVIDER_NAME: Record<Provider, string> = { huawei: "Huawei EVS", alibaba: "Alibaba ECS", ucloudstack: "UCloudStack" };
const OP_NAME: Record<Op, string> = { list: "list (one page of 10)", rollback: "rollback-like write", error: "error path (one provider error per call)" };

const verdict = (met: boolean | undefined) => (met === undefined ? "not measured" : met ? "**met**" : "**missed**");
const x = (ratio: number) => `${ratio.toFixed(2)}×`;
const xs = (ratio: Summary) => `${ratio.median.toFixed(3)}× (${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)})`;

export function targets(results: Results): TargetRow[] {
  const rows: TargetRow[] = [];
  const cold = results.coldImport["Node 24"] ?? [];
  for (const provider of ["huawei", "alibaba", "ucloudstack"] as Provider[]) {
    const row = cold.find((r) => r.key === `ours-${provider}`);
    rows.push({
      figure: `cold import over \`node -e 0\`, ${provider} entry (Node 24)`,
      target: `≤ +${TARGETS.coldImportMs} ms`,
      measured: row ? `+${row.overBareMs.toFixed(1)} ms (${x(row.ratio)})` : "–",
      met: row && results.mode === "full" ? row.overBareMs <= TARGETS.coldImportMs : undefined,
    });
  }
  const fp = results.footprint?.ours;
  rows.push({
    figure: "production install of the tarball",
    target: `≤ ${TARGETS.installPackages} packages, ≤ ${mb(TARGETS.installBytes)}`,
    measured: fp ? `${fp.packages} packages, ${mb(fp.bytes, 2)}` : "–",
    met: fp ? fp.packages <= TARGETS.installPackages && fp.bytes <= TARGETS.installBytes : undefined,
  });
  for (const row of results.perCall.filter((r) => r.op !== "error")) {
    const worst = Math.max(row.ours.wallRatio.median, row.ours.cpuRatio.median);
    rows.push({
      figure: `per-call cost vs raw fetch + signing, ${PROVIDER_NAME[row.provider]} ${row.op}`,
      target: `≤ ${TARGETS.perCallRatio.toFixed(2)}× (wall and CPU)`,
      measured: `wall ${row.ours.wallRatio.median.toFixed(3)}×, CPU ${row.ours.cpuRatio.median.toFixed(3)}×`,
      met: results.mode === "full" ? worst <= TARGETS.perCallRatio : undefined,
    });
  }
  const rss = results.rss["Node 24"] ?? [];
  for (const provider of ["huawei", "alibaba", "ucloudstack"] as Provider[]) {
    const row = rss.find((r) => r.key === `ours-${provider}`);
    rows.push({
      figure: `RSS after import over bare node, ${provider} entry (Node 24)`,
      target: `≤ +${mb(TARGETS.rssOverBare, 0)}`,
      measured: row ? `${row.overBareBytes >= 0 ? "+" : ""}${mb(row.overBareBytes)}` : "–",
      met: row && results.mode === "full" ? row.overBareBytes <= TARGETS.rssOverBare : undefined,
    });
  }
  for (const row of results.paging) {
    rows.push({
      figure: `paging ${row.last.toLocaleString("en-US")} snapshots, ${PROVIDER_NAME[row.provider]}: RSS growth ${row.first.toLocaleString("en-US")} → ${row.last.toLocaleString("en-US")}`,
      target: `< ${mb(TARGETS.pagingGrowth, 0)}`,
      measured: `${row.growth >= 0 ? "+" : ""}${mb(row.growth, 1)} (raw fetch loop: ${row.baseline.growth >= 0 ? "+" : ""}${mb(row.baseline.growth, 1)}; ours' heap after GC: ${mb(row.afterGc.heapFirst, 1)} → ${mb(row.afterGc.heapLast, 1)})`,
      met: results.mode === "full" ? row.growth < TARGETS.pagingGrowth : undefined,
    });
  }
  for (const row of results.bundles) {
    rows.push({
      figure: `browser bundle, min+gz, ${row.provider} entry`,
      target: `≤ ${kb(TARGETS.bundleGzip, 0)}`,
      measured: kb(row.gzipBytes),
      met: row.gzipBytes <= TARGETS.bundleGzip,
    });
  }
  return rows;
}

export function renderReport(results: Results): string {
  const m = results.machine;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(" / ");

  push(
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (bench/run.ts) on ${results.date}${results.mode === "smoke" ? " in **smoke mode** (tiny counts, no peers: these figures prove the harness runs, nothing more)" : ""}. Do not edit by hand: rerun it.`,
    "",
    "## Machine",
    "",
    "| | |",
    "| --- | --- |",
    `| CPU | ${m.cpu}, ${m.cores} cores |`,
    `| memory | ${mb(m.memoryBytes, 0)} (${mb(m.freeMemoryBytes, 0)} free at start) |`,
    `| OS | ${m.os} |`,
    ...m.nodes.map((n) => `| ${n.label} | ${n.version} |`),
    `| npm | ${m.npm} |`,
    `| load average (1/5/15 min) | ${load(m.loadAverageStart)} at start, ${load(m.loadAverageEnd)} at end |`,
    `| run time | ${results.durationSeconds.toFixed(0)} s |`,
    ...(Object.keys(results.peerVersions).length ? [`| peers | ${Object.entries(results.peerVersions).map(([name, version]) => `${name}@${version}`).join(", ")} |`] : []),
    "",
    "Each figure is the median of several runs, with the minimum–maximum in brackets.",
    "",
    "## Targets",
    "",
    "| figure | target | measured | |",
    "| --- | --- | --- | --- |",
    ...targets(results).map((row) => `| ${row.figure} | ${row.target} | ${row.measured} | ${verdict(row.met)} |`),
    "",
  );

  push("## 1. Cold import", "", "Whole-process wall time of `node` importing one entry point and exiting, against `node -e 0`. Ours: `import \"cloud-disk-openapi/<provider>\"` from a production install of the packed tarball (ESM); peers: `require()` of their packages (CommonJS, as they ship).", "");
  for (const [node, rows] of Object.entries(results.coldImport)) {
    push(`**${node}** (${(results.counts.coldRuns as number) ?? "?"} runs each)`, "", "| process | ms | over `node -e 0` | ratio |", "| --- | --- | --- | --- |");
    for (const row of rows) push(`| ${row.label} | ${fmt(row.ms)} | ${row.key === "bare" ? "–" : `+${row.overBareMs.toFixed(1)} ms`} | ${row.key === "bare" ? "1.00×" : x(row.ratio)} |`);
    push("");
  }

  push("## 2. Install footprint", "");
  if (results.footprint) {
    const fp = results.footprint;
    push("`npm install --omit=dev` into an empty folder; packages and apparent bytes under `node_modules`.", "", "| install | packages | size |", "| --- | --- | --- |");
    push(`| cloud-disk-openapi (packed tarball, ${kb(fp.ours.tarballBytes)} .tgz) | ${fp.ours.packages} (${fp.ours.names.join(", ")}) | ${mb(fp.ours.bytes, 2)} |`);
    for (const peer of Object.values(fp.peers)) push(`| ${peer!.label}: ${peer!.specs.join(" ")} | ${peer!.packages} | ${mb(peer!.bytes, 1)} |`);
    push("");
  } else {
    push("Not measured in smoke mode (it packs and installs the tarball).", "");
  }

  push(
    "## 3. Per-call cost",
    "",
    `${results.perCall[0]?.calls ?? "?"} sequential calls per run after a warm-up; runs of ours and of the baseline alternate in one process; the server is another process. **µs** is wall time per call, **CPU µs** the client process's user + system CPU per call (\`process.cpuUsage\`). The baseline is raw \`fetch\` + the package's exported signer (\`signHuaweiRequest\`, \`signAlibabaV3\`, \`signUCloudStack\`) written inline, on the same transport (Node's global fetch); the ratio is ours ÷ baseline per run, so it is our wrapper's overhead. Peers use their own HTTP stacks; their ratio is against the baseline's median.`,
    "",
    "| provider | call | baseline µs | baseline CPU µs | ours µs | ours CPU µs | ours ÷ baseline, wall | ours ÷ baseline, CPU | peer µs | peer CPU µs | peer ÷ baseline (wall / CPU) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const row of results.perCall) {
    const peer = row.peer ? [fmt(row.peer.wallUs, 0), fmt(row.peer.cpuUs, 0), `${x(row.peer.wallRatio)} / ${x(row.peer.cpuRatio)}`] : ["–", "–", row.provider === "ucloudstack" ? "no official JS SDK" : "–"];
    push(`| ${PROVIDER_NAME[row.provider]} | ${OP_NAME[row.op]} | ${fmt(row.baseline.wallUs, 0)} | ${fmt(row.baseline.cpuUs, 0)} | ${fmt(row.ours.wallUs, 0)} | ${fmt(row.ours.cpuUs, 0)} | ${xs(row.ours.wallRatio)} | ${xs(row.ours.cpuRatio)} | ${peer.join(" | ")} |`);
  }
  const errors = results.perCall.filter((r) => r.op === "error");
  if (errors.length) push("", `Error path: what each call threw — ${errors.map((r) => `${PROVIDER_NAME[r.provider]}: ours \`${r.ours.check}\`, baseline \`${r.baseline.check}\`${r.peer ? `, peer \`${r.peer.check}\`` : ""}`).join("; ")}.`);
  push("", "Peers' calls: Huawei SDK `listServersDetails` (limit 10) and `changeServerOsWithCloudInit` (the EVS SDK is not on the registry; ECS shares its core, signer and request path); Alibaba SDK `describeSnapshots` (MaxResults 10) and `resetDisk`.", "");

  push("## 4. Memory", "", "**RSS after import**, over bare `node -e` (which prints its own RSS):", "");
  for (const [node, rows] of Object.entries(results.rss)) {
    push(`**${node}**`, "", "| process | RSS | over bare node |", "| --- | --- | --- |");
    for (const row of rows) push(`| ${row.label} | ${fmt({ median: row.bytes.median / 1048576, min: row.bytes.min / 1048576, max: row.bytes.max / 1048576, n: row.bytes.n })} MB | ${row.key === "bare" ? "–" : `${row.overBareBytes >= 0 ? "+" : ""}${mb(row.overBareBytes)}`} |`);
    push("");
  }
  const signed = (bytes: number) => `${bytes >= 0 ? "+" : ""}${mb(bytes, 1)}`;
  push(
    "**Paging at scale**: `client.paginate(...)` over a paged mock, " +
      `${results.paging[0]?.pageSize ?? "?"} snapshots a page, each item touched, no forced GC; next to it the raw baseline's own loop (fetch + signer, cursor followed by hand) over the same pages, and ours again with \`gc()\` before each checkpoint (\`--expose-gc\`): its heap is what the iterator really retains.`,
    "",
    "| provider | items | ours: RSS first → last | ours: growth | peak RSS | raw baseline: growth | ours after GC: RSS growth | ours after GC: heap first → last | items/s (ours / baseline) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const row of results.paging) {
    push(
      `| ${PROVIDER_NAME[row.provider]} | ${row.items.toLocaleString("en-US")} (${row.first.toLocaleString("en-US")} → ${row.last.toLocaleString("en-US")}) | ${mb(row.rssFirst)} → ${mb(row.rssLast)} | ${signed(row.growth)} | ${mb(row.peakRss)} | ${signed(row.baseline.growth)} | ${signed(row.afterGc.rssGrowth)} | ${mb(row.afterGc.heapFirst)} → ${mb(row.afterGc.heapLast)} | ${Math.round(row.itemsPerSecond).toLocaleString("en-US")} / ${Math.round(row.baseline.itemsPerSecond).toLocaleString("en-US")} |`,
    );
  }
  push("");

  push("## 5. Browser bundle", "", "esbuild: bundle, minify, ESM, platform browser, target es2022; gzip level 9. Peers do not run in browsers.", "", "| entry | minified | min+gz | largest inputs (bytes in output) |", "| --- | --- | --- | --- |");
  for (const row of results.bundles) push(`| ${row.provider} | ${kb(row.minBytes)} | ${kb(row.gzipBytes)} | ${row.top.map((t) => `${t.path} ${kb(t.bytes)}`).join(", ")} |`);
  push("");

  push("## Notes", "");
  const missed = targets(results).filter((row) => row.met === false);
  if (results.mode === "full") push(missed.length ? `Targets missed on this run: ${missed.map((row) => row.figure).join("; ")}.` : "Every target was met on this run.", "");
  for (const finding of FINDINGS) push(`- ${finding}`);
  push("");
  return lines.join("\n");
}

/**
 * `npm run bench`: cloud-disk-openapi against the official SDKs and a raw fetch +
 * signing baseline, on this machine. Writes bench/RESULTS.md (and, with --json, the
 * raw figures). See bench/README.md.
 *
 *   node bench/run.ts            the full run (installs the peers into bench/node_modules on first use)
 *   node bench/run.ts --smoke    tiny counts, no peers, no install footprint: proves the harness works
 *                                (writes to a temporary folder unless --out is given)
 *   --no-peers                   skip the official SDKs
 *   --out FILE                   where to write the Markdown report
 *   --json FILE                  also write every figure as JSON
 *   --emulator-only              only the Emulator section (§6), with the client from the .ts source
 *   --batch-only                 only the Snapshot batches section (§7), with the client from the .ts source
 *   --batch-rate N               §7's rate limit R, requests per second (default: lib/batch-section.ts)
 *   --per-call-only              only the Per-call section (§3), peers included, with the client from dist/ (run `npm run build` first)
 *
 * Measured (issue 6): cold import, install footprint, per-call cost (list, rollback,
 * error path; against raw fetch + the package's signer on the same transport),
 * memory at scale (RSS after import; RSS while paging 100,000 snapshots), and the
 * browser bundle size of each provider entry point.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem, type as osType } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { Kind, Op, Provider } from "./lib/clients.ts";
import { LIST_PAGE } from "./lib/clients.ts";
import { cachedProductionInstall, measureTree, productionInstall, type Footprint } from "./lib/footprint.ts";
import { output, runWorker, startServer, timeProcess, childEnv } from "./lib/processes.ts";
import { median, summarize, type Summary } from "./lib/stats.ts";
import { EMULATOR_COUNTS, measureEmulator } from "./lib/emulator-section.ts";
import { BATCH_COUNTS, measureBatch } from "./lib/batch-section.ts";
import { renderReport, type PagingSetup, type PagingSide, type PagingWorkerResult, type Results } from "./lib/report.ts";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const smoke = flag("--smoke");
const emulatorOnly = flag("--emulator-only");
const batchOnly = flag("--batch-only");
const perCallOnly = flag("--per-call-only");
const withPeers = !smoke && !emulatorOnly && !batchOnly && !flag("--no-peers");
const tempRoot = mkdtempSync(join(tmpdir(), "cdo-bench-"));
// A partial run (--emulator-only, --batch-only, --per-call-only) never overwrites RESULTS.md unless --out says so.
const outFile = resolve(
  option("--out") ?? (smoke || emulatorOnly || batchOnly || perCallOnly ? join(tempRoot, "RESULTS.md") : join(benchDir, "RESULTS.md")),
);
const jsonFile = option("--json") ? resolve(option("--json")!) : undefined;

const PROVIDERS: Provider[] = ["huawei", "alibaba", "ucloudstack"];
const PEERS: Partial<Record<Provider, { label: string; packages: string[] }>> = {
  huawei: { label: "Huawei SDK (ECS + core)", packages: ["@huaweicloud/huaweicloud-sdk-ecs", "@huaweicloud/huaweicloud-sdk-core"] },
  alibaba: { label: "Alibaba SDK (ECS 2014-05-26 + openapi-client)", packages: ["@alicloud/ecs20140526", "@alicloud/openapi-client"] },
};

/** Counts: the full run follows the issue; smoke mode only proves every path still works. */
const COUNTS = smoke
  ? {
      coldRuns: 2,
      rssRuns: 1,
      calls: 40,
      warmup: 10,
      rounds: 2,
      errorRounds: 2,
      pagingItems: 2_000,
      checkpoints: [500, 2_000],
      pageSize: 100,
    }
  : {
      // A process start varies by ±5 ms on this machine; 31 runs keep the median within a fraction of that.
      coldRuns: 31,
      rssRuns: 5,
      calls: 2_000,
      warmup: 300,
      rounds: 7,
      errorRounds: 7,
      pagingItems: 100_000,
      checkpoints: [10_000, 100_000],
      pageSize: 100,
    };

const started = Date.now();
const log = (message: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

function nodeVersion(node: string): string | undefined {
  const result = spawnSync(node, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Node 24 runs the harness and the workers (they are TypeScript); Node 20 joins the cold-start runs. */
const node24 = nodeVersion(process.execPath)?.startsWith("v24") ? process.execPath : join(root, "node_modules", ".bin", "node");
const node20Candidate = "/usr/bin/node";
const node20 = !smoke && existsSync(node20Candidate) && nodeVersion(node20Candidate)?.startsWith("v20") ? node20Candidate : undefined;
const nodes: Array<{ label: string; bin: string; version: string }> = [
  { label: "Node 24", bin: node24, version: nodeVersion(node24) ?? "?" },
];
if (node20) nodes.push({ label: "Node 20", bin: node20, version: nodeVersion(node20)! });

function peerVersions(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(benchDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  return manifest.dependencies;
}

/** Installs the peers into bench/node_modules (from bench/package-lock.json) unless they are there at the pinned versions. */
function ensurePeers(): void {
  const wanted = peerVersions();
  const installed = Object.entries(wanted).every(([name, version]) => {
    const manifest = join(benchDir, "node_modules", name, "package.json");
    return existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version === version;
  });
  if (installed) return;
  log("installing the official SDKs into bench/node_modules (first use; npm ci from bench/package-lock.json)");
  const result = spawnSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: benchDir,
    stdio: "inherit",
    env: childEnv(),
  });
  if (result.status !== 0) throw new Error("npm ci in bench/ failed");
}

/** `npm pack` (its prepack builds dist/), then a production install of the tarball: what users get. */
function packAndInstallOurs(): { tarball: string; tarballBytes: number; installDir: string; footprint: Footprint } {
  const packDir = join(tempRoot, "pack");
  mkdirSync(packDir, { recursive: true });
  const packed = spawnSync("npm", ["pack", "--json", "--loglevel=error", "--pack-destination", packDir], {
    cwd: root,
    encoding: "utf8",
    env: childEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{ filename: string; size: number }>;
  const tarball = join(packDir, info[0]!.filename);
  const installDir = join(tempRoot, "ours");
  productionInstall(installDir, [tarball]);
  return { tarball, tarballBytes: info[0]!.size, installDir, footprint: measureTree(installDir) };
}

function esmImport(specifier: string, after = ""): string[] {
  return ["--input-type=module", "-e", `import ${JSON.stringify(specifier)};${after}`];
}
function cjsRequire(packages: string[], after = ""): string[] {
  return ["-e", `${packages.map((name) => `require(${JSON.stringify(name)});`).join("")}${after}`];
}

interface ImportConfig {
  key: string;
  label: string;
  args: (after?: string) => string[];
  cwd: string;
  /** Node versions this config runs on (ours from the .ts source in smoke mode needs Node 24). */
  node20: boolean;
}

function importConfigs(ourSpecifier: (provider: Provider) => string, ourCwd: string): ImportConfig[] {
  const configs: ImportConfig[] = [
    { key: "bare", label: "`node -e 0` (bare)", args: (after = "") => ["-e", after || "0"], cwd: benchDir, node20: true },
    {
      key: "bare-esm",
      label: "`node --input-type=module -e 0` (bare ESM loader)",
      args: (after = "") => ["--input-type=module", "-e", after || "0"],
      cwd: benchDir,
      node20: true,
    },
  ];
  for (const provider of PROVIDERS) {
    configs.push({
      key: `ours-${provider}`,
      label: `cloud-disk-openapi/${provider}`,
      args: (after) => esmImport(ourSpecifier(provider), after),
      cwd: ourCwd,
      node20: !smoke,
    });
  }
  if (withPeers) {
    for (const [provider, peer] of Object.entries(PEERS)) {
      configs.push({
        key: `peer-${provider}`,
        label: peer.label,
        args: (after) => cjsRequire(peer.packages, after),
        cwd: benchDir,
        node20: true,
      });
    }
  }
  return configs;
}

/** Whole-process time, rounds interleaved across configs so drift hits every one alike; one discarded warm-up round. */
function coldImport(configs: ImportConfig[]): Results["coldImport"] {
  const out: Results["coldImport"] = {};
  for (const node of nodes) {
    const runnable = configs.filter((config) => node.label === "Node 24" || config.node20);
    const samples: Record<string, number[]> = Object.fromEntries(runnable.map((config) => [config.key, []]));
    if (!smoke) for (const config of runnable) timeProcess(node.bin, config.args(), config.cwd);
    for (let round = 0; round < COUNTS.coldRuns; round++) {
      for (const config of runnable) samples[config.key]!.push(timeProcess(node.bin, config.args(), config.cwd));
    }
    const bare = median(samples.bare!);
    out[node.label] = runnable.map((config) => {
      const summary = summarize(samples[config.key]!);
      return { key: config.key, label: config.label, ms: summary, overBareMs: summary.median - bare, ratio: summary.median / bare };
    });
  }
  return out;
}

function rssAfterImport(configs: ImportConfig[]): Results["rss"] {
  const out: Results["rss"] = {};
  const print = "console.log(process.memoryUsage().rss)";
  for (const node of nodes) {
    const runnable = configs.filter((config) => node.label === "Node 24" || config.node20);
    const samples: Record<string, number[]> = Object.fromEntries(runnable.map((config) => [config.key, []]));
    for (let round = 0; round < COUNTS.rssRuns; round++) {
      for (const config of runnable) samples[config.key]!.push(Number(output(node.bin, config.args(print), config.cwd)));
    }
    const bare = median(samples.bare!);
    out[node.label] = runnable.map((config) => {
      const summary = summarize(samples[config.key]!);
      return { key: config.key, label: config.label, bytes: summary, overBareBytes: summary.median - bare };
    });
  }
  return out;
}

interface PerCallOutput {
  checks: Record<string, string>;
  blocks: Record<string, Array<{ wallUs: number; cpuUs: number }>>;
}

function perCall(ports: Results["ports"], entry: string): Results["perCall"] {
  const rows: Results["perCall"] = [];
  const worker = join(benchDir, "workers", "per-call.ts");
  const ops: Op[] = ["list", "rollback", "error"];
  for (const provider of PROVIDERS) {
    for (const op of ops) {
      const rounds = op === "error" ? COUNTS.errorRounds : COUNTS.rounds;
      const job = { provider, op, calls: COUNTS.calls, warmup: COUNTS.warmup, rounds, ports, entry, benchDir };
      // Ours, the raw baseline, the pre-issue-15 reference and the official SDK in one process, their runs
      // alternating (issue 15: ratios to the peer and the reference in the same run, paired round by round
      // as ours ÷ baseline is).
      const withPeer = withPeers && PEERS[provider] !== undefined;
      const kinds: Kind[] = withPeer ? ["baseline", "ours", "reference", "peer"] : ["baseline", "ours", "reference"];
      log(`per-call ${provider} ${op}: ${kinds.join(", ")} (${rounds} × ${COUNTS.calls} calls each)`);
      const pair = runWorker<PerCallOutput>(node24, worker, { ...job, kinds }, ["--expose-gc"]);
      const peer = withPeer ? pair : undefined;
      const base = pair.blocks.baseline!;
      const ours = pair.blocks.ours!;
      const wallRatios = ours.map((block, i) => block.wallUs / base[i]!.wallUs);
      const cpuRatios = ours.map((block, i) => block.cpuUs / base[i]!.cpuUs);
      const baseWall = summarize(base.map((b) => b.wallUs));
      const baseCpu = summarize(base.map((b) => b.cpuUs));
      rows.push({
        provider,
        op,
        calls: COUNTS.calls,
        rounds,
        baseline: { wallUs: baseWall, cpuUs: baseCpu, check: pair.checks.baseline! },
        reference: {
          wallUs: summarize(pair.blocks.reference!.map((b) => b.wallUs)),
          cpuUs: summarize(pair.blocks.reference!.map((b) => b.cpuUs)),
          oursWallRatio: summarize(ours.map((block, i) => block.wallUs / pair.blocks.reference![i]!.wallUs)),
          oursCpuRatio: summarize(ours.map((block, i) => block.cpuUs / pair.blocks.reference![i]!.cpuUs)),
        },
        ours: {
          wallUs: summarize(ours.map((b) => b.wallUs)),
          cpuUs: summarize(ours.map((b) => b.cpuUs)),
          check: pair.checks.ours!,
          wallRatio: summarize(wallRatios),
          cpuRatio: summarize(cpuRatios),
        },
        ...(peer
          ? (() => {
              const blocks = peer.blocks.peer!;
              const wall = summarize(blocks.map((b) => b.wallUs));
              const cpu = summarize(blocks.map((b) => b.cpuUs));
              return {
                peer: {
                  label: PEERS[provider]!.label,
                  wallUs: wall,
                  cpuUs: cpu,
                  check: peer.checks.peer!,
                  wallRatio: wall.median / baseWall.median,
                  cpuRatio: cpu.median / baseCpu.median,
                  oursWallRatio: summarize(ours.map((block, i) => block.wallUs / blocks[i]!.wallUs)),
                  oursCpuRatio: summarize(ours.map((block, i) => block.cpuUs / blocks[i]!.cpuUs)),
                },
              };
            })()
          : {}),
      });
    }
  }
  return rows;
}

/**
 * Paging setups (issue 6: RSS growth 10,000 → 100,000 while paging 100,000 snapshots).
 * Each runs ours and the raw baseline, each round in a fresh process. `default` is what a
 * user's process sees; `gc` forces a full GC before each checkpoint (the heap is then what
 * is retained); `pinned` fixes the runtime's own sizing — V8's semi-space (min = max, so
 * the new space cannot double between checkpoints), glibc's malloc arenas (one), and the
 * old space's garbage and free pages (V8's memory-reducing last-resort GC before each
 * checkpoint) — and runs on past the last checkpoint, so growth that keeps scaling with
 * the items shows.
 * The report's target row is `pinned`; RESULTS.md says why.
 */
const PAGING_SEMI_SPACE_MB = 16;
const PAGING_SETUPS: Array<
  Pick<PagingSetup, "key" | "label" | "nodeArgs" | "env" | "forceGc" | "items" | "checkpoints"> & { rounds: number }
> = [
  {
    key: "default",
    label: "default flags",
    nodeArgs: [],
    env: {},
    forceGc: false,
    items: COUNTS.pagingItems,
    checkpoints: COUNTS.checkpoints,
    rounds: smoke ? 1 : 3,
  },
  {
    key: "gc",
    label: "default flags, `gc()` at checkpoints",
    nodeArgs: ["--expose-gc"],
    env: {},
    forceGc: "full",
    items: COUNTS.pagingItems,
    checkpoints: COUNTS.checkpoints,
    rounds: 1,
  },
  {
    key: "pinned",
    label: "runtime sizing pinned (the target row)",
    nodeArgs: ["--expose-gc", `--min-semi-space-size=${PAGING_SEMI_SPACE_MB}`, `--max-semi-space-size=${PAGING_SEMI_SPACE_MB}`],
    env: { MALLOC_ARENA_MAX: "1" },
    forceGc: "last-resort",
    items: COUNTS.pagingItems * 3,
    checkpoints: [...COUNTS.checkpoints, COUNTS.pagingItems * 3],
    rounds: smoke ? 1 : 3,
  },
];

/** runWorker with extra environment variables for the child (childEnv copies process.env); restored afterwards. */
function withEnv<T>(env: Record<string, string>, run: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function paging(ports: Results["ports"], entry: string): Results["paging"] {
  const worker = join(benchDir, "workers", "paging.ts");
  const [first, last] = COUNTS.checkpoints as [number, number];
  const side = (runs: PagingWorkerResult[], end: number): PagingSide => {
    const growth = (run: PagingWorkerResult) => run.at[String(last)]!.rss - run.at[String(first)]!.rss;
    const sorted = [...runs].sort((a, b) => growth(a) - growth(b));
    return {
      growth: summarize(runs.map(growth)),
      ...(end > last ? { after: summarize(runs.map((run) => run.at[String(end)]!.rss - run.at[String(last)]!.rss)) } : {}),
      median: sorted[(sorted.length - 1) >> 1]!,
      rounds: runs,
    };
  };
  return PROVIDERS.map((provider) => {
    const setups = PAGING_SETUPS.map(({ rounds, ...setup }): PagingSetup => {
      log(
        `paging ${provider}, ${setup.key}: ${setup.items.toLocaleString("en-US")} snapshots, ${COUNTS.pageSize} per page (ours and the raw baseline, ${rounds} round${rounds === 1 ? "" : "s"})`,
      );
      const runs: Record<"ours" | "baseline", PagingWorkerResult[]> = { ours: [], baseline: [] };
      for (let round = 0; round < rounds; round++) {
        for (const kind of round % 2 ? (["ours", "baseline"] as const) : (["baseline", "ours"] as const)) {
          const job = {
            provider,
            kind,
            forceGc: setup.forceGc,
            ports,
            entry,
            items: setup.items,
            pageSize: COUNTS.pageSize,
            checkpoints: setup.checkpoints,
          };
          runs[kind].push(withEnv(setup.env, () => runWorker<PagingWorkerResult>(node24, worker, job, setup.nodeArgs)));
        }
      }
      const end = setup.checkpoints[setup.checkpoints.length - 1]!;
      return { ...setup, ours: side(runs.ours, end), baseline: side(runs.baseline, end) };
    });
    const plain = setups.find((setup) => setup.key === "default")!.ours.median;
    return {
      provider,
      pageSize: COUNTS.pageSize,
      first,
      last,
      items: plain.count,
      rssFirst: plain.at[String(first)]!.rss,
      rssLast: plain.at[String(last)]!.rss,
      growth: plain.at[String(last)]!.rss - plain.at[String(first)]!.rss,
      itemsPerSecond: plain.itemsPerSecond,
      setups,
    };
  });
}

/** `openapi-fetch/dist/index.mjs`, `src/core/http/transport.ts`: a bundle input without the install folders. */
function inputLabel(path: string): string {
  const inModules = path.lastIndexOf("node_modules/");
  const tail = inModules >= 0 ? path.slice(inModules + "node_modules/".length) : path.replace(/^.*?\/(?=(src|generated|dist)\/)/, "");
  return tail.replace(/^cloud-disk-openapi\//, "");
}

/** One minified ESM browser bundle of `entryPoint` (openapi-fetch included). */
async function minifiedBundle(entryPoint: string) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    // The Node transport stays out, as in scripts/size-report.ts: the core imports it dynamically, on Node
    // only, so a browser bundler makes it a chunk the browser never loads.
    plugins: [
      {
        name: "node-chunk-outside",
        setup: (build) => build.onResolve({ filter: /(^|\/)node-exchange\.(js|ts)$/ }, ({ path }) => ({ path, external: true })),
      },
    ],
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]!.contents, inputs: Object.values(result.metafile.outputs)[0]!.inputs };
}

/**
 * Sizes come from bundling `entry` (the installed package's bundle in a full run: what a
 * user's bundler starts from); the largest contributors from bundling the source entry,
 * where each input is still its own file.
 */
async function bundles(entry: string, sourceEntry: string): Promise<Results["bundles"]> {
  const out: Results["bundles"] = [];
  for (const provider of PROVIDERS) {
    const { code } = await minifiedBundle(entry.replace("{provider}", provider));
    const { inputs } = await minifiedBundle(sourceEntry.replace("{provider}", provider));
    const top = Object.entries(inputs)
      .map(([path, info]) => ({ path: inputLabel(path), bytes: info.bytesInOutput }))
      .sort((x, y) => y.bytes - x.bytes)
      .slice(0, 4);
    out.push({ provider, minBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength, top });
  }
  return out;
}

function machine(): Results["machine"] {
  const cpu = cpus();
  let npm = "?";
  const npmVersion = spawnSync("npm", ["--version"], { encoding: "utf8", env: childEnv() });
  if (npmVersion.status === 0) npm = npmVersion.stdout.trim();
  return {
    cpu: cpu[0]?.model ?? "?",
    cores: cpu.length,
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    os: `${osType()} ${release()}`,
    nodes: nodes.map(({ label, version }) => ({ label, version })),
    npm,
    loadAverageStart: loadavg(),
    loadAverageEnd: [],
  };
}

async function main(): Promise<void> {
  log(`${smoke ? "smoke" : "full"} run; report -> ${outFile}`);
  const results: Results = {
    mode: smoke ? "smoke" : "full",
    date: new Date().toISOString(),
    machine: machine(),
    counts: { ...COUNTS, listPage: LIST_PAGE },
    ports: { huawei: 0, alibaba: 0, ucloudstack: 0 },
    peerVersions: withPeers ? peerVersions() : {},
    coldImport: {},
    rss: {},
    perCall: [],
    paging: [],
    bundles: [],
    durationSeconds: 0,
  };
  if (withPeers) ensurePeers();

  // What is measured: the packed tarball as installed (full run), or the .ts sources (smoke).
  let entry = join(root, "src", "{provider}", "index.ts");
  let ourSpecifier = (provider: Provider) => pathToFileURL(join(root, "src", provider, "index.ts")).href;
  let ourCwd = root;
  const sourceEntry = entry;
  let bundleEntry = entry;
  const emulator = () =>
    measureEmulator({
      node: node24,
      benchDir,
      entry,
      emulatorEntry: join(root, "src", "emulator", "index.ts"),
      providers: PROVIDERS,
      counts: EMULATOR_COUNTS[smoke ? "smoke" : "full"],
      log,
    });
  const batch = () =>
    measureBatch({
      node: node24,
      benchDir,
      entry,
      emulatorEntry: join(root, "src", "emulator", "index.ts"),
      providers: PROVIDERS,
      counts: {
        ...BATCH_COUNTS[smoke ? "smoke" : "full"],
        ...(option("--batch-rate") ? { ratePerSecond: Number(option("--batch-rate")) } : {}),
      },
      log,
    });
  if (perCallOnly) {
    const server = await startServer(node24, join(benchDir, "server.ts"));
    results.ports = server.ports;
    try {
      results.perCall = perCall(server.ports, join(root, "dist", "{provider}.js"));
    } finally {
      await server.stop();
    }
    return finish(results);
  }
  if (emulatorOnly || batchOnly) {
    if (emulatorOnly) results.emulator = await emulator();
    if (batchOnly) results.batch = await batch();
    return finish(results);
  }
  if (!smoke) {
    log("npm pack (builds dist/) and a production install of the tarball");
    const ours = packAndInstallOurs();
    const installed = join(ours.installDir, "node_modules", "cloud-disk-openapi");
    entry = join(installed, "dist", "{provider}.js");
    bundleEntry = entry;
    ourSpecifier = (provider) => `cloud-disk-openapi/${provider}`;
    ourCwd = ours.installDir;
    const footprint: NonNullable<Results["footprint"]> = { ours: { ...ours.footprint, tarballBytes: ours.tarballBytes }, peers: {} };
    if (withPeers) {
      const versions = peerVersions();
      for (const [provider, peer] of Object.entries(PEERS)) {
        const specs = peer.packages.map((name) => `${name}@${versions[name]}`);
        const { dir, reused } = cachedProductionInstall(join(benchDir, ".cache", `footprint-${provider}`), specs);
        log(`install footprint ${peer.label}${reused ? " (cached install)" : ""}`);
        footprint.peers[provider as Provider] = { label: peer.label, specs, ...measureTree(dir) };
      }
    }
    results.footprint = footprint;
  }

  const configs = importConfigs(ourSpecifier, ourCwd);
  log(`cold import (${COUNTS.coldRuns} runs each, ${nodes.map((n) => n.label).join(" and ")})`);
  results.coldImport = coldImport(configs);
  log(`RSS after import (${COUNTS.rssRuns} runs each)`);
  results.rss = rssAfterImport(configs);

  log("bundle size (esbuild, minified, gzip -9)");
  results.bundles = await bundles(bundleEntry, sourceEntry);

  const server = await startServer(node24, join(benchDir, "server.ts"));
  results.ports = server.ports;
  try {
    results.perCall = perCall(server.ports, entry);
    results.paging = paging(server.ports, entry);
  } finally {
    await server.stop();
  }
  results.emulator = await emulator();
  results.batch = await batch();
  finish(results);
}

function finish(results: Results): void {
  results.machine.loadAverageEnd = loadavg();
  results.durationSeconds = (Date.now() - started) / 1000;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, renderReport(results));
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`done in ${results.durationSeconds.toFixed(0)} s; wrote ${outFile}${jsonFile ? ` and ${jsonFile}` : ""}`);
}

try {
  await main();
} finally {
  // The smoke report lives in the temporary folder unless --out moved it elsewhere.
  if (!outFile.startsWith(tempRoot)) rmSync(tempRoot, { recursive: true, force: true });
}

export type { Summary };

/**
 * `node scripts/check-package.ts`: the package as users get it (issue 5).
 *
 *  1. build (`npm run build`) and `npm pack` into a temporary directory; the tarball
 *     holds a .d.ts under dist/types/ for every src/ and generated/ module, one bundle
 *     per entry (dist/<name>.js) plus the shared chunks their imports name, and no
 *     stale dist/ file;
 *  2. publint on the tarball (every message counts, suggestions included) and
 *     @arethetypeswrong/cli on the tarball: zero problems. attw's profile follows the
 *     exports map: `esm-only` while every condition is `types`/`import` (the package is
 *     ESM-only on purpose, so node10 and require() resolutions are out of scope),
 *     `strict` as soon as a `require`/`default` condition appears;
 *  3. a fresh project (`"type": "module"`) installs the tarball (openapi-fetch comes
 *     from the registry) and, under the machine's Node 20 (the `engines` floor) and the
 *     project's Node 24:
 *       - imports every subpath of the exports map: each exports what its source entry
 *         exports, providers have their factories and signers, all share one error hierarchy;
 *         the Node-only `./emulator` has `startEmulator`, and the ConfigurationError it throws
 *         is the class the provider entries export (one shared core, scripts/build.ts);
 *       - runs a consumer that makes a real signed call per provider against the embedded
 *         Prism mocks and gets a typed error back;
 *       - runs a second consumer that starts each provider's emulator from
 *         `cloud-disk-openapi/emulator` and snapshots a disk through the provider entry's client;
 *  4. that consumer type-checks under `moduleResolution` node16, nodenext (Node user,
 *     @types/node, no DOM) and bundler (browser user, DOM lib, no Node types),
 *     with skipLibCheck off; the emulator consumer under node16 and nodenext (it is Node-only).
 *
 * Prints one line per check and a closing summary; exit 0 only if every check passed.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { mockCatalog } from "./mock/catalog.ts";
import { startAllMocks, type RunningMocks } from "./mock/prism-server.ts";
import { builtImports, packageEntries, readPackageJson, root, TYPES_DIR } from "./lib/package-entries.ts";

const bin = (name: string) => resolve(root, "node_modules", ".bin", name);
const NODE_PROJECT = bin("node");
const NODE_MACHINE = process.env.CHECK_PACKAGE_MACHINE_NODE ?? "/usr/bin/node";
const started = Date.now();
const pkg = readPackageJson();
const entries = packageEntries(pkg);

let passed = 0;
let failed = 0;
function check(label: string, ok: boolean, detail = ""): boolean {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${label}${detail && !ok ? `\n       ${detail.trim().split("\n").join("\n       ")}` : ""}`);
  return ok;
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> & { output_: string } {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return Object.assign(result, { output_: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}` });
}

/**
 * The same, without blocking this process's event loop: needed while the in-process
 * mocks must answer the child. A child still running after `timeoutMs` is killed.
 */
function runAsync(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ status: number | null; stdout: string; output_: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 30_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (error) => (stderr += String(error)));
    child.on("close", (status, signal) => done({ status, stdout, output_: `${stdout}${stderr}${signal ? `\n(killed: ${signal})` : ""}` }));
  });
}

const tail = (text: string, lines = 30) => text.trim().split("\n").slice(-lines).join("\n");
const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1] ?? NaN);

const info = (text: string) => console.log(`       ${text}`);

/** The files a subpath export points at, by condition. */
function conditions(target: string | Record<string, string>): Record<string, string> {
  return typeof target === "string" ? { default: target } : target;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") && !path.endsWith(".d.ts") ? [relative(root, path)] : [];
  });
}

// ---------------------------------------------------------------- the consumer project's files

/** Imports every subpath of the installed package's own exports map; prints what each exports. */
const IMPORT_ALL = `
import manifest from "${pkg.name}/package.json" with { type: "json" };
const nodeOnly = ${JSON.stringify(entries.filter((e) => e.nodeOnly).map((e) => e.subpath))};
const report = { node: process.version, subpaths: {}, hierarchy: {}, refused: {}, nodeOnly: {} };
for (const [subpath, target] of Object.entries(manifest.exports)) {
  const specifier = "${pkg.name}" + subpath.slice(1);
  const isJson = (typeof target === "string" ? target : Object.values(target).join()).endsWith(".json");
  const module = isJson ? await import(specifier, { with: { type: "json" } }) : await import(specifier);
  report.subpaths[subpath] = Object.fromEntries(Object.keys(module).sort().map((name) => [name, typeof module[name]]));
  if (!isJson && !nodeOnly.includes(subpath)) report.hierarchy[subpath] = typeof module.ApiError === "function" && module.ApiError.prototype instanceof module.CloudDiskError && module.CloudDiskError.prototype instanceof Error;
}
// Only the exports map is public: the bare name (no "." export) and deep paths are refused.
for (const specifier of ["${pkg.name}", "${pkg.name}/dist/${entries[0]!.bundleName}.js", "${pkg.name}/${TYPES_DIR}/src/core/errors.d.ts"]) {
  report.refused[specifier] = await import(specifier).then(() => "imported", (error) => error.code ?? String(error));
}
// One error hierarchy shared by every provider entry point.
const providerSubpaths = Object.keys(manifest.exports).filter((s) => !s.endsWith(".json") && !nodeOnly.includes(s));
const classes = await Promise.all(providerSubpaths.map((s) => import("${pkg.name}" + s.slice(1)).then((m) => m.ApiError)));
report.sharedApiError = classes.every((c) => c === classes[0]);
// A Node-only entry (the emulator) shares the core: the error startEmulator throws for a bad option is the providers' ConfigurationError.
const { ConfigurationError } = await import("${pkg.name}" + providerSubpaths[0].slice(1));
for (const subpath of nodeOnly) {
  const module = await import("${pkg.name}" + subpath.slice(1));
  report.nodeOnly[subpath] = typeof module.startEmulator !== "function" ? "no startEmulator" :
    await module.startEmulator({ provider: "nowhere" }).then(() => "started", (error) => error instanceof ConfigurationError ? "shared ConfigurationError" : String(error));
}
console.log(JSON.stringify(report));
`;

/**
 * What a user writes: each provider's factory, a call with its typed result, typed
 * errors. Type-checked under three module resolutions, then emitted and run under both
 * Node versions against the mocks. Uses no Node types, so the bundler (DOM-only) check
 * holds; the mock URLs arrive through the environment.
 */
const CONSUMER = `
import { createEvsClient, NotFoundError, type EvsComponents } from "${pkg.name}/huawei";
import { createEcsClient, isDryRunPassed, ApiError, InvalidStateError } from "${pkg.name}/alibaba";
import { createUCloudStackClient, snapshotStatus, CloudDiskError } from "${pkg.name}/ucloudstack";

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const urls = JSON.parse(env.MOCK_URLS ?? "{}") as Record<string, string>;
const out: Record<string, unknown> = {};

// Huawei EVS, AK/SK signed.
const evs = createEvsClient({
  endpoint: urls["huawei-evs"]!,
  projectId: "9c53a566cb3443ab910cf0daebca90c4",
  credentials: { accessKeyId: "PACKAGECHECKAK", secretAccessKey: "package-check-secret" },
  timeoutMs: 10_000,
});
const shown = await evs.cinderShowVolume({ volume_id: "5aa119a8-d25b-45a7-8d1b-88e127885635" });
const volume: EvsComponents["schemas"]["Volume"] = shown.volume;
const volumeSize: number = volume.size;
out.huawei = { id: volume.id, status: volume.status, size: volumeSize };
try {
  await evs.cinderShowVolume({ volume_id: "00000000-0000-4000-8000-000000000000" }, { headers: { Prefer: "code=404" } });
  out.huaweiError = "no error";
} catch (error) {
  out.huaweiError = error instanceof NotFoundError ? { class: error.name, provider: error.provider, status: error.status, code: error.code } : String(error);
}

// Alibaba ECS, ACS3-HMAC-SHA256 (default) and the V1 RPC signature.
for (const signatureVersion of ["v3", "v1"] as const) {
  const ecs = createEcsClient({
    regionId: "cn-hangzhou",
    endpoint: urls["alibaba-ecs"]!,
    signatureVersion,
    credentials: { accessKeyId: "LTAI5tPackageCheck", accessKeySecret: "package-check-secret" },
  });
  const disks = await ecs.describeDisks({ MaxResults: 10 });
  if (isDryRunPassed(disks)) throw new Error("a DescribeDisks without DryRun answered DryRunOperation");
  const first = disks.Disks?.Disk?.[0];
  out["alibaba-" + signatureVersion] = { requestId: disks.RequestId, firstDisk: first?.DiskId ?? null, count: disks.Disks?.Disk?.length ?? 0 };
}
const ecs = createEcsClient({ regionId: "cn-hangzhou", endpoint: urls["alibaba-ecs"]!, credentials: { accessKeyId: "LTAI5tPackageCheck", accessKeySecret: "package-check-secret" } });
try {
  const reset = await ecs.resetDisk({ DiskId: "d-1", SnapshotId: "s-1" }, { headers: { Prefer: "code=403, example=IncorrectDiskStatus" } });
  out.alibabaError = isDryRunPassed(reset) ? "dry run" : "no error";
} catch (error) {
  out.alibabaError = error instanceof InvalidStateError && error instanceof ApiError ? { class: error.name, provider: error.provider, status: error.status, code: error.code } : String(error);
}

// UCloudStack, SHA-1 over the sorted JSON body.
const ucs = createUCloudStackClient({
  endpoint: urls.ucloudstack!,
  region: "cn",
  zone: "zone-01",
  credentials: { publicKey: "package-check-public", privateKey: "package-check-private" },
});
const described = await ucs.describeSnapshot({ Limit: 10 });
const info = described.Infos?.[0];
out.ucloudstack = { retCode: described.RetCode, total: described.TotalCount, status: info ? snapshotStatus(info).normalized : null };
try {
  await ucs.rollbackSnapshot({ DiskID: "disk-1", SnapshotID: "snap-1" }, { headers: { Prefer: "example=vmNotStopped" } });
  out.ucloudstackError = "no error";
} catch (error) {
  out.ucloudstackError = error instanceof CloudDiskError && error instanceof ApiError ? { class: error.name, provider: error.provider, status: error.status, code: error.code } : String(error);
}

// The types are the spec's, not any: these lines must not compile (never run).
export function typeErrors(): void {
  // @ts-expect-error volume_id is a string
  void evs.cinderShowVolume({ volume_id: 42 });
  // @ts-expect-error no such field on the typed result
  void shown.volume.noSuchField;
  // @ts-expect-error DiskId is required
  void ecs.resetDisk({ SnapshotId: "s-1" });
  // @ts-expect-error no such action
  void ucs.describeEverything();
}

console.log(JSON.stringify(out));
`;

/**
 * A Node user's test: each provider's emulator from `cloud-disk-openapi/emulator`, the
 * provider entry's client on its `clientConfig`, a snapshot that the state then holds.
 * Node only (the emulator serves with node:http): type-checked under node16 and nodenext.
 */
const EMULATOR_CONSUMER = `
import { startEmulator } from "${pkg.name}/emulator";
import { createEvsClient, NotFoundError } from "${pkg.name}/huawei";
import { createEcsClient, isDryRunPassed } from "${pkg.name}/alibaba";
import { createUCloudStackClient } from "${pkg.name}/ucloudstack";

const out: Record<string, unknown> = {};

const huawei = await startEmulator({ provider: "huawei", timing: "instant" });
try {
  const evs = createEvsClient(huawei.clientConfig);
  const volume = huawei.state().volumes.find((v) => v.status === "available") ?? huawei.state().volumes[0]!;
  const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: volume.id, name: "package-check", force: true } });
  const listed = (await evs.listSnapshots({ volume_id: volume.id })).snapshots.map((s) => s.id);
  await evs.deleteSnapshot({ snapshot_id: snapshot.id });
  const gone = await evs.showSnapshot({ snapshot_id: snapshot.id }).then(() => "still there", (error: unknown) => error instanceof NotFoundError ? "NotFoundError" : String(error));
  out.huawei = { listed: listed.includes(snapshot.id), gone, inState: huawei.state().snapshots.some((s) => s.id === snapshot.id) };
} finally {
  await huawei.close();
}

const alibaba = await startEmulator({ provider: "alibaba", timing: "instant" });
try {
  const ecs = createEcsClient(alibaba.clientConfig);
  const disk = alibaba.state().volumes[0]!;
  const created = await ecs.createSnapshot({ DiskId: disk.id, SnapshotName: "package-check" });
  if (isDryRunPassed(created)) throw new Error("unexpected dry run");
  const described = await ecs.describeSnapshots({ DiskId: disk.id });
  if (isDryRunPassed(described)) throw new Error("unexpected dry run");
  out.alibaba = { listed: (described.Snapshots?.Snapshot ?? []).some((s) => s.SnapshotId === created.SnapshotId), inState: alibaba.state().snapshots.some((s) => s.id === created.SnapshotId) };
} finally {
  await alibaba.close();
}

const ucloudstack = await startEmulator({ provider: "ucloudstack", timing: "instant" });
try {
  const ucs = createUCloudStackClient(ucloudstack.clientConfig);
  const disk = ucloudstack.state().volumes[0]!;
  const { SnapshotID } = await ucs.createSnapshot({ DiskID: disk.id, Name: "package-check" });
  const described = await ucs.describeSnapshot({ DiskID: disk.id });
  out.ucloudstack = { listed: (described.Infos ?? []).some((s) => s.SnapshotID === SnapshotID), inState: ucloudstack.state().snapshots.some((s) => s.id === SnapshotID) };
} finally {
  await ucloudstack.close();
}

console.log(JSON.stringify(out));
`;

const TSCONFIGS: Record<string, Record<string, unknown>> = {
  // A Node user: Node's own types (the project's @types/node, no download), no DOM.
  node16: { module: "node16", moduleResolution: "node16", lib: ["ES2022"], types: ["node"] },
  nodenext: { module: "nodenext", moduleResolution: "nodenext", lib: ["ES2022"], types: ["node"] },
  // A browser user with a bundler: the DOM lib, no Node types.
  bundler: { module: "esnext", moduleResolution: "bundler", lib: ["ES2022", "DOM", "DOM.Iterable"], types: [] },
};

/** The module resolutions a Node user has (the emulator entry is Node-only). */
const NODE_TSCONFIGS = ["node16", "nodenext"] as const;

function tsconfig(options: Record<string, unknown>, emit = false, files = ["consumer.ts"]): string {
  return JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        typeRoots: [resolve(root, "node_modules", "@types")],
        ...(emit ? { outDir: "out", noEmit: false } : { noEmit: true }),
        ...options,
      },
      files,
    },
    null,
    2,
  );
}

// ---------------------------------------------------------------- the checks

const work = mkdtempSync(join(tmpdir(), "cloud-disk-openapi-package-"));
// The temporary project goes however this process ends (a crash, Ctrl-C, a CI timeout).
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => process.exit(130));
let mocks: RunningMocks | undefined;
try {
  // 1. Build and pack.
  const build = run("npm", ["run", "build", "--silent"]);
  if (!check("build (npm run build)", build.status === 0, build.status === 0 ? "" : tail(build.output_))) throw new Error("build failed");
  // The build just ran; prepack would only repeat it.
  const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work]);
  if (!check("npm pack", pack.status === 0, pack.status === 0 ? "" : tail(pack.output_))) throw new Error("pack failed");
  const [packed] = JSON.parse(pack.stdout) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
    files: Array<{ path: string }>;
  }>;
  const tarball = join(work, packed!.filename);
  const files = new Set(packed!.files.map((f) => f.path));
  info(
    `${packed!.filename}: ${files.size} files, ${(packed!.size / 1024).toFixed(1)} kB packed, ${(packed!.unpackedSize / 1024).toFixed(1)} kB unpacked`,
  );

  const sources = [...sourceFiles(resolve(root, "src")), ...sourceFiles(resolve(root, "generated"))];
  const declarations = new Set(sources.map((source) => `${TYPES_DIR}/${source.replace(/\.ts$/, ".d.ts")}`));
  const bundles = new Set(entries.map((entry) => entry.bundle));
  // The chunks the bundles import, directly or through other chunks: every one must be in the tarball, and no other.
  const chunks = builtImports([...bundles]).local;
  const expectedFiles = new Set([...declarations, ...bundles, ...chunks]);
  const missing = [...expectedFiles].filter((file) => !files.has(file));
  const stale = [...files].filter((file) => file.startsWith("dist/") && !expectedFiles.has(file));
  check(
    `tarball: ${bundles.size} entry bundles, ${chunks.size} shared chunk(s) they import, a .d.ts for each of ${sources.length} src/ and generated/ modules`,
    missing.length === 0,
    missing.slice(0, 10).join("\n"),
  );
  check(
    "tarball: no other dist/ file (stale or unused)",
    stale.length === 0,
    stale.slice(0, 10).join("\n") + (stale.length ? "\n(remove dist/ and rebuild)" : ""),
  );
  const exportTargets = Object.values(pkg.exports).flatMap((target) => Object.values(conditions(target)));
  const unpublished = exportTargets.filter((target) => !files.has(target.replace(/^\.\//, "")));
  check("tarball: every exports target is published", unpublished.length === 0, unpublished.join("\n"));

  // Not a failure (publint and attw accept it), but worth knowing: maps whose sources are not shipped.
  const orphanMaps = [...files]
    .filter((file) => file.endsWith(".map"))
    .filter((file) => {
      const map = JSON.parse(readFileSync(resolve(root, file), "utf8")) as { sources?: string[] };
      return (map.sources ?? []).some((source) => !files.has(relative(root, resolve(root, file, "..", source))));
    });
  if (orphanMaps.length)
    info(
      `note: ${orphanMaps.length} source maps point at sources the tarball does not ship (e.g. ${orphanMaps[0]}); ship src/ and generated/ or drop the maps`,
    );

  // 2. publint and attw on the tarball.
  const { publint } = await import("publint");
  const { formatMessage } = await import("publint/utils");
  const buffer = readFileSync(tarball);
  const lint = await publint({
    pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer },
    level: "suggestion",
    strict: true,
  });
  check(
    "publint on the tarball: zero messages (errors, warnings, suggestions)",
    lint.messages.length === 0,
    lint.messages.map((m) => `${m.type}: ${formatMessage(m, lint.pkg, { color: false })}`).join("\n"),
  );

  const esmOnly =
    pkg.type === "module" &&
    Object.values(pkg.exports).every((target) => typeof target !== "string" || target.endsWith(".json")) &&
    Object.values(pkg.exports).every(
      (target) => typeof target === "string" || Object.keys(target).every((c) => c === "types" || c === "import"),
    );
  const profile = esmOnly ? "esm-only" : "strict";
  const attw = run(NODE_PROJECT, [bin("attw"), tarball, "--profile", profile, "--format", "table-flipped", "--no-color", "--no-emoji"]);
  check(`attw on the tarball (--profile ${profile}): zero problems`, attw.status === 0, attw.status === 0 ? "" : tail(attw.output_, 60));

  // 3. A fresh consumer project installing the tarball.
  const project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "package-check-consumer", version: "1.0.0", private: true, type: "module" }, null, 2),
  );
  const installed = run("npm", ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: project });
  if (!check("fresh project: npm install <tarball> (dependencies from the registry)", installed.status === 0, tail(installed.output_)))
    throw new Error("install failed");
  const installedFetch = JSON.parse(readFileSync(join(project, "node_modules", "openapi-fetch", "package.json"), "utf8")) as {
    version: string;
  };
  const wanted = pkg.dependencies?.["openapi-fetch"] ?? "";
  check(
    `fresh project: openapi-fetch ${installedFetch.version} installed as the package asks (${wanted})`,
    !/^\d/.test(wanted) || installedFetch.version === wanted,
  );
  writeFileSync(join(project, "import-all.js"), IMPORT_ALL);
  writeFileSync(join(project, "consumer.ts"), CONSUMER);
  for (const [name, options] of Object.entries(TSCONFIGS)) writeFileSync(join(project, `tsconfig.${name}.json`), tsconfig(options));
  writeFileSync(join(project, "tsconfig.emit.json"), tsconfig(TSCONFIGS.nodenext!, true));
  writeFileSync(join(project, "emulator-consumer.ts"), EMULATOR_CONSUMER);
  for (const name of NODE_TSCONFIGS)
    writeFileSync(join(project, `tsconfig.emulator-${name}.json`), tsconfig(TSCONFIGS[name]!, false, ["emulator-consumer.ts"]));
  writeFileSync(join(project, "tsconfig.emulator-emit.json"), tsconfig(TSCONFIGS.nodenext!, true, ["emulator-consumer.ts"]));

  // What each subpath must export: exactly what its source entry exports.
  const expected: Record<string, Record<string, string>> = {};
  for (const entry of entries) {
    const module = (await import(resolve(root, entry.source))) as Record<string, unknown>;
    expected[entry.subpath] = Object.fromEntries(
      Object.keys(module)
        .sort()
        .map((name) => [name, typeof module[name]]),
    );
  }

  const nodes = [
    { label: "machine", path: NODE_MACHINE },
    { label: "project", path: NODE_PROJECT },
  ];
  const floor = major(/(\d+)/.exec(pkg.engines?.node ?? "")?.[1] ?? "NaN");
  for (const node of nodes) {
    const version = run(node.path, ["--version"]).stdout.trim();
    Object.assign(node, { version });
    if (node.label === "machine")
      check(
        `the machine's Node (${node.path}) is ${version || "missing"}: the engines floor (${pkg.engines?.node})`,
        major(version) === floor,
      );
    else check(`the project's Node (${node.path}) is ${version || "missing"}`, major(version) >= 24);
  }

  for (const node of nodes as Array<{ label: string; path: string; version: string }>) {
    const result = run(node.path, ["import-all.js"], { cwd: project });
    let report:
      | {
          node: string;
          subpaths: Record<string, Record<string, string>>;
          hierarchy: Record<string, boolean>;
          refused: Record<string, string>;
          sharedApiError: boolean;
          nodeOnly: Record<string, string>;
        }
      | undefined;
    try {
      report = JSON.parse(result.stdout.trim().split("\n").pop() ?? "");
    } catch {
      /* reported below */
    }
    if (
      !check(
        `Node ${node.version}: import every subpath export (${Object.keys(pkg.exports).join(", ")})`,
        result.status === 0 && !!report,
        tail(result.output_),
      )
    )
      continue;
    for (const [subpath, names] of Object.entries(expected)) {
      const exported = report!.subpaths[subpath] ?? {};
      const hierarchy = report!.hierarchy[subpath] === true;
      const diff = [...new Set([...Object.keys(names), ...Object.keys(exported)])]
        .filter((name) => names[name] !== exported[name])
        .map((name) => `${name}: source ${names[name] ?? "-"}, package ${exported[name] ?? "-"}`);
      const factories = Object.keys(exported).filter((name) => /^create\w+Client$/.test(name) && exported[name] === "function");
      const signers = Object.keys(exported).filter((name) => /^sign\w+$/.test(name) && exported[name] === "function");
      if (entries.find((entry) => entry.subpath === subpath)?.nodeOnly) {
        const shared = report!.nodeOnly[subpath];
        check(
          `Node ${node.version}: ${subpath} (Node only) exports what src does (${Object.keys(exported).length} names; startEmulator ${exported.startEmulator}); its option error: ${shared}`,
          diff.length === 0 && exported.startEmulator === "function" && shared === "shared ConfigurationError",
          diff.join("\n"),
        );
        continue;
      }
      // A workflow entry (`/snapshots`) works on the provider clients: it has no factories or signers of its own.
      const workflow = !Object.keys(names).some((name) => /^create\w+Client$/.test(name));
      check(
        `Node ${node.version}: ${subpath} exports what src does (${Object.keys(exported).length} names; factories ${factories.join(", ")}; signers ${signers.join(", ")})`,
        diff.length === 0 && (workflow || (factories.length > 0 && signers.length > 0)) && hierarchy,
        [
          ...diff,
          factories.length || workflow ? "" : "no create*Client factory",
          signers.length || workflow ? "" : "no sign* signer",
          hierarchy ? "" : "ApiError does not extend CloudDiskError extends Error",
        ]
          .filter(Boolean)
          .join("\n"),
      );
    }
    check(
      `Node ${node.version}: one error hierarchy across subpaths; bare name and deep paths refused`,
      report!.sharedApiError && Object.values(report!.refused).every((code) => code === "ERR_PACKAGE_PATH_NOT_EXPORTED"),
      JSON.stringify(report!.refused),
    );
  }

  // 4. The consumer type-checks under each module resolution (the project's tsc, no download).
  for (const name of Object.keys(TSCONFIGS)) {
    const tsc = run(NODE_PROJECT, [bin("tsc"), "-p", `tsconfig.${name}.json`], { cwd: project });
    check(
      `consumer.ts type-checks with moduleResolution ${name} (${(TSCONFIGS[name]!.lib as string[]).join("+")}, skipLibCheck off)`,
      tsc.status === 0,
      tail(tsc.output_),
    );
  }
  const emit = run(NODE_PROJECT, [bin("tsc"), "-p", "tsconfig.emit.json"], { cwd: project });
  if (!check("consumer.ts emitted to JavaScript (nodenext)", emit.status === 0, tail(emit.output_))) throw new Error("emit failed");
  for (const name of NODE_TSCONFIGS) {
    const tsc = run(NODE_PROJECT, [bin("tsc"), "-p", `tsconfig.emulator-${name}.json`], { cwd: project });
    check(
      `emulator-consumer.ts type-checks with moduleResolution ${name} (Node types, skipLibCheck off)`,
      tsc.status === 0,
      tail(tsc.output_),
    );
  }
  const emulatorEmit = run(NODE_PROJECT, [bin("tsc"), "-p", "tsconfig.emulator-emit.json"], { cwd: project });
  check("emulator-consumer.ts emitted to JavaScript (nodenext)", emulatorEmit.status === 0, tail(emulatorEmit.output_));

  // The emulator entry under both Node versions: a snapshot per provider, seen by the client and in the state.
  for (const node of nodes as Array<{ label: string; path: string; version: string }>) {
    if (emulatorEmit.status !== 0) break;
    const result = await runAsync(node.path, ["out/emulator-consumer.js"], { cwd: project });
    let out: Record<string, { listed?: boolean; inState?: boolean; gone?: string }> | undefined;
    try {
      out = JSON.parse(result.stdout.trim().split("\n").pop() ?? "");
    } catch {
      /* reported below */
    }
    const o = out ?? {};
    check(
      `Node ${node.version}: cloud-disk-openapi/emulator, each provider: the client's snapshot is listed and in emu.state(); Huawei after delete -> ${o.huawei?.gone}`,
      result.status === 0 &&
        ["huawei", "alibaba", "ucloudstack"].every((p) => o[p]?.listed === true) &&
        o.alibaba?.inState === true &&
        o.ucloudstack?.inState === true &&
        o.huawei?.inState === false &&
        o.huawei?.gone === "NotFoundError",
      out ? JSON.stringify(out) : tail(result.output_),
    );
  }

  // 5. A real call per provider against the embedded mocks, under both Node versions.
  mocks = await startAllMocks(await mockCatalog());
  for (const node of nodes as Array<{ label: string; path: string; version: string }>) {
    const result = await runAsync(node.path, ["out/consumer.js"], { cwd: project, env: { MOCK_URLS: JSON.stringify(mocks.urls) } });
    let out: Record<string, any> | undefined;
    try {
      out = JSON.parse(result.stdout.trim().split("\n").pop() ?? "");
    } catch {
      /* reported below */
    }
    if (!check(`Node ${node.version}: consumer ran its calls against the mocks`, result.status === 0 && !!out, tail(result.output_)))
      continue;
    const o = out!;
    check(
      `Node ${node.version}: Huawei EVS cinderShowVolume (AK/SK) -> volume ${o.huawei?.id} [${o.huawei?.status}]; 404 -> ${o.huaweiError?.class}`,
      typeof o.huawei?.id === "string" &&
        typeof o.huawei?.size === "number" &&
        o.huaweiError?.class === "NotFoundError" &&
        o.huaweiError?.provider === "huawei",
      JSON.stringify({ huawei: o.huawei, error: o.huaweiError }),
    );
    check(
      `Node ${node.version}: Alibaba ECS DescribeDisks, V3 and V1 -> ${o["alibaba-v3"]?.count} / ${o["alibaba-v1"]?.count} disks; IncorrectDiskStatus -> ${o.alibabaError?.class}`,
      typeof o["alibaba-v3"]?.requestId === "string" &&
        typeof o["alibaba-v1"]?.requestId === "string" &&
        o.alibabaError?.class === "InvalidStateError" &&
        o.alibabaError?.code === "IncorrectDiskStatus",
      JSON.stringify({ v3: o["alibaba-v3"], v1: o["alibaba-v1"], error: o.alibabaError }),
    );
    check(
      `Node ${node.version}: UCloudStack DescribeSnapshot -> RetCode ${o.ucloudstack?.retCode}, ${o.ucloudstack?.total} snapshots; RetCode failure -> ${o.ucloudstackError?.class}`,
      o.ucloudstack?.retCode === 0 &&
        typeof o.ucloudstackError?.class === "string" &&
        o.ucloudstackError?.provider === "ucloudstack" &&
        o.ucloudstackError?.status === 200,
      JSON.stringify({ ucloudstack: o.ucloudstack, error: o.ucloudstackError }),
    );
  }
} catch (error) {
  failed++;
  console.log(`FAIL stopped: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await mocks?.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `\ncheck-package: ${passed} of ${passed + failed} checks ok${failed ? `, ${failed} FAILED` : ""} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
process.exit(failed === 0 ? 0 : 1);

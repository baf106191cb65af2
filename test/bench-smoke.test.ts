/**
 * The benchmark harness (bench/, `npm run bench`) still works: its smoke mode runs
 * every measurement with tiny counts and no peers (the local server in its own
 * process, per-call runs of ours and the raw baseline, paging, cold import, RSS,
 * bundle size, the emulator's calls per second, from our client and from the lean load generator, and memory,
 * and snapshotMany over a batch of volumes at a rate limit) and the figures it reports are sane. Timing is never asserted here.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const node24 = join(root, "node_modules", ".bin", "node");
const dir = mkdtempSync(join(tmpdir(), "bench-smoke-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  median: number;
  min: number;
  max: number;
}

const positive = (summary: Summary) => {
  expect(Number.isFinite(summary.median) && summary.median > 0).toBe(true);
  expect(summary.min).toBeLessThanOrEqual(summary.median);
  expect(summary.max).toBeGreaterThanOrEqual(summary.median);
};

describe("bench/run.ts --smoke", () => {
  it("runs every measurement and reports sane figures", () => {
    const report = join(dir, "RESULTS.md");
    const json = join(dir, "results.json");
    const run = spawnSync(node24, [join(root, "bench", "run.ts"), "--smoke", "--out", report, "--json", json], {
      cwd: root,
      encoding: "utf8",
      timeout: 150_000,
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);

    const results = JSON.parse(readFileSync(json, "utf8"));
    expect(results.mode).toBe("smoke");
    expect(results.machine.cores).toBeGreaterThan(0);

    // Per-call: every provider, list / rollback / error, ours and the baseline; no peers in smoke mode.
    expect(results.perCall).toHaveLength(9);
    for (const row of results.perCall) {
      for (const side of [row.baseline, row.ours]) {
        positive(side.wallUs);
        positive(side.cpuUs);
      }
      positive(row.ours.wallRatio);
      expect(row.peer).toBeUndefined();
      if (row.op === "error") {
        // Ours throws the typed error for the provider's answer; never a network failure.
        expect(row.ours.check).toMatch(/^(NotFoundError|InvalidStateError)$/);
        expect(row.baseline.check).toBe("Error");
      } else {
        expect(row.ours.check).toBe("ok");
        expect(row.baseline.check).toBe("ok");
      }
    }

    // Paging through the async iterator reached the last checkpoint.
    expect(results.paging).toHaveLength(3);
    for (const row of results.paging) {
      expect(row.items).toBe(row.last);
      expect(row.rssFirst).toBeGreaterThan(0);
      expect(row.rssLast).toBeGreaterThan(0);
      expect(row.itemsPerSecond).toBeGreaterThan(0);
    }

    // Cold import and RSS: bare node plus the three entry points.
    const cold = results.coldImport["Node 24"];
    for (const key of ["bare", "ours-huawei", "ours-alibaba", "ours-ucloudstack"]) {
      const row = cold.find((r: { key: string }) => r.key === key);
      positive(row.ms);
    }
    for (const row of results.rss["Node 24"]) expect(row.bytes.median).toBeGreaterThan(10 * 1024 * 1024);

    // Bundle: one per entry point, gzip smaller than minified.
    expect(results.bundles).toHaveLength(3);
    for (const row of results.bundles) {
      expect(row.gzipBytes).toBeGreaterThan(1000);
      expect(row.gzipBytes).toBeLessThan(row.minBytes);
    }

    // Emulator (§6): show/describe calls with the emulator in its own process (its CPU read from
    // its control port) and in the client's process; memory across snapshots created and deleted.
    expect(results.emulator.calls.map((row: { provider: string }) => row.provider)).toEqual(["huawei", "alibaba", "ucloudstack"]);
    for (const row of results.emulator.calls) {
      expect(row.separate.map((level: { concurrency: number }) => level.concurrency)).toEqual(results.emulator.counts.concurrency);
      for (const level of row.separate) {
        positive(level.callsPerSecond);
        positive(level.clientCpuUs);
        positive(level.serverCpuUs);
      }
      expect(row.inProcess).toHaveLength(row.separate.length);
      for (const level of row.inProcess) {
        positive(level.callsPerSecond);
        expect(level.serverCpuUs).toBeUndefined();
      }
    }
    // The lean load generator: every provider, each level's served rate, no failed answer, CPU on both sides.
    expect(results.emulator.load.map((row: { provider: string }) => row.provider)).toEqual(["huawei", "alibaba", "ucloudstack"]);
    for (const row of results.emulator.load) {
      expect(row.signing).toBe(row.provider === "alibaba" ? "per request" : "replayed");
      expect(row.firstFailure).toBeUndefined();
      expect(row.loadAverage).toHaveLength(2);
      for (const value of row.loadAverage) expect(Number.isFinite(value) && value >= 0).toBe(true);
      expect(row.levels.map((level: { concurrency: number }) => level.concurrency)).toEqual(results.emulator.counts.load.concurrency);
      for (const level of row.levels) {
        expect(level.failures).toBe(0);
        expect(level.served).toBeGreaterThan(0);
        positive(level.callsPerSecond);
        positive(level.generatorCpuUs);
        positive(level.serverCpuUs);
      }
    }
    expect(results.emulator.memory).toHaveLength(3);
    for (const row of results.emulator.memory) {
      const checkpoints = results.emulator.counts.checkpoints;
      expect(row.samples.map((s: { count: number }) => s.count)).toEqual([0, ...checkpoints]);
      expect(row.snapshots).toBe(checkpoints.at(-1));
      for (const sample of row.samples) {
        expect(sample.heapUsed).toBeGreaterThan(1024 * 1024);
        // Everything created was deleted: the default fixture's one snapshot is left.
        expect(sample.snapshots).toBe(1);
      }
      expect(Number.isFinite(row.heapSlopePer1000)).toBe(true);
      expect(row.snapshotsPerSecond).toBeGreaterThan(0);
    }

    // Snapshot batches (§7): every volume snapshotted once through snapshotMany, nothing refused for
    // throttling reaching the caller, the emulator holding exactly one snapshot per volume.
    expect(results.batch.rows.map((row: { provider: string }) => row.provider)).toEqual(["huawei", "alibaba", "ucloudstack"]);
    // A second run per provider with the emulator throttling below the batch's rate: every throttling
    // answer absorbed (the client's retries or the batch's pause), none reaching the caller.
    expect(results.batch.throttled.map((row: { provider: string }) => row.provider)).toEqual(["huawei", "alibaba", "ucloudstack"]);
    for (const { run } of results.batch.rows) expect(run.volumes).toBe(results.batch.counts.volumes);
    for (const { run } of results.batch.throttled) expect(run.volumes).toBe(results.batch.counts.throttled.volumes);
    for (const { run } of [...results.batch.rows, ...results.batch.throttled]) {
      const volumes = run.volumes;
      expect(run.volumes).toBe(volumes);
      expect(run.results).toBe(volumes);
      expect(run.fulfilled).toBe(volumes);
      expect(run.rejections).toEqual({});
      expect(run.matching).toBe(volumes);
      expect(run.uniqueSnapshotIds).toBe(volumes);
      expect(run.progressEvents).toBe(volumes);
      expect(run.requests).toBeGreaterThanOrEqual(2 * volumes);
      expect(run.emulatorAfter.exchanges.requests).toBe(run.requests);
      expect(run.emulatorAfter.state.snapshots).toBe(volumes);
      expect(run.emulatorAfter.state.snapshotVolumes).toBe(volumes);
      expect(run.requestsPerSecond).toBeGreaterThan(0);
      expect(run.emulatorAfter.exchanges.throttled).toBe(run.throttledSeen);
      expect(run.memory.after.heapUsed).toBeGreaterThan(1024 * 1024);
    }

    const markdown = readFileSync(report, "utf8");
    expect(markdown).toContain("smoke mode");
    expect(markdown).toContain("## Targets");
    expect(markdown).toContain("## 3. Per-call cost");
    expect(markdown).toContain("## 6. Emulator");
    expect(markdown).toContain("## 7. Snapshot batches");
  }, 180_000);
});

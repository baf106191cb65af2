/**
 * The wrapper's own CPU cost, without the network: ours and the raw baseline with
 * the global fetch replaced by an in-process fake that answers like the benchmark
 * server. Used while profiling (with --cpu-prof); not part of `npm run bench`.
 *   node bench/tools/overhead.ts <provider> <op> [rounds=15] [calls=2000] [only=ours|baseline|both] [code=dist|src]
 * `code=src` loads the .ts sources instead of the built bundles, so a profile names source files.
 * Ours gets the fake as its `fetch` option: on Node, without one, it would send with node:http, which an
 * in-process fake cannot answer. So this measures the fetch path (one `Request` per attempt, as a caller's
 * fetch gets); profile the Node transport with the per-call worker against bench/server.ts instead:
 *   node --cpu-prof bench/workers/per-call.ts '{"provider":…,"op":…,"kinds":["ours"],…}'
 */
import { callsFor, ourCalls, type Op, type Provider } from "../lib/clients.ts";
import { alibabaSnapshot, huaweiSnapshot, range, ucloudStackSnapshot } from "../lib/bodies.ts";

const [provider, op, rounds = "15", calls = "2000", only = "both", code = "dist"] = process.argv.slice(2) as [
  Provider,
  Op,
  string,
  string,
  string,
  string,
];
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-request-id": "bench-1", "x-acs-request-id": "bench-1" },
  });
const cached = new Map<string, string>();
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  // Like Node's fetch (undici), which always builds a Request of its own, even from a
  // Request input (a second one, following the input's signal): a fake that passed a
  // Request through would hide that cost from the comparison.
  const request = new Request(input, init);
  const text = request.body ? await request.text() : "";
  const url = new URL(request.url);
  if (provider === "huawei") {
    if (request.method === "GET")
      return new Response(
        cached.get("hw") ?? cached.set("hw", JSON.stringify({ snapshots: range(0, 10, huaweiSnapshot), snapshots_links: null })).get("hw"),
        { status: 200, headers: { "content-type": "application/json", "x-request-id": "r" } },
      );
    return url.pathname.includes("missing")
      ? json(404, { error: { code: "EVS.5404", message: "not found" } })
      : json(202, { rollback: { snapshot_id: "s", volume_id: "v", volume_name: "n" } });
  }
  if (provider === "alibaba") {
    const action = request.headers.get("x-acs-action");
    if (action === "DescribeSnapshots")
      return json(200, { RequestId: "r", TotalCount: 1e6, NextToken: "t-a", Snapshots: { Snapshot: range(0, 10, alibabaSnapshot) } });
    return url.search.includes("missing")
      ? json(404, { RequestId: "r", Code: "InvalidDiskId.NotFound", Message: "nope" })
      : json(200, { RequestId: "r" });
  }
  const params = JSON.parse(text) as Record<string, unknown>;
  if (params.Action === "DescribeSnapshot")
    return json(200, {
      Action: "DescribeSnapshotResponse",
      RetCode: 0,
      Message: "",
      TotalCount: 1e6,
      Infos: range(0, 10, ucloudStackSnapshot),
    });
  return json(200, { Action: "RollbackSnapshotResponse", RetCode: String(params.SnapshotID).includes("missing") ? 2501 : 0, Message: "" });
};
const ports = { huawei: 1, alibaba: 1, ucloudstack: 1 };
const root = decodeURIComponent(new URL("../../", import.meta.url).pathname);
const entry = code === "src" ? `${root}src/{provider}/index.ts` : `${root}dist/{provider}.js`;
const kinds = only === "both" ? (["baseline", "ours"] as const) : ([only] as ["ours"]);
const fns = Object.fromEntries(
  await Promise.all(
    kinds.map(async (kind) => {
      const calls =
        kind === "ours"
          ? await ourCalls(provider, ports, entry, { fetch: (request: Request) => globalThis.fetch(request) })
          : await callsFor(kind, provider, ports, entry, "");
      return [kind, calls[op]] as const;
    }),
  ),
);
const run = async (fn: () => Promise<unknown>, n: number) => {
  for (let i = 0; i < n; i++)
    await fn().catch((error: unknown) => {
      if (op !== "error") throw error;
    });
};
for (const fn of Object.values(fns)) await run(fn, 1000);
const cpu: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
for (let r = 0; r < Number(rounds); r++) {
  for (const [kind, fn] of Object.entries(fns)) {
    const c0 = process.cpuUsage();
    await run(fn, Number(calls));
    const c = process.cpuUsage(c0);
    cpu[kind]!.push((c.user + c.system) / Number(calls));
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
console.log(
  `${provider} ${op}: ` +
    Object.entries(cpu)
      .map(([k, v]) => `${k} median ${med(v).toFixed(1)} min ${Math.min(...v).toFixed(1)} µs CPU`)
      .join("; "),
);

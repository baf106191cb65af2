/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): busy time by area (the
 * package, Node's HTTP client and sockets, hashing, the JSON parser, the garbage
 * collector, ...), self time by function and by file, and inclusive time of the
 * package's own functions. Used to find where a missed per-call target goes:
 *   node bench/tools/cpuprofile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Profile;
const top = Number(process.argv[3] ?? 25);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const label = (n: Node) =>
  `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(node_modules|work\/main)\//, "")}:${n.callFrame.lineNumber + 1}`;
const file = (n: Node) => n.callFrame.url.replace(/^.*\/(node_modules|work\/main)\//, "") || `(${n.callFrame.functionName || "native"})`;

function table(title: string, map: Map<string, number>) {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id)!;
  fnSelf.set(label(node), (fnSelf.get(label(node)) ?? 0) + us);
  fileSelf.set(file(node), (fileSelf.get(file(node)) ?? 0) + us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const key = label(byId.get(cur)!);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
/**
 * The area a function's self time belongs to, by where its code lives. Native work is charged to the
 * JavaScript that called it by V8's profiler (a socket write to the HTTP client, an Error's stack capture
 * to its constructor), so "the package" includes what our own calls cost natively.
 */
function area(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (functionName === "(idle)") return "idle (waiting for the server)";
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(program)" || functionName === "(root)") return "V8 (program)";
  if (
    /node_modules\/(cloud-disk-openapi|openapi-fetch)\//.test(url) ||
    (!url.includes("node_modules") && /\/(src|dist|generated)\//.test(url))
  )
    return "the package (and openapi-fetch)";
  if (/node:internal\/crypto/.test(url)) return "hashing (node:crypto)";
  if (/node:_http|node:http|node:net|node:internal\/(streams|stream_base|http|net)|node:events|node:internal\/event/.test(url))
    return "Node's HTTP client, sockets, streams, events";
  if (/undici/.test(url)) return "undici (fetch, Headers)";
  if (url === "" && /^(parse|stringify)$/.test(functionName)) return "JSON";
  if (/node_modules/.test(url)) return "dependencies other than ours (the SDKs' own code)";
  if (url.startsWith("node:")) return "other Node internals (timers, task queues, modules)";
  if (url === "") return "other native (socket writes, regular expressions)";
  return "the measuring harness";
}
const byArea = new Map<string, number>();
for (const [id, us] of self) {
  const key = area(byId.get(id)!);
  byArea.set(key, (byArea.get(key) ?? 0) + us);
}
const idle = byArea.get("idle (waiting for the server)") ?? 0;
console.log(`total sampled ${(total / 1000).toFixed(0)} ms, busy ${((total - idle) / 1000).toFixed(0)} ms`);
console.log("\nbusy time by area");
for (const [key, us] of [...byArea].filter(([key]) => !key.startsWith("idle")).sort((a, b) => b[1] - a[1]))
  console.log(`${((us / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${key}`);
table("self time by function", fnSelf);
table("self time by file", fileSelf);
table(
  "inclusive time (src/, generated/, openapi-fetch, undici)",
  new Map([...inclusive].filter(([k]) => /src\/|generated\/|openapi-fetch|undici|fetch|Request|Response/.test(k))),
);

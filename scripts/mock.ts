/**
 * `npm run mock`: serves every spec's Prism mock on fixed local ports and prints the
 * URLs, until Ctrl-C. MOCK_BASE_PORT moves the range; MOCK_HOST the address.
 */
import { mockCatalog } from "./mock/catalog.ts";
import { startPrism, type RunningPrism } from "./mock/prism-server.ts";

const host = process.env.MOCK_HOST ?? "127.0.0.1";
const running: RunningPrism[] = [];
for (const entry of await mockCatalog()) {
  const server = await startPrism({ spec: entry.spec, port: entry.port, host, logLevel: "warn" });
  running.push(server);
  console.log(`${entry.name.padEnd(16)} ${server.url}   (${entry.spec.replace(`${process.cwd()}/`, "")})`);
}
console.log("\nMocks need an auth header (X-Auth-Token or Authorization) like the real services.");
console.log("Try: curl -H 'X-Auth-Token: demo' " + `${running[0]?.url ?? ""}/v2/demo-project/volumes/detail`);
console.log("Ctrl-C stops them.");

const stop = async () => {
  await Promise.all(running.map((server) => server.close()));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/**
 * `npm run mock`: serves every spec's Prism mock on fixed local ports and prints the
 * URLs, until Ctrl-C. MOCK_BASE_PORT moves the range; MOCK_HOST the address.
 */
import { mockCatalog } from "./mock/catalog.ts";
import { startAllMocks } from "./mock/prism-server.ts";

const host = process.env.MOCK_HOST ?? "127.0.0.1";
const catalog = await mockCatalog();
const mocks = await startAllMocks(catalog, { fixedPorts: true, host, logLevel: "warn" });
for (const entry of catalog)
  console.log(`${entry.name.padEnd(16)} ${mocks.urls[entry.name]}   (${entry.spec.replace(`${process.cwd()}/`, "")})`);
console.log("\nMocks check auth headers like the real services. Try:");
console.log(`  curl -H 'X-Auth-Token: demo' ${mocks.urls["huawei-evs"]}/v2/9c53a566cb3443ab910cf0daebca90c4/volumes/detail`);
console.log("Ctrl-C stops them.");

const stop = async () => {
  await mocks.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

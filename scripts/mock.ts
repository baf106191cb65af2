/**
 * `npm run mock`: the three stateful emulators (`cloud-disk-openapi/emulator`) on fixed local
 * ports, until Ctrl-C; prints each one's URL and the `clientConfig` to give the provider's
 * client (endpoint, project or region, the fixed demo credentials the emulator accepts).
 *
 *   npm run mock                        emulators on 4020 (Huawei EVS + ECS), 4021 (Alibaba ECS), 4022 (UCloudStack)
 *   npm run mock -- --timing fast       "realistic" (default), "fast" (a hundredth) or "instant"
 *   npm run mock -- --static            the static Prism mocks instead: one per spec from 4010 up, answering the
 *                                       specs' documented examples (what the contract tests use)
 *
 * EMULATOR_BASE_PORT moves the emulators' ports, MOCK_BASE_PORT the static mocks'; MOCK_HOST the address.
 */
import { startEmulator, type Timing } from "../src/emulator/index.ts";
import { mockCatalog } from "./mock/catalog.ts";
import { startAllMocks } from "./mock/prism-server.ts";

const host = process.env.MOCK_HOST ?? "127.0.0.1";
const args = process.argv.slice(2);
const stops: Array<() => Promise<void>> = [];

const stop = async () => {
  await Promise.all(stops.map((close) => close()));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

if (args.includes("--static")) {
  const catalog = await mockCatalog();
  const mocks = await startAllMocks(catalog, { fixedPorts: true, host, logLevel: "warn" });
  stops.push(() => mocks.close());
  for (const entry of catalog)
    console.log(`${entry.name.padEnd(16)} ${mocks.urls[entry.name]}   (${entry.spec.replace(`${process.cwd()}/`, "")})`);
  console.log("\nStatic Prism mocks: every call answers the spec's documented example (no state). They check auth headers. Try:");
  console.log(`  curl -H 'X-Auth-Token: demo' ${mocks.urls["huawei-evs"]}/v2/9c53a566cb3443ab910cf0daebca90c4/volumes/detail`);
} else {
  const timingArgument = args.indexOf("--timing");
  const timing = (timingArgument < 0 ? "realistic" : args[timingArgument + 1]) as Timing;
  if (!["instant", "fast", "realistic"].includes(timing)) {
    console.error("mock: --timing must be instant, fast or realistic");
    process.exit(2);
  }
  const unknown = args.filter((arg, index) => arg !== "--timing" && !(index > 0 && args[index - 1] === "--timing"));
  if (unknown.length > 0) {
    console.error(`mock: unknown argument ${unknown.join(" ")} (known: --static, --timing instant|fast|realistic)`);
    process.exit(2);
  }
  const base = Number(process.env.EMULATOR_BASE_PORT ?? 4020);
  // Fixed, documented demo credentials (not secrets): the same every run, so a client configured once keeps working.
  const emulators = [
    await startEmulator({
      provider: "huawei",
      timing,
      host,
      port: base,
      credentials: { accessKeyId: "DEMOACCESSKEYID", secretAccessKey: "demo-secret-access-key" },
    }),
    await startEmulator({
      provider: "alibaba",
      timing,
      host,
      port: base + 1,
      credentials: { accessKeyId: "LTAI5tDemoAccessKey", accessKeySecret: "demo-access-key-secret" },
    }),
    await startEmulator({
      provider: "ucloudstack",
      timing,
      host,
      port: base + 2,
      credentials: { publicKey: "demo-public-key", privateKey: "demo-private-key" },
    }),
  ];
  const clients = {
    huawei:
      'createEvsClient(clientConfig) / createEcsClient(clientConfig) from "cloud-disk-openapi/huawei" (EVS native and Cinder paths, ECS)',
    alibaba: 'createEcsClient(clientConfig) from "cloud-disk-openapi/alibaba" (V3 or signatureVersion: "v1")',
    ucloudstack: 'createUCloudStackClient(clientConfig) from "cloud-disk-openapi/ucloudstack"',
  } as const;
  for (const emu of emulators) {
    stops.push(() => emu.close());
    console.log(`${emu.provider.padEnd(12)} ${emu.url}   ${clients[emu.provider as keyof typeof clients]}`);
    console.log(`             clientConfig ${JSON.stringify(emu.clientConfig)}`);
  }
  console.log(`\nStateful emulators (timing "${timing}"), seeded with the default fixtures (README "Testing your code").`);
  console.log(
    "Every request's signature is verified; what a call creates, later calls see. The static Prism mocks: npm run mock -- --static",
  );
}
console.log("Ctrl-C stops them.");

/**
 * `npm run demo`: each provider's real snapshot workflow on its stateful emulator
 * (`cloud-disk-openapi/emulator`, timing "fast": a hundredth of the realistic durations),
 * through the public clients exactly as a user's code would run against the real cloud:
 * create a volume/disk, snapshot it, wait until usable, roll back (stopping the instance
 * where the provider requires it), wait, delete, and the 404; then the same cross-provider code
 * (`cloud-disk-openapi/snapshots`) on the three: a batch of snapshots, read, list, delete. Prints each
 * call and every state the polls see, then the elapsed time. Nothing leaves this machine. (The static
 * Prism mocks stay for the contract tests of the documented examples: `npm run mock -- --static`.)
 */
import { startEmulator } from "../src/emulator/index.ts";
import { alibabaFlow } from "./demo/alibaba.ts";
import { crossProviderFlow } from "./demo/cross-provider.ts";
import { huaweiFlow } from "./demo/huawei.ts";
import { ucloudStackFlow } from "./demo/ucloudstack.ts";

const started = performance.now();
const huawei = await startEmulator({ provider: "huawei", timing: "fast" });
const alibaba = await startEmulator({ provider: "alibaba", timing: "fast" });
const ucloudstack = await startEmulator({ provider: "ucloudstack", timing: "fast" });
try {
  console.log("cloud-disk-openapi demo: snapshot workflows on the stateful emulators (cloud-disk-openapi/emulator)");
  for (const emu of [huawei, alibaba, ucloudstack]) console.log(`   ${emu.provider.padEnd(12)} emulator at ${emu.url}`);
  console.log('   timing "fast": every transition takes a hundredth of its realistic duration; the polls print each state they see');
  await huaweiFlow(huawei);
  await alibabaFlow(alibaba);
  await ucloudStackFlow(ucloudstack);
  await crossProviderFlow([huawei, alibaba, ucloudstack]);
  console.log(
    `\nDemo finished in ${((performance.now() - started) / 1000).toFixed(2)} s: every call went through the public clients, signed, and was verified and answered by the emulators.`,
  );
} finally {
  await Promise.all([huawei.close(), alibaba.close(), ucloudstack.close()]);
}

/**
 * `npm run demo`: the main job on embedded mocks. Starts an in-process Prism mock
 * for every spec, then walks each provider's snapshot workflow through the public
 * clients exactly as a user would against the real cloud, printing each step.
 * Nothing leaves this machine.
 */
import { mockCatalog } from "./mock/catalog.ts";
import { startAllMocks } from "./mock/prism-server.ts";
import { huaweiFlow } from "./demo/huawei.ts";
import { alibabaFlow } from "./demo/alibaba.ts";
import { ucloudStackFlow } from "./demo/ucloudstack.ts";

const mocks = await startAllMocks(await mockCatalog());
try {
  console.log("cloud-disk-openapi demo: snapshot workflows on local Prism mocks built from the specs");
  for (const [name, url] of Object.entries(mocks.urls)) console.log(`   ${name.padEnd(12)} mock at ${url}`);
  console.log("   (a static mock answers every call with the spec's example, so ids and states differ from step to step)");
  await huaweiFlow(mocks.urls);
  await alibabaFlow(mocks.urls);
  await ucloudStackFlow(mocks.urls);
  console.log("\nDemo finished: every call went through the public clients, signed, and was validated by Prism against the specs.");
} finally {
  await mocks.close();
}

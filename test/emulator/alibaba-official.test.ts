/**
 * Alibaba's own Node clients against the emulator, seeing the same state our client does:
 * `@alicloud/pop-core` (V1 signature; GET with the parameters in the query, its default, and
 * POST with them in a form body) and `@alicloud/ecs20140526` (POST with the parameters in the
 * query and the action in `x-acs-action`; V3 signature by default, V1 with
 * `signatureAlgorithm: "v2"`), driven as contract-tests/official-alibaba.test.ts drives them,
 * through create → describe → wait → stop → reset → delete. Every answer is checked against the spec.
 */
import { createRequire } from "node:module";
import RPCClient from "@alicloud/pop-core";
import * as ecsSdk from "@alicloud/ecs20140526";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ALIBABA_FIXTURE } from "../../src/emulator/alibaba/model.ts";
import {
  type AlibabaEmulatorClientConfig,
  type Emulator,
  type EmulatorExchange,
  ManualClock,
  startEmulator,
} from "../../src/emulator/index.ts";
import { specConformance } from "./conformance.ts";

type Json = Record<string, any>;
const EcsClient = ecsSdk.default as unknown as new (config: unknown) => Json;
const { $OpenApiUtil } = createRequire(createRequire(import.meta.url).resolve("@alicloud/ecs20140526"))("@alicloud/openapi-core");

const conformance = await specConformance(["alibaba-ecs"]);
const clock = new ManualClock();
let emu: Emulator<AlibabaEmulatorClientConfig>;
const exchanges: EmulatorExchange[] = [];
const webData = DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === "web-01-data")!.id!;
const web = DEFAULT_ALIBABA_FIXTURE.instances!.find((i) => i.name === "web-01")!.id!;

beforeAll(async () => {
  emu = await startEmulator({
    provider: "alibaba",
    timing: clock,
    onExchange: (exchange) => {
      exchanges.push(exchange);
      conformance.onExchange(exchange);
    },
  });
});
afterAll(async () => {
  await emu.close();
  conformance.expectNoViolations(20);
});
beforeEach(() => emu.reset());

const popCore = () =>
  new RPCClient({
    endpoint: emu.url,
    apiVersion: "2014-05-26",
    accessKeyId: emu.clientConfig.credentials.accessKeyId,
    accessKeySecret: emu.clientConfig.credentials.accessKeySecret,
  });
const sdk = (signatureAlgorithm?: "v2") =>
  new EcsClient(
    new $OpenApiUtil.Config({
      accessKeyId: emu.clientConfig.credentials.accessKeyId,
      accessKeySecret: emu.clientConfig.credentials.accessKeySecret,
      endpoint: emu.url.replace(/^http:\/\//, ""),
      protocol: "HTTP",
      regionId: emu.clientConfig.regionId,
      ...(signatureAlgorithm ? { signatureAlgorithm } : {}),
    }),
  );

describe.each([
  ["GET", undefined],
  ["POST", "v2"],
] as const)("pop-core %s and ecs20140526 (%s)", (popMethod, signatureAlgorithm) => {
  it("create → describe → wait → stop → reset → start → delete, one state for both clients", async () => {
    const pop = popCore();
    const ecs = sdk(signatureAlgorithm);
    const created = (await pop.request("CreateSnapshot", { DiskId: webData, SnapshotName: "official" }, { method: popMethod })) as Json;
    expect(created.SnapshotId).toMatch(/^s-/);
    // The wire form pop-core used: GET with everything in the query, or POST with a form body (nothing in the query).
    const sent = exchanges.at(-1)!;
    expect(sent).toMatchObject({ operationId: "CreateSnapshot", method: popMethod, status: 200 });
    if (popMethod === "POST") expect(sent.path).toBe("/");
    else expect(sent.path).toMatch(/Action=CreateSnapshot.*Signature=%5Bredacted%5D|Signature=%5Bredacted%5D.*Action=CreateSnapshot/);
    const listed = await ecs.describeSnapshots(
      new ecsSdk.DescribeSnapshotsRequest({ regionId: emu.clientConfig.regionId, snapshotIds: JSON.stringify([created.SnapshotId]) }),
    );
    expect(listed.body.snapshots.snapshot[0]).toMatchObject({ snapshotId: created.SnapshotId, status: "progressing", available: false });
    clock.advance(30_000);

    const early = await ecs
      .resetDisk(new ecsSdk.ResetDiskRequest({ diskId: webData, snapshotId: created.SnapshotId }))
      .catch((error: Json) => error);
    expect(early.code).toBe("IncorrectInstanceStatus");
    await pop.request("StopInstance", { InstanceId: web }, { method: popMethod });
    clock.advance(5_000);
    await ecs.resetDisk(new ecsSdk.ResetDiskRequest({ diskId: webData, snapshotId: created.SnapshotId }));
    const disks = (await pop.request(
      "DescribeDisks",
      { RegionId: emu.clientConfig.regionId, DiskIds: JSON.stringify([webData]) },
      { method: popMethod },
    )) as Json;
    expect(disks.Disks.Disk[0].Status).toBe("ReIniting");
    clock.advance(10_000);
    await ecs.startInstance(new ecsSdk.StartInstanceRequest({ instanceId: web }));
    clock.advance(5_000);
    expect(emu.state().instances.find((i) => i.id === web)!.status).toBe("Running");
    expect(emu.state().volumes.find((v) => v.id === webData)!.status).toBe("In_use");

    await ecs.deleteSnapshot(new ecsSdk.DeleteSnapshotRequest({ snapshotId: created.SnapshotId }));
    const gone = (await pop.request(
      "DescribeSnapshots",
      { RegionId: emu.clientConfig.regionId, SnapshotIds: JSON.stringify([created.SnapshotId]) },
      { method: popMethod },
    )) as Json;
    expect(gone.Snapshots.Snapshot).toEqual([]);
  });

  it("ResetDisks with a flat-indexed Disk list, and DryRun", async () => {
    const pop = popCore();
    const nightly = DEFAULT_ALIBABA_FIXTURE.snapshots![0]!.id!;
    const refused = (await pop
      .request(
        "ResetDisks",
        { RegionId: emu.clientConfig.regionId, Disk: [{ DiskId: webData, SnapshotId: nightly }] },
        { method: popMethod },
      )
      .catch((error: Json) => error)) as Json;
    expect(refused.code).toBe("IncorrectInstanceStatus");
    const dry = await sdk(signatureAlgorithm)
      .stopInstance(new ecsSdk.StopInstanceRequest({ instanceId: web, dryRun: true }))
      .catch((error: Json) => error);
    expect(dry.code).toBe("DryRunOperation");
    expect(emu.state().instances.find((i) => i.id === web)!.status).toBe("Running");
  });
});

it("a wrong secret is refused for both clients with SignatureDoesNotMatch", async () => {
  const pop = new RPCClient({
    endpoint: emu.url,
    apiVersion: "2014-05-26",
    accessKeyId: emu.clientConfig.credentials.accessKeyId,
    accessKeySecret: "wrong",
  });
  expect(((await pop.request("DescribeDisks", { RegionId: "cn-hangzhou" }, { method: "GET" }).catch((e: Json) => e)) as Json).code).toBe(
    "SignatureDoesNotMatch",
  );
});

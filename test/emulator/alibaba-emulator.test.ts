/**
 * The Alibaba ECS emulator driven by our own ECS client, in both signature styles (V3: the
 * action in `x-acs-action`; V1: `Action` and the signature in the query): state, status
 * machines on a manual clock, the documented rules and their answers, idempotency, DryRun,
 * both pagings, signatures, faults and bad input. Every answer is validated against the spec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_ALIBABA_FIXTURE } from "../../src/emulator/alibaba/model.ts";
import { type AlibabaEmulatorClientConfig, type Emulator, ManualClock, startEmulator } from "../../src/emulator/index.ts";
import {
  type ApiError,
  AuthenticationError,
  BadRequestError,
  createEcsClient,
  type DryRunPassed,
  InvalidStateError,
  isDryRunPassed,
  NotFoundError,
  ServerError,
  signAlibabaV3,
  ThrottledError,
} from "../../src/alibaba/index.ts";
import { specConformance } from "./conformance.ts";

const conformance = await specConformance(["alibaba-ecs"]);
const clock = new ManualClock();
let emu: Emulator<AlibabaEmulatorClientConfig>;
const disk = (name: string) => DEFAULT_ALIBABA_FIXTURE.disks!.find((d) => d.name === name)!.id!;
const instance = (name: string) => DEFAULT_ALIBABA_FIXTURE.instances!.find((i) => i.name === name)!.id!;
const webData = disk("web-01-data");
const batchSystem = disk("batch-01-system");
const spare = disk("spare-data");
const web = instance("web-01");
const batch = instance("batch-01");
const nightly = DEFAULT_ALIBABA_FIXTURE.snapshots![0]!.id!;

beforeAll(async () => {
  emu = await startEmulator({ provider: "alibaba", timing: clock, onExchange: conformance.onExchange });
});
afterAll(async () => {
  await emu.close();
  conformance.expectNoViolations(80);
});
beforeEach(() => emu.reset());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as ApiError,
  );

/** A call's answer that is not a dry run's (the client's result type allows both). */
function real<T>(value: T | DryRunPassed): T {
  if (isDryRunPassed(value)) throw new Error("unexpected DryRunOperation");
  return value as T;
}

const clientOf = (signatureVersion: "v3" | "v1") => createEcsClient({ ...emu.clientConfig, signatureVersion, retry: { maxAttempts: 1 } });

describe.each(["v3", "v1"] as const)("our client (%s signature)", (signatureVersion) => {
  const ecs = () => clientOf(signatureVersion);
  const snapshotOf = async (id: string) =>
    real(await ecs().describeSnapshots({ SnapshotIds: JSON.stringify([id]) })).Snapshots!.Snapshot![0]!;
  const diskOf = async (id: string) => real(await ecs().describeDisks({ DiskIds: JSON.stringify([id]) })).Disks!.Disk![0]!;
  const statusOf = async (id: string) =>
    (await ecs().describeInstanceStatus({ InstanceId: [id] })).InstanceStatuses!.InstanceStatus![0]!.Status;

  it("snapshot → wait (usable before accomplished) → stop → reset → start → delete", async () => {
    const { SnapshotId } = await ecs().createSnapshot({ DiskId: webData, SnapshotName: "before-upgrade" });
    expect(await snapshotOf(SnapshotId!)).toMatchObject({ Status: "progressing", Progress: "0%", Available: false, SourceDiskId: webData });
    clock.advance(12_000);
    expect(await snapshotOf(SnapshotId!)).toMatchObject({ Status: "progressing", Progress: "40%", Available: true });
    clock.advance(18_000);
    expect(await snapshotOf(SnapshotId!)).toMatchObject({ Status: "accomplished", Progress: "100%", Available: true });

    const running = await errorOf(ecs().resetDisk({ DiskId: webData, SnapshotId: SnapshotId! }));
    expect(running).toBeInstanceOf(InvalidStateError);
    expect(running.code).toBe("IncorrectInstanceStatus");

    await ecs().stopInstance({ InstanceId: web });
    expect(await statusOf(web)).toBe("Stopping");
    expect(real(await errorOf(ecs().stopInstance({ InstanceId: web }))).code).toBe("IncorrectInstanceStatus");
    clock.advance(5_000);
    expect(await statusOf(web)).toBe("Stopped");

    await ecs().resetDisk({ DiskId: webData, SnapshotId: SnapshotId! });
    expect(real(await diskOf(webData)).Status).toBe("ReIniting");
    expect(real(await errorOf(ecs().resetDisk({ DiskId: webData, SnapshotId: SnapshotId! }))).code).toBe(
      "InvalidOperation.DiskResetInProgress",
    );
    clock.advance(10_000);
    expect(real(await diskOf(webData)).Status).toBe("In_use");

    await ecs().startInstance({ InstanceId: web });
    expect(await statusOf(web)).toBe("Starting");
    clock.advance(5_000);
    expect(emu.state().instances.find((i) => i.id === web)!.status).toBe("Running");

    await ecs().deleteSnapshot({ SnapshotId: SnapshotId! });
    expect(real(await ecs().describeSnapshots({ SnapshotIds: JSON.stringify([SnapshotId]) })).Snapshots!.Snapshot).toEqual([]);
    const gone = await errorOf(ecs().deleteSnapshot({ SnapshotId: SnapshotId! }));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.code).toBe("InvalidSnapshotId.NotFound");
  });

  it("disks: create → attach → detach → resize → delete", async () => {
    const { DiskId } = await ecs().createDisk({ ZoneId: "cn-hangzhou-g", Size: 20, DiskName: "scratch", DiskCategory: "cloud_essd" });
    expect(real(await diskOf(DiskId!)).Status).toBe("Creating");
    clock.advance(5_000);
    expect(await diskOf(DiskId!)).toMatchObject({ Status: "Available", Size: 20, DiskName: "scratch" });
    const never = await errorOf(ecs().createSnapshot({ DiskId: DiskId! }));
    expect(never.code).toBe("IncorrectDiskStatus.NeverAttached");
    await ecs().attachDisk({ DiskId: DiskId!, InstanceId: web });
    expect(real(await diskOf(DiskId!)).Status).toBe("Attaching");
    clock.advance(3_000);
    expect(await diskOf(DiskId!)).toMatchObject({ Status: "In_use", InstanceId: web, Device: "/dev/xvdc" });
    expect(real(await errorOf(ecs().deleteDisk({ DiskId: DiskId! }))).code).toBe("DiskStillAttached");
    await ecs().detachDisk({ DiskId: DiskId!, InstanceId: web });
    clock.advance(3_000);
    expect(await diskOf(DiskId!)).toMatchObject({ Status: "Available", InstanceId: "" });
    expect(real(await errorOf(ecs().resizeDisk({ DiskId: DiskId!, NewSize: 10 }))).code).toBe("InvalidDiskSize");
    await ecs().resizeDisk({ DiskId: DiskId!, NewSize: 40 });
    expect(real(await diskOf(DiskId!)).Size).toBe(40);
    await ecs().deleteDisk({ DiskId: DiskId! });
    expect(real(await ecs().describeDisks({ DiskIds: JSON.stringify([DiskId]) })).Disks!.Disk).toEqual([]);
    // DeleteDisk reference: "If the specified DiskId parameter does not exist, the request is ignored."
    const ignored = await ecs().deleteDisk({ DiskId: DiskId! });
    expect(ignored.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(emu.state().volumes.some((volume) => volume.id === DiskId)).toBe(false);
  });
});

describe("the documented rules", () => {
  const ecs = () => clientOf("v3");

  it("reset: snapshot of another disk (InvalidParameter.Mismatch), not ready (InvalidSnapshotId.NotReady), not found", async () => {
    const mismatch = await errorOf(ecs().resetDisk({ DiskId: batchSystem, SnapshotId: nightly }));
    expect(mismatch.code).toBe("InvalidParameter.Mismatch");
    expect(mismatch.status).toBe(403);
    const { SnapshotId } = await ecs().createSnapshot({ DiskId: batchSystem });
    const notReady = await errorOf(ecs().resetDisk({ DiskId: batchSystem, SnapshotId: SnapshotId! }));
    expect(notReady.code).toBe("InvalidSnapshotId.NotReady");
    expect(notReady.message).toMatch(/has not completed yet/);
    expect(real(await errorOf(ecs().resetDisk({ DiskId: "d-nosuchdisk", SnapshotId: SnapshotId! }))).code).toBe("InvalidDiskId.NotFound");
    expect(real(await errorOf(ecs().resetDisk({ DiskId: batchSystem, SnapshotId: "s-nosuchsnapshot" }))).code).toBe(
      "InvalidSnapshotId.NotFound",
    );
    clock.advance(12_000);
    await ecs().resetDisk({ DiskId: batchSystem, SnapshotId: SnapshotId! });
    expect(emu.state().volumes.find((v) => v.id === batchSystem)!.status).toBe("ReIniting");
  });

  it("one snapshot of a disk at a time (IncorrectDiskStatus.CreatingSnapshot); a creating disk cannot be snapshotted", async () => {
    await ecs().createSnapshot({ DiskId: spare });
    expect(real(await errorOf(ecs().createSnapshot({ DiskId: spare }))).code).toBe("IncorrectDiskStatus.CreatingSnapshot");
    expect(real(await errorOf(ecs().deleteSnapshot({ SnapshotId: emu.state().snapshots.at(-1)!.id }))).code).toBe(
      "IncorrectDiskStatus.CreatingSnapshot",
    );
    const { DiskId } = await ecs().createDisk({ ZoneId: "cn-hangzhou-g", Size: 5 });
    expect(real(await errorOf(ecs().createSnapshot({ DiskId: DiskId! }))).code).toBe("IncorrectDiskStatus");
  });

  it("ResetDisks answers per disk in OperationProgressSet", async () => {
    const { SnapshotId } = await ecs().createSnapshot({ DiskId: batchSystem });
    clock.advance(30_000);
    const answer = real(
      await ecs().resetDisks({
        Disk: [
          { DiskId: batchSystem, SnapshotId: SnapshotId! },
          { DiskId: batchSystem, SnapshotId: nightly },
        ],
      }),
    );
    const [first, second] = answer.OperationProgressSet!.OperationProgress!;
    expect(first).toMatchObject({ OperationStatus: "Success", ErrorCode: "" });
    expect(second).toMatchObject({ OperationStatus: "Failed", ErrorCode: "InvalidParameter.Mismatch" });
    const allRunning = await errorOf(ecs().resetDisks({ Disk: [{ DiskId: webData, SnapshotId: nightly }] }));
    expect(allRunning.code).toBe("IncorrectInstanceStatus");
  });

  it("a snapshot ends failed when told to, and cannot be used", async () => {
    emu.faults.failNext({ kind: "resource-error", operation: "CreateSnapshot" });
    const { SnapshotId } = await ecs().createSnapshot({ DiskId: batchSystem });
    clock.advance(30_000);
    const snapshot = real(await ecs().describeSnapshots({ SnapshotIds: JSON.stringify([SnapshotId]) })).Snapshots!.Snapshot![0]!;
    expect(snapshot).toMatchObject({ Status: "failed", Available: false });
    expect(real(await errorOf(ecs().resetDisk({ DiskId: batchSystem, SnapshotId: SnapshotId! }))).code).toBe("InvalidSnapshotId.NotReady");
    expect(real(await ecs().describeSnapshots({ Status: "failed" })).Snapshots!.Snapshot).toHaveLength(1);
  });
});

describe("resource errors where the documents give a disk or an instance no error state", () => {
  const ecs = () => clientOf("v3");
  const statusOf = (id: string) => emu.state().volumes.find((v) => v.id === id)?.status;
  const usableSnapshotOf = async (diskId: string) => {
    const { SnapshotId } = await ecs().createSnapshot({ DiskId: diskId });
    clock.advance(30_000);
    return SnapshotId!;
  };

  it("ResetDisk fails with the documented 500 InternalError and the disk is not reset; the next one is", async () => {
    const snapshot = await usableSnapshotOf(batchSystem);
    emu.faults.failNext({ kind: "resource-error", operation: "ResetDisk" });
    const failed = await errorOf(ecs().resetDisk({ DiskId: batchSystem, SnapshotId: snapshot }));
    expect(failed).toBeInstanceOf(ServerError);
    expect(failed).toMatchObject({ status: 500, code: "InternalError" });
    expect(statusOf(batchSystem)).toBe("In_use");
    await ecs().resetDisk({ DiskId: batchSystem, SnapshotId: snapshot });
    expect(statusOf(batchSystem)).toBe("ReIniting");
  });

  it("ResetDisks reports each disk Failed with InternalError in its 200, and resets none", async () => {
    const snapshot = await usableSnapshotOf(batchSystem);
    emu.faults.failNext({ kind: "resource-error", operation: "ResetDisks" });
    const answer = real(await ecs().resetDisks({ Disk: [{ DiskId: batchSystem, SnapshotId: snapshot }] }));
    expect(answer.OperationProgressSet!.OperationProgress).toEqual([
      expect.objectContaining({
        OperationStatus: "Failed",
        ErrorCode: "InternalError",
        ErrorMsg: "The request processing has failed due to some unknown error.",
      }),
    ]);
    expect(statusOf(batchSystem)).toBe("In_use");
  });

  it("CreateDisk fails with InternalError and creates no disk", async () => {
    const before = emu.state().volumes.length;
    emu.faults.failNext({ kind: "resource-error", operation: "CreateDisk" });
    expect(await errorOf(ecs().createDisk({ ZoneId: "cn-hangzhou-g", Size: 5 }))).toMatchObject({ status: 500, code: "InternalError" });
    expect(emu.state().volumes).toHaveLength(before);
  });

  it("StopInstance and StartInstance fail with InternalError and the instance keeps its state", async () => {
    const stateOf = (id: string) => emu.state().instances.find((i) => i.id === id)!.status;
    emu.faults.failNext({ kind: "resource-error", operation: "StopInstance" });
    expect(await errorOf(ecs().stopInstance({ InstanceId: web }))).toMatchObject({ status: 500, code: "InternalError" });
    expect(stateOf(web)).toBe("Running");
    emu.faults.failNext({ kind: "resource-error", operation: "StartInstance" });
    expect(await errorOf(ecs().startInstance({ InstanceId: batch }))).toMatchObject({ status: 500, code: "InternalError" });
    expect(stateOf(batch)).toBe("Stopped");
    await ecs().startInstance({ InstanceId: batch });
    expect(stateOf(batch)).toBe("Starting");
  });
});

describe("ClientToken idempotency and DryRun", () => {
  const ecs = () => clientOf("v3");

  it("the same token and parameters give the same snapshot, once; other parameters are IdempotentParameterMismatch", async () => {
    const first = await ecs().createSnapshot({ DiskId: spare, SnapshotName: "once", ClientToken: "token-1" });
    const again = await ecs().createSnapshot({ DiskId: spare, SnapshotName: "once", ClientToken: "token-1" });
    expect(again.SnapshotId).toBe(first.SnapshotId);
    expect(emu.state().snapshots.filter((s) => s.volumeId === spare)).toHaveLength(1);
    const other = await errorOf(ecs().createSnapshot({ DiskId: spare, SnapshotName: "twice", ClientToken: "token-1" }));
    expect(other.code).toBe("IdempotentParameterMismatch");
  });

  it("DryRun answers DryRunOperation after the checks pass, and changes nothing", async () => {
    const passed = await ecs()
      .resetDisk({ DiskId: batchSystem, SnapshotId: nightly, DryRun: true })
      .catch((e: ApiError) => e);
    expect((passed as ApiError).code).toBe("InvalidParameter.Mismatch");
    const stop = await ecs().stopInstance({ InstanceId: web, DryRun: true });
    expect(isDryRunPassed(stop)).toBe(true);
    expect(emu.state().instances.find((i) => i.id === web)!.status).toBe("Running");
    await ecs().stopInstance({ InstanceId: web });
    clock.advance(5_000);
    expect(isDryRunPassed(await ecs().resetDisk({ DiskId: webData, SnapshotId: nightly, DryRun: true }))).toBe(true);
    expect(emu.state().volumes.find((v) => v.id === webData)!.status).toBe("In_use");
    expect(isDryRunPassed(await ecs().describeDisks({ DryRun: true }))).toBe(true);
  });
});

describe("paging", () => {
  const ecs = () => clientOf("v1");
  beforeEach(async () => {
    for (const id of [spare, webData, batchSystem, disk("web-01-system")])
      await ecs().createSnapshot({ DiskId: id, SnapshotName: `p-${id}` });
    clock.advance(30_000);
  });

  it("NextToken/MaxResults: every snapshot once, the last page's NextToken empty", async () => {
    const first = real(await ecs().describeSnapshots({ MaxResults: 2 }));
    expect(first.Snapshots!.Snapshot).toHaveLength(2);
    expect(first.NextToken).not.toBe("");
    const ids: string[] = [];
    for await (const snapshot of ecs().paginate("DescribeSnapshots", { MaxResults: 2 })) ids.push(snapshot.SnapshotId!);
    expect(ids.sort()).toEqual(
      emu
        .state()
        .snapshots.map((s) => s.id)
        .sort(),
    );
    const last = real(await ecs().describeSnapshots({ MaxResults: 100 }));
    expect(last.NextToken).toBe("");
  });

  it("a NextToken made for other filters is refused", async () => {
    const first = real(await ecs().describeSnapshots({ MaxResults: 1 }));
    const refused = await errorOf(ecs().describeSnapshots({ MaxResults: 1, NextToken: first.NextToken!, DiskId: spare }));
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(refused.code).toBe("InvalidParameter");
  });

  it("PageNumber/PageSize with TotalCount", async () => {
    const total = emu.state().volumes.length;
    const second = real(await ecs().describeDisks({ PageNumber: 2, PageSize: 3 }));
    expect(second).toMatchObject({ TotalCount: total, PageNumber: 2, PageSize: 3 });
    expect(second.Disks!.Disk).toHaveLength(total - 3);
    const beyond = real(await ecs().describeSnapshots({ PageNumber: 9, PageSize: 10 }));
    expect(beyond.Snapshots!.Snapshot).toEqual([]);
    const instances = real(await ecs().describeInstances({ PageNumber: 1, PageSize: 1 }));
    expect(instances.TotalCount).toBe(2);
    expect(instances.Instances!.Instance).toHaveLength(1);
  });
});

describe("the gateway: signatures, faults, bad input", () => {
  it("a wrong secret is SignatureDoesNotMatch; an unknown key InvalidAccessKeyId.NotFound", async () => {
    for (const signatureVersion of ["v3", "v1"] as const) {
      const wrong = createEcsClient({
        ...emu.clientConfig,
        signatureVersion,
        credentials: { ...emu.clientConfig.credentials, accessKeySecret: "wrong" },
      });
      const refused = await errorOf(wrong.describeDisks({}));
      expect(refused).toBeInstanceOf(AuthenticationError);
      expect(refused.code).toBe("SignatureDoesNotMatch");
      expect(JSON.stringify(refused.body)).not.toContain(emu.clientConfig.credentials.accessKeySecret);
    }
    const unknown = createEcsClient({ ...emu.clientConfig, credentials: { accessKeyId: "LTAIother", accessKeySecret: "x" } });
    expect(real(await errorOf(unknown.describeDisks({}))).code).toBe("InvalidAccessKeyId.NotFound");
  });

  it("a replayed request is SignatureNonceUsed, a stale one InvalidTimeStamp.Expired (the documented codes and messages)", async () => {
    const send = async (request: Request) => {
      const response = await fetch(request);
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    const describeDisks = () =>
      new Request(`${emu.url}/?RegionId=cn-hangzhou`, {
        method: "POST",
        headers: { "x-acs-action": "DescribeDisks", "x-acs-version": "2014-05-26" },
      });
    const signed = await signAlibabaV3(describeDisks(), emu.clientConfig.credentials);
    expect((await send(signed.clone())).status).toBe(200);
    expect(await send(signed.clone())).toMatchObject({
      status: 400,
      body: { Code: "SignatureNonceUsed", Message: "The request signature nonce has been used." },
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 16 * 60_000);
    const stale = await signAlibabaV3(describeDisks(), emu.clientConfig.credentials).finally(() => vi.useRealTimers());
    expect(await send(stale)).toMatchObject({
      status: 400,
      body: { Code: "InvalidTimeStamp.Expired", Message: "Specified time stamp or date value is expired." },
    });
  });

  it("throttling answers Throttling.User, which the client retries", async () => {
    emu.faults.failNext({ kind: "throttled" });
    const refused = await errorOf(clientOf("v3").describeDisks({}));
    expect(refused).toBeInstanceOf(ThrottledError);
    expect(refused.code).toBe("Throttling.User");
    const patient = createEcsClient({ ...emu.clientConfig, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    emu.faults.failNext({ kind: "throttled", count: 2 });
    expect(real(await patient.describeDisks({})).Disks!.Disk!.length).toBe(4);
    emu.faults.failNext({ kind: "server-error" });
    expect(await errorOf(clientOf("v3").describeDisks({}))).toBeInstanceOf(ServerError);
  });

  it("bad input is a provider-shaped 400, and the emulator keeps serving", async () => {
    const raw = async (action: string | undefined, query: string) => {
      const headers: Record<string, string> = { "x-acs-version": "2014-05-26" };
      if (action) headers["x-acs-action"] = action;
      const signed = await signAlibabaV3(new Request(`${emu.url}/?${query}`, { method: "POST", headers }), emu.clientConfig.credentials);
      const response = await fetch(signed);
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    expect(await raw("NoSuchAction", "")).toMatchObject({
      status: 404,
      body: {
        Code: "InvalidAction.NotFound",
        Message: "Specified api is not found, please check your url and method.",
        HostId: expect.any(String),
      },
    });
    expect(await raw(undefined, "")).toMatchObject({ status: 400, body: { Code: "MissingParameter" } });
    const wrongType = await raw("ResetDisk", "DiskId=not-a-disk&SnapshotId=s-1");
    expect(wrongType).toMatchObject({ status: 400, body: { Code: "InvalidParameter" } });
    expect(wrongType.body.Message).toMatch(/DiskId/);
    expect(await raw("ResetDisk", "DiskId=d-1")).toMatchObject({ status: 400, body: { Code: "MissingParameter" } });
    expect(await raw("ResetDisks", "RegionId=cn-hangzhou&Disk.1.DiskId=d-1&Disk.1.SnapshotId=s-1&Disk.3.DiskId=d-2")).toMatchObject({
      status: 400,
    });
    const unsigned = await fetch(`${emu.url}/?Action=DescribeDisks&RegionId=cn-hangzhou`);
    expect(unsigned.status).toBe(400);
    expect((real(await unsigned.json()) as { Code: string }).Code).toBe("IncompleteSignature");
    expect(real(await clientOf("v3").describeDisks({})).Disks!.Disk).toHaveLength(4);
  });

  it("an action without state answers its documented example", async () => {
    const usage = await clientOf("v3").describeSnapshotsUsage({});
    expect(usage.RequestId).toBeTruthy();
  });

  it("state() shows disks, snapshots with progress and usability, instances", () => {
    const state = emu.state();
    expect(state.volumes.find((v) => v.id === webData)).toMatchObject({ status: "In_use", instanceId: web, size: 100 });
    expect(state.snapshots[0]).toMatchObject({ id: nightly, status: "accomplished", progress: 100, usable: true });
    expect(state.instances.map((i) => i.status).sort()).toEqual(["Running", "Stopped"]);
    expect(batch).toBeTruthy();
  });
});

describe("options and fixtures", () => {
  it("a custom fixture is the state, and reset() returns to it", async () => {
    const custom = await startEmulator({
      provider: "alibaba",
      timing: "instant",
      fixture: {
        regionId: "cn-shanghai",
        instances: [{ id: "i-one", status: "Stopped" }],
        disks: [{ id: "d-one", size: 8, instanceId: "i-one" }],
      },
      onExchange: conformance.onExchange,
    });
    try {
      expect(custom.clientConfig.regionId).toBe("cn-shanghai");
      const ecs = createEcsClient(custom.clientConfig);
      const { SnapshotId } = await ecs.createSnapshot({ DiskId: "d-one", SnapshotName: "instant" });
      await ecs.modifySnapshotAttribute({ SnapshotId: SnapshotId!, SnapshotName: "renamed" });
      expect(custom.state().snapshots).toMatchObject([{ id: SnapshotId, name: "renamed", status: "accomplished", progress: 100 }]);
      await ecs.resetDisk({ DiskId: "d-one", SnapshotId: SnapshotId! });
      custom.reset();
      expect(custom.state()).toMatchObject({ snapshots: [], volumes: [{ id: "d-one", status: "In_use" }] });
    } finally {
      await custom.close();
    }
  });

  it("bad credentials and fixtures are ConfigurationErrors naming the option", async () => {
    await expect(startEmulator({ provider: "alibaba", credentials: { accessKeyId: "", accessKeySecret: "x" } })).rejects.toThrow(
      /credentials/,
    );
    await expect(startEmulator({ provider: "alibaba", fixture: { disks: [{ size: 8, instanceId: "i-missing" }] } })).rejects.toThrow(
      /fixture\.disks\[0\]\.instanceId/,
    );
    await expect(startEmulator({ provider: "alibaba", fixture: { disks: [{ id: "vol-1", size: 8 }] } })).rejects.toThrow(
      /fixture\.disks\[0\]\.id/,
    );
  });
});

/**
 * The Huawei emulator driven by our own EVS client: state, status machines on a manual
 * clock, the documented rules and their answers, paging, signatures and faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, startEmulator, type Emulator } from "../../src/emulator/index.ts";
import { DEFAULT_HUAWEI_FIXTURE } from "../../src/emulator/huawei/model.ts";
import {
  type ApiError,
  createEvsClient,
  InvalidStateError,
  NotFoundError,
  AuthenticationError,
  ThrottledError,
  BadRequestError,
} from "../../src/huawei/index.ts";

import { specConformance } from "./conformance.ts";

const conformance = await specConformance(["huawei-evs", "huawei-ecs"]);
const clock = new ManualClock();
let emu: Emulator;
let evs: ReturnType<typeof createEvsClient>;
const data = DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "web-01-data")!.id!;
const spare = DEFAULT_HUAWEI_FIXTURE.volumes!.find((v) => v.name === "spare-data")!.id!;

beforeAll(async () => {
  emu = await startEmulator({ provider: "huawei", timing: clock, onExchange: conformance.onExchange });
  evs = createEvsClient({ ...emu.clientConfig, retry: { maxAttempts: 1 } });
});
afterAll(async () => {
  await emu.close();
  conformance.expectNoViolations(50);
});
beforeEach(() => emu.reset());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as ApiError,
  );

describe("snapshots: create, wait, list, roll back, delete", () => {
  it("a snapshot is creating until its time has passed, then available", async () => {
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: spare, name: "before-upgrade" } });
    expect(snapshot).toMatchObject({ status: "creating", volume_id: spare, size: 20, name: "before-upgrade" });
    expect((await evs.showSnapshot({ snapshot_id: snapshot.id })).snapshot.status).toBe("creating");
    clock.advance(15_000);
    expect((await evs.showSnapshot({ snapshot_id: snapshot.id })).snapshot.status).toBe("available");
    expect(emu.state().snapshots.find((s) => s.id === snapshot.id)).toMatchObject({ status: "available", progress: 100 });
  });

  it("an attached volume needs force: true", async () => {
    const refused = await errorOf(evs.createSnapshot({ snapshot: { volume_id: data } }));
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(refused.code).toBe("EVS.5400");
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: data, force: true } });
    expect(snapshot.status).toBe("creating");
  });

  it("at most 7 snapshots per volume", async () => {
    for (let index = 0; index < 7; index++) await evs.createSnapshot({ snapshot: { volume_id: spare, name: `s${index}` } });
    const refused = await errorOf(evs.createSnapshot({ snapshot: { volume_id: spare, name: "eighth" } }));
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/7 snapshots/);
    expect(emu.state().snapshots.filter((s) => s.volumeId === spare)).toHaveLength(7);
  });

  it("rollback: only to an available volume, then rollbacking until done", async () => {
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: spare } });
    const notReady = await errorOf(evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: spare } }));
    expect(notReady.message).toMatch(/Snapshot status must be available/);
    clock.advance(15_000);
    const answer = await evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: spare } });
    expect(answer.rollback.volume_id).toBe(spare);
    expect((await evs.showVolume({ volume_id: spare })).volume.status).toBe("rollbacking");
    const again = await errorOf(evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: spare } }));
    expect(again.message).toMatch(/status must be available/);
    clock.advance(20_000);
    expect((await evs.showVolume({ volume_id: spare })).volume.status).toBe("available");
  });

  it("rollback of an attached volume is refused; to another volume too", async () => {
    const nightly = DEFAULT_HUAWEI_FIXTURE.snapshots![0]!.id!;
    const inUse = await errorOf(evs.rollbackSnapshot({ snapshot_id: nightly, rollback: { volume_id: data } }));
    expect(inUse.message).toMatch(/but it is in-use/);
    const other = await errorOf(evs.rollbackSnapshot({ snapshot_id: nightly, rollback: { volume_id: spare } }));
    expect(other.message).toMatch(/only be rolled back to the volume it was taken from/);
  });

  it("a failed rollback leaves error_rollbacking, from which a rollback is allowed again", async () => {
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: spare } });
    clock.advance(15_000);
    emu.faults.failNext({ kind: "resource-error", operation: "RollbackSnapshot" });
    await evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: {} });
    clock.advance(20_000);
    expect((await evs.showVolume({ volume_id: spare })).volume.status).toBe("error_rollbacking");
    await evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: {} });
    clock.advance(20_000);
    expect((await evs.showVolume({ volume_id: spare })).volume.status).toBe("available");
  });

  it("delete: deleting, then 404; only available or error snapshots (EVS.1047)", async () => {
    const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: spare } });
    const early = await errorOf(evs.deleteSnapshot({ snapshot_id: snapshot.id }));
    expect(early).toBeInstanceOf(InvalidStateError);
    expect(early.code).toBe("EVS.1047");
    clock.advance(15_000);
    await evs.deleteSnapshot({ snapshot_id: snapshot.id });
    expect((await evs.showSnapshot({ snapshot_id: snapshot.id })).snapshot.status).toBe("deleting");
    clock.advance(4_000);
    const gone = await errorOf(evs.showSnapshot({ snapshot_id: snapshot.id }));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.code).toBe("EVS.5404");
  });

  it("lists page by offset with the total count", async () => {
    for (let index = 0; index < 5; index++) await evs.createSnapshot({ snapshot: { volume_id: spare, name: `p${index}` } });
    const names: string[] = [];
    for await (const page of evs.pages("ListSnapshots", { volume_id: spare, limit: 2 })) {
      expect(page.total).toBe(5);
      names.push(...page.items.map((s) => s.name ?? ""));
    }
    expect(names.sort()).toEqual(["p0", "p1", "p2", "p3", "p4"]);
  });
});

describe("volumes and jobs", () => {
  it("create answers with a job that succeeds when the volume is available", async () => {
    const created = await evs.createVolume({ volume: { availability_zone: "cn-north-4a", volume_type: "SSD", size: 10, name: "new" } });
    const volumeId = created.volume_ids![0]!;
    expect((await evs.showJob({ job_id: created.job_id! })).status).toBe("RUNNING");
    expect((await evs.showVolume({ volume_id: volumeId })).volume.status).toBe("creating");
    clock.advance(8_000);
    expect((await evs.showJob({ job_id: created.job_id! })).status).toBe("SUCCESS");
    expect((await evs.showVolume({ volume_id: volumeId })).volume).toMatchObject({ status: "available", size: 10, name: "new" });
  });

  it("extend: larger only; in-use allowed; the size changes when the job ends", async () => {
    const smaller = await errorOf(evs.resizeVolume({ volume_id: data, "os-extend": { new_size: 50 } }));
    expect(smaller.message).toMatch(/greater than current size/);
    const { job_id } = await evs.resizeVolume({ volume_id: data, "os-extend": { new_size: 200 } });
    expect((await evs.showVolume({ volume_id: data })).volume.status).toBe("extending");
    clock.advance(10_000);
    expect((await evs.showJob({ job_id: job_id! })).status).toBe("SUCCESS");
    expect((await evs.showVolume({ volume_id: data })).volume).toMatchObject({ status: "in-use", size: 200 });
  });

  it("delete: refused while in-use (EVS.1046) or with snapshots; then gone", async () => {
    const inUse = await errorOf(evs.deleteVolume({ volume_id: data }));
    expect(inUse.code).toBe("EVS.1046");
    await evs.createSnapshot({ snapshot: { volume_id: spare } });
    const withSnapshot = await errorOf(evs.deleteVolume({ volume_id: spare }));
    expect(withSnapshot.message).toMatch(/dependent snapshots/);
    emu.reset();
    await evs.deleteVolume({ volume_id: spare });
    clock.advance(4_000);
    expect(await errorOf(evs.showVolume({ volume_id: spare }))).toBeInstanceOf(NotFoundError);
  });

  it("list volumes pages by marker with volumes_links", async () => {
    const ids: string[] = [];
    for await (const volume of evs.paginate("ListVolumes", { limit: 1 })) ids.push(volume.id);
    expect(ids.sort()).toEqual(
      emu
        .state()
        .volumes.map((v) => v.id)
        .sort(),
    );
  });
});

describe("the gateway: signatures, unknown APIs, faults", () => {
  it("a wrong secret key is APIGW.0301, an AuthenticationError", async () => {
    const wrong = createEvsClient({
      ...emu.clientConfig,
      credentials: { accessKeyId: (emu.clientConfig.credentials as { accessKeyId: string }).accessKeyId, secretAccessKey: "wrong" },
    });
    const refused = await errorOf(wrong.showVolume({ volume_id: data }));
    expect(refused).toBeInstanceOf(AuthenticationError);
    expect(refused.code).toBe("APIGW.0301");
    expect(refused.message).toMatch(/verify aksk signature fail/);
  });

  it("a token client is refused by an AK/SK emulator", async () => {
    const token = createEvsClient({ endpoint: emu.url, projectId: emu.clientConfig.projectId, credentials: { token: "t" } });
    expect((await errorOf(token.showVolume({ volume_id: data }))).message).toMatch(/decrypt token fail/);
  });

  it("throttling answers APIGW.0308, and the client's retry gets through", async () => {
    emu.faults.failNext({ kind: "throttled" });
    expect(await errorOf(evs.showVolume({ volume_id: data }))).toBeInstanceOf(ThrottledError);
    const patient = createEvsClient({ ...emu.clientConfig, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    emu.faults.failNext({ kind: "throttled", count: 2 });
    expect((await patient.showVolume({ volume_id: data })).volume.id).toBe(data);
  });

  it("bad input is the documented 400, and the emulator keeps serving", async () => {
    const response = await fetch(`${emu.url}/v2/${emu.clientConfig.projectId}/cloudsnapshots`, { method: "POST", body: "{not json" });
    expect(response.status).toBe(401);
    const { signHuaweiRequest } = await import("../../src/huawei/index.ts");
    const signed = await signHuaweiRequest(
      new Request(`${emu.url}/v2/${emu.clientConfig.projectId}/cloudsnapshots`, {
        method: "POST",
        body: "{not json",
        headers: { "content-type": "application/json" },
      }),
      emu.clientConfig.credentials as { accessKeyId: string; secretAccessKey: string },
    );
    const malformed = await fetch(signed);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: { message: "Malformed request body.", code: "EVS.5400" } });
    expect((await evs.showVolume({ volume_id: data })).volume.id).toBe(data);
  });
});

describe("the Cinder-compatible paths share the state", () => {
  it("a volume made on the Cinder path is seen on the native one, and snapshots move the same way", async () => {
    const { volume } = await evs.cinderCreateVolume({ volume: { availability_zone: "cn-north-4a", size: 5, name: "cinder-made" } });
    expect(volume.status).toBe("creating");
    clock.advance(8_000);
    expect((await evs.showVolume({ volume_id: volume.id })).volume.status).toBe("available");
    const { snapshot } = await evs.cinderCreateSnapshot({ snapshot: { volume_id: volume.id, name: "c1" } });
    clock.advance(15_000);
    expect((await evs.cinderShowSnapshot({ snapshot_id: snapshot.id })).snapshot.status).toBe("available");
    await evs.rollbackVendorSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: volume.id } });
    expect((await evs.cinderShowVolume({ volume_id: volume.id })).volume.status).toBe("rollbacking");
    clock.advance(20_000);
    await evs.cinderDeleteSnapshot({ snapshot_id: snapshot.id });
    clock.advance(4_000);
    const gone = await errorOf(evs.cinderShowSnapshot({ snapshot_id: snapshot.id }));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone.body).toEqual({ itemNotFound: { message: `Snapshot ${snapshot.id} could not be found.`, code: 404 } });
  });

  it("a documented refusal keeps its EVS code on the Cinder path (EVS.1046)", async () => {
    const refused = await errorOf(evs.cinderDeleteVolume({ volume_id: data }));
    expect(refused.code).toBe("EVS.1046");
  });

  it("lists with details page by marker, newest first by default, sort_dir asc reverses", async () => {
    const all: string[] = [];
    for await (const volume of evs.paginate("CinderListVolumesDetails", { limit: 2 })) all.push(volume.id);
    expect(all).toHaveLength(emu.state().volumes.length);
    const ascending: string[] = [];
    for await (const volume of evs.paginate("CinderListVolumes", { limit: 3, sort_key: "id", sort_dir: "asc" })) ascending.push(volume.id);
    expect(ascending).toEqual([...ascending].sort());
  });
});

describe("paging edges and bad input", () => {
  const signedFetch = async (path: string, init: RequestInit = {}) => {
    const { signHuaweiRequest } = await import("../../src/huawei/index.ts");
    const request = new Request(`${emu.url}${path}`, { ...init, headers: { "content-type": "application/json", ...init.headers } });
    return fetch(await signHuaweiRequest(request, emu.clientConfig.credentials as { accessKeyId: string; secretAccessKey: string }));
  };
  const project = () => emu.clientConfig.projectId;

  it("an unknown marker is a 400, not an empty page", async () => {
    const response = await signedFetch(`/v2/${project()}/cloudvolumes/detail?marker=no-such-volume&limit=2`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "EVS.5400" } });
  });

  it("a limit outside the spec's range, a wrong type and an unknown body field are 400s naming the field", async () => {
    const tooMany = await signedFetch(`/v2/${project()}/cloudsnapshots/detail?limit=5000`);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
    const notANumber = await signedFetch(`/v2/${project()}/cloudsnapshots/detail?limit=ten`);
    expect(notANumber.status).toBe(400);
    const unknownField = await signedFetch(`/v2/${project()}/cloudsnapshots`, {
      method: "POST",
      body: JSON.stringify({ snapshot: { volume_id: spare, colour: "blue" } }),
    });
    expect(unknownField.status).toBe(400);
    expect(((await unknownField.json()) as { error: { message: string } }).error.message).toMatch(/colour/);
  });

  it("a project other than the emulator's, an unknown path and a wrong method", async () => {
    const otherProject = await signedFetch("/v2/0123456789abcdef0123456789abcdef/cloudvolumes/detail");
    expect(otherProject.status).toBe(400);
    const unknownPath = await signedFetch(`/v2/${project()}/no-such-thing`);
    expect(unknownPath.status).toBe(404);
    expect(await unknownPath.json()).toMatchObject({ error_code: "APIGW.0101" });
    const wrongMethod = await signedFetch(`/v2/${project()}/cloudsnapshots/detail`, { method: "DELETE" });
    expect(wrongMethod.status).toBe(404);
  });

  it("the offset walk sees a consistent total while nothing changes, then the new total after a create", async () => {
    const first = await evs.listSnapshots({ limit: 1 });
    await evs.createSnapshot({ snapshot: { volume_id: spare } });
    const second = await evs.listSnapshots({ limit: 1 });
    expect(second.count).toBe(first.count + 1);
  });
});

/**
 * Huawei EVS under Huawei's own names (issue 12): the native operations sit on the paths
 * Huawei's SDK calls them on, the OpenStack Cinder-compatible paths carry Huawei's `Cinder…`
 * names, and the native volume create sends one idempotency token per call.
 */
import { describe, expect, it } from "vitest";
import { huaweiMockClients, SNAPSHOT, VOLUME } from "./huawei-calls.ts";
import { loadSpecs, operationsOf } from "./spec-documents.ts";

const evsOperations = operationsOf(await loadSpecs((api) => api === "huawei-evs"));
const clients = huaweiMockClients();

/**
 * Method and path of each native operation as Huawei's SDK sends it: huaweicloud-sdk-python-v3
 * at 343a486b5c8ab656611159f314df6e575d0f6398, huaweicloud-sdk-evs/huaweicloudsdkevs/v2/evs_client.py
 * (`_<operation>_http_info`: "method" and "resource_path").
 */
const sdkOperations: Array<[string, string, string]> = [
  ["CreateSnapshot", "POST", "/v2/{project_id}/cloudsnapshots"],
  ["ListSnapshots", "GET", "/v2/{project_id}/cloudsnapshots/detail"],
  ["ShowSnapshot", "GET", "/v2/{project_id}/cloudsnapshots/{snapshot_id}"],
  ["UpdateSnapshot", "PUT", "/v2/{project_id}/cloudsnapshots/{snapshot_id}"],
  ["DeleteSnapshot", "DELETE", "/v2/{project_id}/cloudsnapshots/{snapshot_id}"],
  ["RollbackSnapshot", "POST", "/v2/{project_id}/cloudsnapshots/{snapshot_id}/rollback"],
  ["CreateVolume", "POST", "/v2.1/{project_id}/cloudvolumes"],
  ["ListVolumes", "GET", "/v2/{project_id}/cloudvolumes/detail"],
  ["ShowVolume", "GET", "/v2/{project_id}/cloudvolumes/{volume_id}"],
  ["UpdateVolume", "PUT", "/v2/{project_id}/cloudvolumes/{volume_id}"],
  ["DeleteVolume", "DELETE", "/v2/{project_id}/cloudvolumes/{volume_id}"],
  ["ResizeVolume", "POST", "/v2.1/{project_id}/cloudvolumes/{volume_id}/action"],
  ["ShowJob", "GET", "/v1/{project_id}/jobs/{job_id}"],
  ["CinderListAvailabilityZones", "GET", "/v2/{project_id}/os-availability-zone"],
];

/** The idempotency header, as Huawei spells it (headers are read case-insensitively). */
const TOKEN = "X-Client-Token";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("Huawei EVS operation names", () => {
  it.each(sdkOperations)("%s is %s %s, as in Huawei's SDK", (id, method, path) => {
    const found = evsOperations.find((op) => op.operationId === id);
    expect(found && [found.method.toUpperCase(), found.path]).toEqual([method, path]);
  });

  it("every OpenStack Cinder-compatible volume and snapshot path carries a Cinder… name, and no native one does", () => {
    // The Cinder v2 volume and snapshot resources (and their os-extend action); other groups (transfers,
    // quotas, types, Huawei's own /retype) are named as the SDK names them, which the list above checks.
    const cinder = /^\/v2\/\{project_id\}\/((volumes|snapshots)(\/detail|\/\{[a-z_]+\}(\/action)?)?|os-availability-zone)$/;
    const native = /^\/v2(\.1)?\/\{project_id\}\/cloud(volumes|snapshots)(\/|$)/;
    const misnamed = evsOperations
      .filter(
        (op) =>
          (cinder.test(op.path) && !op.operationId.startsWith("Cinder")) || (native.test(op.path) && op.operationId.startsWith("Cinder")),
      )
      .map((op) => `${op.method} ${op.path} ${op.operationId}`);
    expect(misnamed).toEqual([]);
    expect(evsOperations.filter((op) => cinder.test(op.path)).length).toBeGreaterThanOrEqual(12);
    expect(evsOperations.filter((op) => native.test(op.path)).length).toBeGreaterThanOrEqual(12);
  });
});

describe("the native volume calls answer with a job", () => {
  it("CreateVolume sends a fresh X-Client-Token per call, or the caller's", async () => {
    const volume = { availability_zone: "cn-north-4a", volume_type: "SSD", size: 40 };
    const created = await clients.evs.createVolume({ volume });
    const first = clients.lastRequest().headers.get(TOKEN);
    await clients.evs.createVolume({ volume });
    const second = clients.lastRequest().headers.get(TOKEN);
    expect([first, second]).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
    expect(first).not.toBe(second);
    await clients.evs.createVolume({ volume, [TOKEN]: "5c3b2ae3-6b1c-4f6e-9a2b-1d4f0e7c8a91" });
    expect(clients.lastRequest().headers.get(TOKEN)).toBe("5c3b2ae3-6b1c-4f6e-9a2b-1d4f0e7c8a91");
    expect(created.job_id).toMatch(/\S/);
    expect(clients.lastViolations()).toEqual([]);
  });

  it("ResizeVolume and DeleteVolume return the job ShowJob polls", async () => {
    const resized = await clients.evs.resizeVolume({ volume_id: VOLUME, "os-extend": { new_size: 200 } });
    const deleted = await clients.evs.deleteVolume({ volume_id: VOLUME });
    const job = await clients.evs.showJob({ job_id: resized.job_id! });
    expect([resized.job_id, deleted.job_id]).toEqual([expect.any(String), expect.any(String)]);
    expect(job).toMatchObject({ job_id: expect.any(String), status: expect.stringMatching(/^(INIT|RUNNING|SUCCESS|FAIL)$/) });
    expect(new URL(clients.lastRequest().url).pathname).toMatch(/^\/v1\/[0-9a-f]{32}\/jobs\//);
  });

  it("the native and the Cinder snapshot calls go to different endpoints", async () => {
    await clients.evs.showSnapshot({ snapshot_id: SNAPSHOT });
    const native = new URL(clients.lastRequest().url).pathname;
    await clients.evs.cinderShowSnapshot({ snapshot_id: SNAPSHOT });
    const cinder = new URL(clients.lastRequest().url).pathname;
    expect([native.split("/").slice(3), cinder.split("/").slice(3)]).toEqual([
      ["cloudsnapshots", SNAPSHOT],
      ["snapshots", SNAPSHOT],
    ]);
  });
});

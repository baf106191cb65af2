/**
 * Issue 10, item 7: a 2xx answer is a success only if its body is what the spec
 * promises. Empty, `null`, non-object or incomplete bodies where the spec documents
 * one are `UnparseableResponseError`s (status, request id, redacted snippet), and are
 * not retried. Where the spec documents no body (Huawei delete/resize: 202, empty),
 * an empty answer is still a success.
 *
 * Huawei documents the bodies checked here: rollback answers 202 with
 * `{"rollback": {"volume_id": ...}}`
 * (https://support.huaweicloud.com/intl/en-us/api-evs/evs_04_2020.html, "Response Parameters").
 */
import { describe, expect, it } from "vitest";
import { createEvsClient, UnparseableResponseError } from "../src/huawei/index.ts";
import { createEcsClient } from "../src/alibaba/index.ts";
import { createUCloudStackClient } from "../src/ucloudstack/index.ts";
import type { FetchLike } from "../src/core/http/exchange.ts";

const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const SNAPSHOT = "b836dc3d-4e10-4ea4-a34c-8f6b0460a583";
const HUAWEI_SK = "SK-response-shape-secret-0123456789";
const ALIBABA_SECRET = "alibaba-response-shape-secret-abcdef";
const UCS_PRIVATE = "ucs-response-shape-private-key-xyz";

/** Answers every attempt with `status` and `body` (text, or nothing), and counts attempts. */
function answering(status: number, body: string | null, headers: Record<string, string> = {}) {
  let attempts = 0;
  const fetch: FetchLike = async () => {
    attempts++;
    return new Response(body, { status, headers: { "content-type": "application/json", ...headers } });
  };
  return { fetch, attempts: () => attempts };
}

const retry = { maxAttempts: 3, baseDelayMs: 1 };
const evsWith = (fetch: FetchLike) =>
  createEvsClient({
    endpoint: "https://evs.test",
    projectId: "0123456789abcdef0123456789abcdef",
    credentials: { accessKeyId: "AKSHAPE", secretAccessKey: HUAWEI_SK },
    fetch,
    retry,
  });
const ecsWith = (fetch: FetchLike) =>
  createEcsClient({ regionId: "cn-hangzhou", credentials: { accessKeyId: "LTAIshape", accessKeySecret: ALIBABA_SECRET }, fetch, retry });
const ucsWith = (fetch: FetchLike) =>
  createUCloudStackClient({
    endpoint: "https://ucs.test/api",
    region: "cn",
    credentials: { publicKey: "ucs-public", privateKey: UCS_PRIVATE },
    fetch,
    retry,
  });

type Case = [label: string, status: number, body: string | null, call: (fetch: FetchLike) => Promise<unknown>, words: string];

const broken: Case[] = [
  [
    "Huawei CinderCreateSnapshot: 202 with no body",
    202,
    null,
    (f) => evsWith(f).cinderCreateSnapshot({ snapshot: { volume_id: VOLUME } }),
    "an empty body",
  ],
  [
    "Huawei CinderCreateSnapshot: 202 with null",
    202,
    "null",
    (f) => evsWith(f).cinderCreateSnapshot({ snapshot: { volume_id: VOLUME } }),
    "null where the spec documents an object",
  ],
  [
    "Huawei CinderCreateVolume: 202 with an unrelated object",
    202,
    '{"accepted":true}',
    (f) => evsWith(f).cinderCreateVolume({ volume: { availability_zone: "az1", size: 10 } }),
    "without volume",
  ],
  [
    "Huawei RollbackSnapshot: 202 with no body",
    202,
    "",
    (f) => evsWith(f).rollbackSnapshot({ snapshot_id: SNAPSHOT, rollback: { volume_id: VOLUME } }),
    "an empty body",
  ],
  [
    "Huawei CinderShowVolume (a read): 200 with a list",
    200,
    "[]",
    (f) => evsWith(f).cinderShowVolume({ volume_id: VOLUME }),
    "a list where the spec documents an object",
  ],
  ["Huawei CinderListSnapshots (a read): 200 with a string", 200, '"ok"', (f) => evsWith(f).cinderListSnapshots(), "a string where"],
  [
    "Alibaba CreateSnapshot: 200 without SnapshotId",
    200,
    '{"RequestId":"r-1"}',
    (f) => ecsWith(f).createSnapshot({ DiskId: "d-1" }),
    "without SnapshotId",
  ],
  ["Alibaba DescribeSnapshots (a read): 200 with {}", 200, "{}", (f) => ecsWith(f).describeSnapshots(), "without RequestId, Snapshots"],
  ["Alibaba DeleteSnapshot: 200 with no body", 200, null, (f) => ecsWith(f).deleteSnapshot({ SnapshotId: "s-1" }), "an empty body"],
  [
    "UCloudStack DescribeSnapshot (a read): 200 without RetCode",
    200,
    '{"Action":"DescribeSnapshotResponse","TotalCount":0,"Infos":[]}',
    (f) => ucsWith(f).describeSnapshot(),
    "without an integer RetCode",
  ],
  [
    "UCloudStack RollbackSnapshot: 200 with a string RetCode",
    200,
    '{"Action":"RollbackSnapshotResponse","RetCode":"0"}',
    (f) => ucsWith(f).rollbackSnapshot({ DiskID: "disk-1", SnapshotID: "snap-1" }),
    "without an integer RetCode",
  ],
  [
    "UCloudStack DeleteSnapshot: 200 with no body",
    200,
    null,
    (f) => ucsWith(f).deleteSnapshot({ SnapshotID: "snap-1" }),
    "without an integer RetCode",
  ],
  [
    "UCloudStack CreateSnapshot: 200 with null",
    200,
    "null",
    (f) => ucsWith(f).createSnapshot({ DiskID: "disk-1", Name: "n" }),
    "without an integer RetCode",
  ],
  [
    "UCloudStack DescribeDisk (a read): RetCode 0 without Action",
    200,
    '{"RetCode":0,"TotalCount":0,"Infos":[]}',
    (f) => ucsWith(f).describeDisk(),
    "without Action",
  ],
];

describe("2xx bodies must keep the spec's promise (item 7)", () => {
  it.each(broken)("%s", async (_label, status, body, call, words) => {
    const server = answering(status, body, {
      "x-request-id": "req-shape",
      "x-acs-request-id": "req-shape",
      "x-ucloud-request-uuid": "req-shape",
    });
    const error = await call(server.fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect(error).toMatchObject({ status });
    expect((error as Error).message).toContain(words);
    // A 2xx with a bad body is not retried, reads included: the server did answer.
    expect(server.attempts()).toBe(1);
  });

  it("carries the request id and a redacted snippet of the body", async () => {
    const echoed = JSON.stringify({ RequestId: "r-echo", note: `signed with ${ALIBABA_SECRET}` });
    const server = answering(200, echoed, { "x-acs-request-id": "r-echo" });
    const error = (await ecsWith(server.fetch)
      .createSnapshot({ DiskId: "d-1" })
      .catch((e: unknown) => e)) as UnparseableResponseError;
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect(error.requestId).toBe("r-echo");
    expect(error.bodySnippet).toContain("signed with");
    expect(JSON.stringify(error) + String(error)).not.toContain(ALIBABA_SECRET);
  });

  it("UCloudStack: a body without RetCode keeps its snippet, with the private key redacted", async () => {
    const server = answering(200, JSON.stringify({ Action: "DescribeDiskResponse", Echo: UCS_PRIVATE }), {
      "x-ucloud-request-uuid": "u-1",
    });
    const error = (await ucsWith(server.fetch)
      .describeDisk()
      .catch((e: unknown) => e)) as UnparseableResponseError;
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect(error.requestId).toBe("u-1");
    expect(error.bodySnippet).toContain("DescribeDiskResponse");
    expect(JSON.stringify(error) + String(error)).not.toContain(UCS_PRIVATE);
  });

  it.each([
    [
      "Huawei CinderDeleteVolume: empty 202 (no body documented)",
      () => evsWith(answering(202, null).fetch).cinderDeleteVolume({ volume_id: VOLUME }),
    ],
    [
      "Huawei CinderResizeVolume: empty 202 (no body documented)",
      () => evsWith(answering(202, "").fetch).cinderResizeVolume({ volume_id: VOLUME, "os-extend": { new_size: 20 } }),
    ],
    [
      "Huawei RollbackSnapshot: the documented body",
      () =>
        evsWith(answering(202, JSON.stringify({ rollback: { volume_id: VOLUME } })).fetch).rollbackSnapshot({
          snapshot_id: SNAPSHOT,
          rollback: { volume_id: VOLUME },
        }),
    ],
    [
      "Alibaba DeleteSnapshot: RequestId only",
      () => ecsWith(answering(200, '{"RequestId":"r"}').fetch).deleteSnapshot({ SnapshotId: "s-1" }),
    ],
    [
      "UCloudStack DeleteSnapshot: RetCode 0 and Action",
      () => ucsWith(answering(200, '{"Action":"DeleteSnapshotResponse","RetCode":0}').fetch).deleteSnapshot({ SnapshotID: "snap-1" }),
    ],
  ])("%s is a success", async (_label, call) => {
    await expect(call()).resolves.not.toBeInstanceOf(Error);
  });
});

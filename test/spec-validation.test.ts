/**
 * Issue 10, items 9, 2 and 6: every call's parameters are checked against the
 * operation's schema (compiled from the spec by scripts/generate.ts) before anything
 * is sent; names the client or the wire protocol owns are never parameters; the
 * idempotency token is filled unless the caller passed a non-empty one.
 */
import { describe, expect, it } from "vitest";
import { createEvsClient, InvalidParameterError } from "../src/huawei/index.ts";
import { createEcsClient } from "../src/alibaba/index.ts";
import { createUCloudStackClient } from "../src/ucloudstack/index.ts";
import type { FetchLike } from "../src/core/http/exchange.ts";

const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const SNAPSHOT = "b836dc3d-4e10-4ea4-a34c-8f6b0460a583";
/** Looks like a secret: it must never appear in an error about the value that holds it. */
const SECRET_LOOKING = "sk-live-3f9a0c7e1d2b4a6f8e0d1c3b5a7f9e1d";

/** A fetch that records what would have been sent and answers with `answer` (default: an empty 202). */
function recordingFetch(answer: () => Response = () => new Response(null, { status: 202 })) {
  const sent: Request[] = [];
  const fetch: FetchLike = async (request) => {
    sent.push(request.clone());
    return answer();
  };
  return { sent, fetch };
}

function clients() {
  const huawei = recordingFetch();
  const alibaba = recordingFetch();
  const ucloudstack = recordingFetch();
  return {
    sent: () => huawei.sent.length + alibaba.sent.length + ucloudstack.sent.length,
    evs: createEvsClient({
      endpoint: "https://evs.test",
      projectId: "0123456789abcdef0123456789abcdef",
      credentials: { accessKeyId: "AKVALIDATION", secretAccessKey: "SK-validation-secret" },
      fetch: huawei.fetch,
      retry: false,
    }),
    ecs: createEcsClient({
      regionId: "cn-hangzhou",
      credentials: { accessKeyId: "LTAIvalidation", accessKeySecret: "alibaba-validation-secret" },
      fetch: alibaba.fetch,
      retry: false,
    }),
    ucs: createUCloudStackClient({
      endpoint: "https://ucs.test/api",
      region: "cn",
      credentials: { publicKey: "ucs-public", privateKey: "ucs-private-validation" },
      fetch: ucloudstack.fetch,
      retry: false,
    }),
  };
}

type Call = (c: ReturnType<typeof clients>) => Promise<unknown>;

/** [label, call, field the error must name, words the problem must contain]. */
const refused: Array<[string, Call, string, string]> = [
  // Missing required fields, top level and nested.
  [
    "Huawei: snapshot without volume_id",
    (c) => c.evs.cinderCreateSnapshot({ snapshot: { name: "n" } as never }),
    "snapshot.volume_id",
    "is required",
  ],
  [
    "Huawei: volume without size",
    (c) => c.evs.cinderCreateVolume({ volume: { availability_zone: "az1" } as never }),
    "volume.size",
    "is required",
  ],
  [
    "Alibaba: Disk entry without DiskId",
    (c) => c.ecs.resetDisks({ Disk: [{ SnapshotId: "s-1" } as never] }),
    "Disk[0].DiskId",
    "is required",
  ],
  ["Alibaba: CreateSnapshot without DiskId", (c) => c.ecs.createSnapshot({} as never), "DiskId", "is required"],
  ["UCloudStack: CreateSnapshot without Name", (c) => c.ucs.createSnapshot({ DiskID: "disk-1" } as never), "Name", "is required"],
  // Wrong types.
  ["Huawei: limit as a string", (c) => c.evs.cinderListVolumes({ limit: "10" as never }), "limit", "must be an integer, not a string"],
  [
    "Huawei: cascade as a string",
    (c) => c.evs.cinderDeleteVolume({ volume_id: VOLUME, cascade: "yes" as never }),
    "cascade",
    "must be a boolean",
  ],
  [
    "Huawei: size as a fraction",
    (c) => c.evs.cinderResizeVolume({ volume_id: VOLUME, "os-extend": { new_size: 10.5 } }),
    "os-extend.new_size",
    "must be an integer, not a fraction",
  ],
  ["Alibaba: MaxResults as a string", (c) => c.ecs.describeSnapshots({ MaxResults: "10" as never }), "MaxResults", "must be an integer"],
  ["UCloudStack: Limit NaN", (c) => c.ucs.describeSnapshot({ Limit: Number.NaN }), "Limit", "not a non-finite number"],
  ["UCloudStack: Offset Infinity", (c) => c.ucs.describeDisk({ Offset: Number.POSITIVE_INFINITY }), "Offset", "not a non-finite number"],
  // A string where a list belongs.
  ["Alibaba: Disk as a string", (c) => c.ecs.resetDisks({ Disk: "d-1" as never }), "Disk", "must be a list, not a string"],
  [
    "UCloudStack: SnapshotIDs as a string",
    (c) => c.ucs.describeSnapshot({ SnapshotIDs: "snap-1" as never }),
    "SnapshotIDs",
    "must be a list, not a string",
  ],
  // An object where a scalar belongs (it would be flattened into `DiskId.a=1`).
  ["Alibaba: DiskId as an object", (c) => c.ecs.createSnapshot({ DiskId: { a: 1 } as never }), "DiskId", "must be a string, not an object"],
  [
    "Alibaba: nested DiskId as an object",
    (c) => c.ecs.resetDisks({ Disk: [{ DiskId: { a: 1 } as never, SnapshotId: "s-1" }] }),
    "Disk[0].DiskId",
    "must be a string, not an object",
  ],
  [
    "UCloudStack: DiskID as an object",
    (c) => c.ucs.rollbackSnapshot({ DiskID: { a: 1 } as never, SnapshotID: "snap-1" }),
    "DiskID",
    "must be a string, not an object",
  ],
  ["UCloudStack: list item as an object", (c) => c.ucs.describeDisk({ DiskIDs: [{ a: 1 } as never] }), "DiskIDs[0]", "must be a string"],
  // Negative and absurd sizes.
  [
    "Huawei: negative volume size",
    (c) => c.evs.cinderCreateVolume({ volume: { availability_zone: "az1", size: -1 } }),
    "volume.size",
    "must be at least 1",
  ],
  [
    "Huawei: negative new size",
    (c) => c.evs.cinderResizeVolume({ volume_id: VOLUME, "os-extend": { new_size: -5 } }),
    "os-extend.new_size",
    "must be at least 1",
  ],
  ["Huawei: negative offset", (c) => c.evs.cinderListSnapshots({ offset: -1 }), "offset", "must be at least 0"],
  [
    "Alibaba: negative RetentionDays",
    (c) => c.ecs.createSnapshot({ DiskId: "d-1", RetentionDays: -3 }),
    "RetentionDays",
    "must be at least 1",
  ],
  ["UCloudStack: negative Offset", (c) => c.ucs.describeSnapshot({ Offset: -10 }), "Offset", "must be at least 0"],
  // Absurd page sizes (the spec's documented maximum).
  ["Huawei: limit 100000", (c) => c.evs.cinderListSnapshotsDetails({ limit: 100000 }), "limit", "must be at most 1000"],
  ["Huawei IMS-style limit on volumes", (c) => c.evs.cinderListVolumesDetails({ limit: 0 }), "limit", "must be at least 1"],
  ["Alibaba: MaxResults 10000", (c) => c.ecs.describeSnapshots({ MaxResults: 10000 }), "MaxResults", "must be at most 100"],
  ["Alibaba: PageSize 5000", (c) => c.ecs.describeDisks({ PageSize: 5000 }), "PageSize", "must be at most 100"],
  ["UCloudStack: Limit 1e6", (c) => c.ucs.describeDisk({ Limit: 1e6 }), "Limit", "must be at most 100"],
  [
    "Alibaba: eleven disks",
    (c) => c.ecs.resetDisks({ Disk: Array.from({ length: 11 }, (_, i) => ({ DiskId: `d-${i}`, SnapshotId: `s-${i}` })) }),
    "Disk",
    "must have at most 10 items",
  ],
  ["Alibaba: no disks", (c) => c.ecs.resetDisks({ Disk: [] }), "Disk", "must not be empty"],
  // Enums and patterns.
  [
    "Huawei: sort_dir sideways",
    (c) => c.evs.cinderListVolumes({ sort_dir: "sideways" as never }),
    "sort_dir",
    'must be one of "desc", "asc"',
  ],
  ["Alibaba: Status done", (c) => c.ecs.describeSnapshots({ Status: "done" as never }), "Status", "must be one of"],
  [
    "Alibaba: a disk id that is not one",
    (c) => c.ecs.resetDisk({ DiskId: "i-123", SnapshotId: "s-1" }),
    "DiskId",
    "must match the pattern ^d-[0-9a-z]+$",
  ],
  [
    "Alibaba: Filter key not in the enum",
    (c) => c.ecs.describeDisks({ Filter: [{ Key: "Other" as never, Value: "2024-01-01T00:00Z" }] }),
    "Filter[0].Key",
    "must be one of",
  ],
  // Strings too long or empty.
  [
    "Huawei: snapshot name of 256 characters",
    (c) => c.evs.cinderCreateSnapshot({ snapshot: { volume_id: VOLUME, name: "x".repeat(256) } }),
    "snapshot.name",
    "at most 255 characters",
  ],
  [
    "UCloudStack: Name of 31 characters",
    (c) => c.ucs.createSnapshot({ DiskID: "disk-1", Name: "n".repeat(31) }),
    "Name",
    "at most 30 characters",
  ],
  ["UCloudStack: empty SnapshotID", (c) => c.ucs.deleteSnapshot({ SnapshotID: "" }), "SnapshotID", "must not be empty"],
  // Combinations the spec excludes or requires.
  [
    "Huawei: rollback name without volume_id",
    (c) => c.evs.rollbackSnapshot({ snapshot_id: SNAPSHOT, rollback: { name: "n" } }),
    "rollback.volume_id",
    "is required when rollback.name is given",
  ],
  [
    "Huawei: volume from an image and a snapshot",
    (c) => c.evs.cinderCreateVolume({ volume: { availability_zone: "az1", size: 10, imageRef: VOLUME, snapshot_id: SNAPSHOT } }),
    "volume",
    "combination of properties the spec excludes",
  ],
  [
    "Huawei: metadata value not a string",
    (c) => c.evs.cinderCreateSnapshot({ snapshot: { volume_id: VOLUME, metadata: { k: 1 as never } } }),
    "snapshot.metadata.k",
    "must be a string",
  ],
  // Unknown properties, top level and nested.
  [
    "Huawei: unknown top-level body field",
    (c) => c.evs.cinderCreateSnapshot({ snapshot: { volume_id: VOLUME }, extra: 1 } as never),
    "extra",
    "is not a parameter of CinderCreateSnapshot",
  ],
  [
    "Huawei: unknown nested field",
    (c) => c.evs.cinderCreateSnapshot({ snapshot: { volume_id: VOLUME, volumeId: VOLUME } as never }),
    "snapshot.volumeId",
    "is not a known property",
  ],
  [
    "Alibaba: unknown Disk entry field",
    (c) => c.ecs.resetDisks({ Disk: [{ DiskId: "d-1", SnapshotId: "s-1", Extra: "x" } as never] }),
    "Disk[0].Extra",
    "is not a known property",
  ],
  [
    "UCloudStack: unknown field",
    (c) => c.ucs.describeSnapshot({ SnapshotId: "snap-1" } as never),
    "SnapshotId",
    "is not a parameter of DescribeSnapshot",
  ],
];

describe("parameters are checked against the spec before sending (item 9)", () => {
  it.each(refused)("%s", async (_label, call, field, words) => {
    const c = clients();
    const error = await call(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(words);
    expect(c.sent()).toBe(0);
  });

  it("valid calls still go out, one request each", async () => {
    const c = clients();
    // The fake answers are empty 202s: what happens after sending is not this test's business.
    const outcomes = await Promise.all(
      [
        c.evs.cinderCreateVolume({ volume: { availability_zone: "az1", size: 10, name: null, imageRef: VOLUME, metadata: { k: "v" } } }),
        c.evs.cinderListVolumes({ limit: 1000, offset: 0, sort_dir: "asc" }),
        c.evs.rollbackSnapshot({ snapshot_id: SNAPSHOT, rollback: { volume_id: VOLUME, name: "n" } }),
        c.ecs.resetDisks({ Disk: [{ DiskId: "d-1", SnapshotId: "s-1" }] }),
        c.ucs.describeSnapshot({ SnapshotIDs: ["snap-1"], Limit: 100, Offset: 0 }),
      ].map((call) =>
        call.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    for (const outcome of outcomes) expect(outcome).not.toBeInstanceOf(InvalidParameterError);
    expect(c.sent()).toBe(5);
  });

  it("never echoes the offending value (it may be a secret), and cuts unknown names short", async () => {
    const c = clients();
    const tooLong = await c.ucs.createSnapshot({ DiskID: "disk-1", Name: SECRET_LOOKING }).catch((e: unknown) => e);
    const wrongType = await c.evs
      .cinderCreateSnapshot({ snapshot: { volume_id: VOLUME, name: { token: SECRET_LOOKING } as never } })
      .catch((e: unknown) => e);
    const notInEnum = await c.evs.cinderListVolumes({ sort_key: SECRET_LOOKING as never }).catch((e: unknown) => e);
    const pattern = await c.ecs.deleteSnapshot({ SnapshotId: SECRET_LOOKING }).catch((e: unknown) => e);
    for (const error of [tooLong, wrongType, notInEnum, pattern]) {
      expect(error).toBeInstanceOf(InvalidParameterError);
      expect(JSON.stringify(error) + String(error)).not.toContain(SECRET_LOOKING);
    }
    const longName = `${"k".repeat(40)}${SECRET_LOOKING}`;
    const unknown = await c.evs.cinderCreateSnapshot({ snapshot: { volume_id: VOLUME, [longName]: 1 } as never }).catch((e: unknown) => e);
    expect((unknown as InvalidParameterError).field).toBe(`snapshot.${"k".repeat(40)}…`);
    expect(String(unknown)).not.toContain(SECRET_LOOKING);
    expect(c.sent()).toBe(0);
  });
});

describe("parameters the client or the wire protocol owns never come from the caller (item 2)", () => {
  it.each(["Action", "PublicKey", "Signature"])("UCloudStack: %s in the params is refused and nothing is sent", async (name) => {
    const c = clients();
    const error = await c.ucs.describeSnapshot({ [name]: "RollbackSnapshot" } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ field: name, message: expect.stringContaining("is not a parameter of DescribeSnapshot") });
    expect(c.sent()).toBe(0);
  });

  it.each(["Action", "Version", "AccessKeyId", "Signature", "SignatureNonce", "Timestamp", "Format", "SecurityToken"])(
    "Alibaba: %s in the params is refused",
    async (name) => {
      const c = clients();
      await expect(c.ecs.describeSnapshots({ [name]: "x" } as never)).rejects.toMatchObject({ name: "InvalidParameterError", field: name });
      expect(c.sent()).toBe(0);
    },
  );

  it("Huawei: a field the POST body does not have is refused, not forwarded", async () => {
    const c = clients();
    await expect(
      c.evs.rollbackSnapshot({ snapshot_id: SNAPSHOT, rollback: { volume_id: VOLUME }, force: true } as never),
    ).rejects.toMatchObject({ name: "InvalidParameterError", field: "force" });
    expect(c.sent()).toBe(0);
  });
});

describe("the client token is filled unless the caller passed a non-empty one (item 6)", () => {
  /** Answers 503 once, then success: the retry must carry the first attempt's token. */
  function flakyEcs() {
    let attempt = 0;
    const { sent, fetch } = recordingFetch(() =>
      ++attempt === 1
        ? Response.json({ RequestId: "r1", Code: "ServiceUnavailable", Message: "busy" }, { status: 503 })
        : Response.json({ RequestId: "r2", SnapshotId: "s-new" }),
    );
    const ecs = createEcsClient({
      regionId: "cn-hangzhou",
      credentials: { accessKeyId: "LTAIvalidation", accessKeySecret: "alibaba-validation-secret" },
      fetch,
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    });
    const tokens = () => sent.map((request) => new URL(request.url).searchParams.get("ClientToken"));
    return { ecs, tokens };
  }

  it.each([
    ["null", null],
    ["an empty string", ""],
    ["undefined", undefined],
  ])("%s gets one fresh token, reused by the retry", async (_label, value) => {
    const { ecs, tokens } = flakyEcs();
    await expect(ecs.createSnapshot({ DiskId: "d-1", ClientToken: value as never })).resolves.toMatchObject({ SnapshotId: "s-new" });
    const [first, second] = tokens();
    expect(tokens()).toHaveLength(2);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it("a caller's non-empty token is kept", async () => {
    const { ecs, tokens } = flakyEcs();
    await ecs.createSnapshot({ DiskId: "d-1", ClientToken: "caller-token-1" });
    expect(tokens()).toEqual(["caller-token-1", "caller-token-1"]);
  });

  it("a token that is not a string is refused, not replaced", async () => {
    const { ecs, tokens } = flakyEcs();
    await expect(ecs.createSnapshot({ DiskId: "d-1", ClientToken: 42 as never })).rejects.toMatchObject({
      name: "InvalidParameterError",
      field: "ClientToken",
    });
    expect(tokens()).toEqual([]);
  });
});

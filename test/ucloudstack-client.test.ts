/**
 * The UCloudStack client against a local fault-injecting server: configuration,
 * RetCode unwrapping (no retry of business errors, unlike the official JS SDK),
 * transport retries for the Describe actions only, offset pagination, Region/Zone
 * across releases, and status normalisation.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ConfigurationError,
  NetworkError,
  ThrottledError,
  createUCloudStackClient,
  diskStatus,
  normalizeDiskStatus,
  normalizeSnapshotStatus,
  normalizeVMState,
  signUCloudStack,
  vmState,
  type UCloudStackClient,
  type UCloudStackClientConfig,
} from "../src/ucloudstack/index.ts";
import { json, startFaultServer, type FaultServer } from "./helpers/fault-server.ts";
import { listSpecs, readSpec } from "../scripts/lib/spec-reader.ts";
import { verifyUCloudStackSignature } from "./helpers/verify-ucloudstack.ts";

const PUBLIC = "ucs-unit-public-key";
const PRIVATE = "ucs-unit-private-key-do-not-print";
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: Parameters<typeof startFaultServer>[0], extra: Partial<UCloudStackClientConfig> = {}) {
  server = await startFaultServer(handler);
  return createUCloudStackClient({
    endpoint: `${server.url}/api`,
    region: "cn",
    credentials: { publicKey: PUBLIC, privateKey: PRIVATE },
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    ...extra,
  });
}

const body = (i: number) => JSON.parse(server!.requests[i]!.body) as Record<string, unknown>;

describe("RetCode inside HTTP 200", () => {
  it("becomes a typed error with RetCode, message, action and request id, and is not retried", async () => {
    const ucs = await clientFor((_req, res) =>
      json(
        res,
        200,
        { Action: "DeleteSnapshotResponse", RetCode: 2502, Message: "snapshot is being created or rolled back" },
        { "x-ucloud-request-uuid": "uuid-2502" },
      ),
    );
    const error = await ucs.deleteSnapshot({ SnapshotID: "snap-1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ provider: "ucloudstack", status: 200, code: "2502", requestId: "uuid-2502" });
    expect((error as ApiError).message).toContain("snapshot is being created or rolled back");
    expect((error as ApiError).message).toContain("DeleteSnapshotResponse");
    expect(server!.requests).toHaveLength(1);
  });

  it("a Describe business error is not retried either", async () => {
    const ucs = await clientFor((_req, res) =>
      json(res, 200, { Action: "DescribeSnapshotResponse", RetCode: 171, Message: "signature error" }),
    );
    await expect(ucs.describeSnapshot()).rejects.toMatchObject({ code: "171" });
    expect(server!.requests).toHaveLength(1);
  });
});

describe("throttling inside HTTP 200 (RetCode 165)", () => {
  it("a Describe answered 165 is retried, and succeeds when the next attempt does", async () => {
    const ucs = await clientFor((_req, res, attempt) =>
      attempt === 1
        ? json(res, 200, { Action: "DescribeSnapshotResponse", RetCode: 165, Message: "too many requests" })
        : json(res, 200, { Action: "DescribeSnapshotResponse", RetCode: 0, TotalCount: 0, Infos: [] }),
    );
    await expect(ucs.describeSnapshot()).resolves.toMatchObject({ RetCode: 0 });
    expect(server!.requests).toHaveLength(2);
  });

  it("persisting 165 ends as a ThrottledError after maxAttempts", async () => {
    const ucs = await clientFor((_req, res) =>
      json(res, 200, { Action: "DescribeSnapshotResponse", RetCode: 165, Message: "too many requests" }),
    );
    const error = await ucs.describeSnapshot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(error).toMatchObject({ code: "165", status: 200 });
    expect(server!.requests).toHaveLength(3);
  });

  it("a write answered 165 is not retried (it may have been applied)", async () => {
    const ucs = await clientFor((_req, res) =>
      json(res, 200, { Action: "DeleteSnapshotResponse", RetCode: 165, Message: "too many requests" }),
    );
    await expect(ucs.deleteSnapshot({ SnapshotID: "snap-1" })).rejects.toBeInstanceOf(ThrottledError);
    expect(server!.requests).toHaveLength(1);
  });
});

describe("transport faults", () => {
  it("retries DescribeSnapshot after a 503 and a reset, re-signing each attempt", async () => {
    const ucs = await clientFor((_req, res, attempt) => {
      if (attempt === 1) return json(res, 503, { message: "busy" });
      if (attempt === 2) return res.socket?.destroy();
      json(res, 200, { Action: "DescribeSnapshotResponse", RetCode: 0, Message: "", TotalCount: 0, Infos: [] });
    });
    await expect(ucs.describeSnapshot()).resolves.toMatchObject({ TotalCount: 0 });
    expect(server!.requests).toHaveLength(3);
    for (const request of server!.requests) expect(await verifyUCloudStackSignature(request, { [PUBLIC]: PRIVATE })).toEqual({ ok: true });
  });

  it.each([
    ["createSnapshot", { DiskID: "disk-1", Name: "n" }],
    ["rollbackSnapshot", { DiskID: "disk-1", SnapshotID: "snap-1" }],
    ["deleteSnapshot", { SnapshotID: "snap-1" }],
  ] as const)("never resends %s", async (method, params) => {
    const ucs = await clientFor((_req, res) => res.socket?.destroy());
    await expect((ucs[method] as (p: unknown) => Promise<unknown>)(params)).rejects.toBeInstanceOf(NetworkError);
    expect(server!.requests).toHaveLength(1);
  });
});

describe("wire form", () => {
  const reply = (_req: unknown, res: Parameters<typeof json>[0]) =>
    json(res, 200, { Action: "RollbackSnapshotResponse", RetCode: 0, Message: "" });
  const expectedBody = async (params: Record<string, unknown>) => {
    // The documented form: Action first, the parameters, then PublicKey (replacing one
    // passed in, in its place) and Signature last, signed without any stale Signature.
    const sent: Record<string, unknown> = { Action: "RollbackSnapshot", Region: "cn", Zone: "zone-01", ...params };
    const { Signature: _stale, ...unsigned } = sent;
    const withKey = { ...unsigned, PublicKey: PUBLIC };
    return JSON.stringify({ ...withKey, Signature: await signUCloudStack(withKey, { publicKey: PUBLIC, privateKey: PRIVATE }) });
  };

  // `Signature` and `PublicKey` are refused as parameters (they are protocol fields: test/spec-validation.test.ts).
  it("the runtime's fetch and a caller's fetch send the same bytes", async () => {
    const params = { DiskID: "disk-1", SnapshotID: "snap-1" };
    const expected = await expectedBody(params);
    const call = (ucs: UCloudStackClient) => ucs.rollbackSnapshot(params);
    const viaRuntime = await clientFor(reply, { zone: "zone-01" });
    await call(viaRuntime);
    const viaCaller = createUCloudStackClient({
      endpoint: `${server!.url}/api`,
      region: "cn",
      zone: "zone-01",
      credentials: { publicKey: PUBLIC, privateKey: PRIVATE },
      fetch: (request) => fetch(request),
    });
    await call(viaCaller);
    const [runtime, caller] = server!.requests;
    expect(runtime!.body).toBe(expected);
    expect(caller!.body).toBe(expected);
    expect([runtime!.method, runtime!.url, runtime!.headers["content-type"]]).toEqual(["POST", "/api", "application/json"]);
    expect([caller!.method, caller!.url, caller!.headers["content-type"]]).toEqual(["POST", "/api", "application/json"]);
  });
});

describe("Region and Zone across releases", () => {
  it("sends Zone only when configured (1.x); never when omitted (2.x)", async () => {
    const reply = (_req: unknown, res: Parameters<typeof json>[0]) =>
      json(res, 200, { Action: "CreateSnapshotResponse", RetCode: 0, Message: "", SnapshotID: "snap-1" });
    const v1 = await clientFor(reply, { zone: "zone-01" });
    await v1.createSnapshot({ DiskID: "disk-1", Name: "n" });
    expect(body(0)).toMatchObject({ Action: "CreateSnapshot", Region: "cn", Zone: "zone-01" });
    await server!.close();
    const v2 = await clientFor(reply);
    await v2.createSnapshot({ DiskID: "disk-1", Name: "n" });
    expect(body(0)).toMatchObject({ Region: "cn" });
    expect(body(0)).not.toHaveProperty("Zone");
  });
});

describe("offset pagination", () => {
  it("walks Offset by the page size until TotalCount", async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ SnapshotID: `snap-${i}`, SnapshotStatus: i % 2 ? "Normal" : "Createing" }));
    const ucs = await clientFor((req, res) => {
      const { Offset = 0, Limit = 20 } = JSON.parse(req.body) as { Offset?: number; Limit?: number };
      json(res, 200, {
        Action: "DescribeSnapshotResponse",
        RetCode: 0,
        Message: "",
        TotalCount: all.length,
        Infos: all.slice(Offset, Offset + Limit),
      });
    });
    const ids: string[] = [];
    for await (const info of ucs.paginate("DescribeSnapshot", { Limit: 2 })) ids.push((info as { SnapshotID: string }).SnapshotID);
    expect(ids).toEqual(all.map((s) => s.SnapshotID));
    expect(server!.requests.map((_, i) => body(i).Offset)).toEqual([0, 2, 4]);
  });
});

describe("status normalisation", () => {
  it.each([
    ["Createing", "creating"],
    ["Creating", "creating"],
    ["Normal", "available"],
    ["RollBacking", "rolling-back"],
    ["Rollbacking", "rolling-back"],
    ["Deleting", "deleting"],
    ["Deleted", "deleted"],
    ["Failure", "failed"],
    ["Released", "deleted"],
    ["ROLLBACKING", "rolling-back"],
    ["Unknown", "unknown"],
    ["Whatever", "unknown"],
    [undefined, "unknown"],
  ])("%s -> %s", (raw, normalized) => expect(normalizeSnapshotStatus(raw)).toBe(normalized));

  it("every spelling the spec groups maps to its word (the vocabulary is the spec's)", async () => {
    const model = await readSpec((await listSpecs()).find((entry) => entry.name === "ucloudstack")!);
    const groups = model.statusGroups.SnapshotStatus!;
    expect(Object.keys(groups).length).toBeGreaterThan(3);
    for (const [word, spellings] of Object.entries(groups))
      for (const spelling of spellings) expect(normalizeSnapshotStatus(spelling)).toBe(word);
  });
});

describe("disk and VM status: the spellings a rollback waits on", () => {
  it.each([
    ["Unbound", "available"],
    ["Detached", "available"],
    ["Bound", "attached"],
    ["attached", "attached"],
    ["Unbounding", "detaching"],
    ["Upgrading", "resizing"],
    ["Snapshoting", "snapshotting"],
    ["Rollbacking", "rolling-back"],
    ["Shareabled", "unknown"],
    ["", "unknown"],
    [null, "unknown"],
  ])("disk %s -> %s", (raw, normalized) => expect(diskStatus({ DiskStatus: raw }).normalized).toBe(normalized));

  it.each([
    ["Stopped", "stopped"],
    ["STOPPED", "stopped"],
    ["Running", "running"],
    ["Poweroffing", "stopping"],
    ["WaitReinstall", "reinstalling"],
    ["ChangeSGing", "changing-security-group"],
    ["Failed", "failed"],
    ["pWeZsyga", "unknown"],
  ])("VM %s -> %s", (raw, normalized) => expect(normalizeVMState(raw)).toBe(normalized));

  it("vmState keeps the raw spelling", () =>
    expect(vmState({ State: "Poweroffing" })).toEqual({ raw: "Poweroffing", normalized: "stopping" }));

  it.each(["DiskStatus", "VMState"])("every %s spelling the spec groups maps to its word", async (schema) => {
    const model = await readSpec((await listSpecs()).find((entry) => entry.name === "ucloudstack")!);
    const groups = model.statusGroups[schema]!;
    const normalize = schema === "DiskStatus" ? normalizeDiskStatus : normalizeVMState;
    expect(Object.keys(groups)).toEqual(
      expect.arrayContaining(schema === "DiskStatus" ? ["available", "attached"] : ["stopped", "running"]),
    );
    for (const [word, spellings] of Object.entries(groups)) for (const spelling of spellings) expect(normalize(spelling)).toBe(word);
  });
});

describe("configuration and secrets", () => {
  it.each([
    ["no endpoint", { region: "cn", credentials: { publicKey: "a", privateKey: "b" } }, "endpoint"],
    ["no region", { endpoint: "https://x/api", credentials: { publicKey: "a", privateKey: "b" } }, "region"],
    ["no private key", { endpoint: "https://x/api", region: "cn", credentials: { publicKey: "a" } }, "credentials.privateKey"],
  ])("%s fails at construction, naming the option", (_label, config, option) => {
    expect(() => createUCloudStackClient(config as never)).toThrow(ConfigurationError);
    expect(() => createUCloudStackClient(config as never)).toThrow(`'${option}'`);
  });

  it("the private key is never sent and never printed, even if echoed", async () => {
    const lines: string[] = [];
    const log = (m: string) => void lines.push(m);
    const ucs = await clientFor(
      (req, res) => json(res, 200, { Action: "DescribeDiskResponse", RetCode: 100, Message: `bad: ${req.body} ${PRIVATE}` }),
      { logger: { debug: log, info: log, warn: log, error: log } },
    );
    const error = await ucs.describeDisk().catch((e: unknown) => e);
    expect(server!.requests[0]!.body).not.toContain(PRIVATE);
    const signature = body(0).Signature as string;
    const printable = [String(error), JSON.stringify(error), inspect(error, { depth: 8 }), ...lines].join("\n");
    expect(printable).toContain("100");
    expect(printable).not.toContain(PRIVATE);
    expect(printable).not.toContain(signature);
  });
});

describe("offset pagination against a service that ignores Offset", () => {
  it("stops with an error instead of yielding the same page forever", async () => {
    const ucs = await clientFor((_req, res) =>
      json(res, 200, {
        Action: "DescribeDiskResponse",
        RetCode: 0,
        Message: "",
        TotalCount: 50,
        Infos: [{ DiskID: "d-1" }, { DiskID: "d-2" }],
      }),
    );
    const seen: unknown[] = [];
    const run = async () => {
      for await (const disk of ucs.paginate("DescribeDisk", { Limit: 2 })) seen.push(disk);
    };
    await expect(run()).rejects.toThrow(/2 of the 2 items of the page at offset 2 were on the page before/);
    expect(seen).toHaveLength(2);
    expect(server!.requests).toHaveLength(2);
  });
});

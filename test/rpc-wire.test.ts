/**
 * The RPC wire pieces: flat-indexed query serialization (1-based for Alibaba,
 * 0-based for UCloudStack), RFC 3986 encoding, action placement by the spec's wire
 * styles, and the mock side's un-flattening.
 */
import { describe, expect, it } from "vitest";
import { flatQuerySerializer, flattenParam, placeActionFor } from "../src/core/operations/rpc.ts";
import { info as ecsInfo, rpcProtocol as ecsRpc } from "../generated/alibaba/ecs.operations.ts";
import { info as ucsInfo, rpcProtocol as ucsRpc } from "../generated/ucloudstack/ucloudstack.operations.ts";
import { unflatten } from "../scripts/mock/rpc-router.ts";
import { parseRetryAfter, retryDelayMs, DEFAULT_RETRY_POLICY } from "../src/core/http/retry.ts";

describe("flat-indexed serialization", () => {
  it("writes arrays of objects 1-based for Alibaba", () => {
    const serialize = flatQuerySerializer({ Disk: 1 });
    expect(
      serialize({
        RegionId: "cn-hangzhou",
        Disk: [
          { DiskId: "d-1", SnapshotId: "s-1" },
          { DiskId: "d-2", SnapshotId: "s-2" },
        ],
        DryRun: false,
      }),
    ).toBe("RegionId=cn-hangzhou&Disk.1.DiskId=d-1&Disk.1.SnapshotId=s-1&Disk.2.DiskId=d-2&Disk.2.SnapshotId=s-2&DryRun=false");
  });

  it("writes arrays of scalars 0-based for UCloudStack", () => {
    expect(flattenParam("SnapshotIDs", ["a", "b"], 0)).toEqual([
      ["SnapshotIDs.0", "a"],
      ["SnapshotIDs.1", "b"],
    ]);
  });

  it("encodes per RFC 3986: space as %20, * and ' encoded, ~ kept", () => {
    expect(flatQuerySerializer()({ Description: "nightly * backup's ~copy", Tag: [{ Key: "a b", Value: "x+y" }] })).toBe(
      "Description=nightly%20%2A%20backup%27s%20~copy&Tag.1.Key=a%20b&Tag.1.Value=x%2By",
    );
  });

  it("skips undefined and null, refuses values a query cannot carry", () => {
    expect(flatQuerySerializer()({ A: undefined, B: null, C: 1 })).toBe("C=1");
    expect(() => flatQuerySerializer()({ F: () => 1 })).toThrow(expect.objectContaining({ name: "InvalidParameterError", field: "F" }));
  });
});

describe("mock side un-flattening", () => {
  it("rebuilds arrays of objects and reports gaps", () => {
    expect(unflatten({ "Disk.1.DiskId": "d-1", "Disk.1.SnapshotId": "s-1", "Disk.2.DiskId": "d-2", RegionId: "r" }, "Disk", 1)).toEqual({
      value: [{ DiskId: "d-1", SnapshotId: "s-1" }, { DiskId: "d-2" }],
      keys: ["Disk.1.DiskId", "Disk.1.SnapshotId", "Disk.2.DiskId"],
      gap: false,
    });
    expect(unflatten({ "Disk.2.DiskId": "d" }, "Disk", 1).gap).toBe(true);
    expect(unflatten({ "SnapshotIDs.0": "a", "SnapshotIDs.1": "b" }, "SnapshotIDs", 0).value).toEqual(["a", "b"]);
  });
});

describe("retry timing rules", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3", 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
  });
  it("backs off exponentially with full jitter, capped", () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 3, null, 0, () => 1)).toBe(1000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 3, null, 0, () => 0)).toBe(0);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 30, null, 0, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
  it("honours Retry-After as given up to maxRetryAfterMs, and refuses to retry early beyond it", () => {
    // 30 s is over the backoff cap (20 s) but within maxRetryAfterMs (60 s): waited in full, not cut to 20 s.
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, "30", 0, () => 0)).toBe(30_000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, "60", 0, () => 0)).toBe(60_000);
    // An hour: no retry at all (undefined), instead of retries at 20 s and 40 s.
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, "3600", 0, () => 0)).toBeUndefined();
    expect(retryDelayMs({ ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 7_200_000 }, 1, "3600", 0, () => 0)).toBe(3_600_000);
  });
});

describe("action placement from the spec's wire styles (placeActionFor)", () => {
  const wire = (url: string, body?: Record<string, unknown>) => ({ method: "POST", url, headers: {}, body });

  it("Alibaba V1: Action and Version in the query, replacing any the request already had (even percent-encoded)", () => {
    const place = placeActionFor(ecsRpc.styles.v1, ecsInfo.version);
    const placed = place(
      wire("https://ecs.test/?RegionId=cn-hangzhou&Action=DeleteDisk&%41ction=DeleteSnapshot&Version=1999"),
      "DescribeDisks",
    );
    const pairs = new URL(placed.url).search.slice(1).split("&");
    expect(pairs).toEqual(["RegionId=cn-hangzhou", "Action=DescribeDisks", `Version=${ecsInfo.version}`]);
  });

  it("Alibaba V3: action and version in headers, the query untouched", () => {
    const placed = placeActionFor(ecsRpc.styles.v3, ecsInfo.version)(wire("https://ecs.test/?RegionId=cn-hangzhou"), "DescribeDisks");
    expect(placed.headers["x-acs-action"]).toBe("DescribeDisks");
    expect(placed.headers["x-acs-version"]).toBe(ecsInfo.version);
    expect(placed.url).toBe("https://ecs.test/?RegionId=cn-hangzhou");
  });

  it("UCloudStack: the action leads the JSON body and replaces a body Action", () => {
    const placed = placeActionFor(ucsRpc.styles.json, ucsInfo.version)(
      wire("https://console.test/api", { Region: "cn", Action: "RollbackSnapshot" }),
      "DescribeSnapshot",
    );
    expect(placed.body).toEqual({ Action: "DescribeSnapshot", Region: "cn" });
    expect(Object.keys(placed.body as object)[0]).toBe("Action");
  });
});

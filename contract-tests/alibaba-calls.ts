/**
 * ECS clients (V3 and V1) pointed at the running mock, recording Prism's
 * `sl-violations`, and one valid call per action. A new action gets its row here.
 */
import { inject } from "vitest";
import { parseViolations, type Violation } from "./violations.ts";
export type { Violation } from "./violations.ts";
import { createEcsClient, type SignatureVersion } from "../src/alibaba/index.ts";

export const REGION = "cn-hangzhou";
export const DISK = "d-bp1a5e0b4j3mxm9w8d3q";
export const SNAPSHOT = "s-bp1c0doj0taqyzzlxyzz";
export const credentials = { accessKeyId: "LTAI5tContractTestKey", accessKeySecret: "contract-test-access-key-secret" };

export function ecsMockClient(signatureVersion: SignatureVersion) {
  const seen: Violation[][] = [];
  const sent: Request[] = [];
  const send = async (request: Request) => {
    sent.push(request.clone());
    const response = await fetch(request);
    seen.push(parseViolations(response.headers.get("sl-violations")));
    return response;
  };
  const ecs = createEcsClient({
    endpoint: inject("mocks")["alibaba-ecs"]!,
    regionId: REGION,
    credentials,
    signatureVersion,
    retry: false,
    fetch: send,
  });
  return { ecs, send, lastViolations: () => seen.at(-1) ?? [], lastRequest: () => sent.at(-1) };
}

/** A valid call of every action, as a user writes it (RegionId comes from the client). */
export const validCalls: Record<string, Record<string, unknown>> = {
  ResetDisks: {
    Disk: [
      { DiskId: DISK, SnapshotId: SNAPSHOT },
      { DiskId: "d-bp1a5e0b4j3mxm9w8d3r", SnapshotId: "s-bp1c0doj0taqyzzlxyz0" },
    ],
  },
  ResetDisk: { DiskId: DISK, SnapshotId: SNAPSHOT },
  CreateSnapshot: { DiskId: DISK, SnapshotName: "before-upgrade", Description: "nightly * copy", Tag: [{ Key: "team", Value: "storage" }] },
  DescribeSnapshots: { DiskId: DISK, MaxResults: 10, SnapshotIds: JSON.stringify([SNAPSHOT]) },
  DeleteSnapshot: { SnapshotId: SNAPSHOT, Force: false },
  DescribeDisks: { DiskIds: JSON.stringify([DISK]), MaxResults: 50 },
};

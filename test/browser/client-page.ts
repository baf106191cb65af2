/**
 * The browser consumer of client-in-browser.test.ts: bundled by esbuild (platform
 * browser) from the source entry points, loaded into headless Chromium, it makes signed
 * calls per provider against the recording upstream and returns what came back,
 * read through the typed results (a type error here fails `npm test`'s type check).
 * It runs in the page: no Node API.
 */
import { createEvsClient, NotFoundError } from "../../src/huawei/index.ts";
import { createEcsClient, failedDiskResets, isDryRunPassed } from "../../src/alibaba/index.ts";
import { createUCloudStackClient, snapshotStatus } from "../../src/ucloudstack/index.ts";

export interface PageCredentials {
  huawei: { accessKeyId: string; secretAccessKey: string; projectId: string };
  alibaba: { accessKeyId: string; accessKeySecret: string };
  ucloudstack: { publicKey: string; privateKey: string };
}

export async function runCalls(upstream: string, keys: PageCredentials) {
  const evs = createEvsClient({
    endpoint: upstream,
    projectId: keys.huawei.projectId,
    credentials: { accessKeyId: keys.huawei.accessKeyId, secretAccessKey: keys.huawei.secretAccessKey },
    retry: { maxAttempts: 1 },
  });
  // A POST whose JSON body is signed (SHA-256 of the body bytes via WebCrypto) ...
  const created = await evs.cinderCreateSnapshot({
    snapshot: { volume_id: "5aa119a8-d25b-45a7-8d1b-88e127885635", name: "from-the-browser", force: false },
  });
  // ... and a GET whose canonical query is signed.
  const listed = await evs.cinderListSnapshotsDetails({ volume_id: "5aa119a8-d25b-45a7-8d1b-88e127885635", limit: 5 });
  let notFound: { name: string; code: string | undefined; requestId: string | undefined; status: number } | string;
  try {
    await evs.cinderShowSnapshot({ snapshot_id: "00000000-0000-4000-8000-000000000000" });
    notFound = "no error";
  } catch (error) {
    notFound =
      error instanceof NotFoundError
        ? { name: error.name, code: error.code, requestId: error.requestId, status: error.status }
        : String(error);
  }

  const alibaba = (signatureVersion: "v3" | "v1") =>
    createEcsClient({
      regionId: "cn-hangzhou",
      endpoint: upstream,
      signatureVersion,
      credentials: keys.alibaba,
      retry: { maxAttempts: 1 },
    });
  const disks = await alibaba("v3").describeDisks({ MaxResults: 10, DiskIds: '["d-bp1browser0001"]' });
  if (isDryRunPassed(disks)) throw new Error("unexpected DryRunOperation");
  const reset = await alibaba("v1").resetDisks({
    Disk: [
      { DiskId: "d-bp1browser0001", SnapshotId: "s-bp1browser0001" },
      { DiskId: "d-bp1browser0002", SnapshotId: "s-bp1browser0002" },
    ],
  });
  if (isDryRunPassed(reset)) throw new Error("unexpected DryRunOperation");

  const ucs = createUCloudStackClient({
    endpoint: `${upstream}/api`,
    region: "cn",
    zone: "zone-01",
    credentials: keys.ucloudstack,
    retry: { maxAttempts: 1 },
  });
  const snapshots = await ucs.describeSnapshot({ DiskID: "disk-browser-1", Limit: 10 });
  const firstSnapshot = snapshots.Infos[0];

  return {
    userAgent: navigator.userAgent,
    huawei: {
      created: { id: created.snapshot.id, status: created.snapshot.status, size: created.snapshot.size },
      listed: listed.snapshots.map((s) => s.id),
      notFound,
    },
    alibaba: {
      v3: { requestId: disks.RequestId, disks: disks.Disks.Disk.map((d) => `${d.DiskId}:${d.Status}`) },
      v1: { requestId: reset.RequestId, failed: failedDiskResets(reset).map((f) => `${f.diskId}:${f.errorCode}`) },
    },
    ucloudstack: {
      total: snapshots.TotalCount,
      first: firstSnapshot ? `${firstSnapshot.SnapshotID}:${snapshotStatus(firstSnapshot).normalized}` : null,
    },
  };
}

export type PageResults = Awaited<ReturnType<typeof runCalls>>;

(globalThis as { runCalls?: typeof runCalls }).runCalls = runCalls;

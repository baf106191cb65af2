/**
 * The calls the Emulator section makes, per provider, through the package's own clients
 * (every request signed, every signature verified by the emulator):
 *   show       one documented resource of the default fixture by id (Huawei `ShowSnapshot`,
 *              Alibaba `DescribeDisks` with one id, UCloudStack `DescribeSnapshot` with one id)
 *   lanes      one create → delete pair per volume/disk of the default fixture (a lane never
 *              has more than one snapshot of its own, so no per-volume limit is reached)
 * The ids are the emulator's documented default fixture (src/emulator/<provider>/model.ts).
 */
import { ALIBABA, HUAWEI, loadEntry, type Provider, UCLOUDSTACK } from "./clients.ts";

export interface EmulatorCalls {
  /** One show/describe; resolves to the id it found (checked once by the worker). */
  show: () => Promise<string | undefined>;
  /** The fixture resource `show` finds. */
  shownId: string;
  /** Per lane: create one snapshot, answer its id; then delete it. */
  lanes: Array<{ create: () => Promise<string>; remove: (id: string) => Promise<unknown> }>;
}

/** The default fixture's ids (src/emulator/<provider>/model.ts, DEFAULT_*_FIXTURE). */
const FIXTURE = {
  huawei: {
    snapshot: "0d010816-5a55-471e-a6c2-9321b6cdbb8a",
    volumes: [
      "8d552f74-5b39-4203-9a69-ce255178ea11",
      "0c789a06-d00d-4cfc-861e-c23facc69a0a",
      "5aa119a8-d25b-45a7-8d1b-88e127885635",
      "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a",
    ],
  },
  alibaba: {
    disk: "d-bp67acfmxazb4ph3dat1",
    disks: ["d-bp67acfmxazb4ph3sys1", "d-bp67acfmxazb4ph3dat1", "d-bp67acfmxazb4ph3sys2", "d-bp67acfmxazb4ph3spr1"],
  },
  ucloudstack: {
    snapshot: "snapshot-pz6m1kfa",
    disks: ["disk-l5c7ue0a", "disk-7hp3ws2e", "disk-3m8x1c5v", "disk-9qk2vxmb"],
  },
} as const;

/** `config`: the emulator's clientConfig without credentials (emulator-host.ts); the bench's own credentials are added here. */
export async function emulatorCalls(provider: Provider, config: Record<string, unknown>, entry: string): Promise<EmulatorCalls> {
  const m = await loadEntry(entry, provider);
  if (provider === "huawei") {
    const evs = m.createEvsClient({ ...config, credentials: HUAWEI.credentials });
    const { snapshot, volumes } = FIXTURE.huawei;
    return {
      shownId: snapshot,
      show: async () => (await evs.showSnapshot({ snapshot_id: snapshot })).snapshot?.id,
      lanes: volumes.map((volumeId) => ({
        create: async () => (await evs.createSnapshot({ snapshot: { volume_id: volumeId, force: true } })).snapshot.id,
        remove: (id) => evs.deleteSnapshot({ snapshot_id: id }),
      })),
    };
  }
  if (provider === "alibaba") {
    const ecs = m.createEcsClient({ ...config, credentials: ALIBABA.credentials });
    const { disk, disks } = FIXTURE.alibaba;
    const ids = JSON.stringify([disk]);
    return {
      shownId: disk,
      show: async () => (await ecs.describeDisks({ DiskIds: ids })).Disks?.Disk?.[0]?.DiskId,
      lanes: disks.map((diskId) => ({
        create: async () => (await ecs.createSnapshot({ DiskId: diskId })).SnapshotId,
        remove: (id) => ecs.deleteSnapshot({ SnapshotId: id }),
      })),
    };
  }
  const ucs = m.createUCloudStackClient({ ...config, credentials: UCLOUDSTACK.credentials });
  const { snapshot, disks } = FIXTURE.ucloudstack;
  return {
    shownId: snapshot,
    show: async () => (await ucs.describeSnapshot({ SnapshotIDs: [snapshot] })).Infos?.[0]?.SnapshotID,
    lanes: disks.map((diskId) => ({
      create: async () => (await ucs.createSnapshot({ DiskID: diskId, Name: "bench" })).SnapshotID,
      remove: (id) => ucs.deleteSnapshot({ SnapshotID: id }),
    })),
  };
}

/** One request exactly as our client put it on the wire (for the load generator, workers/emulator-load.ts). */
export interface WireRequest {
  method: string;
  url: string;
  /** The headers the client set (names in lower case); `host` is the URL's. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The `show` call's answer checked as the load generator checks it: parsed JSON, the expected id in its documented field. */
export const SHOWN: Record<Provider, { id: string; found: (body: any) => unknown }> = {
  huawei: { id: FIXTURE.huawei.snapshot, found: (body) => body?.snapshot?.id },
  alibaba: { id: FIXTURE.alibaba.disk, found: (body) => body?.Disks?.Disk?.[0]?.DiskId },
  ucloudstack: { id: FIXTURE.ucloudstack.snapshot, found: (body) => (body?.RetCode === 0 ? body.Infos?.[0]?.SnapshotID : undefined) },
};

/**
 * Makes the `show` call once through our client with a fetch that records the signed request
 * (method, URL, headers, body bytes) before sending it on, and checks the answer: the load
 * generator then sends these very bytes (re-signed per request where the provider needs it).
 */
export async function captureShow(provider: Provider, config: Record<string, unknown>, entry: string): Promise<WireRequest> {
  let captured: WireRequest | undefined;
  const fetch = async (request: Request): Promise<Response> => {
    const body = Buffer.from(await request.clone().arrayBuffer());
    captured ??= { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body };
    return globalThis.fetch(request);
  };
  const calls = await emulatorCalls(provider, { ...config, fetch, retry: false }, entry);
  const found = await calls.show();
  if (found !== calls.shownId || !captured) throw new Error(`${provider}: show returned ${found}, expected ${calls.shownId}`);
  return captured;
}

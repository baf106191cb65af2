/**
 * Status spellings differ across UCloudStack releases (snapshots: `Createing` in the 1.x
 * guide and Python SDK, `Creating`, `RollBacking`/`Rollbacking`, `Failure`, `Released`...;
 * disks: `Unbound`/`Detached`, `Bound`/`Attached`...; VMs: `Poweroffing`, `WaitReinstall`...).
 * The spec groups each vocabulary (`x-status-groups` on `SnapshotStatus`, `DiskStatus` and
 * `VMState`, read into the generated `statusGroups`); these map a raw value onto it, ignoring
 * case and anything but letters, and keep the raw value alongside.
 */
import { statusGroups } from "../../generated/ucloudstack/ucloudstack.operations.ts";

type Groups = typeof statusGroups;
/** A word of the spec's snapshot vocabulary, or `unknown` for a spelling it does not list. */
export type NormalizedSnapshotStatus = keyof Groups["SnapshotStatus"] | "unknown";
/** A word of the spec's disk vocabulary (`available` = unbound/detached), or `unknown`. */
export type NormalizedDiskStatus = keyof Groups["DiskStatus"] | "unknown";
/** A word of the spec's VM vocabulary (`stopped`, `running`, ...), or `unknown`. */
export type NormalizedVMState = keyof Groups["VMState"] | "unknown";

const key = (spelling: string) => spelling.toLowerCase().replace(/[^a-z]/g, "");

function normalizer<W extends string>(groups: Record<string, string>): (raw: string | null | undefined) => W | "unknown" {
  const byKey = new Map(
    Object.entries(groups).flatMap(([word, spellings]) => spellings.split(" ").map((spelling) => [key(spelling), word as W] as const)),
  );
  return (raw) => (raw && byKey.get(key(raw))) || "unknown";
}

export const normalizeSnapshotStatus = normalizer<Exclude<NormalizedSnapshotStatus, "unknown">>(statusGroups.SnapshotStatus);
export const normalizeDiskStatus = normalizer<Exclude<NormalizedDiskStatus, "unknown">>(statusGroups.DiskStatus);
export const normalizeVMState = normalizer<Exclude<NormalizedVMState, "unknown">>(statusGroups.VMState);

/** `{ raw: "Createing", normalized: "creating" }` for a snapshot record. */
export function snapshotStatus(info: { SnapshotStatus?: string | null }): {
  raw: string | undefined;
  normalized: NormalizedSnapshotStatus;
} {
  return { raw: info.SnapshotStatus ?? undefined, normalized: normalizeSnapshotStatus(info.SnapshotStatus) };
}

/** `{ raw: "Detached", normalized: "available" }` for a disk record. */
export function diskStatus(info: { DiskStatus?: string | null }): { raw: string | undefined; normalized: NormalizedDiskStatus } {
  return { raw: info.DiskStatus ?? undefined, normalized: normalizeDiskStatus(info.DiskStatus) };
}

/** `{ raw: "Poweroffing", normalized: "stopping" }` for a VM record. */
export function vmState(info: { State?: string | null }): { raw: string | undefined; normalized: NormalizedVMState } {
  return { raw: info.State ?? undefined, normalized: normalizeVMState(info.State) };
}

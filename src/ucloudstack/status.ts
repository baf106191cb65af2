/**
 * Snapshot status spellings differ across UCloudStack releases (`Createing` in the 1.x
 * guide and Python SDK, `Creating`, `RollBacking`/`Rollbacking`, `Failure`, `Released`...).
 * The spec groups them into one vocabulary (`x-status-groups` on `SnapshotStatus`, read into
 * the generated `statusGroups`); this maps a raw value onto it, ignoring case and anything
 * but letters, and keeps the raw value alongside.
 */
import { statusGroups } from "../../generated/ucloudstack/ucloudstack.operations.ts";

/** A word of the spec's vocabulary, or `unknown` for a spelling it does not list. */
export type NormalizedSnapshotStatus = keyof typeof statusGroups.SnapshotStatus | "unknown";

const key = (spelling: string) => spelling.toLowerCase().replace(/[^a-z]/g, "");

const BY_KEY = new Map(
  Object.entries(statusGroups.SnapshotStatus).flatMap(([word, spellings]) =>
    spellings.split(" ").map((spelling) => [key(spelling), word as NormalizedSnapshotStatus] as const),
  ),
);

export function normalizeSnapshotStatus(raw: string | null | undefined): NormalizedSnapshotStatus {
  return (raw && BY_KEY.get(key(raw))) || "unknown";
}

/** `{ raw: "Createing", normalized: "creating" }` for a snapshot record. */
export function snapshotStatus(info: { SnapshotStatus?: string | null }): {
  raw: string | undefined;
  normalized: NormalizedSnapshotStatus;
} {
  return { raw: info.SnapshotStatus ?? undefined, normalized: normalizeSnapshotStatus(info.SnapshotStatus) };
}

/**
 * Snapshot status spellings differ across UCloudStack releases (`Createing` in the
 * 1.x guide and Python SDK, `Creating`, `RollBacking`/`Rollbacking`, `Failure`,
 * `Released`...; see openapi/ERRATA.md). The raw value is kept; this maps it onto
 * one vocabulary a program can switch on.
 */
export type NormalizedSnapshotStatus = "creating" | "available" | "rolling-back" | "deleting" | "deleted" | "failed" | "unknown";

const BY_KEY: Readonly<Record<string, NormalizedSnapshotStatus>> = {
  createing: "creating",
  creating: "creating",
  normal: "available",
  available: "available",
  rollbacking: "rolling-back",
  rollingback: "rolling-back",
  deleting: "deleting",
  deleted: "deleted",
  released: "deleted",
  failure: "failed",
  failed: "failed",
  error: "failed",
};

export function normalizeSnapshotStatus(raw: string | null | undefined): NormalizedSnapshotStatus {
  if (!raw) return "unknown";
  return BY_KEY[raw.toLowerCase().replace(/[^a-z]/g, "")] ?? "unknown";
}

/** `{ raw: "Createing", normalized: "creating" }` for a snapshot record. */
export function snapshotStatus(info: { SnapshotStatus?: string | null }): {
  raw: string | undefined;
  normalized: NormalizedSnapshotStatus;
} {
  return { raw: info.SnapshotStatus ?? undefined, normalized: normalizeSnapshotStatus(info.SnapshotStatus) };
}

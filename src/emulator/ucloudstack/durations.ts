/**
 * How long each transition realistically takes, in ms (scaled by the timing profile; a manual
 * clock takes them as they are). UCloudStack documents no durations: typical figures for small
 * disks, chosen so that a realistic run shows every intermediate state for a few seconds.
 */
export const UCS_DURATIONS = {
  createDisk: 5_000,
  deleteDisk: 3_000,
  attach: 3_000,
  detach: 3_000,
  upgradeDisk: 8_000,
  createSnapshot: 10_000,
  deleteSnapshot: 3_000,
  rollback: 15_000,
  stopVm: 8_000,
  startVm: 10_000,
} as const;

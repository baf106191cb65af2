/**
 * How long each transition realistically takes, in ms (scaled by the timing profile; a manual
 * clock takes them as they are). Not documented by Huawei: typical figures for small volumes,
 * chosen so that a realistic run shows every intermediate state for a few seconds.
 */
export const HUAWEI_DURATIONS = {
  createVolume: 8_000,
  deleteVolume: 4_000,
  extendVolume: 10_000,
  createSnapshot: 15_000,
  deleteSnapshot: 4_000,
  rollback: 20_000,
  stopServer: 6_000,
  startServer: 8_000,
  attach: 3_000,
  detach: 3_000,
} as const;

/**
 * The providers' paging, served from a list in a stable order:
 *  - marker paging (Huawei, Cinder): `marker` is the id of the last item of the previous
 *    page; a next-page link is given while more items follow; an unknown marker is refused;
 *  - offset paging (Huawei native snapshots, UCloudStack): `offset`/`limit` and the total;
 *  - page-number paging (Alibaba `PageNumber`/`PageSize`) and token paging (`NextToken`,
 *    an opaque token the emulator hands out and checks).
 */
export interface MarkerPage<T> {
  items: T[];
  /** The marker of the next page, when more items follow. */
  nextMarker?: string;
}

export function markerPage<T extends { id: string }>(
  all: readonly T[],
  marker: string | undefined,
  limit: number,
): MarkerPage<T> | "unknown-marker" {
  let start = 0;
  if (marker !== undefined && marker !== "") {
    const index = all.findIndex((item) => item.id === marker);
    if (index < 0) return "unknown-marker";
    start = index + 1;
  }
  const items = all.slice(start, start + limit);
  const page: MarkerPage<T> = { items };
  if (start + limit < all.length && items.length > 0) page.nextMarker = items.at(-1)!.id;
  return page;
}

export function offsetPage<T>(all: readonly T[], offset: number, limit: number): { items: T[]; total: number } {
  return { items: all.slice(offset, offset + limit), total: all.length };
}

/** A whole number read from a query value (already coerced by the schema check), or the default. */
export function countParam(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) ? value : fallback;
}

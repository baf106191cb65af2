/**
 * One generic pagination loop, driven by the `x-pagination` data of the spec:
 * read the items, find the next link, take the cursor out of it, call again.
 * Bounded (maxPages, and a cursor that repeats is an error, not an endless loop)
 * and cancellable (signal, or `break` out of the `for await`).
 */
import { CloudDiskError, type Provider } from "./errors.ts";
import type { OffsetPaginationSpec, OperationSpec } from "./operation-table.ts";
import type { ApiResult, CallOptions } from "./operation-types.ts";

export interface PaginateOptions extends CallOptions {
  /** Stop after this many pages. @default 1000 */
  maxPages?: number;
}

type Invoke = (params: Record<string, unknown>, options: CallOptions) => Promise<ApiResult<unknown>>;

export async function* paginate(operation: string, spec: OperationSpec | undefined, params: Record<string, unknown>, options: PaginateOptions, invoke: Invoke, provider: Provider): AsyncGenerator<unknown, void, undefined> {
  const pagination = spec?.pagination;
  if (!pagination) throw new CloudDiskError(`${operation} is not a paginated operation`, { provider, operation });
  const { maxPages = 1000, ...callOptions } = options;
  if (pagination.style === "offset") {
    yield* offsetPages(operation, provider, pagination, params, maxPages, callOptions, invoke);
    return;
  }
  // A service that hands out a cursor it gave before would loop forever. Brent's cycle
  // check finds any such loop with O(1) memory (a Set of every cursor seen grew by one
  // string per page: about 180 bytes a page for Cinder markers): compare each cursor
  // with the current one and with one remembered cursor, re-remembered after 1, 2, 4,
  // 8... pages. A page that announces its own cursor again (the usual fault: the marker
  // is ignored) stops the loop before the repeated page is fetched, as before; a longer
  // loop of n cursors after at most a few rounds of it (whose pages are then yielded
  // again before the error).
  let remembered: string | undefined;
  let sinceRemembered = 0;
  let rememberEvery = 1;
  let cursor = params[pagination.cursor] as string | undefined;

  for (let page = 1; page <= maxPages; page++) {
    callOptions.signal?.throwIfAborted();
    const pageParams = cursor === undefined ? params : { ...params, [pagination.cursor]: cursor };
    const { data } = await invoke(pageParams, callOptions);
    const body = (data ?? {}) as Record<string, unknown>;
    const items = readPath(body, pagination.items);
    if (Array.isArray(items)) yield* items;

    const announcement = body[pagination.next];
    const next = pagination.style === "token" ? (typeof announcement === "string" && announcement !== "" ? announcement : undefined) : nextCursor(announcement, pagination.cursor);
    if (next === undefined || (Array.isArray(items) && items.length === 0)) return;
    if (next === cursor || next === remembered) throw new CloudDiskError(`${operation}: the service returned the same next-page cursor twice; stopping`, { provider, operation });
    if (++sinceRemembered === rememberEvery) {
      remembered = next;
      sinceRemembered = 0;
      rememberEvery *= 2;
    }
    cursor = next;
  }
}

/** Offset paging: advance by the items received until the total is reached or a page comes back empty. */
async function* offsetPages(operation: string, provider: Provider, pagination: OffsetPaginationSpec, params: Record<string, unknown>, maxPages: number, callOptions: CallOptions, invoke: Invoke): AsyncGenerator<unknown, void, undefined> {
  let offset = Number(params[pagination.offset] ?? 0);
  let previous: string | undefined;
  for (let page = 1; page <= maxPages; page++) {
    callOptions.signal?.throwIfAborted();
    const { data } = await invoke({ ...params, [pagination.offset]: offset }, callOptions);
    const body = (data ?? {}) as Record<string, unknown>;
    const items = readPath(body, pagination.items);
    if (!Array.isArray(items) || items.length === 0) return;
    // A service that ignores the offset would hand out the same page forever.
    const fingerprint = JSON.stringify(items);
    if (fingerprint === previous) throw new CloudDiskError(`${operation}: the service returned the same page for offsets ${offset - items.length} and ${offset}; stopping`, { provider, operation });
    previous = fingerprint;
    yield* items;
    offset += items.length;
    const total = Number(body[pagination.total]);
    if (Number.isFinite(total) && offset >= total) return;
  }
}

/** `Snapshots.Snapshot` -> body.Snapshots.Snapshot */
function readPath(body: Record<string, unknown>, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * The cursor in a next-page announcement: Cinder's `[{href, rel: "next"}]`, or
 * IMS's plain href string (`/v2/images?marker=...`).
 */
export function nextCursor(announcement: unknown, cursorParam: string): string | undefined {
  let href: unknown = announcement;
  if (Array.isArray(announcement)) {
    href = announcement.find((link) => link && typeof link === "object" && (link as { rel?: unknown }).rel === "next")?.href;
  }
  if (typeof href !== "string" || href === "") return undefined;
  const value = new URL(href, "http://placeholder.invalid").searchParams.get(cursorParam);
  return value ?? undefined;
}

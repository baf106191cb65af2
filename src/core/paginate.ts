/**
 * One generic pagination loop, driven by the `x-pagination` data of the spec:
 * read the items, find the next page, call again. It either walks the whole list or
 * ends with a `PaginationError`: never early without saying so, and never yielding
 * an item twice that it could have known was a repeat. Cancellable (signal, or
 * `break` out of the `for await`).
 */
import { CloudDiskError, InvalidParameterError, PaginationError, type PaginationFailure, type Provider } from "./errors.ts";
import { FingerprintSet } from "./fingerprint-set.ts";
import type { CursorPaginationSpec, OffsetPaginationSpec, OperationSpec } from "./operation-table.ts";
import type { ApiResult, CallOptions } from "./operation-types.ts";

export interface PaginateOptions extends CallOptions {
  /**
   * Read at most this many pages. If the service still announces more after them,
   * the walk ends with a `PaginationError` (`reason: "page-limit"`, `next`: where to go
   * on), never as if the list were complete. A positive integer, or `Infinity`.
   * @default 1000
   */
  maxPages?: number;
}

type Invoke = (params: Record<string, unknown>, options: CallOptions) => Promise<ApiResult<unknown>>;

/** What every walk shares: where it is, for the error that ends it. */
interface Walk {
  operation: string;
  provider: Provider;
  maxPages: number;
  callOptions: CallOptions;
  invoke: Invoke;
  /** Pages read and items yielded so far. */
  pages: number;
  items: number;
}

export function paginate(operation: string, spec: OperationSpec | undefined, params: Record<string, unknown>, options: PaginateOptions, invoke: Invoke, provider: Provider): AsyncGenerator<unknown, void, undefined> {
  // The walks are returned, not delegated to with `yield*`: every extra async generator
  // layer costs each item another round of promises. Errors found here still surface at
  // the first `next()`, as the walk's own would, and before any request.
  const pagination = spec?.pagination;
  if (!pagination) return failing(new CloudDiskError(`${operation} is not a paginated operation`, { provider, operation }));
  const { maxPages = 1000, ...callOptions } = options;
  // A NaN or 0 here used to read no page, or one, and end as if the list were complete.
  if (typeof maxPages !== "number" || !(maxPages === Infinity || (Number.isInteger(maxPages) && maxPages >= 1))) {
    return failing(new InvalidParameterError("maxPages", "must be a positive integer or Infinity", { provider, operation }));
  }
  const walk: Walk = { operation, provider, maxPages, callOptions, invoke, pages: 0, items: 0 };
  return pagination.style === "offset" ? offsetPages(walk, pagination, params) : cursorPages(walk, pagination, params);
}

/** A walk that fails before its first page: the error arrives at the first `next()`. */
async function* failing(error: Error): AsyncGenerator<unknown, void, undefined> {
  throw error;
}

// Prefixes keep cursors and items apart in the one fingerprint set of a cursor walk.
const CURSOR = "c\u0000";
const FIRST_ITEM = "i\u0000";

/**
 * Cursor paging (Cinder `*_links`, IMS `next`, Alibaba `NextToken`). Every cursor of
 * the walk is remembered (as a 64-bit fingerprint: see fingerprint-set.ts for the
 * memory and the odds), so a cursor handed out again is refused before its page is
 * fetched: a loop of any length is stopped before anything repeats. Brent's cycle
 * check, used before, kept O(1) memory but sees a loop only after going round it:
 * measured, it yielded 30 pages twice for a loop of 17 cursors, 126 for a loop of
 * 100, and 26 for a loop of 2 entered after 100 distinct pages. The fingerprints cost
 * 16 to 32 bytes an entry, two entries a page: 32 KB for a 1,000-page walk.
 *
 * A page with no items but a fresh cursor is followed, not taken as the end: such a
 * page can be the honest answer of a service that filters after paging, and stopping
 * there would drop the rest of the list silently. An endless run of them meets the
 * cursor check or `maxPages`, both of which are errors.
 *
 * A cursor that leads back to an earlier page under a new name (the first page has no
 * cursor at all) is caught by the pages' first items: every page's first item is
 * remembered too, and a page that begins with one seen before is not yielded.
 */
async function* cursorPages(walk: Walk, pagination: CursorPaginationSpec, params: Record<string, unknown>): AsyncGenerator<unknown, void, undefined> {
  const seen = new FingerprintSet();
  const start = params[pagination.cursor];
  let cursor = start === undefined || start === null || start === "" ? undefined : String(start);
  if (cursor !== undefined) seen.add(CURSOR + cursor);

  for (;;) {
    if (walk.pages === walk.maxPages) throw failure(walk, "page-limit", `read maxPages (${walk.maxPages}) pages and the service announces more`, cursor);
    walk.callOptions.signal?.throwIfAborted();
    const pageParams = cursor === undefined ? params : { ...params, [pagination.cursor]: cursor };
    const { data } = await walk.invoke(pageParams, walk.callOptions);
    const page = walk.pages + 1;
    const items = pageItems(walk, data, pagination.items, page);
    const next = announcedCursor(walk, data, pagination, page);
    if (items.length > 0 && !seen.add(FIRST_ITEM + JSON.stringify(items[0]))) {
      throw failure(walk, "repeated-page", `page ${page} begins with an earlier page's first item; not yielding it`);
    }
    walk.pages = page;
    yield* items;
    walk.items += items.length;
    if (next === undefined) return;
    if (!seen.add(CURSOR + next)) throw failure(walk, "cursor-cycle", `page ${page} announces a next-page cursor handed out before`);
    cursor = next;
  }
}

/**
 * Offset paging (UCloudStack `Offset`/`Limit`/`TotalCount`): advance by the items
 * received until the total is reached. Offsets shift when items are added or removed
 * during the walk, which would skip or repeat items without a trace; the total count
 * is how that shows, so it must stay what the first page said. A page is checked
 * before any of its items is yielded, so what was yielded is a prefix of the list.
 */
async function* offsetPages(walk: Walk, pagination: OffsetPaginationSpec, params: Record<string, unknown>): AsyncGenerator<unknown, void, undefined> {
  const start = params[pagination.offset] ?? 0;
  if (typeof start !== "number" || !Number.isSafeInteger(start) || start < 0) throw new InvalidParameterError(pagination.offset, "must be a non-negative integer", { provider: walk.provider, operation: walk.operation });
  let offset = start;
  let firstTotal: number | undefined;
  /** The items of the page before (as JSON), to see a repeat. */
  let previous: Set<string> | undefined;

  for (;;) {
    if (walk.pages === walk.maxPages) throw failure(walk, "page-limit", `read maxPages (${walk.maxPages}) pages and the service announces more (next offset ${offset}, '${pagination.total}' ${firstTotal})`, offset);
    walk.callOptions.signal?.throwIfAborted();
    const { data } = await walk.invoke({ ...params, [pagination.offset]: offset }, walk.callOptions);
    const page = walk.pages + 1;
    const items = pageItems(walk, data, pagination.items, page);
    const total = (data as Record<string, unknown>)[pagination.total];
    if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) throw failure(walk, "malformed-page", `page ${page} has no '${pagination.total}' count (the spec promises one)`);
    firstTotal ??= total;
    if (total !== firstTotal) {
      throw failure(walk, "total-changed", `'${pagination.total}' went from ${firstTotal} to ${total} while paging by offset (items were ${total < firstTotal ? "removed" : "added"}), so items past offset ${offset} could be missing or repeated; the page at offset ${offset} was not yielded`);
    }
    if (items.length === 0) {
      if (offset < total) throw failure(walk, "short-of-total", `the page at offset ${offset} came back empty though '${pagination.total}' is ${total}`);
      return;
    }
    // Each item's JSON goes into a Set kept for one page (a page's worth of strings, never
    // more; the runtime hashes them natively). When the list shifts forward under the walk,
    // or the offset is ignored, the items seen again are the head of the new page, so its
    // first item is enough to tell.
    const texts = new Set<string>();
    for (const item of items) texts.add(JSON.stringify(item));
    if (previous?.has(JSON.stringify(items[0]))) {
      const again = items.filter((item) => previous!.has(JSON.stringify(item))).length;
      // The usual fault: a service that ignores the offset hands out the same page forever.
      if (again === items.length && previous.size === texts.size) throw failure(walk, "repeated-page", `the service returned the same page for offsets ${offset - items.length} and ${offset}; not yielding it again`);
      throw failure(walk, "repeated-page", `${again} of the ${items.length} items of the page at offset ${offset} were on the page before; not yielding it`);
    }
    const twice = items.length - texts.size;
    if (twice > 0) throw failure(walk, "repeated-page", `the page at offset ${offset} holds ${twice} item${twice === 1 ? "" : "s"} twice; not yielding it`);
    walk.pages = page;
    yield* items;
    walk.items += items.length;
    offset += items.length;
    if (offset >= total) return;
    previous = texts;
  }
}

function failure(walk: Walk, reason: PaginationFailure, what: string, next?: string | number): PaginationError {
  const where = `after ${walk.pages} page${walk.pages === 1 ? "" : "s"} and ${walk.items} item${walk.items === 1 ? "" : "s"} yielded`;
  return new PaginationError(`${walk.operation}: ${what}; stopped ${where}`, reason, walk.pages, walk.items, { provider: walk.provider, operation: walk.operation, next });
}

/** The page's items; a page without them is an error, not the end (the spec promises the list). */
function pageItems(walk: Walk, data: unknown, path: string, page: number): unknown[] {
  const items = readPath(data, path);
  if (!Array.isArray(items)) throw failure(walk, "malformed-page", `page ${page} has no '${path}' list (the spec promises one)`);
  return items;
}

/** The next page's cursor, or undefined when the page announces none. */
function announcedCursor(walk: Walk, data: unknown, pagination: CursorPaginationSpec, page: number): string | undefined {
  const announcement = (data as Record<string, unknown>)[pagination.next];
  if (announcement === undefined || announcement === null || announcement === "") return undefined;
  if (pagination.style === "token") {
    if (typeof announcement !== "string") throw failure(walk, "malformed-page", `page ${page} has a '${pagination.next}' that is not a string`);
    return announcement;
  }
  const href = nextHref(announcement);
  if (href === undefined) return undefined;
  const cursor = cursorIn(href, pagination.cursor);
  // A next page announced without a way to ask for it: ending here would drop the rest silently.
  if (cursor === undefined) throw failure(walk, "malformed-page", `page ${page} announces a next page whose link has no '${pagination.cursor}' parameter`);
  return cursor;
}

/** `Snapshots.Snapshot` -> body.Snapshots.Snapshot */
function readPath(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The next-page link: Cinder's `[{href, rel: "next"}]`, or IMS's plain href string (`/v2/images?marker=...`). */
function nextHref(announcement: unknown): string | undefined {
  let href: unknown = announcement;
  if (Array.isArray(announcement)) {
    href = announcement.find((link) => link && typeof link === "object" && (link as { rel?: unknown }).rel === "next")?.href;
  }
  return typeof href === "string" && href !== "" ? href : undefined;
}

function cursorIn(href: string, cursorParam: string): string | undefined {
  let value: string | null;
  try {
    value = new URL(href, "http://placeholder.invalid").searchParams.get(cursorParam);
  } catch {
    return undefined; // not a URL: the caller decides whether that is an error
  }
  return value === null || value === "" ? undefined : value;
}

/** The cursor in a next-page announcement (either link shape), or undefined. */
export function nextCursor(announcement: unknown, cursorParam: string): string | undefined {
  const href = nextHref(announcement);
  return href === undefined ? undefined : cursorIn(href, cursorParam);
}

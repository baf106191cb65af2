/**
 * One generic pagination loop, driven by the `x-pagination` data of the spec:
 * read the items, find the next page, call again. It either walks the whole list or
 * ends with a `PaginationError`: never early without saying so, and never yielding
 * an item twice that it could have known was a repeat. Cancellable (signal, or
 * `break` out of the `for await`).
 *
 * The four styles share one loop (a page limit, a request, the items, the checks
 * before anything is yielded): they differ only in the parameter that says where a
 * page starts (a cursor, an offset or a page number) and in how the next one is found
 * and checked.
 */
import { CloudDiskError, InvalidParameterError, PaginationError, type PaginationFailure, type Provider } from "../common/errors.ts";
import { FingerprintSet } from "./fingerprint-set.ts";
import type { CursorPaginationSpec, OperationSpec } from "./operation-table.ts";
import type { ApiResult, CallOptions } from "./operation-types.ts";

export interface PaginateOptions extends CallOptions {
  /**
   * Read at most this many pages. If the service still announces more after them,
   * the walk ends with a `PaginationError` (`reason: "page-limit"`, `next`: where to go
   * on), never as if the list were complete. A positive integer, or `Infinity`.
   * @default 1000
   */
  maxPages?: number;
  /**
   * Start where an earlier walk said to go on: a page's `next` (the page after it), or a
   * `PaginationError`'s `next`. A cursor for link and token paging, an offset for offset
   * paging, a page number (1-based) for page-number paging. The same as passing that value as the operation's own cursor or offset
   * parameter, without having to know its name; passing both is refused.
   */
  from?: string | number;
}

/** One page of a list, as `pages()` yields it. */
export interface Page<Item = unknown, Data = unknown> {
  /** The page's items (`x-pagination.items` of the body). */
  items: Item[];
  /** The page's whole body. */
  data: Data;
  /** The provider's id for the request that fetched the page. */
  requestId: string | undefined;
  /** The number of items in the whole list, where the provider says (offset and page-number paging: `TotalCount`). */
  total: number | undefined;
  /**
   * Where the next page starts (a cursor, an offset or a page number); `undefined` on the last page.
   * Pass it as `from` to a later `pages`/`paginate` call to go on after this page.
   */
  next: string | number | undefined;
}

type Invoke = (params: Record<string, unknown>, options: CallOptions) => Promise<ApiResult<unknown>>;

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
 *
 * Offset paging (UCloudStack `Offset`/`Limit`/`TotalCount`): advance by the items
 * received until the total is reached. Offsets shift when items are added or removed
 * during the walk, which would skip or repeat items without a trace; the total count
 * is how that shows, so it must stay what the first page said. A page is checked
 * before it is yielded, so what was yielded is a prefix of the list.
 *
 * Page-number paging (Alibaba `PageNumber`/`PageSize`/`TotalCount`) is offset paging
 * whose offset is `(PageNumber - 1) × PageSize`, with the same checks, and one more: a
 * page holding fewer items than the page size before the total is reached would make
 * the next page number skip items, so it is a `short-of-total` error, not followed. The
 * page size is the one the service echoes (the response's property of the size
 * parameter's name), else the one asked for, and must stay the same through the walk.
 *
 * The checks hold within one walk: a walk resumed with `from` starts them afresh (its
 * first page's total is the one later pages must keep; cursors of the earlier walk are
 * not remembered).
 *
 * This is the one loop: `paginate` yields the items of these pages. Bad input is still
 * refused before any request, at the first `next()`.
 */
export async function* pages(
  operation: string,
  spec: OperationSpec | undefined,
  params: Record<string, unknown>,
  options: PaginateOptions,
  invoke: Invoke,
  provider: Provider,
): AsyncGenerator<Page, void, undefined> {
  const context = { provider, operation };
  const pagination = spec?.pagination;
  if (!pagination) throw new CloudDiskError(`${operation} is not a paginated operation`, context);
  const { maxPages = 1000, from, ...callOptions } = options;
  // A NaN or 0 here used to read no page, or one, and end as if the list were complete.
  // (Number.isInteger is false for anything that is not a number.)
  if (!(maxPages === Infinity || (Number.isInteger(maxPages) && maxPages >= 1)))
    throw new InvalidParameterError("maxPages", "must be a whole number ≥ 1 (or Infinity)", context);

  let read = 0;
  let yielded = 0;
  const fail = (reason: PaginationFailure, what: string, next?: string | number) =>
    new PaginationError(`${operation}: ${what} (pages read: ${read}, items yielded: ${yielded})`, reason, read, yielded, {
      ...context,
      next,
    });

  const { style } = pagination;
  const byPage = style === "page";
  /** Offset and page-number walks count items up to the total; link and token walks follow a cursor. */
  const byOffset = byPage || style === "offset";
  const param = byPage ? pagination.page : style === "offset" ? pagination.offset : pagination.cursor;
  if (from !== undefined && params[param] !== undefined)
    throw new InvalidParameterError("from", `give either from or '${param}', not both`, context);
  const start = from ?? params[param];
  /** Where the next page starts: the cursor (undefined: the first page, asked without one), or the offset. */
  let at: string | number | undefined;
  if (byOffset) {
    at = (start ?? +byPage) as number;
    if (!isCount(at) || at < +byPage)
      throw new InvalidParameterError(from === undefined ? param : "from", `must be a whole number ≥ ${+byPage}`, context);
  } else if (start !== undefined && start !== null && start !== "") at = String(start);
  /** Cursor walks: every cursor and every page's first item. */
  const seen = new FingerprintSet();
  /** Offset walks: the total the first page announced, and the items of the page before (as JSON), to see a repeat. */
  let firstTotal: number | undefined;
  /** Page-number walks: the page size of the first page. */
  let firstSize: number | undefined;
  let previous = new Set<string>();

  for (;;) {
    // A cursor is remembered before its page is fetched (the caller's start cursor too),
    // so a loop is refused before a page is read again.
    if (!byOffset && at !== undefined && !seen.add(CURSOR + at))
      throw fail("cursor-cycle", `page ${read}'s next-page cursor was handed out before`);
    if (read === maxPages) throw fail("page-limit", `read maxPages (${maxPages}) pages and the service announces more`, at);
    callOptions.signal?.throwIfAborted();
    const { data, requestId } = await invoke(at === undefined ? params : { ...params, [param]: at }, callOptions);
    const page = byPage ? `page ${at}` : byOffset ? `the page at offset ${at}` : `page ${read + 1}`;
    // A page without its list is an error, not the end (the spec promises the list).
    const items = readPath(data, pagination.items);
    if (!Array.isArray(items)) throw fail("malformed-page", `${page} has no '${pagination.items}' list`);
    let next: string | number | undefined | null;
    let total: number | undefined;

    if (byOffset) {
      let offset = at as number;
      if (byPage) {
        const size = ((data as Record<string, unknown>)[pagination.size] ?? params[pagination.size]) as number;
        // None, less than the items, or another than the first page's: no page number says where the next page starts.
        firstSize ??= size;
        if (!isCount(size) || !size || items.length > size || size !== firstSize)
          throw fail("malformed-page", `${page} has no usable '${pagination.size}' (${size})`);
        offset = (offset - 1) * size;
      }
      total = (data as Record<string, unknown>)[pagination.total] as number;
      if (!isCount(total)) throw fail("malformed-page", `${page} has no '${pagination.total}' count`);
      firstTotal ??= total;
      if (total !== firstTotal)
        throw fail(
          "total-changed",
          `'${pagination.total}' went from ${firstTotal} to ${total} (items added or removed), so ${page} could miss or repeat items`,
        );
      if (offset + items.length < total && (!items.length || (byPage && items.length < firstSize!)))
        throw fail("short-of-total", `${page} came back with ${items.length} items though '${pagination.total}' is ${total}`);
      // Each item's JSON goes into a Set kept for one page (a page's worth of strings, never
      // more; the runtime hashes them natively). When the list shifts forward under the
      // walk, or the offset is ignored, the items seen again were on the page before.
      const texts = new Set<string>();
      let again = 0;
      for (const item of items) {
        const text = JSON.stringify(item);
        if (previous.has(text) || texts.has(text)) again++;
        texts.add(text);
      }
      if (again) throw fail("repeated-page", `${again} of the ${items.length} items of ${page} were on the page before or on it twice`);
      previous = texts;
      next = offset + items.length < total ? (byPage ? (at as number) + 1 : offset + items.length) : undefined;
    } else {
      next = announcedCursor((data as Record<string, unknown>)[pagination.next], pagination);
      // A next page announced without a way to ask for it: ending here would drop the rest silently.
      if (next === null) throw fail("malformed-page", `${page} announces a next page without a readable '${pagination.cursor}'`);
      if (items.length && !seen.add(FIRST_ITEM + JSON.stringify(items[0])))
        throw fail("repeated-page", `${page} begins with an earlier page's first item`);
    }

    read++;
    yield { items, data, requestId, total, next };
    yielded += items.length;
    if (next === undefined) return;
    at = next;
  }
}

/**
 * Every item of every page, in order (the items of `pages`). One more generator step a
 * page, not an item: each item still costs the one `yield` it did when this was the loop.
 */
export async function* paginate(...args: Parameters<typeof pages>): AsyncGenerator<unknown, void, undefined> {
  for await (const page of pages(...args)) yield* page.items;
}

/** An offset or a total: a non-negative safe integer. */
const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/** `Snapshots.Snapshot` -> body.Snapshots.Snapshot (undefined where a step is missing). */
const readPath = (body: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], body);

/**
 * The cursor a page announces: undefined when it announces no next page, null when it
 * announces one whose cursor cannot be read. `token`: the announcement is the cursor.
 * `link`: Cinder's `[{href, rel: "next"}]` or IMS's plain href (`/v2/images?marker=...`),
 * the cursor a query parameter in it.
 */
function announcedCursor(announcement: unknown, pagination: Pick<CursorPaginationSpec, "style" | "cursor">): string | undefined | null {
  if (pagination.style === "token")
    return announcement === undefined || announcement === null || announcement === ""
      ? undefined
      : typeof announcement === "string"
        ? announcement
        : null;
  const href = Array.isArray(announcement) ? announcement.find((link) => link?.rel === "next")?.href : announcement;
  if (typeof href !== "string" || href === "") return undefined;
  try {
    return new URL(href, "http://placeholder.invalid").searchParams.get(pagination.cursor) || null;
  } catch {
    return null; // not a URL
  }
}

/** The cursor in a next-page announcement (either link shape), or undefined. */
export function nextCursor(announcement: unknown, cursorParam: string): string | undefined {
  return announcedCursor(announcement, { style: "link", cursor: cursorParam }) ?? undefined;
}

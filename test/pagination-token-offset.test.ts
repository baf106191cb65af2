/**
 * Issue 10 item 3 for the other two pagination styles, through the public factories
 * against the local fault server: Alibaba `NextToken` (token) and UCloudStack
 * `Offset`/`Limit`/`TotalCount` (offset, a JSON body POST). A walk either yields the
 * whole list, each item once, or ends with a PaginationError saying why and how far
 * it got; never early and never repeating in silence.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createEcsClient } from "../src/alibaba/index.ts";
import { InvalidParameterError, PaginationError, createUCloudStackClient } from "../src/ucloudstack/index.ts";
import { json, startFaultServer, type FaultServer, type RecordedRequest } from "./helpers/fault-server.ts";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every item's id the walk yielded, and the error it ended with (undefined: it completed). */
async function walk(pages: AsyncIterable<unknown>): Promise<{ seen: string[]; error: unknown }> {
  const seen: string[] = [];
  try {
    for await (const item of pages) {
      const { SnapshotId, SnapshotID } = item as { SnapshotId?: string; SnapshotID?: string };
      seen.push((SnapshotId ?? SnapshotID)!);
    }
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

describe("Alibaba NextToken", () => {
  async function ecsFor(pageFor: (token: string | undefined) => unknown) {
    server = await startFaultServer((req, res) =>
      json(res, 200, pageFor(new URL(req.url, "http://x").searchParams.get("NextToken") ?? undefined)),
    );
    return createEcsClient({
      endpoint: server.url,
      regionId: "cn-beijing",
      credentials: { accessKeyId: "LTAI5tPagingTestKey", accessKeySecret: "paging-test-secret" },
      retry: { maxAttempts: 1 },
    });
  }
  const page = (ids: string[], next?: unknown) => ({
    RequestId: "r",
    Snapshots: { Snapshot: ids.map((SnapshotId) => ({ SnapshotId })) },
    ...(next === undefined ? {} : { NextToken: next }),
  });

  it("follows a page with no snapshots that still has a NextToken, to the end", async () => {
    const pages: Record<string, unknown> = { "": page(["s-1"], "t1"), t1: page([], "t2"), t2: page(["s-2"], "") };
    const ecs = await ecsFor((token) => pages[token ?? ""]);
    expect(await walk(ecs.paginate("DescribeSnapshots", { MaxResults: 1 }))).toEqual({ seen: ["s-1", "s-2"], error: undefined });
    expect(server!.requests).toHaveLength(3);
  });

  it.each([2, 3, 5, 17])("stops a NextToken loop of %i before any snapshot is yielded twice", async (loop) => {
    // No token → t1; tk → t(k+1); t<loop> → t1.
    const ecs = await ecsFor((token) => {
      const k = token === undefined ? 0 : Number(token.slice(1));
      return page([`s-${k}`], `t${k < loop ? k + 1 : 1}`);
    });
    const { seen, error } = await walk(ecs.paginate("DescribeSnapshots"));
    expect(error).toMatchObject({
      name: "PaginationError",
      reason: "cursor-cycle",
      pages: loop + 1,
      items: loop + 1,
      provider: "alibaba",
      operation: "DescribeSnapshots",
    });
    expect(seen).toEqual(Array.from({ length: loop + 1 }, (_, k) => `s-${k}`));
    expect(server!.requests).toHaveLength(loop + 1);
  });

  it("ends at maxPages with a page-limit error carrying the NextToken to go on with", async () => {
    const ecs = await ecsFor((token) => {
      const k = token === undefined ? 0 : Number(token.slice(1));
      return page([`s-${k}`], `t${k + 1}`);
    });
    const { seen, error } = await walk(ecs.paginate("DescribeSnapshots", {}, { maxPages: 2 }));
    expect(seen).toEqual(["s-0", "s-1"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "page-limit", pages: 2, items: 2, next: "t2" });
    expect((error as Error).message).toMatch(/maxPages \(2\)/);
    expect(server!.requests).toHaveLength(2);
  });

  // The spec requires `Snapshots`: a page without it is refused by the response check before paging sees it.
  const malformedPage = { name: "PaginationError", reason: "malformed-page", pages: 1, items: 1 };
  it.each([
    ["no Snapshots", { RequestId: "r", NextToken: "" }, { name: "UnparseableResponseError", status: 200 }],
    ["a Snapshot that is not a list", { RequestId: "r", Snapshots: { Snapshot: { SnapshotId: "s-2" } }, NextToken: "" }, malformedPage],
    ["a NextToken that is not a string", { RequestId: "r", Snapshots: { Snapshot: [{ SnapshotId: "s-2" }] }, NextToken: 7 }, malformedPage],
  ])("a page with %s is an error, not the end", async (_label, second, expected) => {
    const ecs = await ecsFor((token) => (token === undefined ? page(["s-1"], "t1") : second));
    const { seen, error } = await walk(ecs.paginate("DescribeSnapshots"));
    expect(seen).toEqual(["s-1"]);
    expect(error).toMatchObject(expected);
  });
});

describe("UCloudStack Offset/Limit/TotalCount", () => {
  const snapshot = (id: string) => ({ SnapshotID: id, SnapshotStatus: "Normal" });
  const reply = (total: unknown, infos: unknown) => ({
    Action: "DescribeSnapshotResponse",
    RetCode: 0,
    Message: "",
    TotalCount: total,
    Infos: infos,
  });
  /** The list as the server holds it when the n-th request (1-based) arrives. */
  async function ucsFor(answer: (offset: number, limit: number, request: number) => unknown) {
    server = await startFaultServer((req: RecordedRequest, res, attempt) => {
      const { Offset, Limit = 20 } = JSON.parse(req.body) as { Offset: number; Limit?: number };
      json(res, 200, answer(Offset, Limit, attempt));
    });
    return createUCloudStackClient({
      endpoint: `${server.url}/api`,
      region: "cn",
      credentials: { publicKey: "ucs-paging-public", privateKey: "ucs-paging-private" },
      retry: { maxAttempts: 1 },
    });
  }
  const offsets = () => server!.requests.map((r) => (JSON.parse(r.body) as { Offset: number }).Offset);
  const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `snap-${from + i}`);

  it("items deleted mid-walk (TotalCount shrinks): total-changed before the shifted page is yielded", async () => {
    // Six snapshots; before the second request snap-0 is deleted, so offset 2 would skip snap-2.
    const ucs = await ucsFor((offset, limit, request) => {
      const list = request === 1 ? ids(0, 6) : ids(1, 6);
      return reply(list.length, list.slice(offset, offset + limit).map(snapshot));
    });
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ reason: "total-changed", pages: 1, items: 2, provider: "ucloudstack", operation: "DescribeSnapshot" });
    expect((error as Error).message).toMatch(/'TotalCount' went from 6 to 5 .*removed.*pages read: 1, items yielded: 2/);
    expect(server!.requests).toHaveLength(2);
  });

  it("items inserted mid-walk (TotalCount grows): total-changed before a duplicate is yielded", async () => {
    const ucs = await ucsFor((offset, limit, request) => {
      const list = request === 1 ? ids(1, 6) : ids(0, 6);
      return reply(list.length, list.slice(offset, offset + limit).map(snapshot));
    });
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-1", "snap-2"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "total-changed", items: 2 });
    expect((error as Error).message).toMatch(/from 5 to 6 .*added/);
  });

  it("one inserted and one deleted (TotalCount unchanged): the repeated item stops the walk before it is yielded", async () => {
    // Before the second request snap-new is inserted first and snap-5 deleted: offset 2 now starts at snap-1.
    const ucs = await ucsFor((offset, limit, request) => {
      const list = request === 1 ? ids(0, 6) : ["snap-new", ...ids(0, 5)];
      return reply(list.length, list.slice(offset, offset + limit).map(snapshot));
    });
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "repeated-page", pages: 1, items: 2 });
    expect((error as Error).message).toMatch(/1 of the 2 items of the page at offset 2 were on the page before/);
  });

  it("a service that ignores Offset: repeated-page, the page is not yielded twice", async () => {
    const ucs = await ucsFor(() => reply(50, ids(0, 2).map(snapshot)));
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "repeated-page", items: 2 });
    expect((error as Error).message).toMatch(/2 of the 2 items of the page at offset 2 were on the page before/);
  });

  it("a page that holds one item twice is not yielded", async () => {
    const ucs = await ucsFor((offset) => reply(4, offset === 0 ? ids(0, 2).map(snapshot) : [snapshot("snap-2"), snapshot("snap-2")]));
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "repeated-page", pages: 1, items: 2 });
    expect((error as Error).message).toMatch(/1 of the 2 items of the page at offset 2 were on the page before or on it twice/);
  });

  it("a page that repeats an item of the page before at any position (the list reordered) is not yielded", async () => {
    // Before the second request snap-new is inserted and the order changes: offset 2 now holds snap-new, then snap-1 again.
    const ucs = await ucsFor((offset, limit, request) => {
      const list = request === 1 ? ids(0, 6) : ["snap-0", "snap-2", "snap-new", "snap-1", "snap-3", "snap-4"];
      return reply(list.length, list.slice(offset, offset + limit).map(snapshot));
    });
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "repeated-page", pages: 1, items: 2 });
    expect((error as Error).message).toMatch(/1 of the 2 items of the page at offset 2 were on the page before/);
  });

  it("an empty page before TotalCount is reached: short-of-total, not the end", async () => {
    const ucs = await ucsFor((offset, limit) =>
      reply(
        5,
        offset >= 2
          ? []
          : ids(0, 5)
              .slice(offset, offset + limit)
              .map(snapshot),
      ),
    );
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "short-of-total", pages: 1, items: 2 });
    expect((error as Error).message).toMatch(/offset 2 came back with 0 items though 'TotalCount' is 5/);
  });

  it("an empty page whose TotalCount shrank says total-changed", async () => {
    const ucs = await ucsFor((_offset, _limit, request) => (request === 1 ? reply(4, ids(0, 2).map(snapshot)) : reply(2, [])));
    const { error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(error).toMatchObject({ name: "PaginationError", reason: "total-changed" });
  });

  it("short pages (a service that caps Limit) are followed to TotalCount", async () => {
    const ucs = await ucsFor((offset) =>
      reply(
        5,
        ids(0, 5)
          .slice(offset, offset + 2)
          .map(snapshot),
      ),
    );
    expect(await walk(ucs.paginate("DescribeSnapshot", { Limit: 100 }))).toEqual({ seen: ids(0, 5), error: undefined });
    expect(offsets()).toEqual([0, 2, 4]);
  });

  it.each([
    ["no Infos", { Action: "DescribeSnapshotResponse", RetCode: 0, TotalCount: 4 }],
    ["Infos that is not a list", reply(4, "none")],
    ["no TotalCount", { Action: "DescribeSnapshotResponse", RetCode: 0, Infos: [snapshot("snap-2")] }],
    ["a TotalCount that is not a count", reply("4", [snapshot("snap-2")])],
  ])("a page with %s is a malformed-page error, not the end", async (_label, second) => {
    const ucs = await ucsFor((offset) => (offset === 0 ? reply(4, ids(0, 2).map(snapshot)) : second));
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }));
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect(error).toMatchObject({ name: "PaginationError", reason: "malformed-page", pages: 1, items: 2 });
  });

  it("ends at maxPages with a page-limit error carrying the next Offset, and goes on from there", async () => {
    const ucs = await ucsFor((offset, limit) =>
      reply(
        10,
        ids(0, 10)
          .slice(offset, offset + limit)
          .map(snapshot),
      ),
    );
    const { seen, error } = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }, { maxPages: 3 }));
    expect(seen).toEqual(ids(0, 6));
    expect(error).toMatchObject({ name: "PaginationError", reason: "page-limit", pages: 3, items: 6, next: 6 });
    const rest = await walk(ucs.paginate("DescribeSnapshot", { Limit: 2 }, { maxPages: 3, from: (error as PaginationError).next! }));
    expect(rest).toEqual({ seen: ids(6, 10), error: undefined });
  });

  it.each([
    ["maxPages", {}, { maxPages: 0 }],
    ["maxPages", {}, { maxPages: Number.POSITIVE_INFINITY * 0 }],
    ["Offset", { Offset: -2 }, {}],
    ["Offset", { Offset: "abc" }, {}],
    ["from", {}, { from: -1 }],
    ["from", {}, { from: "m2" }],
    ["from", { Offset: 2 }, { from: 2 }],
  ])("refuses a bad %s before any request", async (field, params, options) => {
    const ucs = await ucsFor(() => reply(0, []));
    // Wrong on purpose: the types refuse these, so the check is for callers without them.
    const { error } = await walk(ucs.paginate("DescribeSnapshot", params as { Offset?: number }, options));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ field });
    expect(server!.requests).toHaveLength(0);
  });

  it("break stops fetching; an abort between pages ends the walk", async () => {
    const ucs = await ucsFor((offset, limit) =>
      reply(
        10,
        ids(0, 10)
          .slice(offset, offset + limit)
          .map(snapshot),
      ),
    );
    for await (const _ of ucs.paginate("DescribeSnapshot", { Limit: 2 })) break;
    expect(server!.requests).toHaveLength(1);
    const controller = new AbortController();
    const { seen, error } = await walk(
      (async function* () {
        for await (const item of ucs.paginate("DescribeSnapshot", { Limit: 2 }, { signal: controller.signal })) {
          controller.abort();
          yield item;
        }
      })(),
    );
    expect(seen).toEqual(["snap-0", "snap-1"]);
    expect((error as Error).name).toMatch(/Abort/);
    expect(server!.requests).toHaveLength(2);
  });
});

/**
 * Page-number paging (issue 12, ERRATA 106): Alibaba `PageNumber`/`PageSize`/`TotalCount`
 * (`DescribeInstanceStatus`, `DescribeAutoSnapshotPolicyEx`), through the public factory
 * against the local fault server. The guarantees of offset paging hold: the walk yields
 * the whole list, each item once, or ends with a PaginationError saying why; `from` and
 * `next` are page numbers (1-based).
 */
import { afterEach, describe, expect, it } from "vitest";
import { InvalidParameterError, PaginationError, createEcsClient } from "../src/alibaba/index.ts";
import { json, startFaultServer, type FaultServer } from "./helpers/fault-server.ts";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `i-${from + i}`);
/** An answer as Alibaba gives it; `size` null leaves `PageSize` out. */
const reply = (total: unknown, list: unknown, size: unknown = 2, pageNumber = 1) => ({
  RequestId: "r",
  InstanceStatuses: { InstanceStatus: Array.isArray(list) ? list.map((InstanceId) => ({ InstanceId, Status: "Running" })) : list },
  PageNumber: pageNumber,
  ...(size === null ? {} : { PageSize: size }),
  TotalCount: total,
});

/** `answer(pageNumber, pageSize, request)`: the body for the n-th request (1-based). */
async function ecsFor(answer: (pageNumber: number, pageSize: number, request: number) => unknown) {
  server = await startFaultServer((req, res, attempt) => {
    const query = new URL(req.url, "http://x").searchParams;
    json(res, 200, answer(Number(query.get("PageNumber") ?? 1), Number(query.get("PageSize") ?? 10), attempt));
  });
  return createEcsClient({
    endpoint: server.url,
    regionId: "cn-hangzhou",
    credentials: { accessKeyId: "LTAI5tPagingTestKey", accessKeySecret: "paging-test-secret" },
    retry: { maxAttempts: 1 },
  });
}
/** The page numbers asked for, in order. */
const pageNumbers = () => server!.requests.map((r) => new URL(r.url, "http://x").searchParams.get("PageNumber"));
/** A list of `total` instances served honestly, `size` a page. */
const honest = (total: number) => (pageNumber: number, pageSize: number) =>
  reply(total, ids(0, total).slice((pageNumber - 1) * pageSize, pageNumber * pageSize), pageSize, pageNumber);

async function walk(items: AsyncIterable<unknown>): Promise<{ seen: string[]; error: unknown }> {
  const seen: string[] = [];
  try {
    for await (const item of items) seen.push((item as { InstanceId: string }).InstanceId);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

describe("Alibaba PageNumber/PageSize/TotalCount", () => {
  it("walks page 1, 2, 3 to TotalCount; pages() says the total and the next page number", async () => {
    const ecs = await ecsFor(honest(5));
    expect(await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2 }))).toEqual({ seen: ids(0, 5), error: undefined });
    expect(pageNumbers()).toEqual(["1", "2", "3"]);
    const seenPages = [];
    for await (const page of ecs.pages("DescribeInstanceStatus", { PageSize: 2 }))
      seenPages.push({ n: page.items.length, total: page.total, next: page.next });
    expect(seenPages).toEqual([
      { n: 2, total: 5, next: 2 },
      { n: 2, total: 5, next: 3 },
      { n: 1, total: 5, next: undefined },
    ]);
  });

  it("the page size is the one the service echoes (it may cap PageSize), else the one asked for", async () => {
    // Asked for 50 a page, the service cuts 2 and says so.
    const capped = await ecsFor((pageNumber) => honest(5)(pageNumber, 2));
    expect(await walk(capped.paginate("DescribeInstanceStatus", { PageSize: 50 }))).toEqual({ seen: ids(0, 5), error: undefined });
    await server!.close();
    // No PageSize in the answers: the 2 asked for.
    const silent = await ecsFor((pageNumber, pageSize) =>
      reply(5, ids(0, 5).slice((pageNumber - 1) * pageSize, pageNumber * pageSize), null),
    );
    expect(await walk(silent.paginate("DescribeInstanceStatus", { PageSize: 2 }))).toEqual({ seen: ids(0, 5), error: undefined });
  });

  it("a short page before TotalCount (the next page number would skip items): short-of-total, not yielded", async () => {
    // The service caps the page at 1 item without saying so: page 2 would start at item 2 and skip i-1.
    const ecs = await ecsFor((pageNumber) => reply(5, ids(0, 5).slice(pageNumber - 1, pageNumber), 2, pageNumber));
    const { seen, error } = await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2 }));
    expect(seen).toEqual([]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ reason: "short-of-total", pages: 0, items: 0, provider: "alibaba", operation: "DescribeInstanceStatus" });
    expect((error as Error).message).toMatch(/page 1 came back with 1 items though 'TotalCount' is 5/);
  });

  it("an empty page before TotalCount: short-of-total, not the end", async () => {
    const ecs = await ecsFor((pageNumber) => (pageNumber === 1 ? reply(5, ids(0, 2)) : reply(5, [], 2, pageNumber)));
    const { seen, error } = await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2 }));
    expect(seen).toEqual(ids(0, 2));
    expect(error).toMatchObject({ name: "PaginationError", reason: "short-of-total", pages: 1, items: 2 });
  });

  it("items removed mid-walk (TotalCount shrinks): total-changed before the shifted page is yielded", async () => {
    const ecs = await ecsFor((pageNumber, pageSize, request) => {
      const list = request === 1 ? ids(0, 6) : ids(1, 6);
      return reply(list.length, list.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), pageSize, pageNumber);
    });
    const { seen, error } = await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2 }));
    expect(seen).toEqual(ids(0, 2));
    expect(error).toMatchObject({ name: "PaginationError", reason: "total-changed", pages: 1, items: 2 });
    expect((error as Error).message).toMatch(/'TotalCount' went from 6 to 5/);
  });

  it("a service that ignores PageNumber: repeated-page, the page is not yielded twice", async () => {
    const ecs = await ecsFor(() => reply(6, ids(0, 2)));
    const { seen, error } = await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2 }));
    expect(seen).toEqual(ids(0, 2));
    expect(error).toMatchObject({ name: "PaginationError", reason: "repeated-page", pages: 1, items: 2 });
    expect((error as Error).message).toMatch(/2 of the 2 items of page 2 were on the page before/);
  });

  it.each([
    ["no PageSize in the answer and none asked for", () => reply(6, ids(0, 2), null), {}],
    ["a PageSize smaller than the page", () => reply(6, ids(0, 2), 1), { PageSize: 2 }],
    ["a PageSize that changes", (n: number) => reply(6, n === 1 ? ids(0, 2) : ids(2, 5), n === 1 ? 2 : 3, n), { PageSize: 2 }],
    ["a TotalCount that is not a count", (n: number) => reply(n === 1 ? 6 : "6", n === 1 ? ids(0, 2) : ids(2, 4), 2, n), { PageSize: 2 }],
    ["no list", (n: number) => reply(6, n === 1 ? ids(0, 2) : "none", 2, n), { PageSize: 2 }],
  ])("a page with %s is a malformed-page error, not the end", async (_label, answer, params) => {
    const ecs = await ecsFor(answer);
    const { error } = await walk(ecs.paginate("DescribeInstanceStatus", params));
    expect(error).toMatchObject({ name: "PaginationError", reason: "malformed-page" });
  });

  it("ends at maxPages with a page-limit error carrying the next PageNumber, and goes on from there", async () => {
    const ecs = await ecsFor(honest(10));
    const { seen, error } = await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2 }, { maxPages: 3 }));
    expect(seen).toEqual(ids(0, 6));
    expect(error).toMatchObject({ name: "PaginationError", reason: "page-limit", pages: 3, items: 6, next: 4 });
    const rest = await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2 }, { from: (error as PaginationError).next! }));
    expect(rest).toEqual({ seen: ids(6, 10), error: undefined });
    expect(pageNumbers().slice(3)).toEqual(["4", "5"]);
  });

  it("a caller's PageNumber is where the walk starts", async () => {
    const ecs = await ecsFor(honest(5));
    expect(await walk(ecs.paginate("DescribeInstanceStatus", { PageSize: 2, PageNumber: 2 }))).toEqual({
      seen: ids(2, 5),
      error: undefined,
    });
    expect(pageNumbers()).toEqual(["2", "3"]);
  });

  it.each([
    ["PageNumber", { PageNumber: 0 }, {}],
    ["PageNumber", { PageNumber: -1 }, {}],
    ["from", {}, { from: 0 }],
    ["from", {}, { from: "2" }],
    ["from", { PageNumber: 2 }, { from: 2 }],
  ])("refuses a bad %s before any request", async (field, params, options) => {
    const ecs = await ecsFor(honest(5));
    // Wrong on purpose: the types refuse some of these, so the check is for callers without them.
    const { error } = await walk(ecs.paginate("DescribeInstanceStatus", params as { PageNumber?: number }, options as { from?: number }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ field });
    expect(server!.requests).toHaveLength(0);
  });

  it("DescribeAutoSnapshotPolicyEx pages the same way", async () => {
    server = await startFaultServer((req, res) => {
      const n = Number(new URL(req.url, "http://x").searchParams.get("PageNumber") ?? 1);
      json(res, 200, {
        RequestId: "r",
        AutoSnapshotPolicies: { AutoSnapshotPolicy: [{ AutoSnapshotPolicyId: `sp-${n}` }] },
        PageNumber: n,
        PageSize: 1,
        TotalCount: 3,
      });
    });
    const ecs = createEcsClient({
      endpoint: server.url,
      regionId: "cn-hangzhou",
      credentials: { accessKeyId: "LTAI5tPagingTestKey", accessKeySecret: "paging-test-secret" },
      retry: { maxAttempts: 1 },
    });
    const seen = [];
    for await (const policy of ecs.paginate("DescribeAutoSnapshotPolicyEx", { PageSize: 1 })) seen.push(policy.AutoSnapshotPolicyId);
    expect(seen).toEqual(["sp-1", "sp-2", "sp-3"]);
  });
});

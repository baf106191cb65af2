/**
 * Issue 11 item 5: `client.pages()` walks a list page by page (items, body, request id,
 * total where the provider gives one, and `next`), for the three paging styles, through
 * the public factories against the local fault server. A walk stopped after a page
 * (a crash, a deploy) resumes from that page's `next` with `from` and reads exactly
 * the rest. `paginate` is built on the same loop, so it keeps every check.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createEcsClient } from "../src/alibaba/index.ts";
import { InvalidParameterError, PaginationError, createEvsClient } from "../src/huawei/index.ts";
import { createUCloudStackClient } from "../src/ucloudstack/index.ts";
import { json, startFaultServer, type FaultServer } from "./helpers/fault-server.ts";

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Reads every page of a walk, or the first `stopAfter`, as (ids, request id, total, next) rows. */
async function readPages<Page extends { items: unknown[]; requestId: string | undefined; total: number | undefined; next: unknown }>(
  walk: AsyncIterable<Page>,
  idOf: (item: Page["items"][number]) => string,
  stopAfter = Infinity,
) {
  const rows: Array<{ ids: string[]; requestId: string | undefined; total: number | undefined; next: unknown }> = [];
  for await (const { items, requestId, total, next } of walk) {
    rows.push({ ids: items.map(idOf), requestId, total, next });
    if (rows.length === stopAfter) break;
  }
  return rows;
}

describe("link paging (Huawei EVS marker in snapshots_links)", () => {
  /** Seven snapshots, two a page: the page after marker `m<k>` starts at snapshot k. */
  async function evsOverSeven() {
    server = await startFaultServer((req, res, attempt) => {
      const url = new URL(req.url, "http://x");
      const from = Number(url.searchParams.get("marker")?.slice(1) ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 2);
      const ids = Array.from({ length: 7 }, (_, k) => k).slice(from, from + limit);
      const next =
        from + limit < 7
          ? [
              {
                href: `https://evs/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=${limit}&marker=m${from + limit}`,
                rel: "next",
              },
            ]
          : [];
      json(
        res,
        200,
        {
          snapshots: ids.map((k) => ({
            id: `snap-${k}`,
            name: `s${k}`,
            status: "available",
            size: 1,
            volume_id: "v",
            metadata: {},
            created_at: "t",
          })),
          snapshots_links: next,
        },
        { "x-request-id": `req-${attempt}` },
      );
    });
    return createEvsClient({
      endpoint: server.url,
      projectId: "0123456789abcdef0123456789abcdef",
      credentials: { token: "pages-test-token" },
    });
  }

  it("yields each page with its request id and the marker of the page after it; the last page has none", async () => {
    const evs = await evsOverSeven();
    const rows = await readPages(evs.pages("CinderListSnapshotsDetails", { limit: 2 }), (snapshot) => snapshot.id);
    expect(rows).toEqual([
      { ids: ["snap-0", "snap-1"], requestId: "req-1", total: undefined, next: "m2" },
      { ids: ["snap-2", "snap-3"], requestId: "req-2", total: undefined, next: "m4" },
      { ids: ["snap-4", "snap-5"], requestId: "req-3", total: undefined, next: "m6" },
      { ids: ["snap-6"], requestId: "req-4", total: undefined, next: undefined },
    ]);
  });

  it("the body comes with the page", async () => {
    const evs = await evsOverSeven();
    for await (const page of evs.pages("CinderListSnapshotsDetails", { limit: 4 })) {
      expect(page.data.snapshots).toBe(page.items);
      expect(page.data.snapshots_links).toBeDefined();
    }
  });

  it("stopped after page 2, a new walk from that page's next reads exactly the rest", async () => {
    const evs = await evsOverSeven();
    const before = await readPages(evs.pages("CinderListSnapshotsDetails", { limit: 2 }), (snapshot) => snapshot.id, 2);
    expect(before.map((page) => page.ids)).toEqual([
      ["snap-0", "snap-1"],
      ["snap-2", "snap-3"],
    ]);
    // A new server and client, as after a restart; only the cursor survived.
    await server!.close();
    const after = await evsOverSeven();
    const rest: string[] = [];
    for await (const snapshot of after.paginate("CinderListSnapshotsDetails", { limit: 2 }, { from: before[1]!.next as string }))
      rest.push(snapshot.id);
    expect(rest).toEqual(["snap-4", "snap-5", "snap-6"]);
    expect(server!.requests.map((request) => request.url)).toEqual([
      "/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=2&marker=m4",
      "/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=2&marker=m6",
    ]);
  });

  it("keeps paginate's checks: a cursor handed out twice ends the page walk with cursor-cycle", async () => {
    server = await startFaultServer((_req, res) =>
      json(res, 200, {
        snapshots: [],
        snapshots_links: [{ href: "/v2/0123456789abcdef0123456789abcdef/snapshots/detail?marker=same", rel: "next" }],
      }),
    );
    const evs = createEvsClient({
      endpoint: server.url,
      projectId: "0123456789abcdef0123456789abcdef",
      credentials: { token: "pages-test-token" },
    });
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const page of evs.pages("CinderListSnapshotsDetails")) seen.push(page.next);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PaginationError);
    expect(failure).toMatchObject({ reason: "cursor-cycle", pages: 2 });
    expect(seen).toEqual(["same", "same"]);
    expect(server.requests).toHaveLength(2);
  });

  it("refuses a from next to the cursor parameter, before any request", async () => {
    const evs = await evsOverSeven();
    const walk = evs.pages("CinderListSnapshotsDetails", { marker: "m2" }, { from: "m4" });
    await expect(walk.next()).rejects.toThrow(InvalidParameterError);
    await expect(evs.paginate("CinderListSnapshotsDetails", { marker: "m2" }, { from: "m4" }).next()).rejects.toMatchObject({
      field: "from",
    });
    expect(server!.requests).toHaveLength(0);
  });
});

describe("token paging (Alibaba NextToken)", () => {
  /** Five disks, two a page: token `t<k>` starts at disk k. */
  async function ecsOverFive() {
    server = await startFaultServer((req, res) => {
      const url = new URL(req.url, "http://x");
      const from = Number(url.searchParams.get("NextToken")?.slice(1) ?? 0);
      const ids = Array.from({ length: 5 }, (_, k) => k).slice(from, from + 2);
      json(res, 200, {
        RequestId: `ecs-req-${from}`,
        Snapshots: { Snapshot: ids.map((k) => ({ SnapshotId: `s-${k}`, Status: "accomplished" })) },
        NextToken: from + 2 < 5 ? `t${from + 2}` : "",
      });
    });
    return createEcsClient({
      endpoint: server.url,
      regionId: "cn-beijing",
      credentials: { accessKeyId: "LTAI5tPagesTestKey", accessKeySecret: "pages-test-secret" },
    });
  }

  it("yields each page with the body's RequestId and the next NextToken (none on the last)", async () => {
    const ecs = await ecsOverFive();
    const rows = await readPages(ecs.pages("DescribeSnapshots", { MaxResults: 2 }), (snapshot) => snapshot.SnapshotId);
    expect(rows).toEqual([
      { ids: ["s-0", "s-1"], requestId: "ecs-req-0", total: undefined, next: "t2" },
      { ids: ["s-2", "s-3"], requestId: "ecs-req-2", total: undefined, next: "t4" },
      { ids: ["s-4"], requestId: "ecs-req-4", total: undefined, next: undefined },
    ]);
  });

  it("stopped after page 2, pages from that page's next reads exactly the rest", async () => {
    const ecs = await ecsOverFive();
    const before = await readPages(ecs.pages("DescribeSnapshots", { MaxResults: 2 }), (snapshot) => snapshot.SnapshotId, 2);
    const requestsBefore = server!.requests.length;
    const rest = await readPages(
      ecs.pages("DescribeSnapshots", { MaxResults: 2 }, { from: before[1]!.next as string }),
      (s) => s.SnapshotId,
    );
    expect([...before, ...rest].flatMap((page) => page.ids)).toEqual(["s-0", "s-1", "s-2", "s-3", "s-4"]);
    expect(server!.requests.slice(requestsBefore).map((request) => new URL(request.url, "http://x").searchParams.get("NextToken"))).toEqual(
      ["t4"],
    );
  });
});

describe("offset paging (UCloudStack Offset/Limit/TotalCount)", () => {
  /** Five snapshots; the page at Offset o holds snapshots o..o+Limit-1. */
  async function ucsOverFive() {
    server = await startFaultServer((req, res, attempt) => {
      const { Offset = 0, Limit = 20 } = JSON.parse(req.body) as { Offset?: number; Limit?: number };
      const ids = Array.from({ length: 5 }, (_, k) => k).slice(Offset, Offset + Limit);
      json(
        res,
        200,
        {
          Action: "DescribeSnapshotResponse",
          RetCode: 0,
          Message: "",
          TotalCount: 5,
          Infos: ids.map((k) => ({ SnapshotID: `snap-${k}`, SnapshotStatus: "Normal" })),
        },
        { "x-request-id": `ucs-req-${attempt}` },
      );
    });
    return createUCloudStackClient({
      endpoint: `${server.url}/api`,
      region: "cn",
      credentials: { publicKey: "ucs-pages-public", privateKey: "ucs-pages-private" },
    });
  }
  const offsets = () => server!.requests.map((request) => (JSON.parse(request.body) as { Offset?: number }).Offset);

  it("yields each page with its request id, TotalCount and the next offset (none on the last)", async () => {
    const ucs = await ucsOverFive();
    const rows = await readPages(ucs.pages("DescribeSnapshot", { Limit: 2 }), (snapshot) => snapshot.SnapshotID!);
    expect(rows).toEqual([
      { ids: ["snap-0", "snap-1"], requestId: "ucs-req-1", total: 5, next: 2 },
      { ids: ["snap-2", "snap-3"], requestId: "ucs-req-2", total: 5, next: 4 },
      { ids: ["snap-4"], requestId: "ucs-req-3", total: 5, next: undefined },
    ]);
  });

  it("stopped after page 2, paginate from that page's next reads exactly the rest", async () => {
    const ucs = await ucsOverFive();
    const before = await readPages(ucs.pages("DescribeSnapshot", { Limit: 2 }), (snapshot) => snapshot.SnapshotID!, 2);
    const rest: string[] = [];
    for await (const snapshot of ucs.paginate("DescribeSnapshot", { Limit: 2 }, { from: before[1]!.next as number }))
      rest.push(snapshot.SnapshotID!);
    expect(rest).toEqual(["snap-4"]);
    expect(offsets()).toEqual([0, 2, 4]);
  });

  it("a PaginationError's next resumes too (page-limit), with pages", async () => {
    const ucs = await ucsOverFive();
    const failure = await readPages(ucs.pages("DescribeSnapshot", { Limit: 2 }, { maxPages: 1 }), (s) => s.SnapshotID!).catch(
      (error: unknown) => error as PaginationError,
    );
    expect(failure).toMatchObject({ name: "PaginationError", reason: "page-limit", next: 2 });
    const rest = await readPages(
      ucs.pages("DescribeSnapshot", { Limit: 2 }, { from: (failure as PaginationError).next! }),
      (s) => s.SnapshotID!,
    );
    expect(rest.flatMap((page) => page.ids)).toEqual(["snap-2", "snap-3", "snap-4"]);
  });
});

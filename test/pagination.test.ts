/**
 * Pagination over every page: Cinder `*_links` (marker) and IMS `next` hrefs
 * (issue 10 item 3: never end early or repeat without a PaginationError), bounded by
 * maxPages (an error when more is announced), protected against cursor loops of any
 * length before anything repeats, and cancellable.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AbortedError, InvalidParameterError, PaginationError, createEvsClient, createImsClient } from "../src/huawei/index.ts";
import { nextCursor } from "../src/core/operations/paginate.ts";
import { json, startFaultServer, type FaultServer } from "./helpers/fault-server.ts";

const credentials = { token: "pagination-test-token" };
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const snap = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  name: `s${n}`,
  status: "available",
  size: 1,
  volume_id: "v",
  created_at: "2026-01-01T00:00:00.000000",
});

/** Every item's name the walk yielded, and the error it ended with (undefined: it completed). */
async function walk(pages: AsyncIterable<unknown>): Promise<{ seen: string[]; error: unknown }> {
  const seen: string[] = [];
  try {
    for await (const item of pages) seen.push((item as { name: string }).name);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

describe("Cinder marker pagination", () => {
  it("follows snapshots_links until there is none, carrying the caller's filters", async () => {
    const pages: Record<string, unknown> = {
      "": {
        snapshots: [snap(1), snap(2)],
        snapshots_links: [{ href: "https://evs/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=2&marker=m2", rel: "next" }],
      },
      m2: {
        snapshots: [snap(3), snap(4)],
        snapshots_links: [{ href: "https://evs/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=2&marker=m4", rel: "next" }],
      },
      m4: { snapshots: [snap(5)] },
    };
    server = await startFaultServer((req, res) => json(res, 200, pages[new URL(req.url, "http://x").searchParams.get("marker") ?? ""]));
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const names: string[] = [];
    for await (const item of evs.paginate("CinderListSnapshotsDetails", { limit: 2, status: "available" }))
      names.push((item as { name: string }).name);
    expect(names).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=2&status=available",
      "/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=2&status=available&marker=m2",
      "/v2/0123456789abcdef0123456789abcdef/snapshots/detail?limit=2&status=available&marker=m4",
    ]);
  });

  it("stops with a cursor-cycle error when a page announces its own cursor, before fetching it again", async () => {
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      json(res, 200, {
        snapshots: [snap(marker === null ? 1 : 2)],
        snapshots_links: [{ href: "/v2/0123456789abcdef0123456789abcdef/snapshots/detail?marker=same", rel: "next" }],
      });
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const { seen, error } = await walk(evs.paginate("CinderListSnapshotsDetails"));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({
      reason: "cursor-cycle",
      pages: 2,
      items: 2,
      provider: "huawei",
      operation: "CinderListSnapshotsDetails",
    });
    expect(seen).toEqual(["s1", "s2"]);
    expect(server.requests).toHaveLength(2);
  });

  it.each([2, 3, 5, 17])("stops a loop of %i cursors before any page is fetched or yielded twice", async (loop) => {
    // The first page (no marker) announces c1; page ck announces c(k+1), and c<loop> announces c1 again.
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      const k = marker === null ? 0 : Number(marker.slice(1));
      json(res, 200, { snapshots: [snap(k)], snapshots_links: [{ href: `/x?marker=c${k < loop ? k + 1 : 1}`, rel: "next" }] });
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const { seen, error } = await walk(evs.paginate("CinderListSnapshotsDetails", {}, { maxPages: 1000 }));
    expect(error).toMatchObject({ name: "PaginationError", reason: "cursor-cycle", pages: loop + 1, items: loop + 1 });
    expect((error as Error).message).toMatch(/handed out before/);
    expect(seen).toEqual(Array.from({ length: loop + 1 }, (_, k) => `s${k}`));
    expect(new Set(server.requests.map((r) => r.url)).size).toBe(server.requests.length);
    expect(server.requests).toHaveLength(loop + 1);
  });

  it("does not mistake a long run of distinct cursors for a loop, and catches one that comes back late", async () => {
    // 3,000 distinct pages (past the default maxPages, so Infinity), then back to c1500.
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      const k = marker === null ? 0 : Number(marker.slice(1));
      json(res, 200, { snapshots: [snap(k)], snapshots_links: [{ href: `/x?marker=c${k < 3000 ? k + 1 : 1500}`, rel: "next" }] });
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const { seen, error } = await walk(evs.paginate("CinderListSnapshotsDetails", {}, { maxPages: Infinity }));
    expect(error).toMatchObject({ reason: "cursor-cycle", pages: 3001, items: 3001 });
    expect(new Set(seen).size).toBe(3001);
    expect(server.requests).toHaveLength(3001);
  }, 60_000);

  it("ends with a page-limit error at maxPages while the service announces more, naming the cursor to go on with", async () => {
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      const k = marker === null ? 0 : Number(marker.slice(1));
      json(res, 200, { snapshots: [snap(k)], snapshots_links: k < 4 ? [{ href: `/x?marker=c${k + 1}`, rel: "next" }] : [] });
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const { seen, error } = await walk(evs.paginate("CinderListSnapshotsDetails", {}, { maxPages: 3 }));
    expect(error).toMatchObject({ name: "PaginationError", reason: "page-limit", pages: 3, items: 3, next: "c3" });
    expect(seen).toEqual(["s0", "s1", "s2"]);
    expect(server.requests).toHaveLength(3);

    // The rest, from where it stopped.
    const rest = await walk(evs.paginate("CinderListSnapshotsDetails", {}, { maxPages: 3, from: (error as PaginationError).next! }));
    expect(rest).toEqual({ seen: ["s3", "s4"], error: undefined });
  });

  it("a walk that ends exactly at maxPages is complete, not an error", async () => {
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      const k = marker === null ? 0 : Number(marker.slice(1));
      json(res, 200, { snapshots: [snap(k)], snapshots_links: k < 2 ? [{ href: `/x?marker=c${k + 1}`, rel: "next" }] : [] });
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    expect(await walk(evs.paginate("CinderListSnapshotsDetails", {}, { maxPages: 3 }))).toEqual({
      seen: ["s0", "s1", "s2"],
      error: undefined,
    });
  });

  it.each([0, -1, 1.5, Number.NaN, "3", null])("refuses maxPages %s before any request", async (maxPages) => {
    server = await startFaultServer((_req, res) => json(res, 200, { snapshots: [snap(1)] }));
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const { error } = await walk(evs.paginate("CinderListSnapshotsDetails", {}, { maxPages: maxPages as number }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ field: "maxPages" });
    expect(server.requests).toHaveLength(0);
  });

  it("follows a page with no items that announces a next page, instead of ending there", async () => {
    const pages: Record<string, unknown> = {
      "": { snapshots: [snap(1)], snapshots_links: [{ href: "/x?marker=m1", rel: "next" }] },
      m1: { snapshots: [], snapshots_links: [{ href: "/x?marker=m2", rel: "next" }] },
      m2: { snapshots: [snap(2)], snapshots_links: [] },
    };
    server = await startFaultServer((req, res) => json(res, 200, pages[new URL(req.url, "http://x").searchParams.get("marker") ?? ""]));
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    expect(await walk(evs.paginate("CinderListSnapshotsDetails"))).toEqual({ seen: ["s1", "s2"], error: undefined });
    expect(server.requests).toHaveLength(3);
  });

  // The spec requires `snapshots`: a page without it (or with no body) is refused by the
  // response check before paging sees it; the rest are paging's own malformed-page.
  const malformedPage = { name: "PaginationError", reason: "malformed-page", pages: 1, items: 1 };
  const brokenPromise = { name: "UnparseableResponseError", status: 200 };
  it.each([
    ["no items property", { snapshots_links: [] }, brokenPromise],
    ["items that are not a list", { snapshots: "none", snapshots_links: [] }, malformedPage],
    ["a null body", null, brokenPromise],
    ["a next link without a marker", { snapshots: [snap(2)], snapshots_links: [{ href: "/x?limit=1", rel: "next" }] }, malformedPage],
  ])("a page with %s is an error, not the end of the list", async (_label, second, expected) => {
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      json(res, 200, marker === null ? { snapshots: [snap(1)], snapshots_links: [{ href: "/x?marker=m1", rel: "next" }] } : second);
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const { seen, error } = await walk(evs.paginate("CinderListSnapshotsDetails"));
    expect(error).toMatchObject(expected);
    expect(seen).toEqual(["s1"]);
  });

  it("stops with repeated-page when a new cursor leads back to a page already read (the first page has no cursor)", async () => {
    const pages: Record<string, unknown> = {
      "": { snapshots: [snap(1), snap(2)], snapshots_links: [{ href: "/x?marker=m2", rel: "next" }] },
      m2: { snapshots: [snap(3), snap(4)], snapshots_links: [{ href: "/x?marker=start", rel: "next" }] },
      start: { snapshots: [snap(1), snap(2)], snapshots_links: [{ href: "/x?marker=m2", rel: "next" }] },
    };
    server = await startFaultServer((req, res) => json(res, 200, pages[new URL(req.url, "http://x").searchParams.get("marker") ?? ""]));
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    const { seen, error } = await walk(evs.paginate("CinderListSnapshotsDetails"));
    expect(error).toMatchObject({ name: "PaginationError", reason: "repeated-page", pages: 2, items: 4 });
    expect(seen).toEqual(["s1", "s2", "s3", "s4"]);
  });

  it("is cancellable between pages, and break stops fetching", async () => {
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      const k = marker === null ? 0 : Number(marker.slice(1));
      json(res, 200, { snapshots: [snap(2 * k), snap(2 * k + 1)], snapshots_links: [{ href: `/x?marker=c${k + 1}`, rel: "next" }] });
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "0123456789abcdef0123456789abcdef", credentials });
    for await (const _ of evs.paginate("CinderListSnapshotsDetails")) break;
    expect(server.requests).toHaveLength(1);

    const controller = new AbortController();
    const run = async () => {
      for await (const _ of evs.paginate("CinderListSnapshotsDetails", {}, { signal: controller.signal })) controller.abort();
    };
    await expect(run()).rejects.toSatisfy((e) => e instanceof AbortedError || (e as Error).name === "AbortError");
    expect(server.requests).toHaveLength(2);
  });
});

describe("IMS next-href pagination", () => {
  const image = (id: string) => ({
    id,
    name: id,
    status: "active",
    visibility: "public",
    container_format: "bare",
    disk_format: "qcow2",
    min_disk: 1,
    min_ram: 0,
    protected: false,
    tags: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: "/v2/schemas/image",
  });

  it("follows `next` until it is absent", async () => {
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      if (!marker)
        return json(res, 200, {
          images: [image("a")],
          first: "/v2/images?limit=1",
          next: "/v2/images?limit=1&marker=a",
          schema: "/v2/schemas/images",
        });
      json(res, 200, { images: [image("b")], first: "/v2/images?limit=1", schema: "/v2/schemas/images" });
    });
    const ims = createImsClient({ endpoint: server.url, credentials });
    const ids: string[] = [];
    for await (const item of ims.paginate("GlanceListImages", { limit: 1 })) ids.push((item as { id: string }).id);
    expect(ids).toEqual(["a", "b"]);
  });

  it("stops a loop of next hrefs before anything repeats, and ends at maxPages with a page-limit error", async () => {
    // Image k announces marker i(k+1); i3 announces i1 again.
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      const k = marker === null ? 0 : Number(marker.slice(1));
      json(res, 200, {
        images: [image(`i${k}`)],
        first: "/v2/images?limit=1",
        next: `/v2/images?limit=1&marker=i${k < 3 ? k + 1 : 1}`,
        schema: "/v2/schemas/images",
      });
    });
    const ims = createImsClient({ endpoint: server.url, credentials });
    const ids = async (options: { maxPages?: number }) => {
      const seen: string[] = [];
      try {
        for await (const item of ims.paginate("GlanceListImages", { limit: 1 }, options)) seen.push((item as { id: string }).id);
      } catch (error) {
        return { seen, error };
      }
      return { seen, error: undefined };
    };
    const looped = await ids({});
    expect(looped.seen).toEqual(["i0", "i1", "i2", "i3"]);
    expect(looped.error).toMatchObject({ name: "PaginationError", reason: "cursor-cycle", pages: 4, items: 4 });

    const capped = await ids({ maxPages: 2 });
    expect(capped.seen).toEqual(["i0", "i1"]);
    expect(capped.error).toMatchObject({ name: "PaginationError", reason: "page-limit", pages: 2, items: 2, next: "i2" });
  });

  it("reads cursors from both link shapes", () => {
    expect(nextCursor([{ href: "/v2/0123456789abcdef0123456789abcdef/volumes?marker=abc&limit=1", rel: "next" }], "marker")).toBe("abc");
    expect(nextCursor([{ href: "/v2/0123456789abcdef0123456789abcdef/volumes?marker=abc", rel: "self" }], "marker")).toBeUndefined();
    expect(nextCursor("/v2/images?marker=x%2Fy", "marker")).toBe("x/y");
    expect(nextCursor(null, "marker")).toBeUndefined();
  });
});

/**
 * Pagination over every page: Cinder `*_links` (marker) and IMS `next` hrefs,
 * bounded by maxPages, protected against a service that repeats its cursor, and
 * cancellable.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AbortedError, CloudDiskError, createEvsClient, createImsClient } from "../src/huawei/index.ts";
import { nextCursor } from "../src/core/paginate.ts";
import { json, startFaultServer, type FaultServer } from "./helpers/fault-server.ts";

const credentials = { token: "pagination-test-token" };
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const snap = (n: number) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, name: `s${n}`, status: "available", size: 1, volume_id: "v", created_at: "2026-01-01T00:00:00.000000" });

describe("Cinder marker pagination", () => {
  it("follows snapshots_links until there is none, carrying the caller's filters", async () => {
    const pages: Record<string, unknown> = {
      "": { snapshots: [snap(1), snap(2)], snapshots_links: [{ href: "https://evs/v2/p/snapshots/detail?limit=2&marker=m2", rel: "next" }] },
      m2: { snapshots: [snap(3), snap(4)], snapshots_links: [{ href: "https://evs/v2/p/snapshots/detail?limit=2&marker=m4", rel: "next" }] },
      m4: { snapshots: [snap(5)] },
    };
    server = await startFaultServer((req, res) => json(res, 200, pages[new URL(req.url, "http://x").searchParams.get("marker") ?? ""]));
    const evs = createEvsClient({ endpoint: server.url, projectId: "p", credentials });
    const names: string[] = [];
    for await (const item of evs.paginate("ListSnapshotsDetails", { limit: 2, status: "available" })) names.push((item as { name: string }).name);
    expect(names).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v2/p/snapshots/detail?limit=2&status=available",
      "/v2/p/snapshots/detail?limit=2&status=available&marker=m2",
      "/v2/p/snapshots/detail?limit=2&status=available&marker=m4",
    ]);
  });

  it("stops with an error when the service repeats a cursor, instead of looping", async () => {
    server = await startFaultServer((_req, res) => json(res, 200, { snapshots: [snap(1)], snapshots_links: [{ href: "/v2/p/snapshots/detail?marker=same", rel: "next" }] }));
    const evs = createEvsClient({ endpoint: server.url, projectId: "p", credentials });
    const run = async () => {
      for await (const _ of evs.paginate("ListSnapshotsDetails")) void _;
    };
    await expect(run()).rejects.toThrow(CloudDiskError);
    expect(server.requests).toHaveLength(2);
  });

  it.each([2, 3, 5, 17])("stops with an error when the cursors run in a loop of %i, within a few rounds of it", async (loop) => {
    // Page k announces cursor c((k + 1) mod loop): c0 → c1 → … → c(loop-1) → c0 → …
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      const k = marker === null ? 0 : Number(marker.slice(1));
      json(res, 200, { snapshots: [snap(1)], snapshots_links: [{ href: `/x?marker=c${(k + 1) % loop}`, rel: "next" }] });
    });
    const evs = createEvsClient({ endpoint: server.url, projectId: "p", credentials });
    const run = async () => {
      for await (const _ of evs.paginate("ListSnapshotsDetails", {}, { maxPages: 1000 })) void _;
    };
    await expect(run()).rejects.toThrow(/same next-page cursor twice/);
    // Brent's check (src/core/paginate.ts) needs O(1) memory and finds a loop of n within about 3n pages.
    expect(server.requests.length).toBeLessThanOrEqual(3 * loop + 2);
  });

  it("does not mistake a long run of distinct cursors for a loop", async () => {
    let n = 0;
    server = await startFaultServer((_req, res) => json(res, 200, { snapshots: [snap(1)], snapshots_links: n < 299 ? [{ href: `/x?marker=c${++n}`, rel: "next" }] : null }));
    const evs = createEvsClient({ endpoint: server.url, projectId: "p", credentials });
    let count = 0;
    for await (const _ of evs.paginate("ListSnapshotsDetails", {}, { maxPages: 1000 })) count++;
    expect(count).toBe(300);
  });

  it("stops after maxPages", async () => {
    let n = 0;
    server = await startFaultServer((_req, res) => json(res, 200, { snapshots: [snap(1)], snapshots_links: [{ href: `/x?marker=c${++n}`, rel: "next" }] }));
    const evs = createEvsClient({ endpoint: server.url, projectId: "p", credentials });
    let count = 0;
    for await (const _ of evs.paginate("ListSnapshotsDetails", {}, { maxPages: 3 })) count++;
    expect(count).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it("is cancellable between pages, and break stops fetching", async () => {
    let n = 0;
    server = await startFaultServer((_req, res) => json(res, 200, { snapshots: [snap(1), snap(2)], snapshots_links: [{ href: `/x?marker=c${++n}`, rel: "next" }] }));
    const evs = createEvsClient({ endpoint: server.url, projectId: "p", credentials });
    for await (const _ of evs.paginate("ListSnapshotsDetails")) break;
    expect(server.requests).toHaveLength(1);

    const controller = new AbortController();
    const run = async () => {
      for await (const _ of evs.paginate("ListSnapshotsDetails", {}, { signal: controller.signal })) controller.abort();
    };
    await expect(run()).rejects.toSatisfy((e) => e instanceof AbortedError || (e as Error).name === "AbortError");
  });
});

describe("IMS next-href pagination", () => {
  it("follows `next` until it is absent", async () => {
    const image = (id: string) => ({ id, name: id, status: "active", visibility: "public", container_format: "bare", disk_format: "qcow2", min_disk: 1, min_ram: 0, protected: false, tags: [], created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", self: `/v2/images/${id}`, file: `/v2/images/${id}/file`, schema: "/v2/schemas/image" });
    server = await startFaultServer((req, res) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      if (!marker) return json(res, 200, { images: [image("a")], first: "/v2/images?limit=1", next: "/v2/images?limit=1&marker=a", schema: "/v2/schemas/images" });
      json(res, 200, { images: [image("b")], first: "/v2/images?limit=1", schema: "/v2/schemas/images" });
    });
    const ims = createImsClient({ endpoint: server.url, credentials });
    const ids: string[] = [];
    for await (const item of ims.paginate("GlanceListImages", { limit: 1 })) ids.push((item as { id: string }).id);
    expect(ids).toEqual(["a", "b"]);
  });

  it("reads cursors from both link shapes", () => {
    expect(nextCursor([{ href: "/v2/p/volumes?marker=abc&limit=1", rel: "next" }], "marker")).toBe("abc");
    expect(nextCursor([{ href: "/v2/p/volumes?marker=abc", rel: "self" }], "marker")).toBeUndefined();
    expect(nextCursor("/v2/images?marker=x%2Fy", "marker")).toBe("x/y");
    expect(nextCursor(null, "marker")).toBeUndefined();
  });
});

/**
 * The client runs outside Node: test/browser/client-page.ts, bundled by esbuild for the
 * browser from the source entry points (src/<provider>/index.ts; a Node built-in
 * anywhere in the graph would fail the bundle), is loaded into headless Chromium from
 * one local origin and calls a recording upstream on another, so every call goes
 * through real CORS (preflights included). The upstream answers provider-shaped JSON;
 * Node then checks that each request arrived and that its signature verifies the way
 * the provider's gateway would check it: Huawei SDK-HMAC-SHA256 (a signed POST body and
 * a signed GET query), Alibaba ACS3-HMAC-SHA256 and the V1 RPC signature (a
 * flat-indexed ResetDisks), UCloudStack's SHA-1 over the JSON body. The page's results
 * must be the parsed, typed answers, a 404 a typed NotFoundError with the request id
 * read through CORS-exposed headers, and the page must log no error and make no
 * request beyond 127.0.0.1.
 */
import type { ServerResponse } from "node:http";
import { resolve } from "node:path";
import { build, type Metafile } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchChromium } from "../helpers/browser.ts";
import { json, startFaultServer, type FaultServer, type RecordedRequest } from "../helpers/fault-server.ts";
import { verifyAlibabaV1, verifyAlibabaV3 } from "../helpers/verify-alibaba.ts";
import { verifyHuaweiSignature } from "../helpers/verify-huawei.ts";
import { verifyUCloudStackSignature } from "../helpers/verify-ucloudstack.ts";
import type { PageCredentials, PageResults } from "./client-page.ts";

const KEYS: PageCredentials = {
  huawei: { accessKeyId: "BROWSERHUAWEIAK01", secretAccessKey: "browser-huawei-secret-key", projectId: "9c53a566cb3443ab910cf0daebca90c4" },
  alibaba: { accessKeyId: "LTAI5tBrowserTestKey", accessKeySecret: "browser-alibaba-access-key-secret" },
  ucloudstack: { publicKey: "browser-ucs-public-key", privateKey: "browser-ucs-private-key" },
};

// ------------------------------------------------------------------ the recording upstream

/** Request headers the upstream allows cross-origin: what the signers set, nothing else. */
const ALLOWED_HEADER = /^(authorization|content-type|x-sdk-[a-z0-9-]+|x-acs-[a-z0-9-]+|x-security-token|x-auth-token|x-project-id)$/;
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-request-id, x-openstack-request-id, x-acs-request-id, x-ucloud-request-uuid",
};
/** Headers a preflight asked for that the upstream does not allow (the browser then refuses the call). */
const refusedHeaders: string[] = [];
const preflightHeaders = new Set<string>();

function preflight(request: RecordedRequest, response: ServerResponse) {
  const asked = (request.headers["access-control-request-headers"] ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  refusedHeaders.push(...asked.filter((h) => !ALLOWED_HEADER.test(h)));
  for (const header of asked) preflightHeaders.add(header);
  response.writeHead(204, {
    ...CORS,
    "access-control-allow-methods": "GET, POST, PUT, DELETE",
    "access-control-allow-headers": asked.filter((h) => ALLOWED_HEADER.test(h)).join(", "),
    "access-control-max-age": "0",
  });
  response.end();
}

const snapshot = (id: string, name: string) => ({
  id,
  name,
  status: "available",
  size: 40,
  volume_id: "5aa119a8-d25b-45a7-8d1b-88e127885635",
  metadata: {},
  created_at: "2026-01-01T00:00:00.000000",
});
const related = (diskId: string, snapshotId: string) => ({
  RelatedItem: [
    { Name: "DiskId", Value: diskId },
    { Name: "SnapshotId", Value: snapshotId },
  ],
});

function upstreamHandler(request: RecordedRequest, response: ServerResponse) {
  if (request.method === "OPTIONS") return preflight(request, response);
  const url = new URL(request.url, "http://upstream");
  if (url.pathname.startsWith("/v2/")) {
    const headers = { ...CORS, "x-request-id": "hw-req-browser-1" };
    if (request.method === "POST" && url.pathname.endsWith("/snapshots"))
      return json(response, 202, { snapshot: snapshot("0f3c2b6e-1d4a-4e0e-9b1e-7e1e2f3a4b5c", "from-the-browser") }, headers);
    if (url.pathname.endsWith("/snapshots/detail"))
      return json(
        response,
        200,
        { snapshots: [snapshot("0f3c2b6e-1d4a-4e0e-9b1e-7e1e2f3a4b5c", "a"), snapshot("1a2b3c4d-1d4a-4e0e-9b1e-7e1e2f3a4b5c", "b")] },
        headers,
      );
    return json(
      response,
      404,
      { error: { message: "The snapshot does not exist.", code: "EVS.5404" } },
      { ...headers, "x-request-id": "hw-req-browser-404" },
    );
  }
  if (url.pathname.startsWith("/api")) {
    return json(
      response,
      200,
      {
        Action: "DescribeSnapshotResponse",
        RetCode: 0,
        Message: "",
        TotalCount: 1,
        Infos: [{ SnapshotID: "snap-browser-1", Name: "nightly", SnapshotStatus: "Normal", DiskID: "disk-browser-1" }],
      },
      { ...CORS, "x-ucloud-request-uuid": "ucs-req-browser-1" },
    );
  }
  const action = request.headers["x-acs-action"] ?? url.searchParams.get("Action") ?? new URLSearchParams(request.body).get("Action");
  if (action === "DescribeDisks")
    return json(
      response,
      200,
      {
        RequestId: "ALI-REQ-V3",
        TotalCount: 1,
        Disks: {
          Disk: [
            {
              DiskId: "d-bp1browser0001",
              Status: "In_use",
              Size: 40,
              Category: "cloud_essd",
              Type: "data",
              RegionId: "cn-hangzhou",
              ZoneId: "cn-hangzhou-i",
            },
          ],
        },
      },
      CORS,
    );
  if (action === "ResetDisks") {
    return json(
      response,
      200,
      {
        RequestId: "ALI-REQ-V1",
        OperationProgressSet: {
          OperationProgress: [
            { OperationStatus: "Success", RelatedItemSet: related("d-bp1browser0001", "s-bp1browser0001") },
            {
              OperationStatus: "Failed",
              ErrorCode: "IncorrectDiskStatus",
              ErrorMsg: "The current disk status does not support this operation.",
              RelatedItemSet: related("d-bp1browser0002", "s-bp1browser0002"),
            },
          ],
        },
      },
      CORS,
    );
  }
  json(response, 404, { RequestId: "ALI-REQ-404", Code: "InvalidAction.NotFound", Message: `no action ${action}` }, CORS);
}

// ------------------------------------------------------------------ the page

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>cloud-disk-openapi in the browser</title>
<script type="module" src="/client.js"></script></head><body><h1>cloud-disk-openapi in the browser</h1></body></html>`;

describe.skipIf(!browserAvailable())("the client in headless Chromium (esbuild browser bundle, signed calls through CORS)", () => {
  let upstream: FaultServer;
  let site: FaultServer;
  let browser: Browser | undefined;
  let page: Page;
  let metafile: Metafile;
  let results: PageResults | Error;
  const pageErrors: string[] = [];
  const pageRequests: string[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = performance.now();
    const bundle = await build({
      entryPoints: [resolve(import.meta.dirname, "client-page.ts")],
      absWorkingDir: resolve(import.meta.dirname, "..", ".."),
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    metafile = bundle.metafile;
    const code = bundle.outputFiles[0]!.text;
    timings.bundle = performance.now() - t;

    upstream = await startFaultServer(upstreamHandler);
    site = await startFaultServer((request, response) => {
      if (request.url === "/") return void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
      if (request.url === "/client.js") return void response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(code);
      response.writeHead(404).end();
    });

    t = performance.now();
    browser = await launchChromium();
    page = await browser.newPage();
    timings.launch = performance.now() - t;
    page.on(
      "console",
      (message) =>
        void (message.type() === "error" || message.type() === "warning"
          ? pageErrors.push(`console.${message.type()}: ${message.text()} (${message.location().url})`)
          : undefined),
    );
    page.on("pageerror", (error) => void pageErrors.push(`pageerror: ${error.message}`));
    page.on(
      "requestfailed",
      (request) => void pageErrors.push(`requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ""}`),
    );
    page.on("request", (request) => void pageRequests.push(request.url()));

    t = performance.now();
    await page.goto(`${site.url}/`, { waitUntil: "load" });
    await page.waitForFunction(() => typeof (globalThis as { runCalls?: unknown }).runCalls === "function");
    results = await page
      .evaluate(
        ([url, keys]) => (globalThis as unknown as { runCalls(u: string, k: PageCredentials): Promise<PageResults> }).runCalls(url, keys),
        [upstream.url, KEYS] as const,
      )
      .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    timings.calls = performance.now() - t;
    console.log(
      `client-in-browser: bundle ${timings.bundle.toFixed(0)} ms (${(code.length / 1000).toFixed(1)} kB), Chromium launch ${timings.launch.toFixed(0)} ms, page load + calls ${timings.calls.toFixed(0)} ms; preflights asked for ${[...preflightHeaders].sort().join(", ")}`,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await upstream?.close();
    await site?.close();
  });

  const calls = (match: (request: RecordedRequest) => boolean) =>
    upstream.requests.filter((request) => request.method !== "OPTIONS" && match(request));
  const huaweiCalls = () => calls((r) => r.url.startsWith("/v2/"));
  const ucloudstackCalls = () => calls((r) => r.url.startsWith("/api"));
  const alibabaCalls = () => calls((r) => !r.url.startsWith("/v2/") && !r.url.startsWith("/api"));

  it("bundles for the browser from the source entry points, openapi-fetch included", () => {
    const inputs = Object.keys(metafile.inputs);
    for (const provider of ["huawei", "alibaba", "ucloudstack"]) expect(inputs).toContain(`src/${provider}/index.ts`);
    expect(inputs.some((input) => input.includes("node_modules/openapi-fetch/"))).toBe(true);
  });

  it("runs every call in the page and gets the parsed, typed answers back", () => {
    if (results instanceof Error) throw results;
    expect(results.userAgent).toMatch(/HeadlessChrome|Chrome/);
    expect(results.huawei).toEqual({
      created: { id: "0f3c2b6e-1d4a-4e0e-9b1e-7e1e2f3a4b5c", status: "available", size: 40 },
      listed: ["0f3c2b6e-1d4a-4e0e-9b1e-7e1e2f3a4b5c", "1a2b3c4d-1d4a-4e0e-9b1e-7e1e2f3a4b5c"],
      notFound: { name: "NotFoundError", code: "EVS.5404", requestId: "hw-req-browser-404", status: 404 },
    });
    expect(results.alibaba).toEqual({
      v3: { requestId: "ALI-REQ-V3", disks: ["d-bp1browser0001:In_use"] },
      v1: { requestId: "ALI-REQ-V1", failed: ["d-bp1browser0002:IncorrectDiskStatus"] },
    });
    expect(results.ucloudstack).toEqual({ total: 1, first: "snap-browser-1:available" });
  });

  it("Huawei EVS: the upstream received a signed POST body and a signed GET query, and both signatures verify", async () => {
    const received = huaweiCalls();
    expect(received.map((r) => `${r.method} ${new URL(r.url, "http://x").pathname}`)).toEqual([
      `POST /v2/${KEYS.huawei.projectId}/snapshots`,
      `GET /v2/${KEYS.huawei.projectId}/snapshots/detail`,
      `GET /v2/${KEYS.huawei.projectId}/snapshots/00000000-0000-4000-8000-000000000000`,
    ]);
    expect(JSON.parse(received[0]!.body)).toEqual({
      snapshot: { volume_id: "5aa119a8-d25b-45a7-8d1b-88e127885635", name: "from-the-browser", force: false },
    });
    expect(Object.fromEntries(new URL(received[1]!.url, "http://x").searchParams)).toEqual({
      volume_id: "5aa119a8-d25b-45a7-8d1b-88e127885635",
      limit: "5",
    });
    for (const request of received) {
      const verdict = await verifyHuaweiSignature(request, { [KEYS.huawei.accessKeyId]: KEYS.huawei.secretAccessKey });
      expect(verdict, `${request.method} ${request.url}`).toMatchObject({ ok: true, accessKeyId: KEYS.huawei.accessKeyId });
      expect(verdict.signedHeaders).toEqual(expect.arrayContaining(["host", "x-sdk-date"]));
      expect(request.headers.host).toBe(new URL(upstream.url).host);
    }
  });

  it("Alibaba ECS: a V3 (ACS3-HMAC-SHA256) DescribeDisks and a V1 flat-indexed ResetDisks arrived, and both signatures verify", async () => {
    const received = alibabaCalls();
    expect(received).toHaveLength(2);
    const [v3, v1] = received as [RecordedRequest, RecordedRequest];
    expect(v3.headers["x-acs-action"]).toBe("DescribeDisks");
    expect(await verifyAlibabaV3(v3, { [KEYS.alibaba.accessKeyId]: KEYS.alibaba.accessKeySecret })).toEqual({
      ok: true,
      version: "v3",
      accessKeyId: KEYS.alibaba.accessKeyId,
    });
    const v1Params = {
      ...Object.fromEntries(new URL(v1.url, "http://x").searchParams),
      ...Object.fromEntries(new URLSearchParams(v1.body)),
    };
    expect(v1Params).toMatchObject({
      Action: "ResetDisks",
      SignatureMethod: "HMAC-SHA1",
      "Disk.1.DiskId": "d-bp1browser0001",
      "Disk.1.SnapshotId": "s-bp1browser0001",
      "Disk.2.DiskId": "d-bp1browser0002",
      "Disk.2.SnapshotId": "s-bp1browser0002",
    });
    expect(await verifyAlibabaV1(v1, { [KEYS.alibaba.accessKeyId]: KEYS.alibaba.accessKeySecret })).toEqual({
      ok: true,
      version: "v1",
      accessKeyId: KEYS.alibaba.accessKeyId,
    });
  });

  it("UCloudStack: a DescribeSnapshot JSON body arrived and its signature verifies", async () => {
    const received = ucloudstackCalls();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({
      Action: "DescribeSnapshot",
      Region: "cn",
      Zone: "zone-01",
      DiskID: "disk-browser-1",
      Limit: 10,
      PublicKey: KEYS.ucloudstack.publicKey,
    });
    expect(await verifyUCloudStackSignature(received[0]!, { [KEYS.ucloudstack.publicKey]: KEYS.ucloudstack.privateKey })).toEqual({
      ok: true,
    });
  });

  it("went through real CORS: preflights answered, no header refused, every call from the page's origin", () => {
    expect(upstream.requests.filter((r) => r.method === "OPTIONS").length).toBeGreaterThan(0);
    expect(refusedHeaders).toEqual([]);
    for (const request of upstream.requests) expect(request.headers.origin).toBe(site.url);
  });

  it("logged no error or warning (but Chromium's own line for the deliberate 404), and made no request beyond 127.0.0.1", () => {
    const notFoundUrl = `${upstream.url}/v2/${KEYS.huawei.projectId}/snapshots/00000000-0000-4000-8000-000000000000`;
    expect(pageErrors).toEqual([
      `console.error: Failed to load resource: the server responded with a status of 404 (Not Found) (${notFoundUrl})`,
    ]);
    expect(pageRequests.length).toBeGreaterThan(0);
    for (const url of pageRequests) expect(url).toMatch(/^(http:\/\/127\.0\.0\.1:\d+\/|data:)/);
  });
});

/**
 * The benchmark's local server, run as its own process so its CPU never counts
 * against the client being measured. One listener per provider on 127.0.0.1,
 * answering at once with provider-shaped bodies (lib/bodies.ts); signatures are
 * not checked (every client uses dummy credentials). Prints
 * `{"huawei":port,"alibaba":port,"ucloudstack":port}` on its first stdout line, and
 * exits when its stdin closes (the harness ended) or on SIGTERM.
 *
 *   Huawei      GET  /v2/{project}/snapshots/detail?limit&marker          EVS list (link paging)
 *               POST /v2/{project}/cloudsnapshots/{id}/rollback           EVS rollback (id containing "missing": 404 EVS.5404)
 *               GET  /v1/{project}/cloudservers/detail?limit&offset       ECS list (the Huawei SDK peer)
 *               POST /v2/{project}/cloudservers/{id}/changeos             ECS re-image (peer's rollback-like call; "missing": 404)
 *   Alibaba     POST /  action from x-acs-action (V3) or Action= (V1); DescribeSnapshots (NextToken paging), ResetDisk
 *   UCloudStack POST /  JSON body with Action; DescribeSnapshot (Offset/Limit paging), RollbackSnapshot (RetCode 2501 for "missing")
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  TOTAL,
  alibabaSnapshot,
  huaweiServer,
  huaweiSnapshot,
  huaweiSnapshotId,
  indexFromHuaweiId,
  range,
  ucloudStackSnapshot,
} from "./lib/bodies.ts";

let requestCounter = 0;
const requestId = () => `bench-${(++requestCounter).toString(16).padStart(8, "0")}`;

/** Serialized bodies of the pages every per-call run asks for, built once. */
const cache = new Map<string, string>();
function cached(key: string, build: () => unknown): string {
  let text = cache.get(key);
  if (text === undefined) {
    text = JSON.stringify(build());
    if (cache.size < 64) cache.set(key, text);
  }
  return text;
}

function send(response: ServerResponse, status: number, text: string, idHeader: string): void {
  response.writeHead(status, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    [idHeader]: requestId(),
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const clampInt = (value: string | null | undefined, fallback: number, max: number) => {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
};

async function huawei(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const body = request.method === "POST" ? await readBody(request) : "";
  const parts = url.pathname.split("/").filter(Boolean);
  const id = "x-request-id";
  // GET /v2/{project}/snapshots/detail
  if (request.method === "GET" && parts[2] === "snapshots" && parts[3] === "detail") {
    const limit = clampInt(url.searchParams.get("limit"), 1000, 1000);
    const marker = url.searchParams.get("marker");
    const start = marker ? indexFromHuaweiId(marker) + 1 : 0;
    const text = cached(`hw-snap-${start}-${limit}`, () => {
      const snapshots = range(start, limit, huaweiSnapshot);
      const more = start + limit < TOTAL;
      const next = `http://${request.headers.host}${url.pathname}?limit=${limit}&marker=${huaweiSnapshotId(start + snapshots.length - 1)}`;
      return { snapshots, snapshots_links: more ? [{ href: next, rel: "next" }] : null };
    });
    return send(response, 200, text, id);
  }
  // POST /v2/{project}/cloudsnapshots/{id}/rollback
  if (request.method === "POST" && parts[2] === "cloudsnapshots" && parts[4] === "rollback") {
    const snapshotId = decodeURIComponent(parts[3] ?? "");
    if (snapshotId.includes("missing")) {
      return send(
        response,
        404,
        JSON.stringify({ error: { message: `Snapshot ${snapshotId} could not be found.`, code: "EVS.5404" } }),
        id,
      );
    }
    const volumeId = (JSON.parse(body || "{}") as { rollback?: { volume_id?: string } }).rollback?.volume_id ?? "";
    return send(
      response,
      202,
      JSON.stringify({ rollback: { snapshot_id: snapshotId, volume_id: volumeId, volume_name: "db-data-01" } }),
      id,
    );
  }
  // GET /v1/{project}/cloudservers/detail (Huawei ECS SDK peer)
  if (request.method === "GET" && parts[2] === "cloudservers" && parts[3] === "detail") {
    const limit = clampInt(url.searchParams.get("limit"), 25, 1000);
    const offset = clampInt(url.searchParams.get("offset"), 1, TOTAL);
    const text = cached(`hw-srv-${offset}-${limit}`, () => ({ count: TOTAL, servers: range((offset - 1) * limit, limit, huaweiServer) }));
    return send(response, 200, text, id);
  }
  // POST /v2/{project}/cloudservers/{id}/changeos (Huawei ECS SDK peer)
  if (request.method === "POST" && parts[2] === "cloudservers" && parts[4] === "changeos") {
    const serverId = decodeURIComponent(parts[3] ?? "");
    if (serverId.includes("missing")) {
      return send(response, 404, JSON.stringify({ error: { message: `Instance[${serverId}] could not be found.`, code: "Ecs.0114" } }), id);
    }
    return send(response, 200, JSON.stringify({ job_id: "ff80808288d41e1b018990260955686a" }), id);
  }
  send(
    response,
    404,
    JSON.stringify({ error_code: "APIGW.0101", error_msg: "The API does not exist or has not been published in the environment" }),
    id,
  );
}

async function alibaba(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const text = request.method === "POST" ? await readBody(request) : "";
  const params = new URLSearchParams(url.search);
  if (text && !text.trimStart().startsWith("{")) for (const [name, value] of new URLSearchParams(text)) params.set(name, value);
  const action = (request.headers["x-acs-action"] as string | undefined) ?? params.get("Action") ?? "";
  const id = "x-acs-request-id";
  const requestIdValue = "8D1C3B6E-0F4A-5C2B-9E7D-1A2B3C4D5E6F";
  if (action === "DescribeSnapshots") {
    const size = clampInt(params.get("MaxResults"), 10, 1000);
    const token = params.get("NextToken");
    const start = token ? Number.parseInt(token.slice(2), 16) : 0;
    const body = cached(`ali-snap-${start}-${size}`, () => {
      const snapshots = range(start, size, alibabaSnapshot);
      const next = start + snapshots.length;
      return {
        RequestId: requestIdValue,
        TotalCount: TOTAL,
        NextToken: next < TOTAL ? `t-${next.toString(16)}` : "",
        Snapshots: { Snapshot: snapshots },
      };
    });
    return send(response, 200, body, id);
  }
  if (action === "ResetDisk") {
    const diskId = params.get("DiskId") ?? "";
    if (diskId.includes("missing")) {
      return send(
        response,
        404,
        JSON.stringify({
          RequestId: requestIdValue,
          HostId: "ecs.aliyuncs.com",
          Code: "InvalidDiskId.NotFound",
          Message: "The specified disk does not exist.",
          Recommend: "https://api.aliyun.com/troubleshoot?q=InvalidDiskId.NotFound",
        }),
        id,
      );
    }
    return send(response, 200, JSON.stringify({ RequestId: requestIdValue }), id);
  }
  send(
    response,
    400,
    JSON.stringify({
      RequestId: requestIdValue,
      HostId: "ecs.aliyuncs.com",
      Code: "InvalidAction.NotFound",
      Message: `Specified api ${action} is not found.`,
    }),
    id,
  );
}

async function ucloudStack(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const text = await readBody(request);
  const params = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  const action = String(params.Action ?? "");
  const id = "x-ucloud-request-uuid";
  if (action === "DescribeSnapshot") {
    const limit = clampInt(String(params.Limit ?? ""), 20, 1000);
    const offset = Math.max(0, Number(params.Offset ?? 0) || 0);
    const body = cached(`ucs-snap-${offset}-${limit}`, () => ({
      Action: "DescribeSnapshotResponse",
      RetCode: 0,
      Message: "",
      TotalCount: TOTAL,
      Infos: range(offset, limit, ucloudStackSnapshot),
    }));
    return send(response, 200, body, id);
  }
  if (action === "RollbackSnapshot") {
    if (String(params.SnapshotID ?? "").includes("missing")) {
      return send(
        response,
        200,
        JSON.stringify({ Action: "RollbackSnapshotResponse", RetCode: 2501, Message: "VM is not stopped, cannot rollback the disk" }),
        id,
      );
    }
    return send(response, 200, JSON.stringify({ Action: "RollbackSnapshotResponse", RetCode: 0, Message: "" }), id);
  }
  send(response, 200, JSON.stringify({ Action: `${action}Response`, RetCode: 160, Message: "Action not exist" }), id);
}

const handlers = { huawei, alibaba, ucloudstack: ucloudStack } as const;
const ports: Record<string, number> = {};
const servers: Server[] = [];
for (const [name, handler] of Object.entries(handlers)) {
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    handler(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, JSON.stringify({ message: String(error) }), "x-request-id");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ports[name] = (server.address() as AddressInfo).port;
  servers.push(server);
}
process.stdout.write(`${JSON.stringify(ports)}\n`);

const stop = () => {
  for (const server of servers) server.closeAllConnections();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
process.on("SIGTERM", stop);

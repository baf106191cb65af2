/**
 * The three ways each benchmark call is made, per provider:
 *   ours      the package's public client (createEvsClient / createEcsClient / createUCloudStackClient)
 *   baseline  raw `fetch` + the package's exported signer, written inline: the same
 *             transport (global fetch) and the same signing, nothing else, so
 *             ours / baseline is the wrapper's overhead
 *   reference the baseline with the signers on WebCrypto, as they signed when issue 15 was filed
 *             (\`process.getBuiltinModule\` hidden while they sign): a fixed point for issue 15's goals,
 *             since the baseline moved with the signers
 *   peer      the official SDK (Huawei ECS + core, Alibaba ECS 2014-05-26)
 * Every kind has the same three calls: `list` (one page of 10), `rollback` (a
 * rollback-like write) and `error` (one provider error per call; it must throw).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

export type Provider = "huawei" | "alibaba" | "ucloudstack";
export type Kind = "ours" | "baseline" | "reference" | "peer";
export type Op = "list" | "rollback" | "error";
export type Ports = Record<Provider, number>;
export type Calls = Record<Op, () => Promise<unknown>>;

/** Page size of every per-call list (Alibaba's default PageSize). */
export const LIST_PAGE = 10;

export const HUAWEI = {
  projectId: "9c53a566cb3443ab910cf0daebca90c4",
  credentials: { accessKeyId: "BENCHAKEXAMPLE000001", secretAccessKey: "benchSecretAccessKeyExample0000000000001" },
  snapshotId: "3560c3bd-194d-4518-9eb8-000000000001",
  volumeId: "0c789a06-d00d-4cfc-861e-000000000001",
  missingSnapshotId: "3560c3bd-194d-4518-9eb8-missing00001",
};
export const ALIBABA = {
  regionId: "cn-hangzhou",
  version: "2014-05-26",
  credentials: { accessKeyId: "LTAI5tBenchExample0001", accessKeySecret: "benchAccessKeySecretExample000001" },
  diskId: "d-bp1000000000001",
  snapshotId: "s-bp1000000000001",
  missingDiskId: "d-bp1missing000001",
};
export const UCLOUDSTACK = {
  region: "cn",
  zone: "zone-01",
  credentials: { publicKey: "benchPublicKeyExample0001", privateKey: "benchPrivateKeyExample00000000000001" },
  diskId: "disk-9qk2vxmb",
  snapshotId: "snapshot-pz6m1kfa",
  missingSnapshotId: "snapshot-missing01",
};

const base = (ports: Ports, provider: Provider) => `http://127.0.0.1:${ports[provider]}`;

function expectOk(response: Response, body: unknown): void {
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
}

/**
 * Loads the package entry for a provider. `entry` is a path template with `{provider}`:
 * `<root>/dist/{provider}.js` (the bundle users get), or the `.ts` source in smoke mode.
 */
export async function loadEntry(entry: string, provider: Provider): Promise<Record<string, any>> {
  return import(pathToFileURL(entry.replace("{provider}", provider)).href);
}

/** `extra`: more client options (bench/tools/overhead.ts passes its in-process `fetch`). */
export async function ourCalls(provider: Provider, ports: Ports, entry: string, extra: Record<string, unknown> = {}): Promise<Calls> {
  const m = await loadEntry(entry, provider);
  const endpoint = base(ports, provider);
  if (provider === "huawei") {
    const evs = m.createEvsClient({ endpoint, projectId: HUAWEI.projectId, credentials: HUAWEI.credentials, ...extra });
    return {
      list: () => evs.cinderListSnapshotsDetails({ limit: LIST_PAGE }),
      rollback: () => evs.rollbackSnapshot({ snapshot_id: HUAWEI.snapshotId, rollback: { volume_id: HUAWEI.volumeId } }),
      error: () => evs.rollbackSnapshot({ snapshot_id: HUAWEI.missingSnapshotId, rollback: { volume_id: HUAWEI.volumeId } }),
    };
  }
  if (provider === "alibaba") {
    const ecs = m.createEcsClient({ endpoint, regionId: ALIBABA.regionId, credentials: ALIBABA.credentials, ...extra });
    return {
      list: () => ecs.describeSnapshots({ MaxResults: LIST_PAGE }),
      rollback: () => ecs.resetDisk({ DiskId: ALIBABA.diskId, SnapshotId: ALIBABA.snapshotId }),
      error: () => ecs.resetDisk({ DiskId: ALIBABA.missingDiskId, SnapshotId: ALIBABA.snapshotId }),
    };
  }
  const ucs = m.createUCloudStackClient({
    endpoint,
    region: UCLOUDSTACK.region,
    zone: UCLOUDSTACK.zone,
    credentials: UCLOUDSTACK.credentials,
    ...extra,
  });
  return {
    list: () => ucs.describeSnapshot({ Offset: 0, Limit: LIST_PAGE }),
    rollback: () => ucs.rollbackSnapshot({ DiskID: UCLOUDSTACK.diskId, SnapshotID: UCLOUDSTACK.snapshotId }),
    error: () => ucs.rollbackSnapshot({ DiskID: UCLOUDSTACK.diskId, SnapshotID: UCLOUDSTACK.missingSnapshotId }),
  };
}

/** Raw fetch + the package's signer: the requests are byte-for-byte what the client sends. */
export async function baselineCalls(provider: Provider, ports: Ports, entry: string, webCrypto = false): Promise<Calls> {
  const m = webCryptoSigners(await loadEntry(entry, provider), webCrypto);
  const endpoint = base(ports, provider);
  if (provider === "huawei") {
    const sign = m.signHuaweiRequest as (request: Request, credentials: unknown) => Promise<Request>;
    const root = `${endpoint}/v2/${HUAWEI.projectId}`;
    const rollback = async (snapshotId: string) => {
      const request = new Request(`${root}/cloudsnapshots/${snapshotId}/rollback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rollback: { volume_id: HUAWEI.volumeId } }),
      });
      const response = await fetch(await sign(request, HUAWEI.credentials));
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      if (!response.ok)
        throw Object.assign(new Error(body.error?.message ?? `HTTP ${response.status}`), {
          status: response.status,
          code: body.error?.code,
        });
      return body;
    };
    return {
      list: async () => {
        const response = await fetch(await sign(new Request(`${root}/snapshots/detail?limit=${LIST_PAGE}`), HUAWEI.credentials));
        const body = await response.json();
        expectOk(response, body);
        return body;
      },
      rollback: () => rollback(HUAWEI.snapshotId),
      error: () => rollback(HUAWEI.missingSnapshotId),
    };
  }
  if (provider === "alibaba") {
    const sign = m.signAlibabaV3 as (request: Request, credentials: unknown) => Promise<Request>;
    const call = async (action: string, query: string) => {
      const request = new Request(`${endpoint}/?${query}`, {
        method: "POST",
        headers: { "x-acs-action": action, "x-acs-version": ALIBABA.version },
      });
      const response = await fetch(await sign(request, ALIBABA.credentials));
      const body = (await response.json()) as { Code?: string; Message?: string };
      if (!response.ok)
        throw Object.assign(new Error(body.Message ?? `HTTP ${response.status}`), { status: response.status, code: body.Code });
      return body;
    };
    return {
      list: () => call("DescribeSnapshots", `RegionId=${ALIBABA.regionId}&MaxResults=${LIST_PAGE}`),
      rollback: () => call("ResetDisk", `DiskId=${ALIBABA.diskId}&SnapshotId=${ALIBABA.snapshotId}`),
      error: () => call("ResetDisk", `DiskId=${ALIBABA.missingDiskId}&SnapshotId=${ALIBABA.snapshotId}`),
    };
  }
  const sign = m.signUCloudStack as (params: Record<string, unknown>, credentials: unknown) => Promise<string>;
  const call = async (params: Record<string, unknown>) => {
    const signed = { ...params, Region: UCLOUDSTACK.region, Zone: UCLOUDSTACK.zone, PublicKey: UCLOUDSTACK.credentials.publicKey };
    const Signature = await sign(signed, UCLOUDSTACK.credentials);
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...signed, Signature }),
    });
    const body = (await response.json()) as { RetCode?: number; Message?: string };
    expectOk(response, body);
    if (body.RetCode !== 0) throw Object.assign(new Error(body.Message ?? `RetCode ${body.RetCode}`), { code: String(body.RetCode) });
    return body;
  };
  return {
    list: () => call({ Action: "DescribeSnapshot", Offset: 0, Limit: LIST_PAGE }),
    rollback: () => call({ Action: "RollbackSnapshot", DiskID: UCLOUDSTACK.diskId, SnapshotID: UCLOUDSTACK.snapshotId }),
    error: () => call({ Action: "RollbackSnapshot", DiskID: UCLOUDSTACK.diskId, SnapshotID: UCLOUDSTACK.missingSnapshotId }),
  };
}

/** The official SDKs, loaded with `require` from bench/node_modules as a CommonJS user would. */
export async function peerCalls(provider: Provider, ports: Ports, benchDir: string): Promise<Calls> {
  const require = createRequire(`${benchDir}/package.json`);
  if (provider === "huawei") {
    const core = require("@huaweicloud/huaweicloud-sdk-core");
    const ecs = require("@huaweicloud/huaweicloud-sdk-ecs");
    const credentials = new core.BasicCredentials()
      .withAk(HUAWEI.credentials.accessKeyId)
      .withSk(HUAWEI.credentials.secretAccessKey)
      .withProjectId(HUAWEI.projectId);
    const client = ecs.EcsClient.newBuilder().withCredential(credentials).withEndpoint(base(ports, provider)).build();
    const changeOs = (serverId: string) =>
      client.changeServerOsWithCloudInit(
        new ecs.ChangeServerOsWithCloudInitRequest()
          .withServerId(serverId)
          .withBody(
            new ecs.ChangeServerOsWithCloudInitRequestBody().withOsChange(
              new ecs.ChangeServerOsWithCloudInitOption().withImageid("1189efbf-d48b-46ad-a823-94b942e2a000").withKeyname("ops"),
            ),
          ),
      );
    return {
      list: () => client.listServersDetails(new ecs.ListServersDetailsRequest().withLimit(LIST_PAGE)),
      rollback: () => changeOs("a3c4f7e2-9b1d-4f6a-8e2c-000000000001"),
      error: () => changeOs("a3c4f7e2-9b1d-4f6a-8e2c-missing00001"),
    };
  }
  if (provider === "alibaba") {
    const Ecs = require("@alicloud/ecs20140526");
    const OpenApi = require("@alicloud/openapi-client");
    const config = new OpenApi.Config({
      accessKeyId: ALIBABA.credentials.accessKeyId,
      accessKeySecret: ALIBABA.credentials.accessKeySecret,
      regionId: ALIBABA.regionId,
      endpoint: `127.0.0.1:${ports.alibaba}`,
      protocol: "http",
    });
    const client = new Ecs.default(config);
    return {
      list: () => client.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: ALIBABA.regionId, maxResults: LIST_PAGE })),
      rollback: () => client.resetDisk(new Ecs.ResetDiskRequest({ diskId: ALIBABA.diskId, snapshotId: ALIBABA.snapshotId })),
      error: () => client.resetDisk(new Ecs.ResetDiskRequest({ diskId: ALIBABA.missingDiskId, snapshotId: ALIBABA.snapshotId })),
    };
  }
  throw new Error("UCloudStack has no official JS SDK on the registry: it is compared with the raw baseline only");
}

/**
 * The entry with its signers on WebCrypto when `webCrypto` is set: `process.getBuiltinModule` is hidden
 * while one signs, so src/core/common/webcrypto.ts finds no `node:crypto` (it looks at each hash). The
 * calls of one kind run one after another, never interleaved with another kind's, so nothing else of
 * the package runs while it is hidden.
 */
function webCryptoSigners(m: Record<string, any>, webCrypto: boolean): Record<string, any> {
  if (!webCrypto) return m;
  const runtime = process as { getBuiltinModule?: unknown };
  const onWebCrypto =
    (sign: (...args: any[]) => Promise<unknown>) =>
    async (...args: any[]) => {
      const saved = runtime.getBuiltinModule;
      runtime.getBuiltinModule = undefined;
      try {
        return await sign(...args);
      } finally {
        runtime.getBuiltinModule = saved;
      }
    };
  return {
    ...m,
    ...Object.fromEntries(
      ["signHuaweiRequest", "signAlibabaV3", "signUCloudStack"].filter((name) => m[name]).map((name) => [name, onWebCrypto(m[name])]),
    ),
  };
}

export async function callsFor(kind: Kind, provider: Provider, ports: Ports, entry: string, benchDir: string): Promise<Calls> {
  if (kind === "ours") return ourCalls(provider, ports, entry);
  if (kind === "baseline") return baselineCalls(provider, ports, entry);
  if (kind === "reference") return baselineCalls(provider, ports, entry, true);
  return peerCalls(provider, ports, benchDir);
}

/** The paginated list each provider's memory run iterates, with its page-size parameter. */
export async function ourPager(provider: Provider, ports: Ports, entry: string, pageSize: number): Promise<AsyncIterable<unknown>> {
  const m = await loadEntry(entry, provider);
  const endpoint = base(ports, provider);
  const options = { maxPages: 1_000_000 };
  if (provider === "huawei") {
    return m
      .createEvsClient({ endpoint, projectId: HUAWEI.projectId, credentials: HUAWEI.credentials })
      .paginate("CinderListSnapshotsDetails", { limit: pageSize }, options);
  }
  if (provider === "alibaba") {
    return m
      .createEcsClient({ endpoint, regionId: ALIBABA.regionId, credentials: ALIBABA.credentials })
      .paginate("DescribeSnapshots", { MaxResults: pageSize }, options);
  }
  return m
    .createUCloudStackClient({ endpoint, region: UCLOUDSTACK.region, zone: UCLOUDSTACK.zone, credentials: UCLOUDSTACK.credentials })
    .paginate("DescribeSnapshot", { Limit: pageSize }, options);
}

/** The raw baseline's paging loop: fetch + the package's signer, following each provider's cursor by hand. */
export async function* baselinePager(
  provider: Provider,
  ports: Ports,
  entry: string,
  pageSize: number,
): AsyncGenerator<unknown, void, undefined> {
  const m = await loadEntry(entry, provider);
  const endpoint = base(ports, provider);
  if (provider === "huawei") {
    let url: string | undefined = `${endpoint}/v2/${HUAWEI.projectId}/snapshots/detail?limit=${pageSize}`;
    while (url) {
      const response = await fetch(await m.signHuaweiRequest(new Request(url), HUAWEI.credentials));
      const body = (await response.json()) as { snapshots: unknown[]; snapshots_links?: Array<{ href: string; rel: string }> | null };
      expectOk(response, body);
      yield* body.snapshots;
      url = body.snapshots_links?.find((link) => link.rel === "next")?.href;
    }
    return;
  }
  if (provider === "alibaba") {
    let token = "";
    do {
      const query = `RegionId=${ALIBABA.regionId}&MaxResults=${pageSize}${token ? `&NextToken=${encodeURIComponent(token)}` : ""}`;
      const request = new Request(`${endpoint}/?${query}`, {
        method: "POST",
        headers: { "x-acs-action": "DescribeSnapshots", "x-acs-version": ALIBABA.version },
      });
      const response = await fetch(await m.signAlibabaV3(request, ALIBABA.credentials));
      const body = (await response.json()) as { NextToken?: string; Snapshots: { Snapshot: unknown[] } };
      expectOk(response, body);
      yield* body.Snapshots.Snapshot;
      token = body.NextToken ?? "";
    } while (token);
    return;
  }
  for (let offset = 0; ; ) {
    const params = {
      Action: "DescribeSnapshot",
      Offset: offset,
      Limit: pageSize,
      Region: UCLOUDSTACK.region,
      Zone: UCLOUDSTACK.zone,
      PublicKey: UCLOUDSTACK.credentials.publicKey,
    };
    const Signature = await m.signUCloudStack(params, UCLOUDSTACK.credentials);
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...params, Signature }),
    });
    const body = (await response.json()) as { Infos: unknown[]; TotalCount: number };
    expectOk(response, body);
    if (body.Infos.length === 0) return;
    yield* body.Infos;
    offset += body.Infos.length;
    if (offset >= body.TotalCount) return;
  }
}

/**
 * One safe read and one write per provider, with a client built on any endpoint, so
 * transport rules (redirects, limits, deadlines, concurrency) are tested the same way
 * for all three. The bodies are what each API documents for a success.
 */
import { createEcsClient } from "../../src/alibaba/index.ts";
import type { CommonClientConfig } from "../../src/core/client/config.ts";
import { createEvsClient } from "../../src/huawei/index.ts";
import { createUCloudStackClient } from "../../src/ucloudstack/index.ts";

export const SECRETS = {
  huawei: "SK-hardening-secret-0123456789",
  alibaba: "alibaba-hardening-secret-abcdef",
  ucloudstack: "ucs-hardening-private-key-xyz",
};

export interface ProviderCase {
  provider: "huawei" | "alibaba" | "ucloudstack";
  /** A read the client may retry. */
  read(
    endpoint: string,
    extra?: Partial<CommonClientConfig>,
  ): (options?: { deadlineMs?: number; signal?: AbortSignal }) => Promise<unknown>;
  /** A write that must never be repeated or turned into a GET. */
  write(endpoint: string, extra?: Partial<CommonClientConfig>): () => Promise<unknown>;
  /** The success body of `read`. */
  readBody: unknown;
  /** The write's HTTP method on the wire. */
  writeMethod: string;
  /** The provider's own "throttled" refusal (status and body) for `read`. */
  throttled: { status: number; body: unknown };
  /** A 503 body in the provider's error shape. */
  busy: unknown;
}

const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const fast = { retry: { maxAttempts: 3, baseDelayMs: 1 } };

type Extra = Partial<CommonClientConfig>;
const evsAt = (endpoint: string, extra: Extra = {}) =>
  createEvsClient({
    endpoint,
    projectId: "0123456789abcdef0123456789abcdef",
    credentials: { accessKeyId: "AKHARDENING", secretAccessKey: SECRETS.huawei },
    ...fast,
    ...extra,
  });
const ecsAt = (endpoint: string, extra: Extra = {}) =>
  createEcsClient({
    endpoint,
    regionId: "cn-beijing",
    credentials: { accessKeyId: "LTAIHARDENING", accessKeySecret: SECRETS.alibaba },
    ...fast,
    ...extra,
  });
const ucsAt = (endpoint: string, extra: Extra = {}) =>
  createUCloudStackClient({
    endpoint: `${endpoint}/api`,
    region: "cn",
    credentials: { publicKey: "ucs-hardening-public", privateKey: SECRETS.ucloudstack },
    ...fast,
    ...extra,
  });

export const providerCases: ProviderCase[] = [
  {
    provider: "huawei",
    read: (endpoint, extra) => {
      const evs = evsAt(endpoint, extra);
      return (options) => evs.cinderShowVolume({ volume_id: VOLUME }, options);
    },
    write: (endpoint, extra) => {
      const evs = evsAt(endpoint, extra);
      return () => evs.rollbackSnapshot({ snapshot_id: "snap-1", rollback: { volume_id: VOLUME } });
    },
    readBody: { volume: { id: VOLUME, name: "v", status: "available", size: 10 } },
    writeMethod: "POST",
    // API Gateway throttling comes as a 400 with its own code (https://support.huaweicloud.com/intl/en-us/apig_faq/apig-faq-0003.html).
    throttled: {
      status: 400,
      body: { error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached", request_id: "r-throttled" },
    },
    busy: { error: { code: "EVS.9999", message: "busy" } },
  },
  {
    provider: "alibaba",
    read: (endpoint, extra) => {
      const ecs = ecsAt(endpoint, extra);
      return (options) => ecs.describeDisks({}, options);
    },
    write: (endpoint, extra) => {
      const ecs = ecsAt(endpoint, extra);
      return () => ecs.resetDisks({ Disk: [{ DiskId: "d-1", SnapshotId: "s-1" }] });
    },
    readBody: { RequestId: "r-1", TotalCount: 0, PageNumber: 1, PageSize: 10, Disks: { Disk: [] } },
    writeMethod: "POST",
    throttled: {
      status: 400,
      body: { RequestId: "r-throttled", Code: "Throttling.User", Message: "Request was denied due to user flow control." },
    },
    busy: { RequestId: "r-busy", Code: "InternalError", Message: "The request processing has failed due to some unknown error." },
  },
  {
    provider: "ucloudstack",
    read: (endpoint, extra) => {
      const ucs = ucsAt(endpoint, extra);
      return (options) => ucs.describeSnapshot({}, options);
    },
    write: (endpoint, extra) => {
      const ucs = ucsAt(endpoint, extra);
      return () => ucs.rollbackSnapshot({ DiskID: "disk-1", SnapshotID: "snap-1" });
    },
    readBody: { Action: "DescribeSnapshotResponse", RetCode: 0, Message: "", TotalCount: 0, Infos: [] },
    writeMethod: "POST",
    // UCloudStack has no throttling RetCode of its own; its gateway answers 429.
    throttled: { status: 429, body: { message: "too many requests" } },
    busy: { message: "busy" },
  },
];

/**
 * Alibaba's RPC error envelope, as every ECS action documents it (common.yaml `AlibabaError`):
 * `{RequestId, HostId, Code, Message, Recommend}`. The status and message of a code are the
 * spec's documented ones: the operation's own error example first (the same code is documented
 * under different statuses and messages by different actions), else another action's example,
 * else the catalog's text. A code outside the spec's catalog is a bug of the emulator.
 */
import { randomUUID } from "node:crypto";
import { answers, errorSummaries } from "../../../generated/alibaba/ecs.answers.ts";
import { CloudDiskError } from "../../core/common/errors.ts";
import type { EmulatorResponse } from "../http-server.ts";

interface Documented {
  status: number;
  message: string;
}

const byOperation = new Map<string, Documented>();
const anywhere = new Map<string, Documented>();
/** The error statuses each operation documents (an answer must use one of them). */
const statusesOf = new Map<string, Set<number>>();
for (const [operationId, { errors }] of Object.entries(answers)) {
  const statuses = new Set<number>();
  for (const { status, body } of errors) {
    statuses.add(status);
    const { Code: code, Message: message } = body as { Code?: string; Message?: string };
    if (typeof code !== "string" || typeof message !== "string") continue;
    const key = `${operationId} ${code}`;
    if (!byOperation.has(key)) byOperation.set(key, { status, message });
    if (!anywhere.has(code)) anywhere.set(code, { status, message });
  }
  statusesOf.set(operationId, statuses);
}

/** `DryRunOperation` is how a passing dry run answers, not a catalog error (common.yaml says so), but it is documented. */
const NOT_ERRORS = new Set(["DryRunOperation"]);

/** The documented status and message of a code for an operation. */
export function documented(operationId: string | undefined, code: string): Documented {
  if (!(code in errorSummaries) && !NOT_ERRORS.has(code))
    throw new CloudDiskError(`emulator: ${code} is not in the Alibaba spec's error catalog`, { provider: "alibaba" });
  const found = (operationId && byOperation.get(`${operationId} ${code}`)) || anywhere.get(code);
  if (found) return found;
  const summary = errorSummaries[code]!;
  const quoted = /^documented as "(.*)"$/.exec(summary)?.[1];
  const text = quoted ?? summary.replace(/ \((code|message) spelled as documented\)/, "");
  return { status: 400, message: text.charAt(0).toUpperCase() + text.slice(1) };
}

/**
 * An error answer. `status` overrides the documented one; either way, when the operation
 * documents no error answer with that status, the nearest it does document is used (400 for a
 * refused request, 403 for a refused state, 404 for a missing resource), so the answer stays
 * one the spec describes.
 */
export function alibabaError(
  operationId: string | undefined,
  code: string,
  host: string,
  options: { message?: string | undefined; status?: number | undefined } = {},
): EmulatorResponse {
  const known = documented(operationId, code);
  let status = options.status ?? known.status;
  const statuses = operationId ? statusesOf.get(operationId) : undefined;
  if (statuses && statuses.size > 0 && !statuses.has(status)) {
    const order = status >= 500 ? [500, 503, 400] : status === 404 ? [404, 403, 400] : [status, 403, 400, 404];
    status = order.find((candidate) => statuses.has(candidate)) ?? [...statuses][0]!;
  }
  const requestId = newRequestId();
  return {
    status,
    body: {
      RequestId: requestId,
      HostId: host,
      Code: code,
      Message: options.message ?? known.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Ecs&requestId=${requestId}`,
    },
  };
}

/** `473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E`: the form of Alibaba's request ids. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

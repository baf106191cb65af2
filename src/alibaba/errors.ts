/**
 * Alibaba Cloud error bodies, `{RequestId, HostId, Code, Message, Recommend}`, in
 * the shared hierarchy. Codes say more than statuses (`IncorrectDiskStatus` is a 403,
 * `Throttling.User` a 400), so the category comes from the code first.
 * `DryRunOperation` is not an error: it is how the service says a dry run passed.
 */
import { categoryFromStatus, createApiError, type ApiError, type ErrorCategory } from "../core/shared/errors.ts";
import type { ProviderAdapter, ProviderAnswer } from "../core/operations/operation-client.ts";

/** What a call with `DryRun: true` returns when the request would have been accepted. */
export interface DryRunPassed {
  DryRunOperation: true;
  RequestId: string;
  Message: string;
}

export function isDryRunPassed(value: unknown): value is DryRunPassed {
  return !!value && typeof value === "object" && (value as { DryRunOperation?: unknown }).DryRunOperation === true;
}

interface AlibabaErrorBody {
  Code: string;
  Message?: string;
  RequestId?: string;
  HostId?: string;
  Recommend?: string;
}

function errorBody(body: unknown): AlibabaErrorBody | undefined {
  if (!body || typeof body !== "object") return undefined;
  const code = (body as { Code?: unknown }).Code;
  return typeof code === "string" ? (body as AlibabaErrorBody) : undefined;
}

/**
 * Code patterns, first match wins. Sources: the ResetDisks error table
 * (https://help.aliyun.com/zh/ecs/developer-reference/api-ecs-2014-05-26-resetdisks),
 * the ECS API error tables and Alibaba's common error
 * codes (signature, throttling) — see openapi/alibaba/common.yaml.
 */
const CATEGORY_RULES: ReadonlyArray<readonly [RegExp, ErrorCategory]> = [
  [/^Throttling(\.|$)|^ServiceUnavailable|^RequestLimitExceeded/i, "throttled"],
  [
    /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidTimeStamp|SignatureNonceUsed|InvalidSecurityToken|MissingSecurityToken|InvalidAccessKeySecret)/,
    "authentication",
  ],
  [/(\.NotFound|NotFound)$|^(InvalidRegionId\.NotFound)/, "not-found"],
  [
    /^(IncorrectDiskStatus|IncorrectInstanceStatus|IncorrectSnapshotStatus|InvalidSnapshotId\.NotReady|Operation\.Conflict|OperationConflict|InvalidStatus|IncorrectStatus|InvalidOperation\.|InvalidDisk\.ShareVolume|DiskCategory\.OperationNotSupported|InvalidSnapshot\.TooOld|InvalidParameter\.Mismatch|SnapshotCreatedDisk|SnapshotCreatedImage)/,
    "invalid-state",
  ],
  [/^(QuotaExceed|QuotaExceeded|.*\.QuotaExceed|.*QuotaExceeded$|InvalidSnapshotId\.QuotaExceed|SnapshotQuotaExceed)/i, "quota"],
  [
    /^(Forbidden|InvalidAccountStatus|UserNotInTheWhiteList|InstanceLockedForSecurity|InstanceExpiredOrInArrears|OperationDenied|NoPermission|InvalidParameter\.KMSKeyId\.(CMKUnauthorized|KMSUnauthorized))/,
    "permission",
  ],
  [/^(InternalError|UnknownError)/, "server"],
];

export function alibabaCategory(status: number, code: string | undefined): ErrorCategory {
  if (code) for (const [pattern, category] of CATEGORY_RULES) if (pattern.test(code)) return category;
  return categoryFromStatus(status);
}

export const alibabaAdapter: ProviderAdapter = {
  provider: "alibaba",
  requestId(headers: Headers, body: unknown): string | undefined {
    const fromBody = body && typeof body === "object" ? (body as { RequestId?: unknown }).RequestId : undefined;
    return typeof fromBody === "string" ? fromBody : (headers.get("x-acs-request-id") ?? undefined);
  },
  resultFromError(answer: ProviderAnswer): DryRunPassed | undefined {
    const body = errorBody(answer.body);
    if (body?.Code !== "DryRunOperation") return undefined;
    return { DryRunOperation: true, RequestId: body.RequestId ?? answer.requestId ?? "", Message: body.Message ?? "" };
  },
  toError(answer: ProviderAnswer): ApiError | undefined {
    const body = errorBody(answer.body);
    if (!body && answer.body !== undefined) return undefined;
    const message = body?.Message ?? "empty error body";
    return createApiError({
      provider: "alibaba",
      operation: answer.operation,
      status: answer.status,
      code: body?.Code,
      message: body?.Recommend ? `${message} (see ${body.Recommend})` : message,
      requestId: answer.requestId,
      category: alibabaCategory(answer.status, body?.Code),
      body: answer.body,
    });
  },
};

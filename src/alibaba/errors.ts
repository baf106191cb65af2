/**
 * Alibaba Cloud error bodies, `{RequestId, HostId, Code, Message, Recommend}`, in
 * the shared hierarchy. Codes say more than statuses (`IncorrectDiskStatus` is a 403,
 * `Throttling.User` a 400), so the category comes from the code first: the spec's
 * documented error codes (`x-error-codes`, generated `errorCategories`), then the status.
 * `DryRunOperation` is not an error: it is how the service says a dry run passed.
 */
import { categoryFromStatus, createApiError, type ApiError } from "../core/common/errors.ts";
import type { ProviderAdapter, ProviderAnswer } from "../core/operations/operation-client.ts";
import type { ResponseHeaders } from "../core/http/wire.ts";
import type { components } from "../../generated/alibaba/ecs.ts";

/** What a call with `DryRun: true` returns when the request would have been accepted. */
export interface DryRunPassed {
  DryRunOperation: true;
  RequestId: string;
  Message: string;
}

export function isDryRunPassed(value: unknown): value is DryRunPassed {
  return !!value && typeof value === "object" && (value as { DryRunOperation?: unknown }).DryRunOperation === true;
}

/** An error body as the spec documents it (`AlibabaError`), read leniently: only `Code` is needed. */
type AlibabaErrorBody = Partial<components["schemas"]["AlibabaError"]> & { Code: string };

function errorBody(body: unknown): AlibabaErrorBody | undefined {
  if (!body || typeof body !== "object") return undefined;
  const code = (body as { Code?: unknown }).Code;
  return typeof code === "string" ? (body as AlibabaErrorBody) : undefined;
}

export const alibabaAdapter: ProviderAdapter = {
  provider: "alibaba",
  requestId(headers: ResponseHeaders, body: unknown): string | undefined {
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
      // The code's category is in the spec (each action's documented error codes); an undocumented code falls back on the status.
      category: answer.categoryOf(body?.Code) ?? categoryFromStatus(answer.status),
      body: answer.body,
      retryAfterMs: answer.retryAfterMs,
    });
  },
};

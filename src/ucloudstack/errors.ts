/**
 * UCloudStack answers business errors with HTTP 200 and `RetCode != 0`
 * (`{Action, RetCode, Message}`); they become typed errors carrying the RetCode (as
 * `code`), the message, the action and the request id header. Non-2xx answers are
 * gateway or proxy failures. Business errors are never retried, except throttling (a RetCode
 * the spec's catalog categorises `throttled`: 165, "too many requests"), which a safe
 * operation retries like an HTTP 429 (operation-client.ts asks `checkSuccess` about 2xx answers).
 */
import { UnparseableResponseError, categoryFromStatus, createApiError, type ApiError } from "../core/common/errors.ts";
import type { ProviderAdapter, ProviderAnswer } from "../core/operations/operation-client.ts";
import type { ResponseHeaders } from "../core/http/wire.ts";

interface Envelope {
  RetCode?: unknown;
  Message?: unknown;
  Action?: unknown;
}

function envelope(body: unknown): Envelope | undefined {
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Envelope) : undefined;
}

function retCodeError(answer: ProviderAnswer, retCode: number, body: Envelope): ApiError {
  const action = typeof body.Action === "string" ? ` (${body.Action})` : "";
  return createApiError({
    provider: "ucloudstack",
    operation: answer.operation,
    status: answer.status,
    code: String(retCode),
    message: `${typeof body.Message === "string" && body.Message ? body.Message : `RetCode ${retCode}`}${action}`,
    requestId: answer.requestId,
    // The spec's return-code catalog (`x-error-codes`) names the category; a RetCode it does not list is still an error.
    category: answer.categoryOf(String(retCode)) ?? "unknown",
    body: answer.body,
    retryAfterMs: answer.retryAfterMs,
  });
}

export const ucloudStackAdapter: ProviderAdapter = {
  provider: "ucloudstack",
  requestId(headers: ResponseHeaders): string | undefined {
    return headers.get("x-ucloud-request-uuid") ?? headers.get("x-request-id") ?? undefined;
  },
  checkSuccess(answer: ProviderAnswer): ApiError | UnparseableResponseError | undefined {
    const body = envelope(answer.body);
    const retCode = body?.RetCode;
    // Every answer carries an integer RetCode; a 200 without one is not a success.
    if (typeof retCode !== "number" || !Number.isInteger(retCode)) {
      const snippet = answer.body === undefined ? "" : JSON.stringify(answer.body);
      return new UnparseableResponseError(`ucloudstack ${answer.operation}: HTTP ${answer.status} without an integer RetCode`, snippet, {
        provider: "ucloudstack",
        operation: answer.operation,
        status: answer.status,
        requestId: answer.requestId,
      });
    }
    return retCode !== 0 ? retCodeError(answer, retCode, body!) : undefined;
  },
  toError(answer: ProviderAnswer): ApiError | undefined {
    const body = envelope(answer.body);
    if (body && Number.isInteger(Number(body.RetCode)) && body.RetCode !== undefined)
      return retCodeError(answer, Number(body.RetCode), body);
    if (answer.body !== undefined && !body) return undefined;
    // A gateway, proxy or mock error (e.g. RFC 7807 problem details): keep its words.
    const problem = (body ?? {}) as { title?: unknown; detail?: unknown };
    const message =
      [problem.title, problem.detail].filter((part) => typeof part === "string" && part).join(": ") || "error without a RetCode";
    return createApiError({
      provider: "ucloudstack",
      operation: answer.operation,
      status: answer.status,
      code: undefined,
      message,
      requestId: answer.requestId,
      category: categoryFromStatus(answer.status),
      body: answer.body,
      retryAfterMs: answer.retryAfterMs,
    });
  },
};

/**
 * Huawei error envelopes, unwrapped into the shared hierarchy. Three shapes occur
 * (Huawei's rollback page https://support.huaweicloud.com/api-evs/evs_04_2020.html and
 * 2018 EVS developer guide for the first two; the API gateway's error pages for the
 * third; see `HuaweiError` in openapi/huawei/common.yaml and ERRATA entries 20 and 21):
 *   {"error": {"message", "code": "EVS.xxxx"}}         EVS itself
 *   {"<kind>": {"message", "code"}}                    Cinder faults: badRequest, itemNotFound, overLimit...
 *   {"error_code", "error_msg", "request_id"}          the API gateway (auth, throttling)
 * Like Huawei's own SDK parser, `code`/`message` at the top level are accepted too.
 */
import { categoryFromStatus, createApiError, type ApiError, type ErrorCategory } from "../core/common/errors.ts";
import type { ProviderAdapter, ProviderAnswer } from "../core/operations/operation-client.ts";
import type { ResponseHeaders } from "../core/http/wire.ts";

/** Cinder fault kinds whose name says more than the HTTP status. */
const CATEGORY_BY_FAULT_KIND: Readonly<Record<string, ErrorCategory>> = {
  itemNotFound: "not-found",
  overLimit: "quota",
  unauthorized: "authentication",
  forbidden: "permission",
  conflict: "invalid-state",
  badRequest: "bad-request",
  computeFault: "server",
  serviceUnavailable: "server",
};

interface Unwrapped {
  code: string | undefined;
  message: string | undefined;
  kind: string | undefined;
  requestId: string | undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** Reads whichever envelope the body uses; `undefined` when it is none of them. */
export function unwrapHuaweiError(body: unknown): Unwrapped | undefined {
  const top = asRecord(body);
  if (!top) return undefined;
  if ("error_code" in top || "error_msg" in top) {
    return { code: text(top.error_code), message: text(top.error_msg), kind: undefined, requestId: text(top.request_id) };
  }
  const keys = Object.keys(top);
  const inner = keys.length === 1 ? asRecord(top[keys[0]!]) : undefined;
  if (inner && ("message" in inner || "code" in inner || "error_msg" in inner)) {
    return {
      code: text(inner.code ?? inner.error_code),
      message: text(inner.message ?? inner.error_msg),
      kind: keys[0],
      requestId: text(inner.request_id),
    };
  }
  if ("code" in top || "message" in top)
    return { code: text(top.code), message: text(top.message), kind: undefined, requestId: text(top.request_id) };
  return undefined;
}

/**
 * A code the service's spec documents (EVS.xxxx, the gateway's APIGW.xxxx) has its category
 * there (`answer.categoryOf`); without one the answer's status and Cinder fault kind decide.
 */
function categorise(answer: ProviderAnswer, unwrapped: Unwrapped | undefined): ErrorCategory {
  const byCode = answer.categoryOf(unwrapped?.code);
  if (byCode) return byCode;
  const status = answer.status;
  if (status === 429) return "throttled";
  const byKind = unwrapped?.kind ? CATEGORY_BY_FAULT_KIND[unwrapped.kind] : undefined;
  // A Cinder `code` is the HTTP status; the fault kind is more specific only when it agrees with a 4xx.
  if (byKind && status < 500) return byKind;
  return categoryFromStatus(status);
}

export const huaweiAdapter: ProviderAdapter = {
  provider: "huawei",
  requestId(headers: ResponseHeaders, body: unknown): string | undefined {
    return headers.get("x-request-id") ?? headers.get("x-openstack-request-id") ?? unwrapHuaweiError(body)?.requestId;
  },
  toError(answer: ProviderAnswer): ApiError | undefined {
    const unwrapped = unwrapHuaweiError(answer.body);
    if (!unwrapped && answer.body !== undefined) return undefined;
    return createApiError({
      provider: "huawei",
      operation: answer.operation,
      status: answer.status,
      code: unwrapped?.code,
      message: unwrapped?.message ?? (answer.body === undefined ? "empty error body" : "no message"),
      requestId: answer.requestId ?? unwrapped?.requestId,
      category: categorise(answer, unwrapped),
      body: answer.body,
      retryAfterMs: answer.retryAfterMs,
    });
  },
};

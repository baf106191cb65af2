/**
 * Huawei's error envelopes, as the EVS error appendix and the gateway document them:
 *  - the native EVS APIs: `{"error": {"message", "code": "EVS.xxxx"}}`;
 *  - the Cinder-compatible APIs: `{"<fault kind>": {"message", "code": <HTTP status>}}`
 *    (`badRequest`, `itemNotFound`, ...);
 *  - the API gateway in front of both: `{"error_code": "APIGW.xxxx", "error_msg", "request_id"}`.
 * Messages are the spec's documented ones (its error catalog), never invented where one exists.
 */
import { randomUUID } from "node:crypto";
import { CloudDiskError } from "../../core/common/errors.ts";
import type { EmulatorResponse } from "../http-server.ts";
import { errorSummaries as ecsSummaries } from "../../../generated/huawei/ecs.answers.ts";
import { errorSummaries as evsSummaries } from "../../../generated/huawei/evs.answers.ts";

const summaries: Record<string, string> = { ...ecsSummaries, ...evsSummaries };

/** The documented message of a code (the catalog's notes in parentheses left out). */
export function documentedMessage(code: string): string {
  const summary = summaries[code];
  // A rule naming a code the specs do not document is a bug of the emulator (test/emulator checks every rule's code).
  if (summary === undefined)
    throw new CloudDiskError(`emulator: ${code} is not in the Huawei specs' error catalogs`, { provider: "huawei" });
  return summary.replace(/ \((sent as|the|a|an) [^)]*\)$/, "");
}

/** A native EVS error with a documented code. */
export function evsError(status: number, code: string, message = documentedMessage(code)): EmulatorResponse {
  return { status, body: { error: { message, code } } };
}

const FAULT_KIND: Record<number, string> = {
  400: "badRequest",
  403: "forbidden",
  404: "itemNotFound",
  409: "conflictingRequest",
  413: "overLimit",
  500: "computeFault",
  503: "serviceUnavailable",
};

/** A Cinder-compatible error: the fault kind of the status, the status as the code. */
export function cinderError(status: number, message: string): EmulatorResponse {
  return { status, body: { [FAULT_KIND[status] ?? "computeFault"]: { message, code: status } } };
}

/** The API gateway's answer (authentication, throttling, unknown API). */
export function gatewayError(status: number, code: string, message: string): EmulatorResponse {
  return { status, body: { error_code: code, error_msg: message, request_id: randomUUID().replace(/-/g, "") } };
}

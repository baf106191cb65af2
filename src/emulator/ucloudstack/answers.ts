/**
 * UCloudStack's answers, as the spec documents them: every answer is HTTP 200 with
 * `{"Action": "<Action>Response", "RetCode": <int>, "Message": "...", ...}`; `RetCode` 0 is a
 * success, any other value a failure reported inside the 200 (the spec's `UCloudStackFailure`,
 * info.description "Responses"). A failure's `Message` is the return-code list's description
 * of its code (the spec's catalog, `errorSummaries`), never invented where one exists; the
 * emulator may add what exactly was wrong after a colon.
 */
import { errorSummaries } from "../../../generated/ucloudstack/ucloudstack.answers.ts";
import { CloudDiskError } from "../../core/common/errors.ts";
import type { EmulatorResponse } from "../http-server.ts";

/**
 * The documented message of a code: the catalog's summary without its list and section
 * prefix (`1.x 硬盘快照: `) and without the English gloss in parentheses.
 */
export function documentedMessage(code: string): string {
  const summary = errorSummaries[code];
  // A rule naming a code the spec does not document is a bug of the emulator (the tests check every rule's code).
  if (summary === undefined)
    throw new CloudDiskError(`emulator: RetCode ${code} is not in the UCloudStack spec's catalog`, { provider: "ucloudstack" });
  return summary.replace(/^[12]\.x[^:]*: /, "").replace(/ \([^()]*\)$/, "");
}

/** A failure: HTTP 200, the action's `Response` name, the RetCode and its documented message (plus a detail). */
export function failure(action: string | undefined, code: string, detail?: string): EmulatorResponse {
  const message = documentedMessage(code);
  return {
    status: 200,
    body: { Action: `${action ?? ""}Response`, RetCode: Number(code), Message: detail === undefined ? message : `${message}: ${detail}` },
  };
}

/** A success: HTTP 200, `RetCode: 0`, an empty `Message` (as the guides' examples write it) and the action's fields. */
export function success(action: string, fields: Record<string, unknown> = {}): EmulatorResponse {
  return { status: 200, body: { Action: `${action}Response`, RetCode: 0, Message: "", ...fields } };
}

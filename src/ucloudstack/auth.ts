/** UCloudStack credentials as the client's per-attempt signing step. */
import type { Authenticate } from "../core/http/transport.ts";
import { bodyJson, settleBody, withJsonBody } from "../core/http/wire.ts";
import type { UCloudStackCredentials } from "./credentials.ts";
import { signUCloudStack } from "./signer.ts";

/**
 * Returns a new request whose body is the flat JSON object with `PublicKey` and a fresh
 * `Signature` over every other field, serialized once here: this is the request that is
 * sent. `wire` (every attempt's starting point) is left untouched.
 */
export function ucloudStackAuthentication(credentials: UCloudStackCredentials): Authenticate {
  return async (wire) => {
    // A signature already in the body (a raw request, a caller's parameter) is never signed over; the new one goes last.
    const { Signature: _stale, ...body }: Record<string, unknown> = bodyJson(wire);
    body.PublicKey = credentials.publicKey;
    body.Signature = await signUCloudStack(body, credentials);
    return settleBody(withJsonBody(wire, body));
  };
}

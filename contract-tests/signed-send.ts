/**
 * Requests the clients would refuse (they check their input before sending), signed with
 * the package's exported signers and sent as written: what the mocks and the validating
 * proxies do with a request that breaks the spec is then what is tested.
 */
import { signHuaweiRequest, type HuaweiAccessKeyCredentials, type SignHuaweiOptions } from "../src/huawei/index.ts";
import { signAlibabaV3, type AlibabaCredentials, type AlibabaV3SignOptions } from "../src/alibaba/index.ts";
import { signUCloudStack, type UCloudStackCredentials } from "../src/ucloudstack/index.ts";
import { info as ecsInfo } from "../generated/alibaba/ecs.operations.ts";

type Send = (request: Request) => Promise<Response>;

/** A Huawei REST call with a JSON body, AK/SK-signed. */
export async function sendHuawei(
  send: Send,
  url: string,
  body: unknown,
  credentials: HuaweiAccessKeyCredentials,
  options?: SignHuaweiOptions,
): Promise<Response> {
  const request = new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return send(await signHuaweiRequest(request, credentials, options));
}

/** An Alibaba RPC action as V3 sends it: `POST /?<query>`, action and version in headers. */
export async function sendAlibabaV3(
  send: Send,
  endpoint: string,
  action: string,
  query: string,
  credentials: AlibabaCredentials,
  options?: AlibabaV3SignOptions,
): Promise<Response> {
  const request = new Request(`${endpoint}/?${query}`, {
    method: "POST",
    headers: { "x-acs-action": action, "x-acs-version": ecsInfo.version },
  });
  return send(await signAlibabaV3(request, credentials, options));
}

/** A UCloudStack action: one flat JSON body with the action, the public key and the signature. */
export async function sendUCloudStack(
  send: Send,
  endpoint: string,
  body: Record<string, unknown>,
  credentials: UCloudStackCredentials,
): Promise<Response> {
  const params = { ...body, PublicKey: credentials.publicKey };
  const signed = { ...params, Signature: await signUCloudStack(params, credentials) };
  return send(new Request(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(signed) }));
}

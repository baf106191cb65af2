/**
 * UCloudStack (and public UCloud) request signature
 * (UCloudDoc-Team/UCloudStack APIGuide/overview.md; UCloudDoc-Team/api summary/signature.md):
 * every parameter except `Signature` (`PublicKey` included), arrays flattened 0-based
 * (`SnapshotIDs.0`), sorted by name as plain strings, `name + value` concatenated with
 * no separator and no URL-encoding, the private key appended, SHA-1 in lower-case hex.
 * No time and no nonce are signed.
 */
import { assertCredentialFields } from "../core/config.ts";
import { InvalidParameterError } from "../core/errors.ts";
import { digest, toHex } from "../core/webcrypto.ts";

export interface UCloudStackCredentials {
  publicKey: string;
  privateKey: string;
}

/**
 * A value as the official implementations render it: strings as they are, integers
 * in decimal, booleans `true`/`false`, floats without a trailing `.0` and never in
 * exponent notation (ucloud-sdk-java CredentialTest; the UCloud signature doc).
 */
export function renderSignatureValue(value: unknown, name = "value"): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidParameterError(name, "must be a finite number", { provider: "ucloudstack" });
    const text = String(value);
    if (!/e/i.test(text)) return text;
    if (Number.isInteger(value)) return BigInt(value).toString();
    return value.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
  }
  throw new InvalidParameterError(name, `cannot be signed as a ${value === null ? "null" : typeof value}`, { provider: "ucloudstack" });
}

/** Nested arrays and objects as flat `Key.0`, `Key.0.Field` pairs; null and undefined are dropped (as the JS SDK does). */
export function flattenForSignature(params: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const visit = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item, index) => visit(`${name}.${index}`, item));
    else if (typeof value === "object") for (const [key, item] of Object.entries(value)) visit(`${name}.${key}`, item);
    else out.push([name, renderSignatureValue(value, name)]);
  };
  for (const [name, value] of Object.entries(params)) if (name !== "Signature") visit(name, value);
  return out;
}

function assertCredentials(credentials: UCloudStackCredentials | undefined): void {
  assertCredentialFields(credentials, "ucloudstack", ["publicKey", "privateKey"]);
}

/** The string that is hashed (without the private key, which is appended to it). */
export function signaturePayload(params: Record<string, unknown>): string {
  return flattenForSignature(params)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}${value}`)
    .join("");
}

/**
 * The hex signature of `params`; `PublicKey` is taken from the credentials when the
 * parameters lack it.
 */
export async function signUCloudStack(params: Record<string, unknown>, credentials: UCloudStackCredentials): Promise<string> {
  assertCredentials(credentials);
  const withKey = params.PublicKey === undefined ? { ...params, PublicKey: credentials.publicKey } : params;
  return toHex(await digest("SHA-1", `${signaturePayload(withKey)}${credentials.privateKey}`));
}

export { assertCredentials as assertUCloudStackCredentials };

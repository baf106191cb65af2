/**
 * UCloudStack (and public UCloud) request signature
 * (UCloudDoc-Team/UCloudStack APIGuide/overview.md; UCloudDoc-Team/api summary/signature.md):
 * every parameter except `Signature` (`PublicKey` included), arrays flattened 0-based
 * (`SnapshotIDs.0`), sorted by name as plain strings, `name + value` concatenated with
 * no separator and no URL-encoding, the private key appended, SHA-1 in lower-case hex.
 * No time and no nonce are signed.
 */
import { InvalidParameterError } from "../core/common/errors.ts";
import { digestHex } from "../core/common/webcrypto.ts";
import { assertUCloudStackCredentials, type UCloudStackCredentials } from "./credentials.ts";

/**
 * A value as it is written in the JSON body that is sent: strings as they are,
 * booleans `true`/`false`, numbers as `JSON.stringify` writes them (the shortest text
 * that reads back as the same number: `35`, `0.1`, `1e-7`, `1e+21`, `-0` as `0`). The
 * server reads the number from that text, so signing any other rendering of it (say
 * `0.0000001` for `1e-7`) signs a different string. This is also what the official JS
 * SDK signs: `value.toString()` of what it then sends with `JSON.stringify`
 * (ucloud/ucloud-sdk-js src/core/credential/index.ts `verifyAc` @ 0.2.4).
 */
export function renderSignatureValue(value: unknown, name = "value"): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidParameterError(name, "must be a finite number", { provider: "ucloudstack" });
    // For a finite number String() and JSON.stringify() give the same text.
    return String(value);
  }
  throw new InvalidParameterError(name, `cannot be signed as a ${value === null ? "null" : typeof value}`, { provider: "ucloudstack" });
}

/** Nested arrays and objects as flat `Key.0`, `Key.0.Field` pairs; null and undefined are dropped (as the JS SDK does). */
export function flattenForSignature(params: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const visit = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const [index, item] of value.entries()) visit(`${name}.${index}`, item);
    else if (typeof value === "object") for (const [key, item] of Object.entries(value)) visit(`${name}.${key}`, item);
    else out.push([name, renderSignatureValue(value, name)]);
  };
  for (const [name, value] of Object.entries(params)) if (name !== "Signature") visit(name, value);
  return out;
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
  assertUCloudStackCredentials(credentials);
  const withKey = params.PublicKey === undefined ? { ...params, PublicKey: credentials.publicKey } : params;
  return digestHex("SHA-1", `${signaturePayload(withKey)}${credentials.privateKey}`);
}

/**
 * Checks a request's UCloudStack key pair the way the gateway does, written from the public
 * API guide (UCloudDoc-Team/UCloudStack `APIGuide/overview.md` §1.3 签名算法,
 * https://github.com/UCloudDoc-Team/UCloudStack/blob/09231090c004d5e9c456d532fe3f9baff584c06d/APIGuide/overview.md)
 * and the public UCloud signing page it follows (UCloudDoc-Team/api `summary/signature.md`,
 * https://github.com/UCloudDoc-Team/api/blob/0cee41ca1f2fb2fe8bd33f92647cf097ba34a3e2/summary/signature.md),
 * independently of the client's signer (src/ucloudstack/signer.ts): a bug in one shows as a
 * failure against the other.
 *
 * The steps: every parameter the request carries except `Signature` (`PublicKey` and `Action`
 * included), nested lists and objects as flat `Key.N` / `Key.Field` names; names sorted by byte
 * order; `name + value` concatenated with no separator and no encoding, the private key
 * appended; the SHA-1 of those UTF-8 bytes in lower-case hex must equal `Signature`. A value is
 * the text that was sent: a form field as it is, a JSON number as its shortest decimal text
 * (`35.0` reads back as `35`, which the SDKs sign), booleans `true`/`false`, `null` left out.
 * There is no timestamp or nonce, so there is no clock-skew refusal.
 *
 * Refusals (the 1.x return-code list, UCloudDoc-Team/UCloudStack `apiretcode/README.md`
 * @0f9f7894, spec catalog): 170 when `PublicKey` or `Signature` is missing, 171 when the
 * signature does not verify. The lists name no code for an unknown `PublicKey`; the gateway
 * cannot tell it from a wrong signature without the key, so it is 171 too.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export interface UCloudStackEmulatorCredentials {
  publicKey: string;
  privateKey: string;
}

export interface AuthFailure {
  retCode: "170" | "171";
  /** What is wrong, without any secret. */
  detail: string;
}

/** `[name, text]` pairs the signature covers (no `Signature`), unsorted. */
export function signedPairs(params: Readonly<Record<string, unknown>>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const add = (name: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) for (const [index, item] of value.entries()) add(`${name}.${index}`, item);
    else if (typeof value === "object") for (const [key, item] of Object.entries(value)) add(`${name}.${key}`, item);
    else pairs.push([name, typeof value === "string" ? value : String(value)]);
  };
  for (const [name, value] of Object.entries(params)) if (name !== "Signature") add(name, value);
  return pairs;
}

/** The string whose SHA-1 is the signature (the private key appended to the sorted pairs). */
export function stringToSign(params: Readonly<Record<string, unknown>>, privateKey: string): string {
  // Byte order of the names (the guide: "按照字母升序"; `SnapshotIDs.10` sorts before `SnapshotIDs.2`);
  // each name's bytes are taken once, not once per comparison.
  const pairs = signedPairs(params).map(([name, value]) => ({ text: name + value, key: Buffer.from(name) }));
  pairs.sort((a, b) => Buffer.compare(a.key, b.key));
  return pairs.map((pair) => pair.text).join("") + privateKey;
}

/** `undefined` when the request is signed by the configured key pair; otherwise the refusal. */
export function verifyUCloudStackParams(
  params: Readonly<Record<string, unknown>>,
  credentials: UCloudStackEmulatorCredentials,
): AuthFailure | undefined {
  const { PublicKey: publicKey, Signature: signature } = params;
  if (typeof publicKey !== "string" || publicKey === "" || typeof signature !== "string" || signature === "")
    return { retCode: "170", detail: "PublicKey and Signature are both required" };
  if (!safeEqual(publicKey, credentials.publicKey)) return { retCode: "171", detail: "the PublicKey is not known" };
  const expected = createHash("sha1").update(stringToSign(params, credentials.privateKey), "utf8").digest("hex");
  return safeEqual(signature, expected) ? undefined : { retCode: "171", detail: "the Signature does not match" };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * `cloud-disk-openapi/huawei`: typed clients for Huawei Cloud EVS, IMS and VBS,
 * the AK/SK signer, and the shared error classes.
 */
export { createEvsClient, createImsClient, createVbsClient, type EvsClient, type ImsClient, type VbsClient } from "./services.ts";
export { createEcsClient, type EcsClient } from "./services.ts";
export type { HuaweiClientConfig, HuaweiProjectClientConfig } from "./config.ts";
export type { HuaweiCredentials, HuaweiTokenCredentials, HuaweiAccessKeyCredentials } from "./credentials.ts";
export {
  signHuaweiRequest,
  computeHuaweiSignature,
  canonicalQueryString,
  canonicalUri,
  formatSdkDate,
  HUAWEI_SIGNING_ALGORITHM,
  type SignHuaweiOptions,
  type HuaweiSignature,
  type HuaweiSigningInput,
} from "./signer.ts";
export { unwrapHuaweiError } from "./errors.ts";
export * from "../core/public.ts";
export type { components as EvsComponents, operations as EvsOperations } from "../../generated/huawei/evs.ts";
export type { components as ImsComponents } from "../../generated/huawei/ims.ts";
export type { components as VbsComponents } from "../../generated/huawei/vbs.ts";

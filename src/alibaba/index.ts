/**
 * `cloud-disk-openapi/alibaba`: a typed client for Alibaba Cloud ECS (disks,
 * snapshots, disk reset), the V3 and V1 signers, and the shared error classes.
 */
export { createEcsClient, type EcsClient, type EcsMethods } from "./services.ts";
export type { EcsClientConfig, SignatureVersion } from "./config.ts";
export type { AlibabaCredentials } from "./credentials.ts";
export {
  signAlibabaV3,
  computeAcs3Signature,
  ACS3_ALGORITHM,
  type AlibabaSignOptions,
  type AlibabaV3SignOptions,
  type Acs3Signature,
  type Acs3Input,
} from "./signer-v3.ts";
export { signAlibabaV1, computeRpcSignature, rpcCanonicalizedQuery } from "./signer-v1.ts";
export { isDryRunPassed, alibabaCategory, type DryRunPassed } from "./errors.ts";
export { diskResetOutcomes, failedDiskResets, type DiskResetOutcome, type ResetDisksProgress } from "./reset-disks.ts";
export { ecsEndpointHost } from "./endpoints.ts";
export * from "../core/public.ts";
export type { components as EcsComponents, operations as EcsOperations } from "../../generated/alibaba/ecs.ts";

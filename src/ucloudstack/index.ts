/**
 * `cloud-disk-openapi/ucloudstack`: a typed client for UCloudStack disk snapshots,
 * the signer, RetCode unwrapping and the shared error classes.
 */
export { createUCloudStackClient, type UCloudStackClient, type UCloudStackClientConfig, type UCloudStackMethods } from "./services.ts";
export { signUCloudStack, signaturePayload, renderSignatureValue, flattenForSignature } from "./signer.ts";
export type { UCloudStackCredentials } from "./credentials.ts";
export { retCodeCategory } from "./errors.ts";
export { normalizeSnapshotStatus, snapshotStatus, type NormalizedSnapshotStatus } from "./status.ts";
export * from "../core/public.ts";
export type { components as UCloudStackComponents, operations as UCloudStackOperations } from "../../generated/ucloudstack/ucloudstack.ts";

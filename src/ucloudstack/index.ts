/**
 * `cloud-disk-openapi/ucloudstack`: a typed client for UCloudStack disk snapshots, disks and VMs,
 * the signer, RetCode unwrapping and the shared error classes.
 */
export { createUCloudStackClient, type UCloudStackClient, type UCloudStackClientConfig, type UCloudStackMethods } from "./services.ts";
export { signUCloudStack, signaturePayload, renderSignatureValue, flattenForSignature } from "./signer.ts";
export type { UCloudStackCredentials } from "./credentials.ts";
export {
  diskStatus,
  normalizeDiskStatus,
  normalizeSnapshotStatus,
  normalizeVMState,
  snapshotStatus,
  vmState,
  type NormalizedDiskStatus,
  type NormalizedSnapshotStatus,
  type NormalizedVMState,
} from "./status.ts";
export * from "../core/public.ts";
export type { components as UCloudStackComponents, operations as UCloudStackOperations } from "../../generated/ucloudstack/ucloudstack.ts";

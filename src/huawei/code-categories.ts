/**
 * EVS error codes whose category the HTTP status does not carry (most EVS errors
 * arrive as 400). Source: EVS API reference, error-code appendix,
 * opentelekomcloud-docs/elastic-volume-service api-ref/source/appendix/error_codes.rst @05910068e7a48b00b4375c613edcf9097b0346dd.
 */
import type { ErrorCategory } from "../core/shared/errors.ts";

export const EVS_CODE_CATEGORIES: Readonly<Record<string, ErrorCategory>> = {
  // invalid-state
  "EVS.1044": "invalid-state", // source backup is not available, so no disk can be made from it
  "EVS.1046": "invalid-state", // disk status does not allow deletion
  "EVS.1047": "invalid-state", // snapshot must be available or error to be deleted
  "EVS.1048": "invalid-state", // disk must be available to be expanded
  "EVS.1064": "invalid-state", // expansion needs the disk available or in-use
  "EVS.1065": "invalid-state", // a shared disk is expanded only while available
  "EVS.1066": "invalid-state", // attached ECS/BMS status rules out online expansion
  "EVS.2019": "invalid-state", // snapshot stuck in error_deleting; delete refused (sent as 500)
  "EVS.2020": "invalid-state", // disk stuck in error_deleting; delete refused (sent as 500)
  "EVS.2021": "invalid-state", // disk is in error_detaching (sent as 500)
  "EVS.2026": "invalid-state", // disk is in error_extending; expansion refused (sent as 500)
  "EVS.2040": "invalid-state", // the KMS key is not enabled
  "EVS.2043": "invalid-state", // snapshot is neither available nor backing-up
  "EVS.2068": "invalid-state", // disk is locked
  "EVS.2089": "invalid-state", // disk is held by SDRS
  "EVS.2130": "invalid-state", // disk is being backed up, so it cannot be deleted

  // quota
  "EVS.1034": "quota", // disk-count quota used up
  "EVS.1042": "quota", // disk-capacity (GB) quota used up
  "EVS.1061": "quota", // disk already has the maximum number of tags
  "EVS.5413": "quota", // disk quota (count or capacity) insufficient

  // not-found
  "EVS.2070": "not-found", // requested disk type does not exist
  "EVS.2105": "not-found", // encrypted disk's CMK is gone, so revert fails (sent as 500)
  "EVS.5404": "not-found", // disk, snapshot, backup or similar resource does not exist

  // permission
  "EVS.0003": "permission", // token's account has an empty permission set
  "EVS.1027": "permission", // caller's role may not perform this action
  "EVS.2055": "permission", // EVS lacks KMS access, so encrypted disks cannot be created
  "EVS.2056": "permission", // fine-grained (PDP) policy check denied
  "EVS.2143": "permission", // encryption needs an agency created for the project first (sent as 401)
  "EVS.2144": "permission", // account is frozen
  "EVS.2145": "permission", // account is suspended
  "EVS.5403": "permission", // policy check failed, or metadata may not be changed
};

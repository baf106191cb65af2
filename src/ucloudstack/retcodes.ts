/**
 * UCloudStack RetCodes whose meaning maps onto the shared error categories.
 * Sources: UCloudDoc-Team/UCloudStack apiretcode/README.md @0f9f789431e54772fdf5e4ff16fe50c484add391
 * (the UCloudStack 1.x "API 状态码列表"), plus the 2.x codes below marked "2.x" from
 * UCloudDoc-Team/UCloudStack_v2.x apiretcode/README.md, added only where 1.x does not use the number.
 * Some numbers mean different things in the two releases (2.x 100 is "missing referer header",
 * 1.x 100 "state does not allow the operation"); the 1.x meaning is kept for those. Either way the
 * RetCode, message and action are on the error, and any non-zero RetCode is an error.
 * The public UCloud gateway table (UCloudDoc-Team/api summary/public.md @075da0148929c9eb0773b765054058c1536270af)
 * was checked but not used: UCloudStack gives 160/161 different meanings (insufficient balance / insufficient
 * quota rather than missing / unknown Action), and it does not list 174.
 * Codes that are unclear or that mean "the platform is out of capacity" (1801, 1900, 1903, 2010, 2030, 2031,
 * 2043, 2208, 51000, 56000, 57000, …) are left out on purpose. Any other non-zero RetCode is still an error.
 */
import type { ErrorCategory } from "../core/shared/errors.ts";

export const UCLOUDSTACK_RETCODE_CATEGORIES: Readonly<Record<number, ErrorCategory>> = {
  // authentication
  170: "authentication", // signature parameters missing from the request
  109: "authentication", // 2.x: signature invalid
  171: "authentication", // signature check failed
  172: "authentication", // login/session has expired; sign in again
  11078: "authentication", // wrong user account or password
  11079: "authentication", // account password has passed its validity period
  11939: "authentication", // one-time (2FA) password wrong

  // permission
  150: "permission", // no permission for this operation
  160: "permission", // account balance insufficient (treated like the Alibaba arrears codes)
  164: "permission", // an administrator has forbidden deleting resources
  173: "permission", // the user's permissions are restricted
  178: "permission", // the call is reserved for administrators
  240: "permission", // no permission to call the API
  301: "permission", // caller's IP is outside the allowed console login range
  1002: "permission", // tenant is frozen
  1005: "permission", // account is frozen

  // not-found
  162: "not-found", // region does not exist
  200: "not-found", // 2.x: resource not found
  163: "not-found", // zone does not exist
  2006: "not-found", // the VM given for a custom image does not exist
  2008: "not-found", // image does not exist
  2014: "not-found", // image for the new VM does not exist
  2201: "not-found", // disk does not exist
  2205: "not-found", // disk (hard disk) does not exist
  3006: "not-found", // VM to unbind from does not exist
  3007: "not-found", // load balancer to unbind from does not exist
  3014: "not-found", // network interface does not exist
  4003: "not-found", // resource does not exist
  4020: "not-found", // virtual server (VS) does not exist
  4021: "not-found", // forwarding policy does not exist
  5001: "not-found", // security group to delete does not exist
  5003: "not-found", // security group does not exist
  8102: "not-found", // resource does not exist or has been destroyed
  11929: "not-found", // user does not exist
  12000: "not-found", // global configuration item does not exist
  40000: "not-found", // pricing type does not exist
  40002: "not-found", // pricing rule does not exist
  70004: "not-found", // account to freeze does not exist
  70006: "not-found", // account to unfreeze does not exist

  // invalid-state
  100: "invalid-state", // current state does not allow the operation; retry later
  167: "invalid-state", // account is already activated
  1901: "invalid-state", // host machine still has instances in a transitional state
  1902: "invalid-state", // host machine still runs GPU instances
  1904: "invalid-state", // host machine is not ready yet
  2000: "invalid-state", // VM is not shut down, so it cannot be deleted
  2001: "invalid-state", // VM still has an elastic IP bound, so it cannot be deleted
  2002: "invalid-state", // VM is used by a load balancer, so it cannot be deleted
  2004: "invalid-state", // resource has expired, so it cannot be deleted
  2005: "invalid-state", // VM is not shut down, so no image can be made from it
  2007: "invalid-state", // image is unavailable, so it cannot be deleted
  2009: "invalid-state", // image is in use, so it cannot be deleted
  2012: "invalid-state", // VM is neither running nor stopped, so its password cannot be reset
  2033: "invalid-state", // expired resource cannot be resized
  2034: "invalid-state", // host machine state is unavailable
  2039: "invalid-state", // VM's network interface is in a transitional state
  2041: "invalid-state", // VM's IP is in a transitional state
  2042: "invalid-state", // VM's real-server binding is in a transitional state
  2202: "invalid-state", // disk is in use by another resource
  2206: "invalid-state", // disk state does not allow the operation
  2207: "invalid-state", // disk still has snapshots
  2501: "invalid-state", // VM the disk is attached to is not shut down
  2502: "invalid-state", // disk has a snapshot being created or rolled back
  7001: "invalid-state", // 2.x: snapshot state is not stable yet
  3002: "invalid-state", // load balancer already has an external IP bound
  3004: "invalid-state", // VM is not running, so the IP cannot be unbound
  3005: "invalid-state", // load balancer is not running, so the IP cannot be unbound
  3008: "invalid-state", // VM is not running, so the IP cannot be bound
  3009: "invalid-state", // external IP state is unavailable
  3010: "invalid-state", // external IP is not bound
  3012: "invalid-state", // NAT gateway is not running, so the IP cannot be unbound
  3016: "invalid-state", // VM is migrating, so the IP cannot be unbound
  3100: "invalid-state", // bandwidth can change only while the IP is bound or unbound
  3101: "invalid-state", // external IP has expired; bandwidth cannot change
  4001: "invalid-state", // load balancer already has an external IP bound
  4002: "invalid-state", // load balancer still has virtual servers
  4004: "invalid-state", // virtual server still has real servers
  4014: "invalid-state", // VM is not running
  4026: "invalid-state", // real server is not in a valid state
  4027: "invalid-state", // certificate is in use
  5002: "invalid-state", // security group state does not allow deletion
  5004: "invalid-state", // security group state is unavailable
  5005: "invalid-state", // security group is in use by other resources
  6001: "invalid-state", // VPC still has subnets
  6002: "invalid-state", // VPC is in use by resources
  6003: "invalid-state", // subnet still has resources (recycle bin included)
  8100: "invalid-state", // resource has expired; renew it before restoring
  8101: "invalid-state", // resource was already removed from the recycle bin
  8600: "invalid-state", // NAT gateway is not running
  9000: "invalid-state", // alarm template still has resources bound
  9001: "invalid-state", // notification group is bound to monitoring rules
  9002: "invalid-state", // resource state does not allow binding an alarm template
  10009: "invalid-state", // network interface state does not allow binding
  11006: "invalid-state", // system is already activated
  11930: "invalid-state", // user state does not allow freezing
  11931: "invalid-state", // user state does not allow unfreezing
  11945: "invalid-state", // two-factor authentication is already activated
  17001: "invalid-state", // network segment still has IPs in use
  51001: "invalid-state", // VM is neither running nor stopped, so it cannot be deleted
  51002: "invalid-state", // expired resource cannot be deleted
  55003: "invalid-state", // resource the NIC is bound to is in a transitional state
  57005: "invalid-state", // expired resource cannot be resized
  64000: "invalid-state", // load balancer state is unavailable
  64500: "invalid-state", // virtual server state is unavailable

  // quota
  161: "quota", // quota insufficient
  1003: "quota", // quota exceeds the overall limit
  2044: "quota", // VM quota insufficient
  2204: "quota", // too many disks on the resource (Arm VM 3, others 6)
  2209: "quota", // disk quota insufficient
  2500: "quota", // disk already has the maximum number of snapshots
  7000: "quota", // 2.x: snapshot quota used up
  3001: "quota", // resource already has the maximum number of external IPs
  3019: "quota", // external IP quota insufficient
  4023: "quota", // creation/addition limit reached
  10008: "quota", // too many network interfaces on the resource (Arm VM 3, others 6)
  55004: "quota", // network interface binding limit reached
  56001: "quota", // resource has the maximum number of disks bound
  57006: "quota", // resource binding limit reached

  // throttled
  165: "throttled", // operations too frequent; retry later
  11927: "throttled", // verification attempted too often; wait before retrying
  11942: "throttled", // verification attempted too often; wait before retrying

  // bad-request
  140: "bad-request", // parameter error
  154: "bad-request", // Action parameter missing
  229: "bad-request", // required parameter missing
  2015: "bad-request", // wrong image type for reinstalling the system
  2024: "bad-request", // IP address is not well-formed
  2035: "bad-request", // purchase quantity must be an integer from 1 to 5
  2203: "bad-request", // disk size invalid
  3018: "bad-request", // the given static IP is a reserved address and cannot be created
  3102: "bad-request", // unsupported charge type
  4005: "bad-request", // name length does not meet the rules
  4007: "bad-request", // invalid port
  4008: "bad-request", // wrong protocol
  4009: "bad-request", // wrong session-persistence type
  4010: "bad-request", // wrong health-check type
  4011: "bad-request", // idle-connection timeout out of range
  4015: "bad-request", // weight out of range
  4017: "bad-request", // invalid characters
  5006: "bad-request", // security group rules contain duplicates
  6006: "bad-request", // subnet range is outside the VPC CIDR
  10007: "bad-request", // IP is not inside the subnet's range
  10010: "bad-request", // VM and network interface must be in the same zone
  11052: "bad-request", // password format invalid
  12001: "bad-request", // global configuration value outside the allowed range
  17002: "bad-request", // a reserved (special) subnet cannot be created
  17003: "bad-request", // subnet too small to form a network
  40001: "bad-request", // data format error
  40003: "bad-request", // pricing rule format error
  40004: "bad-request", // price discount rule format error
  41000: "bad-request", // invalid discount
  41001: "bad-request", // discount format error
  55001: "bad-request", // IP address is not well-formed
  57002: "bad-request", // this IP may not be specified for creation
  57003: "bad-request", // IP address is not well-formed
  70002: "bad-request", // password does not meet complexity requirements

  // server
  110: "server", // request timed out; retry later
  130: "server", // service error; retry later
  151: "server", // platform cache service error
  152: "server", // API call error
  153: "server", // gateway service error
};

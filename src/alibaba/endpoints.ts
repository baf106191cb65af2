/**
 * ECS endpoints, from the official SDK's endpoint map: aliyun/alibabacloud-typescript-sdk
 * ecs-20140526/src/client.ts @d7c26f84b74f7dcd5c53e1653619ea4ebb660078 (Client constructor:
 * `this._endpointRule = "regional"` and `this._endpointMap`; the map is identical @00fe3b36bf8e9994e9ea59cdaa15219fad4d16f5).
 * Regions not listed use the regional rule https://ecs.<regionId>.aliyuncs.com.
 *
 * The rule is `@alicloud/endpoint-util` getEndpointRules (aliyun/endpoint-util ts/src/client.ts
 * @2365e3ff7a799d7154e6c79ad82e885461c93003): regional → `<product><-suffix><-network>.<regionId>.aliyuncs.com`,
 * central → `<product><-suffix><-network>.aliyuncs.com`. ECS sets neither suffix nor network by default
 * (network "public" also adds nothing), so the default host is `ecs.<regionId>.aliyuncs.com`. The SDK
 * checks the map before the rule, so a mapped region keeps its host even when a network such as "vpc"
 * is configured; only the public endpoint is modelled here.
 *
 * The map holds only the entries that differ from `ecs.<regionId>.aliyuncs.com` (all 35 of the SDK's
 * entries do). Most are internal, finance or government regions; the one common public region is
 * cn-hangzhou, which the SDK sends to `ecs-cn-hangzhou.aliyuncs.com`.
 */
export const ECS_ENDPOINT_EXCEPTIONS: Readonly<Record<string, string>> = Object.freeze({
  "cn-hangzhou": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-shanghai-finance-1": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-shenzhen-finance-1": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-north-2-gov-1": "ecs.aliyuncs.com",
  "ap-northeast-2-pop": "ecs.aliyuncs.com",
  "cn-beijing-finance-pop": "ecs.aliyuncs.com",
  "cn-beijing-gov-1": "ecs.aliyuncs.com",
  "cn-beijing-nu16-b01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-edge-1": "ecs.cn-qingdao-nebula.aliyuncs.com",
  "cn-fujian": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-haidian-cm12-c01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-hangzhou-bj-b01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-hangzhou-finance": "ecs.aliyuncs.com",
  "cn-hangzhou-internal-prod-1": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-hangzhou-internal-test-1": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-hangzhou-internal-test-2": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-hangzhou-internal-test-3": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-hangzhou-test-306": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-hongkong-finance-pop": "ecs.aliyuncs.com",
  "cn-huhehaote-nebula-1": "ecs.cn-qingdao-nebula.aliyuncs.com",
  "cn-shanghai-et15-b01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-shanghai-et2-b01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-shanghai-inner": "ecs.aliyuncs.com",
  "cn-shanghai-internal-test-1": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-shenzhen-inner": "ecs.aliyuncs.com",
  "cn-shenzhen-st4-d01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-shenzhen-su18-b01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-wuhan": "ecs.aliyuncs.com",
  "cn-yushanfang": "ecs.aliyuncs.com",
  "cn-zhangbei": "ecs.aliyuncs.com",
  "cn-zhangbei-na61-b01": "ecs-cn-hangzhou.aliyuncs.com",
  "cn-zhangjiakou-na62-a01": "ecs.cn-zhangjiakou.aliyuncs.com",
  "cn-zhengzhou-nebula-1": "ecs.cn-qingdao-nebula.aliyuncs.com",
  "eu-west-1-oxs": "ecs.cn-shenzhen-cloudstone.aliyuncs.com",
  "rus-west-1-pop": "ecs.aliyuncs.com",
});

/** Region ids are lowercase words joined by hyphens (cn-hangzhou, ap-southeast-1, eu-west-1-oxs). */
const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/**
 * The ECS API host for a region: the SDK map's entry if there is one, otherwise
 * `ecs.<regionId>.aliyuncs.com`. Like endpoint-util, an empty region id is an error;
 * anything that is not a region id is rejected too, so it cannot change the host.
 */
export function ecsEndpointHost(regionId: string): string {
  if (typeof regionId !== "string" || regionId === "") {
    throw new TypeError("ecsEndpointHost: regionId is empty, please set a valid region id such as 'cn-shanghai'");
  }
  if (!REGION_ID.test(regionId)) {
    throw new TypeError(`ecsEndpointHost: ${JSON.stringify(regionId)} is not a region id (expected e.g. 'cn-shanghai')`);
  }
  return Object.hasOwn(ECS_ENDPOINT_EXCEPTIONS, regionId) ? ECS_ENDPOINT_EXCEPTIONS[regionId]! : `ecs.${regionId}.aliyuncs.com`;
}

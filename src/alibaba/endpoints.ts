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
 * cn-hangzhou, which the SDK sends to `ecs-cn-hangzhou.aliyuncs.com`. It is written host → regions
 * (five hosts) rather than region → host, which keeps it small in a browser bundle;
 * test/fixtures/alibaba-ecs-endpoint-map.json holds the SDK's map as written and the tests check
 * every entry against it.
 */
import { REGION_ID, requireString } from "../core/client/config.ts";

const REGIONS_BY_HOST: Readonly<Record<string, string>> = {
  "ecs-cn-hangzhou.aliyuncs.com":
    "cn-hangzhou cn-shanghai-finance-1 cn-shenzhen-finance-1 cn-beijing-nu16-b01 cn-fujian cn-haidian-cm12-c01 cn-hangzhou-bj-b01 " +
    "cn-hangzhou-internal-prod-1 cn-hangzhou-internal-test-1 cn-hangzhou-internal-test-2 cn-hangzhou-internal-test-3 cn-hangzhou-test-306 " +
    "cn-shanghai-et15-b01 cn-shanghai-et2-b01 cn-shanghai-internal-test-1 cn-shenzhen-st4-d01 cn-shenzhen-su18-b01 cn-zhangbei-na61-b01",
  "ecs.aliyuncs.com":
    "cn-north-2-gov-1 ap-northeast-2-pop cn-beijing-finance-pop cn-beijing-gov-1 cn-hangzhou-finance cn-hongkong-finance-pop " +
    "cn-shanghai-inner cn-shenzhen-inner cn-wuhan cn-yushanfang cn-zhangbei rus-west-1-pop",
  "ecs.cn-qingdao-nebula.aliyuncs.com": "cn-edge-1 cn-huhehaote-nebula-1 cn-zhengzhou-nebula-1",
  "ecs.cn-zhangjiakou.aliyuncs.com": "cn-zhangjiakou-na62-a01",
  "ecs.cn-shenzhen-cloudstone.aliyuncs.com": "eu-west-1-oxs",
};

/** The SDK's map, region → host. */
export const ECS_ENDPOINT_EXCEPTIONS: ReadonlyMap<string, string> = new Map(
  Object.entries(REGIONS_BY_HOST).flatMap(([host, regions]) => regions.split(" ").map((region) => [region, host] as const)),
);

/**
 * The ECS API host for a region: the SDK map's entry if there is one, otherwise
 * `ecs.<regionId>.aliyuncs.com`. Like endpoint-util, an empty region id is an error;
 * anything that is not a region id is rejected too, so it cannot change the host.
 */
export function ecsEndpointHost(regionId: string): string {
  requireString(regionId, "regionId", "alibaba", REGION_ID, "a region id such as 'cn-hangzhou' (or pass 'endpoint')");
  return ECS_ENDPOINT_EXCEPTIONS.get(regionId) ?? `ecs.${regionId}.aliyuncs.com`;
}

/**
 * Provider-shaped bodies for the benchmark server, generated from an index so any
 * page of a virtual list of `TOTAL` snapshots can be produced without holding it.
 * Shapes follow the specs' examples (openapi/<provider>/*.yaml).
 */

/** Every virtual list holds this many snapshots (enough for the 100,000-item paging run). */
export const TOTAL = 1_000_000;

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** A uuid-shaped id whose last 12 hex digits are the index: `3560c3bd-194d-4518-9eb8-00000000002a`. */
export function huaweiSnapshotId(index: number): string {
  return `3560c3bd-194d-4518-9eb8-${hex(index, 12)}`;
}

export function indexFromHuaweiId(id: string): number {
  return Number.parseInt(id.slice(-12), 16);
}

export function huaweiSnapshot(index: number) {
  return {
    id: huaweiSnapshotId(index),
    name: `nightly-${hex(index, 8)}`,
    description: "Nightly snapshot taken by the backup controller",
    status: "available",
    size: 100,
    volume_id: `0c789a06-d00d-4cfc-861e-${hex(index % 4096, 12)}`,
    metadata: { ticket: "OPS-4711" },
    created_at: "2024-05-20T01:58:12.400127",
    updated_at: "2024-05-20T01:58:40.118263",
    "os-extended-snapshot-attributes:progress": "100%",
    "os-extended-snapshot-attributes:project_id": "9c53a566cb3443ab910cf0daebca90c4",
  };
}

/** Huawei ECS server (the Huawei peer's list call), about the size of one snapshot above. */
export function huaweiServer(index: number) {
  return {
    id: `a3c4f7e2-9b1d-4f6a-8e2c-${hex(index, 12)}`,
    name: `web-${hex(index, 8)}`,
    status: "ACTIVE",
    created: "2024-05-20T01:58:12Z",
    updated: "2024-05-20T01:58:40Z",
    flavor: { id: "s6.small.1", name: "s6.small.1", disk: "0", vcpus: "1", ram: "1024" },
    image: { id: "1189efbf-d48b-46ad-a823-94b942e2a000" },
    tenant_id: "9c53a566cb3443ab910cf0daebca90c4",
    key_name: "ops",
    user_id: "f79791beca3c48159ac2553fff22e166",
    metadata: { ticket: "OPS-4711" },
    hostId: "c7145889b2e3202cd295ceddb1742ff8941b827b586861fd0acedf64",
    description: "Controller-managed server",
  };
}

export function alibabaSnapshotId(index: number): string {
  return `s-bp1${hex(index, 12)}`;
}

export function alibabaSnapshot(index: number) {
  return {
    SnapshotId: alibabaSnapshotId(index),
    SnapshotName: `nightly-${hex(index, 8)}`,
    Description: "Nightly snapshot taken by the backup controller",
    Status: "accomplished",
    Progress: "100%",
    SourceDiskId: `d-bp1${hex(index % 4096, 12)}`,
    SourceDiskSize: "100",
    SourceDiskType: "data",
    Category: "standard",
    Usage: "none",
    Encrypted: false,
    RetentionDays: 30,
    CreationTime: "2024-05-20T01:58:12Z",
    LastModifiedTime: "2024-05-20T01:58:40Z",
    RegionId: "cn-hangzhou",
    Tags: { Tag: [{ TagKey: "ticket", TagValue: "OPS-4711" }] },
  };
}

export function ucloudStackSnapshot(index: number) {
  return {
    Region: "cn",
    Zone: "zone-01",
    Name: `nightly-${hex(index, 8)}`,
    Remark: "Nightly snapshot taken by the backup controller",
    SnapshotID: `snapshot-${hex(index, 8)}`,
    SnapshotStatus: "Normal",
    DiskID: `disk-${hex(index % 4096, 8)}`,
    DiskType: "Data",
    CreateTime: 1717027200 + index,
  };
}

export function range<T>(start: number, count: number, make: (index: number) => T): T[] {
  const end = Math.min(TOTAL, start + count);
  const out: T[] = [];
  for (let i = start; i < end; i++) out.push(make(i));
  return out;
}

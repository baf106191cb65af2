/**
 * UCloudStack answer models field for field with the official SDKs' models: every field of
 * ucloud/ustack-sdk-java's models (VMInfo and the nested models it and DiskInfo/SnapshotInfo use)
 * and of ucloud/ucloud-sdk-python3's ucloudstack schemas is in the spec's schema at the same
 * nesting, with the same JSON type. The tables below are transcribed from the SDK sources cited in
 * openapi/ERRATA.md (UCloudStack entries 75 and 140–141); the spec is read dereferenced, so a
 * nested array must have object items with the nested model's fields, not a bare `type: object`.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { loadSpecs, operationsOf } from "./spec-documents.ts";

const specs = await loadSpecs((api) => api === "ucloudstack");
const schemas = specs.ucloudstack!.components.schemas as Record<string, any>;

/** `s` string, `i` integer, `b` boolean, `n` number, `s[]` list of strings, `[]` list of objects, `{}` object. */
type Kind = "s" | "i" | "b" | "n" | "s[]" | "[]" | "{}";
type Model = Record<string, Kind>;

// ustack-sdk-java ustack-sdk-java/src/main/java/com/ucloudstack/models/*.java (commits in ERRATA 140).
const java: Record<string, Model> = {
  VMInfo: {
    AttachedUSBIDs: "s[]",
    BasicImageName: "s",
    BootloaderType: "s",
    CPU: "i",
    CPUMode: "s",
    CPUModel: "s",
    CPUModelInSetIntersection: "b",
    CPUModelInSetIntersectionSpec: "b",
    CPUModelSpec: "s",
    CPUUtilization: "n",
    CanLogin: "b",
    CanMigrateAbort: "b",
    ChargeType: "s",
    CloudInitEnabled: "b",
    CloudInitRunning: "b",
    CompanyID: "i",
    CompanyName: "s",
    CreateTime: "i",
    DNS: "s",
    DiskCacheMode: "s",
    DiskInfos: "[]",
    Email: "s",
    ExpireTime: "i",
    FlatNetwork: "s",
    FlatNetworkID: "s",
    FlatNetworkName: "s",
    GPU: "i",
    GPUBindingEnabled: "b",
    GPUMdevName: "s",
    GPUType: "s",
    HighAvailability: "s",
    HostIP: "s",
    HostUUID: "s",
    Hostname: "s",
    HotPlugPCISlotAvailable: "i",
    IGIDs: "s[]",
    IPInfos: "[]",
    IPv4OutputName: "s",
    IPv6OutputName: "s",
    ISOTotalSpec: "i",
    ISOTotalStatus: "i",
    ImageID: "s",
    IsFromISO: "b",
    MdevName: "s",
    MemUsage: "n",
    Memory: "i",
    Name: "s",
    NetworkType: "s",
    OSName: "s",
    OSType: "s",
    PendingChanges: "[]",
    ProjectID: "s",
    ProjectName: "s",
    QGAEnabled: "b",
    QGARunning: "b",
    Reason: "s",
    Region: "s",
    RegionAlias: "s",
    Remark: "s",
    SetArch: "s",
    SetID: "s",
    SetPassword: "b",
    SpaceUsage: "n",
    State: "s",
    StatusProcessProgress: "n",
    SubnetID: "s",
    SubnetName: "s",
    SupportHotplug: "b",
    Tags: "[]",
    UUID: "s",
    UpdateTime: "i",
    UserData: "s",
    VCPUBindingDegrandable: "b",
    VCPUBindingInfos: "[]",
    VCPUBindingNode: "s",
    VGPUID: "s",
    VMID: "s",
    VMNumaInfos: "[]",
    VMSPInfos: "[]",
    VMType: "s",
    VMTypeAlias: "s",
    VPCID: "s",
    VPCName: "s",
    WANNetworkConfig: "{}",
  },
  PendingChange: { Field: "s", Restart: "b" },
  UnifiedTag: { Key: "s", Value: "s" },
  VCPUBinding: { PCPU: "s", VCPU: "i" },
  VMNumaInfo: { GPUInfos: "[]", HostNumaID: "i", Memory: "i", NumaID: "i", VCPUSet: "s" },
  NumaGPUInfo: { HostPCIPath: "s", ProductID: "s", VenderID: "s" },
  VMSPInfo: {
    CPU: "i",
    ComputeSetType: "s",
    CreateTime: "i",
    IsCurrent: "b",
    Memory: "i",
    Remark: "s",
    SPID: "s",
    SPName: "s",
    SPSize: "i",
    SPStatus: "s",
    WithDisk: "b",
    WithMemory: "b",
  },
  WANNetworkConfig: { NICConfigs: "[]" },
  WANNICConfig: { IPConfigs: "[]", MAC: "s", SGID: "s" },
  WANIPConfig: { Bandwidth: "i", IP: "s", IPVersion: "s", SegmentID: "s" },
  VmDiskInfo: {
    DiskID: "s",
    Drive: "s",
    Encrypted: "b",
    IsElastic: "s",
    IsSharedblock: "b",
    Name: "s",
    ShareAble: "b",
    Size: "i",
    SnapshotCount: "i",
    StorageSetArch: "s",
    StorageSetProvider: "s",
    StorageSetType: "s",
    Type: "s",
  },
  IPInfo: {
    IP: "s",
    IPID: "s",
    IPVersion: "s",
    ISDefaultGW: "i",
    InterfaceID: "s",
    InterfaceName: "s",
    IsElastic: "s",
    IsVIP: "s",
    MAC: "s",
    Mode: "s",
    NicPFCode: "s",
    NicPFProduct: "s",
    NicPFVendor: "s",
    NicType: "s",
    SGID: "s",
    SGName: "s",
    Type: "s",
  },
  DiskInfo: {
    AttachResourceID: "s",
    AttachResourceName: "s",
    AttachResourceSnapCount: "i",
    AttachResourceStatus: "s",
    AttachResourceType: "s",
    AttachShareBlockInfos: "[]",
    Bandwidth: "i",
    ChargeType: "s",
    CompanyID: "i",
    CompanyName: "s",
    CreateTime: "i",
    CreatedAsBoot: "b",
    DisableQoS: "b",
    DiskID: "s",
    DiskStatus: "s",
    DiskType: "s",
    Drive: "s",
    Email: "s",
    Encrypted: "b",
    ExpireTime: "i",
    IOPS: "i",
    MigrateBandWidth: "i",
    MigrateFrom: "s",
    Name: "s",
    Percent: "n",
    ProjectID: "s",
    ProjectName: "s",
    Reason: "s",
    Region: "s",
    RegionAlias: "s",
    Remark: "s",
    SetAlias: "s",
    SetArch: "s",
    SetID: "s",
    SetProvider: "s",
    SetType: "s",
    ShareAble: "b",
    Size: "i",
    SnapshotCount: "i",
    Tags: "[]",
  },
  AttachShareBlock: { AttachResourceID: "s", AttachResourceName: "s", AttachResourceType: "s", AttachStatus: "s" },
  SnapshotInfo: {
    CompanyID: "i",
    CompanyName: "s",
    CreateTime: "i",
    DiskAttachResourceID: "s",
    DiskAttachResourceType: "s",
    DiskID: "s",
    DiskName: "s",
    DiskType: "s",
    Email: "s",
    Encrypted: "b",
    Name: "s",
    ProjectID: "s",
    ProjectName: "s",
    Reason: "s",
    Region: "s",
    RegionAlias: "s",
    Remark: "s",
    SnapshotID: "s",
    SnapshotSize: "i",
    SnapshotStatus: "s",
    Tags: "[]",
    Type: "s",
  },
};

// ucloud-sdk-python3 ucloud/services/ucloudstack/schemas/models.py (fields.Str / fields.Int / fields.List).
const python: Record<string, Model> = {
  DiskInfoSchema: {
    AttachResourceID: "s",
    ChargeType: "s",
    CreateTime: "i",
    DiskID: "s",
    DiskStatus: "s",
    DiskType: "s",
    ExpireTime: "i",
    Name: "s",
    Region: "s",
    Remark: "s",
    SetType: "s",
    Size: "i",
    Zone: "s",
  },
  SnapshotInfoSchema: {
    CreateTime: "i",
    DiskID: "s",
    DiskType: "s",
    Name: "s",
    Region: "s",
    Remark: "s",
    SnapshotID: "s",
    SnapshotStatus: "s",
    Zone: "s",
  },
  VMInstanceInfoSchema: {
    CPU: "i",
    ChargeType: "s",
    CreateTime: "i",
    DiskInfos: "[]",
    ExpireTime: "i",
    IPInfos: "[]",
    ImageID: "s",
    Memory: "i",
    Name: "s",
    OSName: "s",
    OSType: "s",
    Region: "s",
    Remark: "s",
    State: "s",
    SubnetID: "s",
    SubnetName: "s",
    VMID: "s",
    VMType: "s",
    VMTypeAlias: "s",
    VPCID: "s",
    VPCName: "s",
    Zone: "s",
  },
  VMDiskInfoSchema: { DiskID: "s", Drive: "s", IsElastic: "s", Name: "s", Size: "i", Type: "s" },
  VMIPInfoSchema: {
    IP: "s",
    IPVersion: "s",
    InterfaceID: "s",
    IsElastic: "s",
    MAC: "s",
    SGID: "s",
    SGName: "s",
    SubnetID: "s",
    SubnetName: "s",
    Type: "s",
    VPCID: "s",
    VPCName: "s",
  },
};

/** Where each SDK model sits in the spec: a component, then `Field[]` (array items) or `Field` (object). */
const placement: Array<[string, Model, string]> = [
  ["ustack-sdk-java VMInfo", java.VMInfo!, "VMInstanceInfo"],
  ["ustack-sdk-java PendingChange", java.PendingChange!, "VMInstanceInfo.PendingChanges[]"],
  ["ustack-sdk-java UnifiedTag (VMInfo.Tags)", java.UnifiedTag!, "VMInstanceInfo.Tags[]"],
  ["ustack-sdk-java UnifiedTag (DiskInfo.Tags)", java.UnifiedTag!, "DiskInfo.Tags[]"],
  ["ustack-sdk-java UnifiedTag (SnapshotInfo.Tags)", java.UnifiedTag!, "SnapshotInfo.Tags[]"],
  ["ustack-sdk-java VCPUBinding", java.VCPUBinding!, "VMInstanceInfo.VCPUBindingInfos[]"],
  ["ustack-sdk-java VMNumaInfo", java.VMNumaInfo!, "VMInstanceInfo.VMNumaInfos[]"],
  ["ustack-sdk-java NumaGPUInfo", java.NumaGPUInfo!, "VMInstanceInfo.VMNumaInfos[].GPUInfos[]"],
  ["ustack-sdk-java VMSPInfo", java.VMSPInfo!, "VMInstanceInfo.VMSPInfos[]"],
  ["ustack-sdk-java WANNetworkConfig", java.WANNetworkConfig!, "VMInstanceInfo.WANNetworkConfig"],
  ["ustack-sdk-java WANNICConfig", java.WANNICConfig!, "VMInstanceInfo.WANNetworkConfig.NICConfigs[]"],
  ["ustack-sdk-java WANIPConfig", java.WANIPConfig!, "VMInstanceInfo.WANNetworkConfig.NICConfigs[].IPConfigs[]"],
  ["ustack-sdk-java VmDiskInfo", java.VmDiskInfo!, "VMInstanceInfo.DiskInfos[]"],
  ["ustack-sdk-java IPInfo", java.IPInfo!, "VMInstanceInfo.IPInfos[]"],
  ["ustack-sdk-java DiskInfo", java.DiskInfo!, "DiskInfo"],
  ["ustack-sdk-java AttachShareBlock", java.AttachShareBlock!, "DiskInfo.AttachShareBlockInfos[]"],
  ["ustack-sdk-java SnapshotInfo", java.SnapshotInfo!, "SnapshotInfo"],
  ["ucloud-sdk-python3 DiskInfoSchema", python.DiskInfoSchema!, "DiskInfo"],
  ["ucloud-sdk-python3 SnapshotInfoSchema", python.SnapshotInfoSchema!, "SnapshotInfo"],
  ["ucloud-sdk-python3 VMInstanceInfoSchema", python.VMInstanceInfoSchema!, "VMInstanceInfo"],
  ["ucloud-sdk-python3 VMDiskInfoSchema", python.VMDiskInfoSchema!, "VMInstanceInfo.DiskInfos[]"],
  ["ucloud-sdk-python3 VMIPInfoSchema", python.VMIPInfoSchema!, "VMInstanceInfo.IPInfos[]"],
];

/** The schema at `Component.Field[].Field...` in the dereferenced spec. */
function schemaAt(path: string): any {
  const [component, ...steps] = path.split(".");
  let schema = schemas[component!];
  expect(schema, `components.schemas.${component}`).toBeDefined();
  for (const step of steps) {
    const isArray = step.endsWith("[]");
    const name = isArray ? step.slice(0, -2) : step;
    schema = schema?.properties?.[name];
    expect(schema, `${path}: ${name}`).toBeDefined();
    if (isArray) {
      expect(schema.type, `${path}: ${name} is an array`).toBe("array");
      schema = schema.items;
    }
  }
  return schema;
}

const jsonTypes = (schema: any): string[] => (Array.isArray(schema.type) ? schema.type : [schema.type]);

function expectKind(where: string, schema: any, kind: Kind): void {
  const types = jsonTypes(schema);
  switch (kind) {
    case "s":
    case "i":
    case "b":
    case "n": {
      const wanted = { s: "string", i: "integer", b: "boolean", n: "number" }[kind];
      expect(types, where).toContain(wanted);
      break;
    }
    case "s[]":
      expect(types, where).toEqual(["array"]);
      expect(jsonTypes(schema.items), `${where} items`).toEqual(["string"]);
      break;
    case "[]":
      expect(types, where).toEqual(["array"]);
      expect(jsonTypes(schema.items), `${where} items`).toEqual(["object"]);
      // A nested model, not a bare object: its fields are declared.
      expect(Object.keys(schema.items.properties ?? {}).length, `${where} items have fields`).toBeGreaterThan(0);
      break;
    case "{}":
      expect(types, where).toEqual(["object"]);
      expect(Object.keys(schema.properties ?? {}).length, `${where} has fields`).toBeGreaterThan(0);
      break;
  }
}

describe("UCloudStack schemas carry every field of the official SDK models, at the right nesting and type", () => {
  it.each(placement)("%s → %s", (_label, model, path) => {
    const schema = schemaAt(path);
    expect(jsonTypes(schema)).toEqual(["object"]);
    for (const [field, kind] of Object.entries(model)) {
      const property = schema.properties?.[field];
      expect(property, `${path}.${field} is missing`).toBeDefined();
      expectKind(`${path}.${field}`, property, kind);
    }
  });
});

describe("a wrongly typed nested field of a UCloudStack answer is rejected (the nested models are enforced)", () => {
  const describeVM = operationsOf(specs).find((o) => o.operationId === "DescribeVMInstance")!;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(describeVM.operation.responses["200"].content["application/json"].schema);
  const answer = (vm: Record<string, unknown>) => ({
    Action: "DescribeVMInstanceResponse",
    RetCode: 0,
    TotalCount: 1,
    Infos: [{ VMID: "vm-8fz3k1qp", ...vm }],
  });
  it("a well-typed answer with every nested model validates", () => {
    const ok = validate(
      answer({
        PendingChanges: [{ Field: "CPU", Restart: true }],
        Tags: [{ Key: "env", Value: "prod" }],
        VCPUBindingInfos: [{ VCPU: 0, PCPU: "2-3" }],
        VMNumaInfos: [{ NumaID: 0, HostNumaID: 1, Memory: 4194304, VCPUSet: "0-3", GPUInfos: [{ VenderID: "10de" }] }],
        VMSPInfos: [{ SPID: "vmsp-1", SPSize: 40, WithMemory: false }],
        WANNetworkConfig: { NICConfigs: [{ MAC: "52:54:00:00:00:01", IPConfigs: [{ IP: "203.0.113.10", Bandwidth: 100 }] }] },
        DiskInfos: [{ DiskID: "disk-1", Encrypted: true, SnapshotCount: 2 }],
        IPInfos: [{ IP: "10.0.0.2", InterfaceName: "eth0", Mode: "NAT" }],
      }),
    );
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it.each([
    ["PendingChanges[].Restart a string", { PendingChanges: [{ Field: "CPU", Restart: "yes" }] }],
    ["Tags[].Value a number", { Tags: [{ Key: "env", Value: 1 }] }],
    ["VCPUBindingInfos[].VCPU a string", { VCPUBindingInfos: [{ VCPU: "0", PCPU: "2" }] }],
    ["VMNumaInfos[].GPUInfos[].ProductID a number", { VMNumaInfos: [{ GPUInfos: [{ ProductID: 7864 }] }] }],
    ["VMSPInfos[].WithDisk a string", { VMSPInfos: [{ SPID: "vmsp-1", WithDisk: "true" }] }],
    [
      "WANNetworkConfig.NICConfigs[].IPConfigs[].Bandwidth a string",
      { WANNetworkConfig: { NICConfigs: [{ IPConfigs: [{ Bandwidth: "100" }] }] } },
    ],
    ["DiskInfos[].Encrypted a string", { DiskInfos: [{ DiskID: "disk-1", Encrypted: "false" }] }],
    ["IPInfos[].ISDefaultGW a string", { IPInfos: [{ IP: "10.0.0.2", ISDefaultGW: "1" }] }],
  ])("%s", (_label, vm) => {
    expect(validate(answer(vm))).toBe(false);
  });
});

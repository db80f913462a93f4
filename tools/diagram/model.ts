/**
 * What the diagram shows of one region, read from its `pulumi stack export` document by resource
 * type. Tolerant by design: the components land one by one, so anything missing is simply absent.
 */
import type { ExportedResource, StackExport } from "../../policies/lib/stack-export";

export interface Fleet {
    readonly kind: "Auto Scaling group" | "Spot Fleet";
    readonly name: string;
    /** `0–200 instances`, `target 50 units`, or empty when the plan does not say. */
    readonly capacity: string;
}

export interface Bucket {
    readonly name: string;
    readonly arn: string;
    /** KMS keys (their display names) the bucket's default encryption uses. */
    readonly keys: readonly string[];
}

export interface RegionModel {
    readonly stack: string;
    readonly region: string;
    readonly vpcCidrs: readonly string[];
    readonly subnetCount: number;
    readonly subnetAzs: readonly string[];
    /** Short service names (`s3`, `dynamodb`). */
    readonly gatewayEndpoints: readonly string[];
    readonly interfaceEndpoints: readonly string[];
    readonly vpnPeers: readonly string[];
    readonly vpnCount: number;
    readonly onPremRoutes: readonly string[];
    readonly fleets: readonly Fleet[];
    readonly buckets: readonly Bucket[];
    readonly keys: readonly string[];
    /** Source bucket ARN -> destination bucket ARNs, from replication configurations. */
    readonly replication: readonly { readonly from: string; readonly to: readonly string[] }[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/** A value as the program set it (inputs), else as the provider reported it (outputs). */
function prop(r: ExportedResource, key: string): unknown {
    return r.inputs?.[key] ?? r.outputs?.[key];
}

/** `com.amazonaws.ap-south-1.s3` -> `s3`; `com.amazonaws.ap-south-1.ecr.api` -> `ecr.api`. */
export function serviceShortName(serviceName: string): string {
    const m = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(serviceName);
    return m ? m[1] : serviceName;
}

function fleetOf(r: ExportedResource): Fleet | undefined {
    if (r.type === "aws:autoscaling/group:Group") {
        const [min, max] = [num(prop(r, "minSize")), num(prop(r, "maxSize"))];
        return { kind: "Auto Scaling group", name: nameOf(r.urn), capacity: min !== undefined && max !== undefined ? `${min}–${max} instances` : "" };
    }
    if (r.type === "aws:ec2/spotFleetRequest:SpotFleetRequest") {
        const target = num(prop(r, "targetCapacity"));
        return { kind: "Spot Fleet", name: nameOf(r.urn), capacity: target !== undefined ? `target ${target}` : "" };
    }
    return undefined;
}

export function regionModel(stack: string, doc: StackExport): RegionModel {
    const resources = doc.deployment.resources.filter((r) => r.custom);
    const ofType = (...types: string[]) => resources.filter((r) => types.includes(r.type));
    const region =
        str(ofType("pulumi:providers:aws")[0]?.inputs?.region) ??
        str(doc.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.outputs?.region) ??
        "";

    const keyNames = new Map<string, string>();
    for (const key of ofType("aws:kms/key:Key")) {
        const ids = [key.id, str(key.outputs?.arn), str(key.outputs?.keyId)].filter((x): x is string => !!x);
        const alias = ofType("aws:kms/alias:Alias").find((a) => ids.includes(String(prop(a, "targetKeyId"))));
        const display = str(alias && prop(alias, "name")) ?? nameOf(key.urn);
        ids.forEach((id) => keyNames.set(id, display));
        keyNames.set(key.urn, display);
    }

    const sse = new Map<string, string[]>();
    for (const cfg of ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")) {
        const bucket = str(prop(cfg, "bucket"));
        const rules = (prop(cfg, "rules") as { applyServerSideEncryptionByDefault?: { kmsMasterKeyId?: unknown } }[] | undefined) ?? [];
        const keys = rules.map((r) => str(r.applyServerSideEncryptionByDefault?.kmsMasterKeyId)).filter((k): k is string => !!k);
        if (bucket) sse.set(bucket, keys.map((k) => keyNames.get(k) ?? k));
    }

    const buckets = ofType("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
        .map((b) => {
            const name = str(prop(b, "bucket")) ?? b.id ?? nameOf(b.urn);
            return { name, arn: str(b.outputs?.arn) ?? `arn:aws:s3:::${name}`, keys: sorted(sse.get(name) ?? []) };
        })
        .sort((a, b) => a.name.localeCompare(b.name));

    const endpoints = ofType("aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => ({
        type: str(prop(e, "vpcEndpointType")) ?? "Gateway",
        service: serviceShortName(str(prop(e, "serviceName")) ?? nameOf(e.urn)),
    }));
    const subnets = ofType("aws:ec2/subnet:Subnet");
    const replication = ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")
        .map((cfg) => {
            const source = str(prop(cfg, "bucket")) ?? "";
            const rules = (prop(cfg, "rules") as { destination?: { bucket?: unknown } }[] | undefined) ?? [];
            return {
                from: buckets.find((b) => b.name === source || b.arn === source)?.arn ?? `arn:aws:s3:::${source}`,
                to: sorted(rules.map((r) => str(r.destination?.bucket)).filter((x): x is string => !!x)),
            };
        })
        .sort((a, b) => a.from.localeCompare(b.from));

    return {
        stack,
        region,
        vpcCidrs: sorted(ofType("aws:ec2/vpc:Vpc").map((v) => str(prop(v, "cidrBlock")) ?? "").filter(Boolean)),
        subnetCount: subnets.length,
        subnetAzs: sorted(subnets.map((s) => str(prop(s, "availabilityZone")) ?? "").filter(Boolean)),
        gatewayEndpoints: sorted(endpoints.filter((e) => e.type === "Gateway").map((e) => e.service)),
        interfaceEndpoints: sorted(endpoints.filter((e) => e.type === "Interface").map((e) => e.service)),
        vpnPeers: sorted(ofType("aws:ec2/customerGateway:CustomerGateway").map((c) => str(prop(c, "ipAddress")) ?? "").filter(Boolean)),
        vpnCount: ofType("aws:ec2/vpnConnection:VpnConnection").length,
        onPremRoutes: sorted(ofType("aws:ec2/vpnConnectionRoute:VpnConnectionRoute").map((r) => str(prop(r, "destinationCidrBlock")) ?? "").filter(Boolean)),
        fleets: resources.map(fleetOf).filter((f): f is Fleet => !!f).sort((a, b) => a.name.localeCompare(b.name)),
        buckets,
        keys: sorted(keyNames.size ? [...new Set(ofType("aws:kms/key:Key").map((k) => keyNames.get(k.urn)!))] : []),
        replication,
    };
}

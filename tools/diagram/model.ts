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

/** An SQS queue of the work flow. */
export interface Queue {
    readonly name: string;
    /** `intake`, `jobs`, `results` (from the name), or the name itself. */
    readonly purpose: string;
    /** A dead-letter queue (another queue's redrive target). */
    readonly deadLetter: boolean;
    /** Receives before the dead-letter queue (source queues). */
    readonly maxReceiveCount?: number;
    /** Display name of its KMS key. */
    readonly key?: string;
}

/** One S3 event notification: a bucket's new objects under a prefix to a queue. */
export interface Notification {
    readonly bucket: string;
    readonly queue: string;
    readonly prefix: string;
}

/** A role on-prem assumes, by what it is for, and whether it is granted anything (a standby role is not). */
export interface OnPremRole {
    readonly kind: "uploader" | "reference-publisher" | "job-submitter" | "results-reader";
    readonly name: string;
    readonly granted: boolean;
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
    readonly queues: readonly Queue[];
    readonly notifications: readonly Notification[];
    readonly onPremRoles: readonly OnPremRole[];
    /** Target of a backlog-per-instance scaling policy, when the workers have one. */
    readonly backlogTarget?: number;
    /** A validator policy is attached (this stack validates uploads: the primary). */
    readonly validator: boolean;
}

const ON_PREM_ROLE_KINDS: readonly OnPremRole["kind"][] = ["uploader", "reference-publisher", "job-submitter", "results-reader"];

function parsed(v: unknown): Record<string, unknown> | undefined {
    if (v && typeof v === "object") return v as Record<string, unknown>;
    if (typeof v !== "string") return undefined;
    try {
        return JSON.parse(v);
    } catch {
        return undefined;
    }
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

    // The work flow: queues (a dead-letter queue is another queue's redrive target), notifications, on-prem roles.
    const queueResources = ofType("aws:sqs/queue:Queue");
    const deadLetterArns = new Set(queueResources.map((q) => str(parsed(prop(q, "redrivePolicy"))?.deadLetterTargetArn)).filter((a): a is string => !!a));
    const queues = queueResources
        .map((q) => {
            const name = str(prop(q, "name")) ?? nameOf(q.urn);
            const redrive = parsed(prop(q, "redrivePolicy"));
            const key = str(prop(q, "kmsMasterKeyId"));
            return {
                name,
                purpose: /-(intake|jobs|results)$/.exec(name)?.[1] ?? name,
                deadLetter: deadLetterArns.has(str(q.outputs?.arn) ?? ""),
                ...(num(redrive?.maxReceiveCount) !== undefined ? { maxReceiveCount: num(redrive?.maxReceiveCount) } : {}),
                ...(key ? { key: keyNames.get(key) ?? key } : {}),
            };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
    const queueNameByArn = new Map(queueResources.map((q) => [str(q.outputs?.arn) ?? "", str(prop(q, "name")) ?? nameOf(q.urn)]));
    const notifications = ofType("aws:s3/bucketNotification:BucketNotification")
        .flatMap((n) =>
            ((prop(n, "queues") as { queueArn?: unknown; filterPrefix?: unknown }[] | undefined) ?? []).map((q) => ({
                bucket: str(prop(n, "bucket")) ?? "",
                queue: queueNameByArn.get(str(q.queueArn) ?? "") ?? str(q.queueArn) ?? "",
                prefix: str(q.filterPrefix) ?? "",
            })),
        )
        .sort((a, b) => `${a.bucket}/${a.prefix}`.localeCompare(`${b.bucket}/${b.prefix}`));
    const rolePolicies = ofType("aws:iam/rolePolicy:RolePolicy");
    const onPremRoles = ofType("aws:iam/role:Role")
        .map((r) => ({ r, kind: (prop(r, "tags") as Record<string, unknown> | undefined)?.["spot-grid:role"] }))
        .filter((x): x is { r: ExportedResource; kind: OnPremRole["kind"] } => ON_PREM_ROLE_KINDS.includes(x.kind as OnPremRole["kind"]))
        .map(({ r, kind }) => {
            const name = str(prop(r, "name")) ?? nameOf(r.urn);
            return { kind, name, granted: rolePolicies.some((p) => prop(p, "role") === name || prop(p, "role") === r.id) };
        })
        .sort((a, b) => ON_PREM_ROLE_KINDS.indexOf(a.kind) - ON_PREM_ROLE_KINDS.indexOf(b.kind));
    const backlogPolicy = ofType("aws:autoscaling/policy:Policy", "aws:appautoscaling/policy:Policy")
        .map((p) => num((prop(p, "targetTrackingConfiguration") as { targetValue?: unknown } | undefined)?.targetValue ?? (prop(p, "targetTrackingScalingPolicyConfiguration") as { targetValue?: unknown } | undefined)?.targetValue))
        .find((v) => v !== undefined);

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
        queues,
        notifications,
        onPremRoles,
        validator: rolePolicies.some((p) => prop(p, "name") === "validator"),
        ...(backlogPolicy !== undefined ? { backlogTarget: backlogPolicy } : {}),
    };
}

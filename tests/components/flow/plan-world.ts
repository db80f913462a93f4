/**
 * One region stack of a real plan export, as the IAM simulator needs it: every role's identity and
 * trust policies, the data bucket's and queues' resource policies, the keys' policies, the VPC
 * endpoints' policies and ids. Read from the export by type and tag, never by a logical name.
 */
import * as assert from "assert";
import type { PolicyDocument } from "../../../components/lib/policy-document";
import type { ExportedResource, StackExport } from "../../../policies/lib/stack-export";

const json = (v: unknown): PolicyDocument => (typeof v === "string" ? JSON.parse(v) : (v as PolicyDocument));
const tag = (r: ExportedResource, key: string) => ((r.inputs?.tags ?? {}) as Record<string, string>)[key];

export interface QueueWorld {
    readonly arn: string;
    readonly url: string;
    readonly policy: PolicyDocument;
}

export interface PlanWorld {
    readonly stack: string;
    readonly region: string;
    readonly accountId: string;
    readonly isPrimary: boolean;
    readonly bucketArn: string;
    readonly bucketPolicy: PolicyDocument;
    readonly dataKey: { readonly arn: string; readonly policy: PolicyDocument };
    readonly queueKey: { readonly arn: string; readonly policy: PolicyDocument };
    readonly queues: Readonly<Record<"intake" | "jobs" | "results" | "intake-dlq" | "jobs-dlq" | "results-dlq", QueueWorld>>;
    readonly endpoints: { readonly s3Gateway: { id: string; policy: PolicyDocument }; readonly s3Interface: { id: string; policy: PolicyDocument }; readonly sqs: { id: string; policy: PolicyDocument } };
    /** Role ARN by role name. */
    readonly roleArn: (name: string) => string;
    /** Every inline policy attached to the role. */
    readonly identity: (roleName: string) => PolicyDocument[];
    readonly trust: (roleName: string) => PolicyDocument;
    readonly outputs: Record<string, unknown>;
    readonly resources: readonly ExportedResource[];
}

export function planWorld(stack: string, doc: StackExport): PlanWorld {
    const resources = doc.deployment.resources;
    const ofType = (t: string) => resources.filter((r) => r.type === t);
    const one = (t: string, what: string, where: (r: ExportedResource) => boolean) => {
        const hits = ofType(t).filter(where);
        assert.strictEqual(hits.length, 1, `${stack}: expected one ${what} (${t}), found ${hits.length}`);
        return hits[0];
    };
    const root = one("pulumi:pulumi:Stack", "stack", () => true);
    const outputs = (root.outputs ?? {}) as Record<string, unknown>;
    const bucket = one("aws:s3/bucket:Bucket", "data bucket", (b) => tag(b, "spot-grid:role") === "data");
    const bucketArn = String(bucket.outputs!.arn);
    const bucketPolicy = json(one("aws:s3/bucketPolicy:BucketPolicy", "data bucket policy", (p) => p.inputs?.bucket === bucket.id).inputs!.policy);
    const key = (role: string) => {
        const k = one("aws:kms/key:Key", `${role} key`, (r) => tag(r, "spot-grid:role") === role);
        return { arn: String(k.outputs!.arn), policy: json(k.inputs!.policy) };
    };
    const queues = Object.fromEntries(
        ofType("aws:sqs/queue:Queue").map((q) => {
            const name = String(q.inputs!.name);
            const purpose = name.replace(`spot-grid-${stack}-`, "");
            const policy = one("aws:sqs/queuePolicy:QueuePolicy", `policy of ${name}`, (p) => p.inputs?.queueUrl === q.id);
            return [purpose, { arn: String(q.outputs!.arn), url: String(q.id), policy: json(policy.inputs!.policy) }];
        }),
    ) as unknown as PlanWorld["queues"];
    const endpoint = (service: string, type: string) => {
        const e = one("aws:ec2/vpcEndpoint:VpcEndpoint", `${service} ${type} endpoint`, (r) => String(r.inputs?.serviceName).endsWith(`.${service}`) && r.inputs?.vpcEndpointType === type);
        return { id: String(e.id), policy: json(e.inputs!.policy) };
    };
    const roles = new Map(ofType("aws:iam/role:Role").map((r) => [String(r.inputs!.name), r]));
    const role = (name: string) => {
        const r = roles.get(name);
        assert.ok(r, `${stack}: no role ${name} (roles: ${[...roles.keys()].join(", ")})`);
        return r;
    };
    return {
        stack,
        region: String(outputs.region),
        accountId: bucketArn.split("-").pop()!,
        isPrimary: outputs.isPrimary === true,
        bucketArn,
        bucketPolicy,
        dataKey: key("data-key"),
        queueKey: key("queue-key"),
        queues,
        endpoints: { s3Gateway: endpoint("s3", "Gateway"), s3Interface: endpoint("s3", "Interface"), sqs: endpoint("sqs", "Interface") },
        roleArn: (name) => String(role(name).outputs!.arn),
        identity: (name) => ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs?.role === name || p.inputs?.role === role(name).id).map((p) => json(p.inputs!.policy)),
        trust: (name) => json(role(name).inputs!.assumeRolePolicy),
        outputs,
        resources,
    };
}

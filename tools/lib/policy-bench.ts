/**
 * Policy-check timing on synthetic exports: how long parsing + walking an N-resource export takes
 * next to the full evaluation of every pack over it, so `npm run bench` can show evaluation grows
 * linearly (1k vs 10k). Numbers only; no assertions on time anywhere.
 */
import { evaluateStackExport } from "../../policies/lib/evaluator";
import { ExportedResource, parseStackExport } from "../../policies/lib/stack-export";

const STACK = "urn:pulumi:bench::spot-grid::";
const PROVIDER = `${STACK}pulumi:providers:aws::default::0000`;
const CMK = "arn:aws:kms:ap-south-1:111122223333:key/bench";

/** One group of related resources (bucket + its config, role + policy, network, compute), 10 per group. */
function group(i: number): ExportedResource[] {
    const bucket = `bench-data-${i}`;
    const r = (type: string, name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = inputs): ExportedResource => ({
        urn: `${STACK}${type}::${name}-${i}`,
        type,
        custom: true,
        id: `${name}-${i}`,
        inputs,
        outputs: { id: `${name}-${i}`, ...outputs },
        parent: `${STACK}pulumi:pulumi:Stack::bench`,
        provider: PROVIDER,
        dependencies: [],
        propertyDependencies: {},
    });
    const tls = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${bucket}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
    return [
        r("aws:s3/bucket:Bucket", "data", { bucket, tags: { role: "data" } }, { bucket }),
        r("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse", { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: CMK }, bucketKeyEnabled: true }] }),
        r("aws:s3/bucketPolicy:BucketPolicy", "policy", { bucket, policy: tls }),
        r("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
        r("aws:s3/bucketVersioning:BucketVersioning", "versioning", { bucket, versioningConfiguration: { status: "Enabled" } }),
        r("aws:iam/role:Role", "role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) }),
        r("aws:iam/rolePolicy:RolePolicy", "role-policy", { role: `role-${i}`, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "ec2:DescribeInstances"], Resource: "*" }] }) }),
        r("aws:kms/key:Key", "key", { enableKeyRotation: true }),
        r("aws:ec2/launchTemplate:LaunchTemplate", "lt", { imageId: "ami-1", blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: CMK } }], metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } }),
        r("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "egress", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" }),
    ];
}

/** A deployment-version-3 export with about `n` resources (stack, provider, then groups of 10). */
export function syntheticExport(n: number): string {
    const resources: ExportedResource[] = [
        { urn: `${STACK}pulumi:pulumi:Stack::bench`, type: "pulumi:pulumi:Stack", custom: false, outputs: {} },
        { urn: PROVIDER.slice(0, PROVIDER.lastIndexOf("::")), type: "pulumi:providers:aws", custom: true, id: "0000", inputs: { region: "ap-south-1" }, outputs: { region: "ap-south-1" } },
    ];
    for (let i = 0; resources.length < n; i++) resources.push(...group(i));
    return JSON.stringify({ version: 3, deployment: { manifest: { version: "v3.248.0" }, resources: resources.slice(0, Math.max(n, 2)) } });
}

export interface PolicyBenchResult {
    resources: number;
    /** JSON.parse + validation + one walk over every resource's inputs and outputs. */
    parseWalkMs: number;
    /** Parse plus evaluation of every pack. */
    evaluateMs: number;
    violations: number;
}

function walk(value: unknown): number {
    if (typeof value !== "object" || value === null) return 1;
    let count = 1;
    for (const v of Array.isArray(value) ? value : Object.values(value)) count += walk(v);
    return count;
}

/** Times parse+walk and full evaluation of one synthetic export of `n` resources. */
export async function runPolicyBench(n: number): Promise<PolicyBenchResult> {
    const text = syntheticExport(n);
    let started = process.hrtime.bigint();
    const parsed = parseStackExport(text, "synthetic");
    let nodes = 0;
    for (const r of parsed.deployment.resources) nodes += walk(r.inputs) + walk(r.outputs);
    const parseWalkMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (nodes === 0) throw new Error("empty walk");
    started = process.hrtime.bigint();
    const result = await evaluateStackExport(parseStackExport(text, "synthetic"));
    const evaluateMs = Number(process.hrtime.bigint() - started) / 1e6;
    return { resources: parsed.deployment.resources.length, parseWalkMs, evaluateMs, violations: result.violations.length };
}

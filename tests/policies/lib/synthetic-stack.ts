/**
 * A synthetic stack export built from repeated groups that exercise every cross-resource link the
 * stack policies follow: buckets with split versioning / public access block / lifecycle /
 * logging / replication / encryption / bucket policy, VPCs with flow logs and default security
 * groups, routes to gateways, and a CloudTrail trail. Half the groups link by the engine's
 * property dependencies (as during preview, when ids are unknown), half by output values.
 */
import type { ExportedResource, StackExport } from "../../../policies/lib/stack-export";
import { UNKNOWN } from "../../../policies/lib/resource-props";

const STACK = "urn:pulumi:synthetic::spot-grid::";
const STACK_URN = `${STACK}pulumi:pulumi:Stack::spot-grid-synthetic`;
const PROVIDER_URN = `${STACK}pulumi:providers:aws::default`;
const CMK = "arn:aws:kms:ap-south-1:111122223333:key/synthetic";

/** Resources per group (see {@link group}). */
export const GROUP_SIZE = 15;

const LOGS = "synthetic-logs";
const LOGS_URN = `${STACK}aws:s3/bucket:Bucket::logs`;

function group(i: number | "logs"): ExportedResource[] {
    const byDependency = i !== "logs" && i % 2 === 0;
    const urnOf = (type: string, name: string) => (i === "logs" ? `${STACK}${type}::logs${name === "data" ? "" : `-${name}`}` : `${STACK}${type}::${name}-${i}`);
    const data = i === "logs" ? LOGS : `synthetic-data-${i}`;
    const make = (type: string, name: string, props: Record<string, unknown>, links: Record<string, string> = {}): ExportedResource => {
        const id = typeof props.id === "string" ? props.id : `${name}-${i}`;
        // Linked fields: the output holds the target's id (or is unknown, linked by dependency).
        const outputs: Record<string, unknown> = { id, ...props };
        const propertyDependencies: Record<string, string[]> = {};
        for (const [field, target] of Object.entries(links)) {
            if (byDependency) {
                outputs[field] = UNKNOWN;
                propertyDependencies[field] = [target];
            }
        }
        return {
            urn: urnOf(type, name),
            type,
            custom: true,
            id,
            inputs: { ...props },
            outputs,
            parent: STACK_URN,
            provider: `${PROVIDER_URN}::pid`,
            dependencies: Object.values(links),
            propertyDependencies,
        };
    };
    const bucketUrn = urnOf("aws:s3/bucket:Bucket", "data");
    const vpcUrn = urnOf("aws:ec2/vpc:Vpc", "vpc");
    const vgwUrn = urnOf("aws:ec2/vpnGateway:VpnGateway", "vgw");
    const tls = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${data}`, `arn:aws:s3:::${data}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    });
    const bucket = [
        make("aws:s3/bucket:Bucket", "data", { id: data, bucket: data, arn: `arn:aws:s3:::${data}`, tags: { "spot-grid:role": i === "logs" ? "access-logs" : "data" } }),
        make("aws:s3/bucketVersioning:BucketVersioning", "versioning", { bucket: data, versioningConfiguration: { status: "Enabled" } }, { bucket: bucketUrn }),
        make("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { bucket: data, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { bucket: bucketUrn }),
        make(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "lifecycle",
            { bucket: data, rules: [{ id: "archive", status: "Enabled", abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }], transitions: [{ days: 30, storageClass: "GLACIER" }] }] },
            { bucket: bucketUrn },
        ),
        make(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "sse",
            { bucket: data, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: CMK }, bucketKeyEnabled: true }] },
        ),
        make("aws:s3/bucketPolicy:BucketPolicy", "policy", { bucket: data, policy: tls }),
    ];
    if (i === "logs") return bucket;
    return [
        ...bucket,
        make("aws:s3/bucketLogging:BucketLogging", "logging", { bucket: data, targetBucket: LOGS, targetPrefix: `${data}/` }, { bucket: bucketUrn, targetBucket: LOGS_URN }),
        make(
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            "replication",
            { bucket: data, role: "arn:aws:iam::111122223333:role/replication", rules: [{ status: "Enabled", destination: [{ bucket: `arn:aws:s3:::peer-${i}` }] }] },
            { bucket: bucketUrn },
        ),
        make("aws:ec2/vpc:Vpc", "vpc", { id: `vpc-${i}`, arn: `arn:aws:ec2:ap-south-1:111122223333:vpc/vpc-${i}`, cidrBlock: "10.0.0.0/16" }),
        make("aws:ec2/flowLog:FlowLog", "flow", { vpcId: `vpc-${i}`, trafficType: "ALL", logDestination: "arn:aws:logs:ap-south-1:111122223333:log-group:flow" }, { vpcId: vpcUrn }),
        make("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default-sg", { vpcId: `vpc-${i}` }, { vpcId: vpcUrn }),
        make("aws:ec2/vpnGateway:VpnGateway", "vgw", { id: `vgw-${i}`, vpcId: `vpc-${i}` }),
        make("aws:ec2/route:Route", "route", { routeTableId: `rtb-${i}`, destinationCidrBlock: "0.0.0.0/0", gatewayId: `vgw-${i}` }, { gatewayId: vgwUrn }),
        make("aws:ec2/routeTable:RouteTable", "rt", { vpcId: `vpc-${i}`, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: `vgw-${i}` }] }),
        make("aws:cloudtrail/trail:Trail", "trail", { eventSelectors: [{ dataResources: [{ type: "AWS::S3::Object", values: [`arn:aws:s3:::${data}/`] }] }] }),
    ];
}

/** An export of the stack, the provider and `groups` groups ({@link GROUP_SIZE} resources each). */
export function syntheticStack(groups: number): StackExport {
    const resources: ExportedResource[] = [
        { urn: STACK_URN, type: "pulumi:pulumi:Stack", custom: false, outputs: {} },
        { urn: PROVIDER_URN, type: "pulumi:providers:aws", custom: true, id: "pid", inputs: { region: "ap-south-1" }, outputs: { region: "ap-south-1" } },
    ];
    resources.push(...group("logs"));
    // The region's AWS Config recorder (config-records-judged-types): one per stack, not per group.
    const recordedTypes = [
        "AWS::AutoScaling::AutoScalingGroup", "AWS::CloudTrail::Trail", "AWS::EC2::EIP", "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::FlowLog", "AWS::EC2::Instance",
        "AWS::EC2::InternetGateway", "AWS::EC2::LaunchTemplate", "AWS::EC2::NatGateway", "AWS::EC2::RouteTable", "AWS::EC2::SecurityGroup", "AWS::EC2::SpotFleet",
        "AWS::EC2::Subnet", "AWS::EC2::VPC", "AWS::EC2::VPCEndpoint", "AWS::EC2::Volume", "AWS::KMS::Key", "AWS::S3::AccountPublicAccessBlock", "AWS::S3::Bucket", "AWS::SNS::Topic",
    ];
    for (const [type, name, props] of [
        ["aws:cfg/recorder:Recorder", "recorder", { name: "spot-grid", recordingGroup: { allSupported: false, resourceTypes: recordedTypes } }],
        ["aws:cfg/recorderStatus:RecorderStatus", "recorder-status", { name: "spot-grid", isEnabled: true }],
        ["aws:cfg/deliveryChannel:DeliveryChannel", "delivery", { name: "spot-grid", s3BucketName: "synthetic-archive-in-another-stack" }],
    ] as const) {
        resources.push({ urn: `${STACK}${type}::${name}`, type, custom: true, id: "spot-grid", inputs: { ...props }, outputs: { id: "spot-grid", ...props }, parent: STACK_URN, provider: `${PROVIDER_URN}::pid` });
    }
    for (let i = 0; i < groups; i++) resources.push(...group(i));
    return { version: 3, deployment: { resources } };
}

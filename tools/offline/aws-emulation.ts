/**
 * Our AWS, in one place: the rules by which the emulated cloud answers, honest enough to plan and
 * deploy against. Ids and ARNs in AWS's formats, physical names auto-generated as the provider does,
 * the provider's default tags merged into `tagsAll`, the region's real AZ names, caller identity,
 * and policy documents rendered to JSON. Deterministic: the same stack always gets the same ids.
 *
 * Two adapters share these rules, so there is no second copy of them:
 * - {@link AwsEmulator}: Pulumi's mock runtime (`pulumi.runtime.setMocks`), for the offline plan;
 * - tools/aws-emulator: a real resource provider plugin that the Pulumi CLI loads as `aws`, for
 *   the end-to-end run of the real engine.
 *
 * Unknown resource types get a generic but valid id; unknown invokes throw, so a program that
 * depends on an invoke we do not emulate fails loudly instead of planning on made-up data.
 */
import type * as pulumi from "@pulumi/pulumi";
import { availabilityZoneIds, availabilityZoneNames } from "../../infra/config/regions";
import { digitsFrom, ec2Id, hexFrom, publicIpFrom, upperAlnumFrom, uuidFrom } from "./ids";
import { PolicyDocumentArgs, renderPolicyDocument } from "./policy-document";
import { UNKNOWN } from "../../policies/lib/stack-export";

export const OFFLINE_ACCOUNT_ID = "111122223333";

/**
 * Which instance types the emulated EC2 offers in which Availability Zone (by AZ id): the one
 * answer behind DescribeInstanceTypeOfferings (`aws.ec2.getInstanceTypeOfferings`), for the
 * offline plan and for the real CLI through tools/aws-emulator alike.
 *
 * The default is NOT AWS's data: it says every type is offered in every AZ of the Region. Per-AZ
 * offerings differ between accounts and are published nowhere this project can reach (no AWS
 * credentials, no internet), so the emulator invents none; the default only lets the program's
 * deploy-time check (infra/instance-types.ts) run end to end. A test replaces `isOffered` (and
 * puts it back) to show a plan failing when a type is missing from an AZ.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html
 */
export const EMULATED_INSTANCE_TYPE_OFFERINGS = {
    isOffered: (_region: string, _azId: string, _instanceType: string): boolean => true,
};

export { UNKNOWN };

/** True when `value` is, or holds anywhere inside it, the unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

type Props = Record<string, any>;
type MockResourceArgs = pulumi.runtime.MockResourceArgs;
type MockCallArgs = pulumi.runtime.MockCallArgs;


interface Context {
    region: string;
    account: string;
    /** Seed unique to this resource within the stack. */
    seed: string;
    name: string;
    inputs: Props;
}

/** What the provider adds for one type: the id, and outputs beyond the inputs. */
interface TypeEmulation {
    /** Input that the provider auto-names when it is not set (e.g. `bucket`, `name`). */
    autoname?: string;
    /** Lower-case physical names (S3). */
    lowerCaseName?: boolean;
    id: (c: Context) => string;
    outputs?: (c: Context, id: string) => Props;
}

const arnEc2 = (c: Context, kind: string, id: string) => `arn:aws:ec2:${c.region}:${c.account}:${kind}/${id}`;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The S3 split resources point at a bucket and take its name as their id. */
const bucketChild: TypeEmulation = { id: (c) => str(c.inputs.bucket) ?? `bucket-${hexFrom(c.seed, 8)}` };

const s3Bucket: TypeEmulation = {
    autoname: "bucket",
    lowerCaseName: true,
    id: (c) => c.inputs.bucket,
    outputs: (c, id) => ({
        arn: `arn:aws:s3:::${id}`,
        bucketDomainName: `${id}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${id}.s3.${c.region}.amazonaws.com`,
        hostedZoneId: "Z11RGJOFQNVJUP",
        region: c.region,
    }),
};

const EMULATIONS: Record<string, TypeEmulation> = {
    // --- S3
    "aws:s3/bucket:Bucket": s3Bucket,
    "aws:s3/bucketV2:BucketV2": s3Bucket,
    "aws:s3/bucketVersioning:BucketVersioning": bucketChild,
    "aws:s3/bucketVersioningV2:BucketVersioningV2": bucketChild,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": bucketChild,
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": bucketChild,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucketChild,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": bucketChild,
    "aws:s3/bucketPolicy:BucketPolicy": bucketChild,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucketChild,
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": bucketChild,
    "aws:s3/bucketLogging:BucketLogging": bucketChild,
    "aws:s3/bucketLoggingV2:BucketLoggingV2": bucketChild,
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": bucketChild,
    "aws:s3/bucketNotification:BucketNotification": bucketChild,
    "aws:s3/bucketAcl:BucketAcl": bucketChild,
    "aws:s3/bucketAclV2:BucketAclV2": bucketChild,
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": { ...bucketChild, outputs: () => ({ objectLockEnabled: "Enabled" }) },
    // --- KMS
    "aws:kms/key:Key": {
        id: (c) => uuidFrom(c.seed),
        outputs: (c, id) => ({ arn: `arn:aws:kms:${c.region}:${c.account}:key/${id}`, keyId: id }),
    },
    "aws:kms/alias:Alias": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:kms:${c.region}:${c.account}:${id}`, targetKeyArn: `arn:aws:kms:${c.region}:${c.account}:key/${str(c.inputs.targetKeyId) ?? uuidFrom(c.seed)}` }),
    },
    "aws:kms/keyPolicy:KeyPolicy": { id: (c) => str(c.inputs.keyId) ?? uuidFrom(c.seed) },
    // --- IAM (global: no region in ARNs)
    "aws:iam/role:Role": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({
            arn: `arn:aws:iam::${c.account}:role${str(c.inputs.path) ?? "/"}${id}`,
            uniqueId: `AROA${upperAlnumFrom(c.seed, 17)}`,
            createDate: "2026-01-01T00:00:00Z",
        }),
    },
    "aws:iam/policy:Policy": {
        autoname: "name",
        id: (c) => `arn:aws:iam::${c.account}:policy${str(c.inputs.path) ?? "/"}${c.inputs.name}`,
        outputs: (_c, id) => ({ arn: id, policyId: `ANPA${upperAlnumFrom(id, 17)}`, attachmentCount: 1 }),
    },
    "aws:iam/rolePolicy:RolePolicy": {
        autoname: "name",
        id: (c) => `${str(c.inputs.role) ?? "role"}:${c.inputs.name}`,
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        id: (c) => `${str(c.inputs.role) ?? "role"}-${digitsFrom(c.seed, 26)}`,
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:iam::${c.account}:instance-profile${str(c.inputs.path) ?? "/"}${id}`, uniqueId: `AIPA${upperAlnumFrom(c.seed, 17)}` }),
    },
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
        id: (c) => `arn:aws:iam::${c.account}:role/aws-service-role/${c.inputs.awsServiceName}/${c.name}`,
        outputs: (_c, id) => ({ arn: id }),
    },
    // --- VPC
    "aws:ec2/vpc:Vpc": {
        id: (c) => ec2Id("vpc", c.seed),
        outputs: (c, id) => ({
            arn: arnEc2(c, "vpc", id),
            defaultSecurityGroupId: ec2Id("sg", `${c.seed}/default-sg`),
            defaultNetworkAclId: ec2Id("acl", `${c.seed}/default-acl`),
            defaultRouteTableId: ec2Id("rtb", `${c.seed}/main-rtb`),
            mainRouteTableId: ec2Id("rtb", `${c.seed}/main-rtb`),
            dhcpOptionsId: ec2Id("dopt", c.seed),
            ownerId: c.account,
            instanceTenancy: c.inputs.instanceTenancy ?? "default",
        }),
    },
    "aws:ec2/subnet:Subnet": {
        id: (c) => ec2Id("subnet", c.seed),
        outputs: (c, id) => {
            const az = str(c.inputs.availabilityZone);
            const idx = az ? availabilityZoneNames(c.region).indexOf(az) : -1;
            return {
                arn: arnEc2(c, "subnet", id),
                ownerId: c.account,
                mapPublicIpOnLaunch: c.inputs.mapPublicIpOnLaunch ?? false,
                ...(idx >= 0 ? { availabilityZoneId: availabilityZoneIds(c.region)[idx] } : {}),
            };
        },
    },
    "aws:ec2/routeTable:RouteTable": { id: (c) => ec2Id("rtb", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "route-table", id), ownerId: c.account }) },
    "aws:ec2/defaultRouteTable:DefaultRouteTable": { id: (c) => str(c.inputs.defaultRouteTableId) ?? ec2Id("rtb", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "route-table", id), ownerId: c.account }) },
    "aws:ec2/route:Route": { id: (c) => `r-${str(c.inputs.routeTableId) ?? ec2Id("rtb", c.seed)}${digitsFrom(c.seed, 10)}`, outputs: () => ({ origin: "CreateRoute", state: "active" }) },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": { id: (c) => ec2Id("rtbassoc", c.seed) },
    "aws:ec2/securityGroup:SecurityGroup": {
        autoname: "name",
        id: (c) => ec2Id("sg", c.seed),
        outputs: (c, id) => ({ arn: arnEc2(c, "security-group", id), ownerId: c.account }),
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        id: (c) => ec2Id("sg", `${c.seed}/default`),
        outputs: (c, id) => ({ arn: arnEc2(c, "security-group", id), name: "default", ownerId: c.account }),
    },
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": { id: (c) => str(c.inputs.defaultNetworkAclId) ?? ec2Id("acl", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "network-acl", id), ownerId: c.account }) },
    "aws:ec2/networkAcl:NetworkAcl": { id: (c) => ec2Id("acl", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "network-acl", id), ownerId: c.account }) },
    "aws:ec2/securityGroupRule:SecurityGroupRule": { id: (c) => `sgrule-${digitsFrom(c.seed, 10)}`, outputs: (c) => ({ securityGroupRuleId: ec2Id("sgr", c.seed) }) },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { id: (c) => ec2Id("sgr", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "security-group-rule", id), securityGroupRuleId: id }) },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { id: (c) => ec2Id("sgr", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "security-group-rule", id), securityGroupRuleId: id }) },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        id: (c) => ec2Id("vpce", c.seed),
        outputs: (c, id) => {
            const service = str(c.inputs.serviceName) ?? `com.amazonaws.${c.region}.unknown`;
            const short = service.split(".").slice(3).join(".") || "service";
            const type = str(c.inputs.vpcEndpointType) ?? "Gateway";
            const common = { arn: arnEc2(c, "vpc-endpoint", id), ownerId: c.account, state: "available", requesterManaged: false };
            if (type === "Gateway") {
                return { ...common, vpcEndpointType: type, prefixListId: `pl-${hexFrom(`${c.region}/${service}`, 8)}`, cidrBlocks: ["52.219.0.0/16"], dnsEntries: [], networkInterfaceIds: [] };
            }
            const subnets: unknown[] = Array.isArray(c.inputs.subnetIds) ? c.inputs.subnetIds : [];
            // [network] S3 interface endpoints' names are wildcards: the bucket name goes in front
            // (`bucket.vpce-...s3.<region>.vpce.amazonaws.com`), so AWS lists them as `*.vpce-...`.
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html
            const wildcard = short === "s3" ? "*." : "";
            const dns = `${wildcard}${id}-${hexFrom(`${c.seed}/dns`, 8)}.${short}.${c.region}.vpce.amazonaws.com`;
            return {
                ...common,
                vpcEndpointType: type,
                dnsEntries: [{ dnsName: dns, hostedZoneId: `Z${upperAlnumFrom(c.region, 13)}` }],
                networkInterfaceIds: subnets.map((_, i) => ec2Id("eni", `${c.seed}/${i}`)),
                prefixListId: "",
                cidrBlocks: [],
            };
        },
    },
    "aws:ec2/flowLog:FlowLog": { id: (c) => ec2Id("fl", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "vpc-flow-log", id) }) },
    // --- Hybrid link
    "aws:ec2/customerGateway:CustomerGateway": { id: (c) => ec2Id("cgw", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "customer-gateway", id) }) },
    "aws:ec2/vpnGateway:VpnGateway": { id: (c) => ec2Id("vgw", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "vpn-gateway", id), amazonSideAsn: str(c.inputs.amazonSideAsn) ?? "64512" }) },
    "aws:ec2/vpnGatewayAttachment:VpnGatewayAttachment": { id: (c) => `vpn-attachment-${hexFrom(c.seed, 8)}` },
    "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation": { id: (c) => `${str(c.inputs.vpnGatewayId) ?? "vgw"}_${str(c.inputs.routeTableId) ?? "rtb"}` },
    "aws:ec2/vpnConnection:VpnConnection": {
        id: (c) => ec2Id("vpn", c.seed),
        outputs: (c, id) => ({
            arn: arnEc2(c, "vpn-connection", id),
            tunnel1Address: publicIpFrom(`${c.seed}/t1`),
            tunnel2Address: publicIpFrom(`${c.seed}/t2`),
            tunnel1InsideCidr: "169.254.10.0/30",
            tunnel2InsideCidr: "169.254.11.0/30",
            tunnel1PresharedKey: c.inputs.tunnel1PresharedKey ?? `psk1_${hexFrom(`${c.seed}/psk1`, 24)}`,
            tunnel2PresharedKey: c.inputs.tunnel2PresharedKey ?? `psk2_${hexFrom(`${c.seed}/psk2`, 24)}`,
            customerGatewayConfiguration: "<vpn_connection/>",
            transitGatewayAttachmentId: "",
        }),
    },
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": { id: (c) => `${str(c.inputs.destinationCidrBlock) ?? "0.0.0.0/0"}:${str(c.inputs.vpnConnectionId) ?? "vpn"}` },
    "aws:route53/resolverEndpoint:ResolverEndpoint": {
        id: (c) => `rslvr-${String(c.inputs.direction ?? "inbound").toLowerCase() === "outbound" ? "out" : "in"}-${hexFrom(c.seed, 17)}`,
        outputs: (c, id) => ({ arn: `arn:aws:route53resolver:${c.region}:${c.account}:resolver-endpoint/${id}`, hostVpcId: ec2Id("vpc", `${c.seed}/host`) }),
    },
    // --- Logs, metrics, events, notifications
    "aws:cloudwatch/logGroup:LogGroup": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:logs:${c.region}:${c.account}:log-group:${id}` }),
    },
    "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": { id: (c) => str(c.inputs.policyName) ?? c.name },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:cloudwatch:${c.region}:${c.account}:alarm:${id}` }),
    },
    "aws:cloudwatch/eventRule:EventRule": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:events:${c.region}:${c.account}:rule/${id}` }),
    },
    "aws:cloudwatch/eventTarget:EventTarget": { id: (c) => `${str(c.inputs.rule) ?? "rule"}-${str(c.inputs.targetId) ?? hexFrom(c.seed, 8)}`, outputs: (c) => ({ targetId: str(c.inputs.targetId) ?? `terraform-${digitsFrom(c.seed, 20)}` }) },
    "aws:sns/topic:Topic": {
        autoname: "name",
        id: (c) => `arn:aws:sns:${c.region}:${c.account}:${c.inputs.name}`,
        outputs: (c, id) => ({ arn: id, owner: c.account }),
    },
    "aws:sns/topicPolicy:TopicPolicy": { id: (c) => str(c.inputs.arn) ?? c.name, outputs: (c) => ({ owner: c.account }) },
    "aws:sns/topicSubscription:TopicSubscription": { id: (c) => `${str(c.inputs.topic) ?? "topic"}:${uuidFrom(c.seed)}`, outputs: (_c, id) => ({ arn: id }) },
    // --- Audit: CloudTrail (id = the trail ARN, as the provider's import takes it), AWS Config
    "aws:cloudtrail/trail:Trail": {
        autoname: "name",
        id: (c) => `arn:aws:cloudtrail:${c.region}:${c.account}:trail/${c.inputs.name}`,
        outputs: (c, id) => ({ arn: id, homeRegion: c.region, snsTopicArn: str(c.inputs.snsTopicName) ?? "" }),
    },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": { autoname: "name", id: (c) => c.inputs.name },
    "aws:cfg/recorder:Recorder": { id: (c) => str(c.inputs.name) ?? "default" },
    "aws:cfg/deliveryChannel:DeliveryChannel": { id: (c) => str(c.inputs.name) ?? "default" },
    "aws:cfg/recorderStatus:RecorderStatus": { id: (c) => str(c.inputs.name) ?? "default" },
    "aws:cfg/rule:Rule": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c) => {
            const ruleId = `config-rule-${hexFrom(c.seed, 6)}`;
            return { arn: `arn:aws:config:${c.region}:${c.account}:config-rule/${ruleId}`, ruleId };
        },
    },
    // [flow] SQS: the provider's id of a queue is its URL (https://sqs.<region>.amazonaws.com/<account>/<name>),
    // and a queue policy's id is that URL too. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html
    "aws:sqs/queue:Queue": {
        autoname: "name",
        id: (c) => `https://sqs.${c.region}.amazonaws.com/${c.account}/${c.inputs.name}`,
        outputs: (c, id) => ({ arn: `arn:aws:sqs:${c.region}:${c.account}:${c.inputs.name}`, url: id }),
    },
    "aws:sqs/queuePolicy:QueuePolicy": { id: (c) => str(c.inputs.queueUrl) ?? c.name },
    // --- Compute
    "aws:ec2/launchTemplate:LaunchTemplate": {
        autoname: "name",
        id: (c) => ec2Id("lt", c.seed),
        outputs: (c, id) => ({ arn: arnEc2(c, "launch-template", id), latestVersion: 1, defaultVersion: 1 }),
    },
    "aws:autoscaling/group:Group": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:autoscaling:${c.region}:${c.account}:autoScalingGroup:${uuidFrom(c.seed)}:autoScalingGroupName/${id}` }),
    },
    "aws:autoscaling/schedule:Schedule": {
        id: (c) => str(c.inputs.scheduledActionName) ?? c.name,
        outputs: (c, id) => ({ arn: `arn:aws:autoscaling:${c.region}:${c.account}:scheduledUpdateGroupAction:${uuidFrom(c.seed)}:autoScalingGroupName/${str(c.inputs.autoscalingGroupName) ?? "group"}:scheduledActionName/${id}` }),
    },
    // [flow] Scaling policies: ARNs as Auto Scaling and Application Auto Scaling report them.
    "aws:autoscaling/policy:Policy": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:autoscaling:${c.region}:${c.account}:scalingPolicy:${uuidFrom(c.seed)}:autoScalingGroupName/${str(c.inputs.autoscalingGroupName) ?? "group"}:policyName/${id}` }),
    },
    "aws:appautoscaling/policy:Policy": {
        autoname: "name",
        id: (c) => c.inputs.name,
        outputs: (c, id) => ({ arn: `arn:aws:autoscaling:${c.region}:${c.account}:scalingPolicy:${uuidFrom(c.seed)}:resource/${str(c.inputs.serviceNamespace) ?? "ec2"}/${str(c.inputs.resourceId) ?? "resource"}:policyName/${id}` }),
    },
    "aws:ec2/spotFleetRequest:SpotFleetRequest": { id: (c) => `sfr-${uuidFrom(c.seed)}`, outputs: () => ({ spotRequestState: "active", clientToken: "" }) },
    "aws:ec2/amiCopy:AmiCopy": {
        id: (c) => ec2Id("ami", c.seed),
        outputs: (c, id) => ({ arn: `arn:aws:ec2:${c.region}::image/${id}`, ownerId: c.account, rootDeviceName: "/dev/xvda" }),
    },
    "aws:ec2/instance:Instance": { id: (c) => ec2Id("i", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "instance", id), privateIp: "10.0.0.10", publicIp: "" }) },
    "aws:ebs/volume:Volume": { id: (c) => ec2Id("vol", c.seed), outputs: (c, id) => ({ arn: arnEc2(c, "volume", id) }) },
};

/**
 * Types that take `tags` and for which the provider reports `tagsAll`: the resource's tags over the
 * provider's `defaultTags` (a test checks this list against @pulumi/aws's declarations).
 * https://www.pulumi.com/registry/packages/aws/api-docs/provider/#defaulttags_nodejs
 */
const TAGGABLE = new Set([
    "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2",
    "aws:kms/key:Key",
    "aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/instanceProfile:InstanceProfile", "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable",
    "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/flowLog:FlowLog",
    "aws:ec2/customerGateway:CustomerGateway", "aws:ec2/vpnGateway:VpnGateway", "aws:ec2/vpnConnection:VpnConnection",
    "aws:route53/resolverEndpoint:ResolverEndpoint",
    "aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:cloudwatch/eventRule:EventRule",
    "aws:sns/topic:Topic",
    "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/spotFleetRequest:SpotFleetRequest", "aws:ec2/amiCopy:AmiCopy",
    "aws:ec2/instance:Instance", "aws:ebs/volume:Volume",
    "aws:cloudtrail/trail:Trail", "aws:cfg/rule:Rule",
    "aws:sqs/queue:Queue",
]);

/**
 * Properties AWS cannot change in place (the provider's ForceNew arguments): changing one replaces
 * the resource. Every auto-named property is one too (a new physical name is a new resource).
 */
const REPLACED_ON_CHANGE: Record<string, readonly string[]> = {
    "aws:ec2/vpc:Vpc": ["cidrBlock", "instanceTenancy"],
    "aws:ec2/subnet:Subnet": ["availabilityZone", "cidrBlock", "vpcId"],
    "aws:ec2/securityGroup:SecurityGroup": ["description", "vpcId"],
    "aws:ec2/vpcEndpoint:VpcEndpoint": ["serviceName", "vpcEndpointType", "vpcId"],
    "aws:ec2/customerGateway:CustomerGateway": ["bgpAsn", "ipAddress", "type"],
    "aws:ec2/vpnConnection:VpnConnection": ["customerGatewayId", "staticRoutesOnly", "type"],
    "aws:kms/key:Key": ["customerMasterKeySpec", "keySpec"],
    "aws:iam/role:Role": ["path"],
    "aws:iam/rolePolicy:RolePolicy": ["role"],
    "aws:route53/resolverEndpoint:ResolverEndpoint": ["direction"],
    // Object Lock can only be turned on when the bucket is created.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html
    "aws:s3/bucket:Bucket": ["objectLockEnabled"],
    "aws:cloudtrail/trail:Trail": ["name"],
    // A queue cannot change between standard and FIFO.
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-moving.html
    "aws:sqs/queue:Queue": ["fifoQueue"],
};

/** The properties of `type` whose change replaces the resource. */
export function replacementProperties(type: string): string[] {
    const e = EMULATIONS[type];
    const named = e?.autoname ? [e.autoname] : [];
    const ofBucket = e === bucketChild ? ["bucket"] : [];
    return [...new Set([...named, ...ofBucket, ...(REPLACED_ON_CHANGE[type] ?? [])])];
}

/** Seven lower-case hex digits, as the provider appends to auto-named resources. */
function autonameSuffix(seed: string): string {
    return hexFrom(`${seed}/autoname`, 7);
}

/** Generic id for a type we do not model: `<kind>-<17 hex>`, never a crash. */
function genericId(type: string, seed: string): string {
    const kind = (type.split(":").pop() ?? "resource").toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 20) || "resource";
    return `${kind}-${hexFrom(seed, 17)}`;
}

export interface RulesOptions {
    /** The stack: with the type and logical name, it seeds every generated id. */
    stack: string;
    region: string;
    accountId?: string;
}

/** What the provider's Create (or Update) returns for a resource. */
export interface Created {
    id: string;
    /** Every output: the checked inputs, what the provider computes, `id`, and `tagsAll` where taggable. */
    outputs: Props;
}

/** `tagsAll` in a preview: the merge when the tags are known, else unknown. */
function previewTagsAll(tags: unknown, defaultTags: Record<string, string> | undefined): unknown {
    return containsUnknown(unwrapSecrets(tags)) ? UNKNOWN : { ...(defaultTags ?? {}), ...tagMap(tags) };
}

/** Tags as the provider sees them (secrets unwrapped, non-strings dropped). */
function tagMap(value: unknown): Record<string, string> {
    const plain = unwrapSecrets(value);
    if (!plain || typeof plain !== "object" || Array.isArray(plain)) return {};
    return Object.fromEntries(Object.entries(plain as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/**
 * The provider's `defaultTags` setting as a tag map. The SDK hands provider settings over as JSON
 * text (`{"tags":{...}}`); an already-parsed object is accepted too.
 */
export function defaultTagsOf(setting: unknown): Record<string, string> {
    let value = unwrapSecrets(setting);
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch {
            return {};
        }
    }
    return tagMap((value as { tags?: unknown } | undefined)?.tags);
}

/** The AWS rules for one account, region and stack: what Check, Create and Invoke answer. */
export class AwsRules {
    readonly region: string;
    readonly accountId: string;
    protected readonly stack: string;

    constructor(opts: RulesOptions) {
        this.stack = opts.stack;
        this.region = opts.region;
        this.accountId = opts.accountId ?? OFFLINE_ACCOUNT_ID;
    }

    /**
     * Inputs as the provider's Check step leaves them: auto-named fields filled in. The offline
     * recorder stores these as the resource's inputs, and the engine stores the provider's, so
     * exports show the physical names as Pulumi's would.
     */
    checkInputs(type: string, name: string, inputs: Props): Props {
        const e = EMULATIONS[type];
        if (!e?.autoname || inputs[e.autoname] !== undefined) return inputs;
        const generated = `${name}-${autonameSuffix(`${this.stack}/${type}/${name}`)}`;
        return { ...inputs, [e.autoname]: e.lowerCaseName ? generated.toLowerCase() : generated };
    }

    /**
     * Creates (or, given its `id`, updates) a resource from its checked inputs. Secrets in the
     * inputs stay wrapped in the outputs; the rules read their plaintext.
     */
    create(type: string, name: string, inputs: Props, opts: { id?: string; defaultTags?: Record<string, string> } = {}): Created {
        const checked = this.checkInputs(type, name, inputs);
        const seed = `${this.stack}/${type}/${name}`;
        const ctx: Context = { region: this.region, account: this.accountId, seed, name, inputs: unwrapSecrets(checked) };
        const e = EMULATIONS[type];
        const id = opts.id || (e ? e.id(ctx) : genericId(type, seed));
        const extra = e ? (e.outputs?.(ctx, id) ?? {}) : { arn: `arn:aws:${type.split(":")[1]?.split("/")[0] ?? "service"}:${this.region}:${this.accountId}:${id}` };
        const outputs: Props = { ...extra, ...checked, id };
        if (TAGGABLE.has(type)) outputs.tagsAll = { ...(opts.defaultTags ?? {}), ...tagMap(checked.tags) };
        return { id, outputs };
    }

    /**
     * DescribeInstanceTypeOfferings, answered from {@link EMULATED_INSTANCE_TYPE_OFFERINGS}: one
     * entry per (type, location) offered, filtered by `instance-type` and `location` as EC2 does,
     * in the location type asked for (`region` when unset). Without an `instance-type` filter (or
     * with a wildcard) it refuses: the emulator has no catalogue of every type to list.
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html
     */
    private instanceTypeOfferings(inputs: Props): Props {
        const locationType = String(inputs.locationType ?? "region");
        const filters = (inputs.filters as { name: string; values: string[] }[] | undefined) ?? [];
        const values = (name: string): string[] | undefined => filters.find((f) => f.name === name)?.values;
        const types = values("instance-type");
        if (!types || types.some((t) => t.includes("*") || t.includes("?"))) {
            throw new Error("AWS emulation: getInstanceTypeOfferings needs an instance-type filter of exact types (the emulator has no catalogue of every instance type)");
        }
        const names = availabilityZoneNames(this.region);
        const ids = availabilityZoneIds(this.region);
        const locations: Record<string, { all: string[]; azIds: (location: string) => string[] }> = {
            "availability-zone-id": { all: ids, azIds: (l) => (ids.includes(l) ? [l] : []) },
            "availability-zone": { all: names, azIds: (l) => (names.includes(l) ? [ids[names.indexOf(l)]] : []) },
            region: { all: [this.region], azIds: (l) => (l === this.region ? ids : []) },
        };
        const kind = locations[locationType];
        if (!kind) throw new Error(`AWS emulation: getInstanceTypeOfferings locationType ${JSON.stringify(locationType)} is not one of ${Object.keys(locations).join(", ")}`);
        const out = { instanceTypes: [] as string[], locations: [] as string[], locationTypes: [] as string[] };
        for (const location of values("location") ?? kind.all) {
            for (const type of types) {
                if (!kind.azIds(location).some((az) => EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered(this.region, az, type))) continue;
                out.instanceTypes.push(type);
                out.locations.push(location);
                out.locationTypes.push(locationType);
            }
        }
        return { id: this.region, region: this.region, locationType, filters, ...out };
    }

    /**
     * What the provider's Create answers in a preview (`pulumi preview`, or the preview before
     * `up`), where the resource does not exist yet: the checked inputs as the program gave them
     * (unknown where built from another resource's unknown output), and the id and every output
     * the provider computes (ARNs, generated ids, DNS names: anything that is not an input)
     * unknown. `tagsAll` is known whenever the tags are: the AWS provider merges the default tags
     * into it at plan time. pulumi-aws's preview is the Terraform provider's plan, which shows just
     * this for a new resource (`arn = (known after apply)`, `id = (known after apply)`, `tags_all`
     * listed): https://github.com/hashicorp/terraform-provider-aws/issues/19583,
     * https://github.com/hashicorp/terraform-provider-aws/issues/41956; tags_all at plan time:
     * https://github.com/hashicorp/terraform-provider-aws/pull/18958
     */
    previewCreate(type: string, name: string, inputs: Props, opts: { defaultTags?: Record<string, string> } = {}): Props {
        const checked = this.checkInputs(type, name, inputs);
        // Which outputs the provider computes: those its Create adds to the inputs.
        const computed = Object.keys(this.create(type, name, checked).outputs).filter((k) => !(k in checked) && k !== "tagsAll");
        const outputs: Props = { ...Object.fromEntries(computed.map((k) => [k, UNKNOWN])), ...checked };
        if (TAGGABLE.has(type)) outputs.tagsAll = previewTagsAll(checked.tags, opts.defaultTags);
        return outputs;
    }

    /**
     * What the provider's Update answers in a preview: the new checked inputs over what the
     * provider computed before (a plan of an in-place update keeps the prior state's computed
     * values), `tagsAll` merged again.
     * @param olds the resource's current outputs; @param oldInputs its current inputs.
     */
    previewUpdate(type: string, name: string, olds: Props, oldInputs: Props, news: Props, opts: { defaultTags?: Record<string, string> } = {}): Props {
        const checked = this.checkInputs(type, name, news);
        const computed = Object.fromEntries(Object.entries(olds).filter(([k]) => !(k in oldInputs) && k !== "tagsAll"));
        const outputs: Props = { ...computed, ...checked };
        if (TAGGABLE.has(type)) outputs.tagsAll = previewTagsAll(checked.tags, opts.defaultTags);
        return outputs;
    }

    invoke(token: string, inputs: Props): Props {
        switch (token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId: this.accountId,
                    arn: `arn:aws:sts::${this.accountId}:assumed-role/spot-grid-deployer/offline-plan`,
                    userId: `AROA${upperAlnumFrom("deployer", 17)}:offline-plan`,
                    id: this.accountId,
                };
            case "aws:index/getRegion:getRegion": {
                const region = inputs.region ?? inputs.name ?? this.region;
                return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
            }
            case "aws:index/getPartition:getPartition":
                return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
            case "aws:index/getAvailabilityZones:getAvailabilityZones":
                return {
                    id: this.region,
                    names: availabilityZoneNames(this.region),
                    zoneIds: availabilityZoneIds(this.region),
                    groupNames: [this.region],
                    state: inputs.state,
                };
            case "aws:iam/getPolicyDocument:getPolicyDocument": {
                const json = JSON.stringify(renderPolicyDocument(inputs as PolicyDocumentArgs), null, 2);
                return { id: hexFrom(json, 10), json, minifiedJson: JSON.stringify(JSON.parse(json)) };
            }
            case "aws:iam/getRole:getRole": {
                // [ops] Every role the program looks up exists in the offline account, at the root path
                // (real IAM fails the lookup for a missing role: infra/principals.ts relies on that).
                const name = String(inputs.name);
                return {
                    id: name,
                    name,
                    arn: `arn:aws:iam::${this.accountId}:role/${name}`,
                    path: "/",
                    uniqueId: `AROA${upperAlnumFrom(`role/${name}`, 17)}`,
                    createDate: "2026-01-01T00:00:00Z",
                    maxSessionDuration: 3600,
                    assumeRolePolicy: "{}",
                };
            }
            case "aws:ec2/getAmi:getAmi": {
                const seed = JSON.stringify(inputs);
                const id = ec2Id("ami", seed);
                const owner = (inputs.owners as string[] | undefined)?.[0] ?? this.accountId;
                const nameFilter = (inputs.filters as { name: string; values: string[] }[] | undefined)?.find((f) => f.name === "name")?.values[0];
                return {
                    id, imageId: id, arn: `arn:aws:ec2:${this.region}::image/${id}`, ownerId: /^\d{12}$/.test(owner) ? owner : this.accountId,
                    name: (nameFilter ?? "spot-grid-worker-*").replace(/\*/g, "2026.11.01"), architecture: "x86_64", rootDeviceName: "/dev/xvda",
                    state: "available", owners: inputs.owners ?? [], mostRecent: inputs.mostRecent ?? false,
                };
            }
            case "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings":
                return this.instanceTypeOfferings(inputs);
            case "aws:ec2/getPrefixList:getPrefixList":
            case "aws:ec2/getManagedPrefixList:getManagedPrefixList": {
                const name = inputs.name ?? `com.amazonaws.${this.region}.s3`;
                return { id: `pl-${hexFrom(`${this.region}/${name}`, 8)}`, name, cidrBlocks: ["52.219.0.0/16"] };
            }
            default:
                throw new Error(`AWS emulation: no emulation for invoke ${token}; add one in tools/offline/aws-emulation.ts`);
        }
    }

}

export interface EmulatorOptions extends RulesOptions {
    /** Outputs of peer stacks by stack name, answering `pulumi.StackReference`. */
    stackOutputs?: Record<string, Record<string, unknown>>;
    /**
     * Answer as in a preview of a new stack: nothing is created, so ids (providers' too) and
     * computed outputs are unknown ({@link AwsRules.previewCreate}). Inputs reach these rules with
     * unknowns as {@link UNKNOWN}, as on the wire. @default false
     */
    preview?: boolean;
}

/** Provider resources by type and name, from a provider reference `<urn>::<id>` (the id may be unknown). */
function providerKey(type: string, name: string): string {
    return `${type}::${name}`;
}

function providerKeyOfRef(ref: string): string {
    const parts = ref.slice(0, ref.lastIndexOf("::")).split("::");
    const qualified = parts[2] ?? "";
    return providerKey(qualified.slice(qualified.lastIndexOf("$") + 1), parts.slice(3).join("::"));
}

/**
 * The rules behind Pulumi's mock runtime (the offline plan). What the engine does itself there,
 * this adapter does: StackReferences from the peers' planned outputs, provider resources (whose
 * `defaultTags` feed `tagsAll`).
 */
export class AwsEmulator extends AwsRules implements pulumi.runtime.Mocks {
    private readonly stackOutputs: Record<string, Record<string, unknown>>;
    private readonly preview: boolean;
    /** Default tags of each provider resource, by {@link providerKey}. */
    private readonly providerTags = new Map<string, Record<string, string>>();

    constructor(opts: EmulatorOptions) {
        super(opts);
        this.stackOutputs = opts.stackOutputs ?? {};
        this.preview = opts.preview ?? false;
    }

    newResource(args: MockResourceArgs): { id: string | undefined; state: Props } {
        const { type, name } = args;
        if (type === "pulumi:pulumi:StackReference") return this.stackReference(args);
        if (type.startsWith("pulumi:providers:")) {
            this.providerTags.set(providerKey(type, name), defaultTagsOf(args.inputs.defaultTags));
            // In a preview the engine gives a new provider the unknown id (deploy/providers/registry.go, Create).
            return { id: this.preview ? undefined : uuidFrom(`${this.stack}/${type}/${name}`), state: { ...args.inputs } };
        }
        if (!args.custom) return { id: undefined, state: {} };
        const defaultTags = args.provider ? this.providerTags.get(providerKeyOfRef(args.provider)) : undefined;
        // The engine returns no id from a preview's Create: the program sees it as unknown.
        if (this.preview) return { id: undefined, state: this.previewCreate(type, name, args.inputs, { defaultTags }) };
        const { id, outputs } = this.create(type, name, args.inputs, { id: args.id, defaultTags });
        return { id, state: outputs };
    }

    call(args: MockCallArgs): Props {
        return this.invoke(args.token, args.inputs as Props);
    }

    private stackReference(args: MockResourceArgs): { id: string; state: Props } {
        const fullName = String(args.inputs.name ?? args.name);
        const stack = fullName.split("/").pop()!;
        const outputs = this.stackOutputs[stack];
        if (!outputs) {
            throw new Error(`offline engine: StackReference ${fullName}: no offline outputs for stack '${stack}'; plan it first (it must come earlier in deploy order)`);
        }
        return { id: fullName, state: { name: fullName, outputs, secretOutputNames: [] } };
    }
}

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

/** Secret inputs arrive wrapped (`{ <sig>: <secret>, value }`); emulation logic wants the value. */
export function unwrapSecrets(value: any): any {
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (value && typeof value === "object") {
        if (value[SIG] === SECRET) return unwrapSecrets(value.value);
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** Types the emulator models in detail (for tests and docs). */
export const EMULATED_TYPES: readonly string[] = Object.keys(EMULATIONS);

/** Types for which the provider reports `tagsAll` (for tests). */
export const TAGGABLE_TYPES: readonly string[] = [...TAGGABLE];

/**
 * PrivateNetwork: a VPC with no path to the internet. Private subnets (one per AZ, planned by
 * subnet-plan.ts), a route table per subnet, the VPC's default security group, default NACL and
 * main route table taken under management and emptied, a NACL for the private subnets, and VPC
 * flow logs (all traffic) to a KMS-encrypted CloudWatch Logs group with retention.
 *
 * There is no internet gateway, egress-only gateway, NAT gateway or EIP, by construction: this
 * component has no input that could create one. Routes to on-prem are propagated by HybridLink;
 * routes to S3 are added by the gateway endpoint in ServiceEndpoints.
 *
 * Built from @pulumi/aws primitives, not awsx: awsx's Vpc always creates an internet gateway and,
 * under the mock runtime, is one opaque remote resource our tests and policies cannot see into.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseIpv4Cidr } from "../lib/cidr";
import { iamName, PROJECT } from "../lib/naming";
import {
    DEFAULT_FLOW_LOG_RETENTION_DAYS,
    flowLogDeliveryPolicy,
    flowLogKeyPolicy,
    flowLogTrustPolicy,
    validateFlowLogRetentionDays,
} from "./flow-log-policies";
import { privateNaclRules } from "./security-group-rules";
import { DEFAULT_SUBNET_SLOTS, planSubnets, SubnetPlan } from "./subnet-plan";

/** Arguments for {@link PrivateNetwork}. */
export interface PrivateNetworkArgs {
    /**
     * The VPC's IPv4 block, private and not overlapping on-prem or another region's VPC.
     * Changing it replaces the VPC and everything in it.
     */
    readonly cidrBlock: string;
    /**
     * The region's AZ names in their stable order (the order of infra/config/regions.ts, which is
     * append-only), cut to the AZs in use. The AZ at position i gets subnet slot i, so appending an
     * AZ adds a subnet and never touches the others. Removing or reordering AZs replaces subnets.
     */
    readonly availabilityZones: readonly string[];
    /**
     * Equal blocks the VPC is cut into (2, 4, 8 or 16). Set once: changing it renumbers every subnet.
     * @default 8 ({@link DEFAULT_SUBNET_SLOTS})
     */
    readonly subnetSlots?: number;
    /**
     * On-prem ranges the private subnets' NACL admits (in and out). The VPN routes come from HybridLink.
     */
    readonly onPremCidrs: readonly string[];
    /**
     * Days CloudWatch Logs keeps the flow logs; one of CloudWatch's allowed values.
     * @default 365 ({@link DEFAULT_FLOW_LOG_RETENTION_DAYS})
     */
    readonly flowLogRetentionDays?: number;
    /**
     * Where the flow-log delivery alarm goes (the stack's operations topic).
     * @default [] (alarm state only)
     */
    readonly alarmActions?: pulumi.Input<string>[];
}

/** Fifteen minutes without a flow-log event: an idle VPC still has endpoint, resolver and VPN traffic. */
export const FLOW_LOG_SILENCE_MINUTES = 15;

/**
 * The flow-log delivery alarm. VPC Flow Logs publish no delivery-error metric: a failing delivery
 * shows as the flow log's DeliverLogsStatus/DeliverLogsErrorMessage in the API, and as no events
 * arriving in the log group. So the alarm watches CloudWatch Logs' IncomingLogEvents of the group,
 * missing data counted as breaching.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-troubleshooting.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
 */
export function flowLogDeliveryAlarmArgs(logGroupName: string, actions: pulumi.Input<string>[]): aws.cloudwatch.MetricAlarmArgs {
    return {
        alarmDescription: `No VPC flow-log events reached ${logGroupName} for ${FLOW_LOG_SILENCE_MINUTES} minutes: delivery is failing (see the flow log's DeliverLogsErrorMessage).`,
        namespace: "AWS/Logs",
        metricName: "IncomingLogEvents",
        dimensions: { LogGroupName: logGroupName },
        statistic: "Sum",
        period: 300,
        evaluationPeriods: FLOW_LOG_SILENCE_MINUTES / 5,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        treatMissingData: "breaching",
        alarmActions: actions,
        okActions: actions,
    };
}

/** Checks the args before anything is created; throws one message naming the input, the value and what is allowed. */
export function validatePrivateNetworkArgs(args: PrivateNetworkArgs): void {
    if (!parseIpv4Cidr(args.cidrBlock)) {
        throw new Error(`cidrBlock ${JSON.stringify(args.cidrBlock)} is not an IPv4 CIDR with its host bits clear (e.g. 10.20.0.0/16)`);
    }
    for (const [i, c] of args.onPremCidrs.entries()) {
        if (!parseIpv4Cidr(c)) throw new Error(`onPremCidrs[${i}] ${JSON.stringify(c)} is not an IPv4 CIDR with its host bits clear (e.g. 172.16.0.0/12)`);
    }
    const problem = validateFlowLogRetentionDays(args.flowLogRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS);
    if (problem) throw new Error(problem);
    // Subnet capacity, AZ count and duplicate AZs: planSubnets throws with the input named.
    planSubnets(args.cidrBlock, args.availabilityZones, args.subnetSlots ?? DEFAULT_SUBNET_SLOTS);
    privateNaclRules(args.cidrBlock, args.onPremCidrs);
}

/** The physical name of the flow-log group: fixed, so the KMS key policy can name it before it exists. */
export function flowLogGroupName(componentName: string): string {
    return `/${PROJECT}/${componentName}/vpc-flow-logs`;
}

/** The physical name of the VPN tunnel-log group, encrypted with the same key as the flow logs. */
export function vpnLogGroupName(componentName: string): string {
    return `/${PROJECT}/${componentName}/vpn-tunnels`;
}

export class PrivateNetwork extends pulumi.ComponentResource {
    /** The subnet plan (AZ, key, slot, CIDR), known before deployment. */
    readonly plan: readonly SubnetPlan[];
    readonly vpcId: pulumi.Output<string>;
    readonly cidrBlock: string;
    /** Private subnets by AZ key (`a`, `b`, ...), in plan order. */
    readonly subnets: ReadonlyMap<string, aws.ec2.Subnet>;
    /** One route table per private subnet, by AZ key. */
    readonly routeTables: ReadonlyMap<string, aws.ec2.RouteTable>;
    readonly subnetIds: pulumi.Output<string[]>;
    readonly subnetIdsByAz: pulumi.Output<Record<string, string>>;
    readonly routeTableIds: pulumi.Output<string[]>;
    readonly flowLogId: pulumi.Output<string>;
    readonly flowLogGroupName: string;
    readonly flowLogKeyArn: pulumi.Output<string>;
    /** The VPN tunnels' log group (HybridLink.tunnelLogGroupArn), same key and retention as the flow logs. */
    readonly vpnLogGroupName: string;
    readonly vpnLogGroupArn: pulumi.Output<string>;

    constructor(name: string, args: PrivateNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:network:PrivateNetwork", name, {}, opts);
        const subnetSlots = args.subnetSlots ?? DEFAULT_SUBNET_SLOTS;
        const retentionInDays = args.flowLogRetentionDays ?? DEFAULT_FLOW_LOG_RETENTION_DAYS;
        validatePrivateNetworkArgs(args);

        this.cidrBlock = parseIpv4Cidr(args.cidrBlock)!.cidr;
        this.plan = planSubnets(this.cidrBlock, args.availabilityZones, subnetSlots);
        const parent = { parent: this };

        // Resource names below are `${name}` plus a stable key (AZ letter, role): never rename
        // them, a new logical name replaces the resource (and a subnet replacement takes its instances).
        const vpc = new aws.ec2.Vpc(
            name,
            {
                cidrBlock: this.cidrBlock,
                // Both are needed for private DNS on interface endpoints.
                // https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-dns-hostnames
                enableDnsSupport: true,
                enableDnsHostnames: true,
                instanceTenancy: "default",
                tags: { Name: name },
            },
            parent,
        );
        this.vpcId = vpc.id;

        // The default security group admits all traffic between its members and allows all egress;
        // anything launched without a group lands in it. Adopting it with no rules closes it.
        // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
        new aws.ec2.DefaultSecurityGroup(`${name}-default`, { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default` } }, parent);

        // The default NACL allows everything; adopted with no rules it denies everything, and no
        // subnet of ours uses it. AWS moves subnets in and out of it as other NACLs are associated,
        // so its subnetIds are AWS's business, not drift.
        new aws.ec2.DefaultNetworkAcl(
            `${name}-default`,
            { defaultNetworkAclId: vpc.defaultNetworkAclId, ingress: [], egress: [], tags: { Name: `${name}-default` } },
            { ...parent, ignoreChanges: ["subnetIds"] },
        );

        // The main route table is used by any subnet without its own; keep it empty (local route only).
        new aws.ec2.DefaultRouteTable(`${name}-main`, { defaultRouteTableId: vpc.defaultRouteTableId, routes: [], tags: { Name: `${name}-main` } }, parent);

        const subnets = new Map<string, aws.ec2.Subnet>();
        const routeTables = new Map<string, aws.ec2.RouteTable>();
        for (const s of this.plan) {
            const subnet = new aws.ec2.Subnet(
                `${name}-private-${s.key}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: s.cidr,
                    availabilityZone: s.availabilityZone,
                    mapPublicIpOnLaunch: false,
                    tags: { Name: `${name}-private-${s.key}`, tier: "private" },
                },
                parent,
            );
            // No inline `routes`: the table's routes come from VGW propagation and the S3 gateway
            // endpoint, which an inline list would fight over.
            const table = new aws.ec2.RouteTable(`${name}-private-${s.key}`, { vpcId: vpc.id, tags: { Name: `${name}-private-${s.key}` } }, parent);
            new aws.ec2.RouteTableAssociation(`${name}-private-${s.key}`, { subnetId: subnet.id, routeTableId: table.id }, parent);
            subnets.set(s.key, subnet);
            routeTables.set(s.key, table);
        }
        this.subnets = subnets;
        this.routeTables = routeTables;

        const nacl = privateNaclRules(this.cidrBlock, args.onPremCidrs);
        new aws.ec2.NetworkAcl(
            `${name}-private`,
            {
                vpcId: vpc.id,
                subnetIds: [...subnets.values()].map((s) => s.id),
                ingress: nacl.ingress,
                egress: nacl.egress,
                tags: { Name: `${name}-private` },
            },
            parent,
        );

        // --- Flow logs: all traffic, to a KMS-encrypted log group (see flow-log-policies.ts for why).
        const facts = pulumi
            .all([aws.getCallerIdentityOutput({}, parent), aws.getPartitionOutput({}, parent), aws.getRegionOutput({}, parent)])
            .apply(([id, partition, region]) => ({ accountId: id.accountId, partition: partition.partition, region: region.region }));
        this.flowLogGroupName = flowLogGroupName(name);
        this.vpnLogGroupName = vpnLogGroupName(name);
        const key = new aws.kms.Key(
            `${name}-flow-logs`,
            {
                description: `Encrypts the VPC flow logs of ${name} (${this.flowLogGroupName})`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: facts.apply((f) => JSON.stringify(flowLogKeyPolicy(f, this.flowLogGroupName, this.vpnLogGroupName))),
            },
            // A deleted key makes every flow log it encrypted unreadable: protect it (the
            // stateful-protected policy) and keep it even if someone unprotects and destroys the stack.
            { ...parent, protect: true, retainOnDelete: true },
        );
        new aws.kms.Alias(`${name}-flow-logs`, { name: `alias/${PROJECT}-${name}-flow-logs`, targetKeyId: key.keyId }, parent);
        this.flowLogKeyArn = key.arn;
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            { name: this.flowLogGroupName, kmsKeyId: key.arn, retentionInDays, tags: { Name: this.flowLogGroupName } },
            parent,
        );
        // VPN tunnel logs (IKE, IPsec, dead-peer detection) go to their own group under the same key.
        const vpnLogGroup = new aws.cloudwatch.LogGroup(
            `${name}-vpn-tunnels`,
            { name: this.vpnLogGroupName, kmsKeyId: key.arn, retentionInDays, tags: { Name: this.vpnLogGroupName } },
            parent,
        );
        this.vpnLogGroupArn = vpnLogGroup.arn;
        const role = new aws.iam.Role(
            `${name}-flow-logs`,
            {
                // IAM is global: the name carries the region so the three stacks never collide.
                name: facts.apply((f) => iamName(`${name}-flow-logs`, f.region)),
                description: `VPC flow logs of ${name} deliver to ${this.flowLogGroupName}`,
                assumeRolePolicy: facts.apply((f) => JSON.stringify(flowLogTrustPolicy(f))),
            },
            parent,
        );
        const delivery = new aws.iam.RolePolicy(
            `${name}-flow-logs`,
            { role: role.id, policy: facts.apply((f) => JSON.stringify(flowLogDeliveryPolicy(f, this.flowLogGroupName))) },
            parent,
        );
        const flowLog = new aws.ec2.FlowLog(
            name,
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                tags: { Name: name },
            },
            // Without the permissions in place, the first delivery attempts fail and AWS marks the flow log in error.
            { ...parent, dependsOn: [delivery] },
        );
        this.flowLogId = flowLog.id;
        new aws.cloudwatch.MetricAlarm(`${name}-flow-logs-delivery`, flowLogDeliveryAlarmArgs(this.flowLogGroupName, args.alarmActions ?? []), { ...parent, dependsOn: [flowLog] });

        this.subnetIds = pulumi.all([...subnets.values()].map((s) => s.id));
        this.subnetIdsByAz = pulumi.all(Object.fromEntries(this.plan.map((s) => [s.availabilityZone, subnets.get(s.key)!.id])));
        this.routeTableIds = pulumi.all([...routeTables.values()].map((t) => t.id));

        this.registerOutputs({
            vpcId: this.vpcId,
            cidrBlock: this.cidrBlock,
            subnetIds: this.subnetIds,
            subnetIdsByAz: this.subnetIdsByAz,
            routeTableIds: this.routeTableIds,
            flowLogId: this.flowLogId,
            flowLogGroupName: this.flowLogGroupName,
            flowLogKeyArn: this.flowLogKeyArn,
            vpnLogGroupName: this.vpnLogGroupName,
            vpnLogGroupArn: this.vpnLogGroupArn,
        });
    }
}

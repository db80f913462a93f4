/**
 * ServiceEndpoints: the VPC's private paths to AWS services and on-prem's path to the VPC's names.
 * - an S3 gateway endpoint on every private route table (instances reach S3 through it, free);
 * - interface endpoints with private DNS for a configurable set of services;
 * - an S3 interface endpoint for on-prem's daily uploads, private DNS for the inbound resolver only
 *   (so VPC traffic keeps using the gateway);
 * - a Route 53 Resolver inbound endpoint at fixed addresses, for on-prem DNS forwarders;
 * - one security group for the interface endpoints (443 from the VPC and on-prem only) and one for
 *   the resolver (53 from on-prem only);
 * - an endpoint policy on every endpoint whose service accepts one, scoped to this account and our
 *   buckets (endpoint-policies.ts); none where AWS documents no endpoint policy (endpoint-catalogue.ts).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseIpv4Cidr } from "../lib/cidr";
import { PROJECT } from "../lib/naming";
import { DEFAULT_INTERFACE_ENDPOINTS, endpointServiceName, INTERFACE_ENDPOINT_CATALOGUE, validateInterfaceEndpoints } from "./endpoint-catalogue";
import { s3EndpointPolicy, serviceEndpointPolicy, sqsEndpointPolicy, validateExtraBucketArns } from "./endpoint-policies";
import { endpointIngressRules, resolverIngressRules } from "./security-group-rules";
import { planResolverAddresses } from "./subnet-plan";

/** A private subnet: its stable key (AZ letter), CIDR (for the resolver's fixed addresses) and id. */
export interface EndpointSubnet {
    readonly key: string;
    readonly cidr: string;
    readonly id: pulumi.Input<string>;
}

/** Arguments for {@link ServiceEndpoints}. */
export interface ServiceEndpointsArgs {
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's block: the endpoint security group admits HTTPS from it. */
    readonly vpcCidr: string;
    /** On-prem ranges: admitted to the endpoints (443) and the resolver (53). */
    readonly onPremCidrs: readonly string[];
    /** Private subnets that hold the interface endpoints' and resolver's network interfaces. */
    readonly subnets: readonly EndpointSubnet[];
    /** Private route tables that get the S3 gateway endpoint's route, keyed by AZ letter. */
    readonly routeTableIds: readonly pulumi.Input<string>[];
    /**
     * Services that get an interface endpoint (keys of endpoint-catalogue.ts). Removing one deletes
     * its endpoint; workers then need another path to that service.
     * @default {@link DEFAULT_INTERFACE_ENDPOINTS}
     */
    readonly interfaceEndpoints?: readonly string[];
    /**
     * Name prefix of this project's buckets; the S3 endpoints reach buckets with this prefix that
     * this account owns. Change only with the bucket naming (components/storage/naming.ts).
     * @default "spot-grid-"
     */
    readonly ownBucketNamePrefix?: string;
    /**
     * Name prefix of this project's queues; the SQS endpoint reaches queues with this prefix in this
     * account and region only. Change only with the queue naming (components/flow/naming.ts).
     * @default "spot-grid-"
     */
    readonly ownQueueNamePrefix?: string;
    /** Further buckets the S3 endpoints may reach (`arn:aws:s3:::name`), e.g. a vendor's feed. @default [] */
    readonly extraS3BucketArns?: readonly string[];
    /**
     * Let SSM Agent, the CloudWatch agent and dnf read their AWS-owned buckets (agent updates, patch
     * baselines, Amazon Linux repositories) through the S3 endpoints. @default true
     */
    readonly allowAwsOwnedBuckets?: boolean;
}

/** Checks the args before anything is created; throws one message naming the input, the value and what is allowed. */
export function validateServiceEndpointsArgs(args: ServiceEndpointsArgs): void {
    if (!parseIpv4Cidr(args.vpcCidr)) throw new Error(`vpcCidr ${JSON.stringify(args.vpcCidr)} is not an IPv4 CIDR with its host bits clear (e.g. 10.20.0.0/16)`);
    for (const [i, c] of args.onPremCidrs.entries()) {
        if (!parseIpv4Cidr(c)) throw new Error(`onPremCidrs[${i}] ${JSON.stringify(c)} is not an IPv4 CIDR with its host bits clear (e.g. 172.16.0.0/12)`);
    }
    if (args.subnets.length === 0) throw new Error("subnets is empty; interface endpoints and the inbound resolver need at least one private subnet");
    if (args.routeTableIds.length === 0) throw new Error("routeTableIds is empty; the S3 gateway endpoint must be on every private route table");
    const problem = validateInterfaceEndpoints(args.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS) ?? validateExtraBucketArns(args.extraS3BucketArns ?? []);
    if (problem) throw new Error(problem);
}

export class ServiceEndpoints extends pulumi.ComponentResource {
    readonly endpointSecurityGroupId: pulumi.Output<string>;
    readonly resolverSecurityGroupId: pulumi.Output<string>;
    readonly s3GatewayEndpointId: pulumi.Output<string>;
    /** The AWS-managed prefix list of S3 in this region, for security-group egress rules. */
    readonly s3PrefixListId: pulumi.Output<string>;
    readonly s3InterfaceEndpointId: pulumi.Output<string>;
    /**
     * The S3 interface endpoint's regional name, `vpce-...-....s3.<region>.vpce.amazonaws.com`.
     * On-prem addresses buckets as `bucket.<this>` (or the plain S3 name through the inbound resolver).
     */
    readonly s3InterfaceEndpointDnsName: pulumi.Output<string>;
    /** Interface endpoint ids by service key (`ssm`, `logs`, ...). */
    readonly interfaceEndpointIds: pulumi.Output<Record<string, string>>;
    /** Interface endpoints' regional DNS names by service key. */
    readonly interfaceEndpointDnsNames: pulumi.Output<Record<string, string>>;
    readonly resolverEndpointId: pulumi.Output<string>;
    /** The inbound resolver's fixed addresses: on-prem DNS forwards the AWS zones to these. */
    readonly resolverIpAddresses: readonly string[];

    constructor(name: string, args: ServiceEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:network:ServiceEndpoints", name, {}, opts);
        const services = args.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS;
        const ownBucketNamePrefix = args.ownBucketNamePrefix ?? `${PROJECT}-`;
        const extraS3BucketArns = args.extraS3BucketArns ?? [];
        const allowAwsOwnedBuckets = args.allowAwsOwnedBuckets ?? true;
        validateServiceEndpointsArgs(args);
        const parent = { parent: this };

        const facts = pulumi
            .all([aws.getCallerIdentityOutput({}, parent), aws.getPartitionOutput({}, parent), aws.getRegionOutput({}, parent)])
            .apply(([id, partition, region]) => ({ accountId: id.accountId, partition: partition.partition, region: region.region }));
        const s3Policy = facts.apply((f) => JSON.stringify(s3EndpointPolicy({ ...f, ownBucketNamePrefix, extraBucketArns: extraS3BucketArns, allowAwsOwnedBuckets })));

        // Names: `${name}-<role or service>`; never rename (a new name replaces the endpoint and its DNS names).
        // Inline rules: the group's rules are exactly these; one added by hand is removed on the next update.
        // No egress rules: endpoint and resolver interfaces only answer (security groups are stateful).
        const endpointSg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId: args.vpcId,
                description: "AWS interface endpoints: HTTPS from the VPC and on-prem only",
                ingress: endpointIngressRules(args.vpcCidr, args.onPremCidrs),
                egress: [],
                tags: { Name: `${name}-endpoints` },
            },
            parent,
        );
        const resolverSg = new aws.ec2.SecurityGroup(
            `${name}-resolver`,
            {
                vpcId: args.vpcId,
                description: "Route 53 Resolver inbound endpoint: DNS from on-prem resolvers only",
                ingress: resolverIngressRules(args.onPremCidrs),
                egress: [],
                tags: { Name: `${name}-resolver` },
            },
            parent,
        );

        const s3Gateway = new aws.ec2.VpcEndpoint(
            `${name}-s3-gateway`,
            {
                vpcId: args.vpcId,
                vpcEndpointType: "Gateway",
                serviceName: facts.apply((f) => endpointServiceName(f.region, "s3")),
                routeTableIds: [...args.routeTableIds],
                policy: s3Policy,
                tags: { Name: `${name}-s3-gateway` },
            },
            parent,
        );

        // Fixed addresses (subnet-plan.ts): on-prem forwarders can be set up before the endpoint exists.
        const subnetById = new Map(args.subnets.map((s) => [s.key, s]));
        this.resolverIpAddresses = planResolverAddresses(args.subnets).map((a) => a.ip);
        const resolver = new aws.route53.ResolverEndpoint(
            `${name}-inbound`,
            {
                name: `${name}-inbound`,
                direction: "INBOUND",
                securityGroupIds: [resolverSg.id],
                ipAddresses: planResolverAddresses(args.subnets).map((a) => ({ subnetId: subnetById.get(a.subnetKey)!.id, ip: a.ip })),
                protocols: ["Do53"],
                tags: { Name: `${name}-inbound` },
            },
            parent,
        );

        const subnetIds = args.subnets.map((s) => s.id);
        // Interface endpoints take addresses from the same subnets; created after the resolver, they
        // cannot take its fixed addresses first.
        const interfaceOpts = { ...parent, dependsOn: [resolver] };

        // S3 interface endpoint for on-prem uploads. privateDnsOnlyForInboundResolverEndpoint: on-prem
        // queries (through the inbound resolver) get the interface endpoint's addresses, VPC queries
        // keep resolving to S3 through the gateway endpoint. AWS refuses this option unless the VPC
        // already has an S3 gateway endpoint, hence the explicit dependency.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns
        const s3Interface = new aws.ec2.VpcEndpoint(
            `${name}-s3-interface`,
            {
                vpcId: args.vpcId,
                vpcEndpointType: "Interface",
                serviceName: facts.apply((f) => endpointServiceName(f.region, "s3")),
                subnetIds,
                securityGroupIds: [endpointSg.id],
                privateDnsEnabled: true,
                dnsOptions: { privateDnsOnlyForInboundResolverEndpoint: true },
                policy: s3Policy,
                tags: { Name: `${name}-s3-interface`, purpose: "on-prem-uploads" },
            },
            { ...interfaceOpts, dependsOn: [resolver, s3Gateway] },
        );

        const endpoints: Record<string, aws.ec2.VpcEndpoint> = {};
        for (const service of services) {
            const entry = INTERFACE_ENDPOINT_CATALOGUE.get(service)!;
            endpoints[service] = new aws.ec2.VpcEndpoint(
                `${name}-${service}`,
                {
                    vpcId: args.vpcId,
                    vpcEndpointType: "Interface",
                    serviceName: facts.apply((f) => endpointServiceName(f.region, service)),
                    subnetIds,
                    securityGroupIds: [endpointSg.id],
                    privateDnsEnabled: true,
                    // Only where the service accepts one (endpoint-catalogue.ts, policySupported); SQS's is
                    // scoped to our queues too (endpoint-policies.ts sqsEndpointPolicy).
                    policy: entry.policySupported
                        ? facts.apply((f) =>
                              JSON.stringify(
                                  service === "sqs"
                                      ? sqsEndpointPolicy({ ...f, ownQueueNamePrefix: args.ownQueueNamePrefix ?? `${PROJECT}-` })
                                      : serviceEndpointPolicy({ accountId: f.accountId, iamPrefix: entry.iamPrefix }),
                              ),
                          )
                        : undefined,
                    tags: { Name: `${name}-${service}` },
                },
                interfaceOpts,
            );
        }

        this.endpointSecurityGroupId = endpointSg.id;
        this.resolverSecurityGroupId = resolverSg.id;
        this.s3GatewayEndpointId = s3Gateway.id;
        this.s3PrefixListId = s3Gateway.prefixListId;
        this.s3InterfaceEndpointId = s3Interface.id;
        this.s3InterfaceEndpointDnsName = s3Interface.dnsEntries.apply((e) => regionalDnsName(e));
        this.interfaceEndpointIds = pulumi.all(Object.fromEntries(Object.entries(endpoints).map(([k, e]) => [k, e.id])));
        this.interfaceEndpointDnsNames = pulumi.all(Object.fromEntries(Object.entries(endpoints).map(([k, e]) => [k, e.dnsEntries.apply(regionalDnsName)])));
        this.resolverEndpointId = resolver.id;
        this.registerOutputs({
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            resolverSecurityGroupId: this.resolverSecurityGroupId,
            s3GatewayEndpointId: this.s3GatewayEndpointId,
            s3PrefixListId: this.s3PrefixListId,
            s3InterfaceEndpointId: this.s3InterfaceEndpointId,
            s3InterfaceEndpointDnsName: this.s3InterfaceEndpointDnsName,
            interfaceEndpointIds: this.interfaceEndpointIds,
            interfaceEndpointDnsNames: this.interfaceEndpointDnsNames,
            resolverEndpointId: this.resolverEndpointId,
            resolverIpAddresses: this.resolverIpAddresses,
        });
    }
}

/**
 * The regional (not per-AZ) DNS name of an interface endpoint: AWS lists it first in dnsEntries.
 * For S3 it starts with `*.` (any bucket name goes in front); we return it without the wildcard.
 */
export function regionalDnsName(entries: readonly { dnsName?: string }[] | undefined): string {
    const first = entries?.find((e) => e.dnsName)?.dnsName ?? "";
    return first.replace(/^\*\./, "");
}

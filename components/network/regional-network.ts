/**
 * RegionalNetwork: one region's whole network, composed from the concept components:
 * PrivateNetwork -> HybridLink (VPN to on-prem) -> ServiceEndpoints -> WorkersSecurityGroup.
 * It exposes what the data and compute parts of RegionalGrid and the stack outputs need.
 */
import * as pulumi from "@pulumi/pulumi";
import { HybridLink, VpnRouting } from "./hybrid-link";
import { PrivateNetwork } from "./private-network";
import { ServiceEndpoints } from "./service-endpoints";
import { WorkersSecurityGroup } from "./workers-security-group";

/** Arguments for {@link RegionalNetwork}; each field is passed to the component named in its doc. */
export interface RegionalNetworkArgs {
    /** VPC block (PrivateNetwork.cidrBlock). */
    readonly cidrBlock: string;
    /** The region's AZs in stable order, cut to those in use (PrivateNetwork.availabilityZones). */
    readonly availabilityZones: readonly string[];
    /** @default 8 (PrivateNetwork.subnetSlots) */
    readonly subnetSlots?: number;
    /** @default 365 (PrivateNetwork.flowLogRetentionDays) */
    readonly flowLogRetentionDays?: number;
    /** On-prem ranges (NACL, VPN routes, endpoint and resolver access, worker egress). */
    readonly onPremCidrs: readonly string[];
    /** The on-prem firewall's outside address (HybridLink.customerGatewayIp). */
    readonly onPremGatewayIp: string;
    /** The on-prem firewall's BGP ASN (HybridLink.bgpAsn). */
    readonly onPremBgpAsn: number;
    /** @default "bgp" (HybridLink.routing) */
    readonly vpnRouting?: VpnRouting;
    /** @default AWS's 64512 (HybridLink.amazonSideAsn) */
    readonly amazonSideAsn?: number;
    /** Tunnel 1 and 2 inside CIDRs (HybridLink.tunnelInsideCidrs). @default AWS picks */
    readonly tunnelInsideCidrs?: readonly string[];
    /** Where the VPN and flow-log alarms go (the stack's operations topic). @default [] (alarm state only) */
    readonly alarmActions?: pulumi.Input<string>[];
    /** @default the catalogue's default set (ServiceEndpoints.interfaceEndpoints) */
    readonly interfaceEndpoints?: readonly string[];
    /** @default [] (ServiceEndpoints.extraS3BucketArns) */
    readonly extraS3BucketArns?: readonly string[];
    /** @default [443] (WorkersSecurityGroup.onPremPorts) */
    readonly onPremPorts?: readonly number[];
}

export class RegionalNetwork extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: string;
    /** AZ names in use, in slot order. */
    readonly availabilityZones: readonly string[];
    readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Subnet id by AZ name (`ap-south-1a` -> `subnet-...`). */
    readonly subnetIdsByAz: pulumi.Output<Record<string, string>>;
    readonly routeTableIds: pulumi.Output<string[]>;
    readonly flowLogId: pulumi.Output<string>;
    /** The flow-log group's key (watched by the operations key-state alarm). */
    readonly flowLogKeyArn: pulumi.Output<string>;
    readonly vpnConnectionId: pulumi.Output<string>;
    readonly vpnGatewayId: pulumi.Output<string>;
    readonly customerGatewayId: pulumi.Output<string>;
    readonly vpnTunnelAddresses: pulumi.Output<string[]>;
    readonly s3GatewayEndpointId: pulumi.Output<string>;
    readonly s3PrefixListId: pulumi.Output<string>;
    /** The S3 interface endpoint on-prem uploads through (for `aws:SourceVpce` in bucket policies). */
    readonly s3InterfaceEndpointId: pulumi.Output<string>;
    /** `vpce-....s3.<region>.vpce.amazonaws.com`: on-prem uses `bucket.<this>`. */
    readonly onPremUploadEndpointDnsName: pulumi.Output<string>;
    readonly interfaceEndpointIds: pulumi.Output<Record<string, string>>;
    readonly interfaceEndpointDnsNames: pulumi.Output<Record<string, string>>;
    readonly endpointSecurityGroupId: pulumi.Output<string>;
    readonly resolverEndpointId: pulumi.Output<string>;
    readonly resolverIpAddresses: readonly string[];
    /** For the compute issue: put this on the Spot workers. */
    readonly workersSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: RegionalNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:network:RegionalNetwork", name, {}, opts);
        const parent = { parent: this };

        // Child names reuse `name`: the type token already tells the children apart. Never rename.
        const network = new PrivateNetwork(
            name,
            {
                cidrBlock: args.cidrBlock,
                availabilityZones: args.availabilityZones,
                subnetSlots: args.subnetSlots,
                onPremCidrs: args.onPremCidrs,
                flowLogRetentionDays: args.flowLogRetentionDays,
                alarmActions: args.alarmActions,
            },
            parent,
        );
        const routeTables = [...network.routeTables.entries()].map(([key, t]) => ({ key, id: t.id }));
        const link = new HybridLink(
            name,
            {
                vpcId: network.vpcId,
                routeTables,
                onPremCidrs: args.onPremCidrs,
                customerGatewayIp: args.onPremGatewayIp,
                bgpAsn: args.onPremBgpAsn,
                routing: args.vpnRouting,
                amazonSideAsn: args.amazonSideAsn,
                alarmActions: args.alarmActions,
                tunnelInsideCidrs: args.tunnelInsideCidrs,
                tunnelLogGroupArn: network.vpnLogGroupArn,
            },
            parent,
        );
        const endpoints = new ServiceEndpoints(
            name,
            {
                vpcId: network.vpcId,
                vpcCidr: network.cidrBlock,
                onPremCidrs: args.onPremCidrs,
                subnets: network.plan.map((s) => ({ key: s.key, cidr: s.cidr, id: network.subnets.get(s.key)!.id })),
                routeTableIds: routeTables.map((t) => t.id),
                interfaceEndpoints: args.interfaceEndpoints,
                extraS3BucketArns: args.extraS3BucketArns,
            },
            parent,
        );
        const workers = new WorkersSecurityGroup(
            `${name}-workers`,
            {
                vpcId: network.vpcId,
                endpointSecurityGroupId: endpoints.endpointSecurityGroupId,
                s3PrefixListId: endpoints.s3PrefixListId,
                onPremCidrs: args.onPremCidrs,
                onPremPorts: args.onPremPorts,
            },
            parent,
        );

        this.vpcId = network.vpcId;
        this.vpcCidr = network.cidrBlock;
        this.availabilityZones = network.plan.map((s) => s.availabilityZone);
        this.privateSubnetIds = network.subnetIds;
        this.subnetIdsByAz = network.subnetIdsByAz;
        this.routeTableIds = network.routeTableIds;
        this.flowLogId = network.flowLogId;
        this.flowLogKeyArn = network.flowLogKeyArn;
        this.vpnConnectionId = link.vpnConnectionId;
        this.vpnGatewayId = link.vpnGatewayId;
        this.customerGatewayId = link.customerGatewayId;
        this.vpnTunnelAddresses = link.tunnelAddresses;
        this.s3GatewayEndpointId = endpoints.s3GatewayEndpointId;
        this.s3PrefixListId = endpoints.s3PrefixListId;
        this.s3InterfaceEndpointId = endpoints.s3InterfaceEndpointId;
        this.onPremUploadEndpointDnsName = endpoints.s3InterfaceEndpointDnsName;
        this.interfaceEndpointIds = endpoints.interfaceEndpointIds;
        this.interfaceEndpointDnsNames = endpoints.interfaceEndpointDnsNames;
        this.endpointSecurityGroupId = endpoints.endpointSecurityGroupId;
        this.resolverEndpointId = endpoints.resolverEndpointId;
        this.resolverIpAddresses = endpoints.resolverIpAddresses;
        this.workersSecurityGroupId = workers.securityGroupId;

        this.registerOutputs({
            vpcId: this.vpcId,
            vpcCidr: this.vpcCidr,
            privateSubnetIds: this.privateSubnetIds,
            subnetIdsByAz: this.subnetIdsByAz,
            routeTableIds: this.routeTableIds,
            vpnConnectionId: this.vpnConnectionId,
            s3GatewayEndpointId: this.s3GatewayEndpointId,
            s3InterfaceEndpointId: this.s3InterfaceEndpointId,
            onPremUploadEndpointDnsName: this.onPremUploadEndpointDnsName,
            interfaceEndpointIds: this.interfaceEndpointIds,
            resolverIpAddresses: this.resolverIpAddresses,
            workersSecurityGroupId: this.workersSecurityGroupId,
        });
    }
}

/**
 * HybridLink: the site-to-site VPN between the VPC and the on-prem firewall. A customer gateway
 * (the firewall), a virtual private gateway attached to the VPC, one VPN connection (two tunnels,
 * IKEv2 with strong ciphers, AWS-generated pre-shared keys stored in Secrets Manager), BGP by
 * default or static routes to the on-prem ranges, propagation of the VGW's routes into every
 * private route table, and CloudWatch alarms on tunnel state.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { isUsableGatewayAddress, parseIpv4Cidr } from "../lib/cidr";
import { validateTunnelInsideCidrs } from "./vpn-tunnels";

export type VpnRouting = "bgp" | "static";

/**
 * Tunnel parameters both tunnels use: IKEv2 only, AES-256 (GCM preferred), SHA-2, and elliptic-curve
 * DH groups (19/20/21) for phase 1 and for perfect forward secrecy in phase 2. AWS's defaults also
 * admit IKEv1, AES-128, SHA-1 and DH group 2, which a finance security review rejects.
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */
export const TUNNEL_CRYPTO = {
    ikeVersions: ["ikev2"],
    encryptionAlgorithms: ["AES256-GCM-16", "AES256"],
    integrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
    dhGroupNumbers: [19, 20, 21],
} as const;

/** BGP ASNs above this need the provider's `bgpAsnExtended` field (4-byte ASNs). */
const MAX_2_BYTE_FIELD_ASN = 2147483647;

/** A private route table and its stable key (AZ letter). */
export interface KeyedId {
    readonly key: string;
    readonly id: pulumi.Input<string>;
}

/** Arguments for {@link HybridLink}. */
export interface HybridLinkArgs {
    /** The VPC the virtual private gateway attaches to. */
    readonly vpcId: pulumi.Input<string>;
    /** Private route tables that receive the VGW's routes (propagation), keyed by AZ letter. */
    readonly routeTables: readonly KeyedId[];
    /** On-prem ranges; with `static` routing each becomes a VPN route. */
    readonly onPremCidrs: readonly string[];
    /** Outside IPv4 address of the on-prem firewall. Changing it replaces the customer gateway and the VPN. */
    readonly customerGatewayIp: string;
    /** BGP ASN of the on-prem firewall (also required by AWS for static routing). */
    readonly bgpAsn: number;
    /**
     * `bgp`: the firewall advertises on-prem routes (failover between tunnels is automatic).
     * `static`: for firewalls without BGP; routes to `onPremCidrs` are configured on the VPN.
     * Changing it replaces the VPN connection (new tunnel addresses and keys).
     * @default "bgp"
     */
    readonly routing?: VpnRouting;
    /** The AWS side's private ASN. @default AWS's 64512 */
    readonly amazonSideAsn?: number;
    /** Alarm actions (e.g. SNS topic ARNs) for the tunnel alarms. @default [] (alarm state only) */
    readonly alarmActions?: pulumi.Input<string>[];
    /**
     * Inside CIDRs of tunnel 1 and tunnel 2 (a /30 each from 169.254.0.0/16, vpn-tunnels.ts). Set
     * them, unique across every region the firewall terminates; changing them replaces the VPN
     * connection. @default AWS picks two at random
     */
    readonly tunnelInsideCidrs?: readonly string[];
    /**
     * CloudWatch Logs group (KMS-encrypted) for both tunnels' IKE/IPsec logs (PrivateNetwork's
     * `vpnLogGroupArn`). @default no tunnel logs
     */
    readonly tunnelLogGroupArn?: pulumi.Input<string>;
}

/** Checks the args before anything is created; throws one message naming the input, the value and what is allowed. */
export function validateHybridLinkArgs(args: HybridLinkArgs): void {
    if (!isUsableGatewayAddress(args.customerGatewayIp)) {
        throw new Error(`customerGatewayIp ${JSON.stringify(args.customerGatewayIp)} is not a usable IPv4 unicast address for the on-prem firewall`);
    }
    if (!Number.isInteger(args.bgpAsn) || args.bgpAsn < 1 || args.bgpAsn > 4294967294) {
        throw new Error(`bgpAsn ${JSON.stringify(args.bgpAsn)} must be a BGP ASN between 1 and 4294967294`);
    }
    const routing = args.routing ?? "bgp";
    if (routing !== "bgp" && routing !== "static") throw new Error(`routing ${JSON.stringify(routing)} must be "bgp" or "static"`);
    if (args.onPremCidrs.length === 0) throw new Error("onPremCidrs is empty; list the on-prem ranges the VPN reaches");
    for (const [i, c] of args.onPremCidrs.entries()) {
        if (!parseIpv4Cidr(c)) throw new Error(`onPremCidrs[${i}] ${JSON.stringify(c)} is not an IPv4 CIDR with its host bits clear (e.g. 172.16.0.0/12)`);
    }
    if (args.routeTables.length === 0) throw new Error("routeTables is empty; the VGW's routes must reach every private route table");
    const keys = new Set(args.routeTables.map((t) => t.key));
    if (keys.size !== args.routeTables.length) throw new Error(`routeTables repeats a key (${args.routeTables.map((t) => t.key).join(", ")}); keys must be unique AZ letters`);
    const asn = args.amazonSideAsn;
    if (asn !== undefined && !((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))) {
        throw new Error(`amazonSideAsn ${asn} must be a private ASN: 64512-65534 or 4200000000-4294967294`);
    }
    if (asn !== undefined && asn === args.bgpAsn) throw new Error(`amazonSideAsn ${asn} equals bgpAsn; the two BGP peers need different ASNs`);
    if (args.tunnelInsideCidrs !== undefined) {
        const problem = validateTunnelInsideCidrs(args.tunnelInsideCidrs);
        if (problem) throw new Error(problem);
    }
}

/** A stable resource-name key for a CIDR: `172.16.0.0/12` -> `172-16-0-0-12`. */
export function cidrKey(cidr: string): string {
    return cidr.replace(/[./]/g, "-");
}

export class HybridLink extends pulumi.ComponentResource {
    readonly customerGatewayId: pulumi.Output<string>;
    readonly vpnGatewayId: pulumi.Output<string>;
    readonly vpnConnectionId: pulumi.Output<string>;
    /** Outside addresses of the two AWS tunnel endpoints, for the firewall's configuration. */
    readonly tunnelAddresses: pulumi.Output<string[]>;
    readonly routing: VpnRouting;

    constructor(name: string, args: HybridLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:network:HybridLink", name, {}, opts);
        const routing = args.routing ?? "bgp";
        const alarmActions = args.alarmActions ?? [];
        validateHybridLinkArgs(args);
        this.routing = routing;
        const parent = { parent: this };

        // Names: `${name}` plus a stable key (AZ letter, CIDR); never rename (replaces the VPN).
        const cgw = new aws.ec2.CustomerGateway(
            name,
            {
                type: "ipsec.1",
                ipAddress: args.customerGatewayIp,
                // The provider's bgpAsn is a string limited to 2^31-1; larger 4-byte ASNs go in bgpAsnExtended.
                ...(args.bgpAsn > MAX_2_BYTE_FIELD_ASN ? { bgpAsnExtended: String(args.bgpAsn) } : { bgpAsn: String(args.bgpAsn) }),
                deviceName: `${name}-on-prem-firewall`,
                tags: { Name: `${name}-on-prem-firewall` },
            },
            parent,
        );
        // vpcId on the gateway attaches it (no separate VpnGatewayAttachment to keep in step).
        const vgw = new aws.ec2.VpnGateway(
            name,
            {
                vpcId: args.vpcId,
                ...(args.amazonSideAsn !== undefined ? { amazonSideAsn: String(args.amazonSideAsn) } : {}),
                tags: { Name: name },
            },
            parent,
        );

        const tunnel = (n: 1 | 2) => ({
            [`tunnel${n}IkeVersions`]: [...TUNNEL_CRYPTO.ikeVersions],
            [`tunnel${n}Phase1EncryptionAlgorithms`]: [...TUNNEL_CRYPTO.encryptionAlgorithms],
            [`tunnel${n}Phase1IntegrityAlgorithms`]: [...TUNNEL_CRYPTO.integrityAlgorithms],
            [`tunnel${n}Phase1DhGroupNumbers`]: [...TUNNEL_CRYPTO.dhGroupNumbers],
            [`tunnel${n}Phase2EncryptionAlgorithms`]: [...TUNNEL_CRYPTO.encryptionAlgorithms],
            [`tunnel${n}Phase2IntegrityAlgorithms`]: [...TUNNEL_CRYPTO.integrityAlgorithms],
            [`tunnel${n}Phase2DhGroupNumbers`]: [...TUNNEL_CRYPTO.dhGroupNumbers],
            // AWS initiates (IKEv2 only) and restarts IKE after dead-peer detection, so a tunnel
            // comes back without waiting for traffic from on-prem.
            [`tunnel${n}StartupAction`]: "start",
            [`tunnel${n}DpdTimeoutAction`]: "restart",
            ...(args.tunnelInsideCidrs ? { [`tunnel${n}InsideCidr`]: args.tunnelInsideCidrs[n - 1] } : {}),
            // IKE negotiation, IPsec establishment and dead-peer detection, per tunnel.
            // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CloudWatchLogOptionsSpecification.html
            ...(args.tunnelLogGroupArn !== undefined
                ? { [`tunnel${n}LogOptions`]: { cloudwatchLogOptions: { logEnabled: true, logGroupArn: args.tunnelLogGroupArn, logOutputFormat: "json" } } }
                : {}),
        });
        const vpn = new aws.ec2.VpnConnection(
            name,
            {
                type: "ipsec.1",
                customerGatewayId: cgw.id,
                vpnGatewayId: vgw.id,
                staticRoutesOnly: routing === "static",
                // No tunnel*PresharedKey: AWS generates them; stored in Secrets Manager they never
                // enter Pulumi state (the provider also marks the key outputs secret).
                // https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html#vpn-tunnel-psk
                presharedKeyStorage: "SecretsManager",
                ...tunnel(1),
                ...tunnel(2),
                tags: { Name: name },
            },
            { ...parent, additionalSecretOutputs: ["tunnel1PresharedKey", "tunnel2PresharedKey", "customerGatewayConfiguration"] },
        );

        if (routing === "static") {
            for (const cidr of args.onPremCidrs) {
                new aws.ec2.VpnConnectionRoute(`${name}-${cidrKey(cidr)}`, { vpnConnectionId: vpn.id, destinationCidrBlock: cidr }, parent);
            }
        }

        // Propagation puts the VGW's routes (BGP-learned, or the static VPN routes) into each private
        // route table: the only routes to non-VPC ranges besides the S3 gateway endpoint's prefix list.
        for (const table of args.routeTables) {
            new aws.ec2.VpnGatewayRoutePropagation(`${name}-${table.key}`, { vpnGatewayId: vgw.id, routeTableId: table.id }, parent);
        }

        // TunnelState per connection: 1 when all tunnels are up, 0 when all are down, in between
        // otherwise. Minimum < 1: redundancy lost (one tunnel down). Maximum < 1: the link is down.
        // https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html
        const alarm = (suffix: string, statistic: "Minimum" | "Maximum", description: string) =>
            new aws.cloudwatch.MetricAlarm(
                `${name}-${suffix}`,
                {
                    alarmDescription: description,
                    namespace: "AWS/VPN",
                    metricName: "TunnelState",
                    dimensions: { VpnId: vpn.id },
                    statistic,
                    period: 300,
                    evaluationPeriods: 2,
                    comparisonOperator: "LessThanThreshold",
                    threshold: 1,
                    // No data from a VPN means no tunnel reporting: treat it as down.
                    treatMissingData: "breaching",
                    alarmActions,
                    okActions: alarmActions,
                    tags: { Name: `${name}-${suffix}` },
                },
                parent,
            );
        alarm("link-down", "Maximum", `Both VPN tunnels of ${name} are down: no path to on-prem.`);
        alarm("tunnel-down", "Minimum", `A VPN tunnel of ${name} is down: the link to on-prem has no redundancy.`);

        this.customerGatewayId = cgw.id;
        this.vpnGatewayId = vgw.id;
        this.vpnConnectionId = vpn.id;
        this.tunnelAddresses = pulumi.all([vpn.tunnel1Address, vpn.tunnel2Address]);
        this.registerOutputs({
            customerGatewayId: this.customerGatewayId,
            vpnGatewayId: this.vpnGatewayId,
            vpnConnectionId: this.vpnConnectionId,
            tunnelAddresses: this.tunnelAddresses,
        });
    }
}

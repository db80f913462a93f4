/**
 * Inside addresses of the VPN tunnels: one /30 per tunnel from 169.254.0.0/16 (BGP peers on
 * `.1`/`.2` of each /30). Left to AWS, they are picked at random per connection; the on-prem
 * firewall terminates every region's tunnels, so two regions could get overlapping /30s and the
 * firewall could not tell their BGP sessions apart. Stacks set them explicitly
 * (`spot-grid:network.vpn.tunnelInsideCidrs`) and the stack set checks that no two overlap
 * (infra/config/stack-set.ts).
 *
 * AWS's constraints: "A size /30 CIDR block from the 169.254.0.0/16 range. The following CIDR
 * blocks are reserved and cannot be used: 169.254.0.0/30, 169.254.1.0/30, 169.254.2.0/30,
 * 169.254.3.0/30, 169.254.4.0/30, 169.254.5.0/30, 169.254.169.252/30", and unique across the VPN
 * connections of one virtual private gateway.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-vpnconnection-vpntunneloptionsspecification.html
 * Changing them replaces the VPN connection, with new outside addresses and keys: the AWS provider
 * marks `tunnel1_inside_cidr`/`tunnel2_inside_cidr` ForceNew (terraform-provider-aws
 * internal/service/ec2/vpnsite_connection.go; CloudFormation likewise "Update requires:
 * Replacement"). Set them before the first deploy.
 *
 * Pure: no Pulumi.
 */
import { ipv4CidrContains, ipv4CidrsOverlap, parseIpv4Cidr } from "../lib/cidr";

export const TUNNEL_INSIDE_RANGE = "169.254.0.0/16";
export const RESERVED_TUNNEL_INSIDE_CIDRS: readonly string[] = [
    "169.254.0.0/30",
    "169.254.1.0/30",
    "169.254.2.0/30",
    "169.254.3.0/30",
    "169.254.4.0/30",
    "169.254.5.0/30",
    "169.254.169.252/30",
];

/** What is wrong with one tunnel's inside CIDR, or undefined. */
export function tunnelInsideCidrProblem(cidr: string): string | undefined {
    const c = parseIpv4Cidr(cidr);
    if (!c) return `${JSON.stringify(cidr)} is not an IPv4 CIDR with its host bits clear (e.g. 169.254.10.0/30)`;
    if (c.bits !== 30 || !ipv4CidrContains(TUNNEL_INSIDE_RANGE, cidr)) return `${cidr} must be a /30 inside ${TUNNEL_INSIDE_RANGE} (e.g. 169.254.10.0/30)`;
    const reserved = RESERVED_TUNNEL_INSIDE_CIDRS.find((r) => ipv4CidrsOverlap(r, cidr));
    if (reserved) return `${cidr} is reserved by AWS (${reserved}); pick another /30 in ${TUNNEL_INSIDE_RANGE}`;
    return undefined;
}

/** The first problem with a stack's pair of tunnel inside CIDRs: index and reason, or undefined. */
export function findTunnelInsideCidrsProblem(cidrs: readonly string[]): { index: number; reason: string } | undefined {
    if (cidrs.length !== 2) return { index: 0, reason: `lists ${cidrs.length} CIDRs; a VPN connection has exactly two tunnels, list one /30 for each` };
    for (const [index, cidr] of cidrs.entries()) {
        const reason = tunnelInsideCidrProblem(cidr);
        if (reason) return { index, reason };
    }
    if (ipv4CidrsOverlap(cidrs[0], cidrs[1])) return { index: 1, reason: `${cidrs[1]} overlaps ${cidrs[0]}; each tunnel needs its own /30` };
    return undefined;
}

/** Checks a pair of tunnel inside CIDRs; one message naming the input and entry, or undefined. */
export function validateTunnelInsideCidrs(cidrs: readonly string[]): string | undefined {
    const p = findTunnelInsideCidrsProblem(cidrs);
    return p && `tunnelInsideCidrs[${p.index}] ${p.reason}`;
}

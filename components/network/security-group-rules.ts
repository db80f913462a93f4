/**
 * Pure planning of the network's filtering rules: the endpoint and resolver security groups, the
 * workers' security group, and the private subnets' network ACL. Plain data, tested without mocks;
 * the components only hand these to AWS resources.
 *
 * Two AWS facts shape them:
 * - Traffic to the Amazon-provided DNS resolver (VPC base + 2), instance metadata and the Time Sync
 *   service is not filtered by security groups or network ACLs, so no rule is needed for it.
 *   https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html#nacl-basics
 * - NACLs cannot name a prefix list, so traffic to S3 through the gateway endpoint (S3's public IP
 *   ranges, reached only via the endpoint's prefix-list route) needs 0.0.0.0/0 in the NACL. That is
 *   safe because the route tables have no other path out; the security groups are the tight filter.
 */

export const HTTPS_PORT = 443;
export const DNS_PORT = 53;

/** Worker egress to on-prem when the config names no ports: HTTPS only. */
export const DEFAULT_ON_PREM_PORTS: readonly number[] = [HTTPS_PORT];

/** A security-group rule in the shape of `aws.ec2.SecurityGroup`'s inline `ingress`/`egress`. */
export interface SgRule<Id = string> {
    readonly description: string;
    readonly protocol: "tcp" | "udp";
    readonly fromPort: number;
    readonly toPort: number;
    readonly cidrBlocks?: string[];
    readonly securityGroups?: Id[];
    readonly prefixListIds?: Id[];
}

/** Interface endpoints: HTTPS from the VPC (workers, tools) and from on-prem (uploads, operators). */
export function endpointIngressRules(vpcCidr: string, onPremCidrs: readonly string[]): SgRule[] {
    return [
        { description: "HTTPS from the VPC", protocol: "tcp", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, cidrBlocks: [vpcCidr] },
        { description: "HTTPS from on-prem over the VPN", protocol: "tcp", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, cidrBlocks: [...onPremCidrs] },
    ];
}

/** Inbound resolver: DNS over UDP and TCP (large answers, zone transfers) from on-prem resolvers. */
export function resolverIngressRules(onPremCidrs: readonly string[]): SgRule[] {
    return (["udp", "tcp"] as const).map((protocol) => ({
        description: `DNS (${protocol}) from on-prem resolvers`,
        protocol,
        fromPort: DNS_PORT,
        toPort: DNS_PORT,
        cidrBlocks: [...onPremCidrs],
    }));
}

/** Checks worker ports; returns a message naming the input and entry, or undefined. */
export function validateOnPremPorts(ports: readonly number[]): string | undefined {
    const seen = new Set<number>();
    for (const [i, p] of ports.entries()) {
        if (!Number.isInteger(p) || p < 1 || p > 65535) return `onPremPorts[${i}] ${JSON.stringify(p)} is not a TCP port; use 1-65535`;
        if (seen.has(p)) return `onPremPorts[${i}] ${p} is listed twice; list each port once`;
        seen.add(p);
    }
    return undefined;
}

/**
 * Workers: egress only to the interface endpoints' security group, the S3 gateway endpoint's
 * prefix list (both HTTPS), and the on-prem ranges on the configured TCP ports. No ingress.
 */
export function workerEgressRules<Id>(a: {
    readonly endpointSecurityGroupId: Id;
    readonly s3PrefixListId: Id;
    readonly onPremCidrs: readonly string[];
    readonly onPremPorts: readonly number[];
}): SgRule<Id>[] {
    const problem = validateOnPremPorts(a.onPremPorts);
    if (problem) throw new Error(problem);
    return [
        { description: "HTTPS to the AWS interface endpoints", protocol: "tcp", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, securityGroups: [a.endpointSecurityGroupId] },
        { description: "HTTPS to S3 through the gateway endpoint", protocol: "tcp", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, prefixListIds: [a.s3PrefixListId] },
        ...(a.onPremCidrs.length === 0
            ? []
            : [...a.onPremPorts]
                  .sort((x, y) => x - y)
                  .map((port): SgRule<Id> => ({
                      description: `TCP ${port} to on-prem over the VPN`,
                      protocol: "tcp",
                      fromPort: port,
                      toPort: port,
                      cidrBlocks: [...a.onPremCidrs],
                  }))),
    ];
}

/** A rule in the shape of `aws.ec2.NetworkAcl`'s inline `ingress`/`egress`. */
export interface NaclRule {
    readonly ruleNo: number;
    readonly action: "allow" | "deny";
    /** `-1` = all protocols. */
    readonly protocol: "-1" | "tcp";
    readonly cidrBlock: string;
    readonly fromPort: number;
    readonly toPort: number;
}

/** Rule numbers: VPC at 100, on-prem ranges from 200 (one each), S3-through-the-gateway at 900. */
export const NACL_RULE_VPC = 100;
export const NACL_RULE_ON_PREM_BASE = 200;
export const NACL_RULE_S3_GATEWAY = 900;
/** AWS allows 20 rules per direction by default; we use 2 + on-prem ranges. */
export const MAX_ON_PREM_CIDRS_IN_NACL = 18;

const ANY_IPV4 = "0.0.0.0/0";
const EPHEMERAL_FROM = 1024;
const EPHEMERAL_TO = 65535;

/**
 * The private subnets' NACL: everything within the VPC and to/from on-prem; to S3 through the
 * gateway endpoint, HTTPS out and the ephemeral-port replies back (see the module comment).
 */
export function privateNaclRules(vpcCidr: string, onPremCidrs: readonly string[]): { ingress: NaclRule[]; egress: NaclRule[] } {
    if (onPremCidrs.length > MAX_ON_PREM_CIDRS_IN_NACL) {
        throw new Error(`onPremCidrs has ${onPremCidrs.length} ranges; the subnets' network ACL holds at most ${MAX_ON_PREM_CIDRS_IN_NACL} (AWS's 20-rule default); summarise the on-prem ranges`);
    }
    const all = (ruleNo: number, cidrBlock: string): NaclRule => ({ ruleNo, action: "allow", protocol: "-1", cidrBlock, fromPort: 0, toPort: 0 });
    const onPrem = onPremCidrs.map((c, i) => all(NACL_RULE_ON_PREM_BASE + i, c));
    return {
        ingress: [
            all(NACL_RULE_VPC, vpcCidr),
            ...onPrem,
            { ruleNo: NACL_RULE_S3_GATEWAY, action: "allow", protocol: "tcp", cidrBlock: ANY_IPV4, fromPort: EPHEMERAL_FROM, toPort: EPHEMERAL_TO },
        ],
        egress: [
            all(NACL_RULE_VPC, vpcCidr),
            ...onPrem,
            { ruleNo: NACL_RULE_S3_GATEWAY, action: "allow", protocol: "tcp", cidrBlock: ANY_IPV4, fromPort: HTTPS_PORT, toPort: HTTPS_PORT },
        ],
    };
}

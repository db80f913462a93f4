/**
 * Network facts the no-public-egress policies share: every way aws 7.x lets a user write a
 * security-group rule or a route, normalised into one shape, and the classification of a route's
 * target. Pure functions over resource props; unknown values (preview) are passed through
 * `known()` so they surface as the analyzer's "can't run during preview" instead of passing.
 */
import { classifyCidr, CidrClass } from "./cidr";
import { asList, asRecord, isTrue, known, UNKNOWN, UnknownValueError } from "./resource-props";

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const SG_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export const ROUTE = "aws:ec2/route:Route";
export const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
export const DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable";
export const VPC = "aws:ec2/vpc:Vpc";

/** Types that carry security-group rules, in any of their forms. */
export const SECURITY_GROUP_RULE_TYPES: readonly string[] = [SECURITY_GROUP, DEFAULT_SECURITY_GROUP, SECURITY_GROUP_RULE, SG_INGRESS_RULE, SG_EGRESS_RULE];
/** Types that carry routes (a Route, or inline `routes`). */
export const ROUTE_TYPES: readonly string[] = [ROUTE, ROUTE_TABLE, DEFAULT_ROUTE_TABLE];

export type Direction = "ingress" | "egress";

/** One CIDR peer of a rule, with the property path it came from (for messages). */
export interface RuleCidr {
    readonly field: string;
    readonly cidr: string;
    readonly class: CidrClass;
}

/** A security-group rule in any form, reduced to what decides whether it reaches public space. */
export interface NormalizedRule {
    readonly direction: Direction;
    /** Where the rule lives, e.g. `egress[0]` or `(rule)` for standalone rule resources. */
    readonly where: string;
    readonly cidrs: RuleCidr[];
    /** Prefix lists (AWS-managed lists of gateway endpoints, or ours), security groups, `self`. */
    readonly prefixLists: string[];
    readonly securityGroups: string[];
    readonly self: boolean;
}

function cidrsOf(list: unknown, field: string): RuleCidr[] {
    const values = asList(known(list, [field]));
    return values.map((v, i) => {
        const cidr = known(v, [field, String(i)]);
        return { field: `${field}[${i}]`, cidr: String(cidr), class: classifyCidr(cidr) };
    });
}

function single(value: unknown, field: string): RuleCidr[] {
    if (value === undefined || value === null || value === "") return [];
    const cidr = known(value, [field]);
    return [{ field, cidr: String(cidr), class: classifyCidr(cidr) }];
}

function strings(value: unknown, field: string): string[] {
    return asList(known(value, [field])).map((v) => String(v));
}

function inlineRules(props: Record<string, unknown>, direction: Direction): NormalizedRule[] {
    return asList(known(props[direction], [direction])).map((raw, i) => {
        const r = asRecord(raw) ?? {};
        const where = `${direction}[${i}]`;
        return {
            direction,
            where,
            cidrs: [...cidrsOf(r.cidrBlocks, `${where}.cidrBlocks`), ...cidrsOf(r.ipv6CidrBlocks, `${where}.ipv6CidrBlocks`)],
            prefixLists: strings(r.prefixListIds, `${where}.prefixListIds`),
            securityGroups: strings(r.securityGroups, `${where}.securityGroups`),
            self: isTrue(r.self),
        };
    });
}

/**
 * The security-group rules a resource declares, in any of the three forms:
 * inline `ingress`/`egress` on SecurityGroup / DefaultSecurityGroup, `ec2.SecurityGroupRule`
 * (`type` ingress|egress, `cidrBlocks`/`ipv6CidrBlocks`), and `vpc.SecurityGroupIngressRule` /
 * `vpc.SecurityGroupEgressRule` (`cidrIpv4`/`cidrIpv6`). Other types yield no rules.
 */
export function securityGroupRules(type: string, props: Record<string, unknown>): NormalizedRule[] {
    switch (type) {
        case SECURITY_GROUP:
        case DEFAULT_SECURITY_GROUP:
            return [...inlineRules(props, "ingress"), ...inlineRules(props, "egress")];
        case SECURITY_GROUP_RULE: {
            const t = known(props.type, ["type"]);
            if (t !== "ingress" && t !== "egress") return [];
            return [
                {
                    direction: t,
                    where: "(rule)",
                    cidrs: [...cidrsOf(props.cidrBlocks, "cidrBlocks"), ...cidrsOf(props.ipv6CidrBlocks, "ipv6CidrBlocks")],
                    prefixLists: strings(props.prefixListIds, "prefixListIds"),
                    securityGroups: strings(props.sourceSecurityGroupId, "sourceSecurityGroupId"),
                    self: isTrue(props.self),
                },
            ];
        }
        case SG_INGRESS_RULE:
        case SG_EGRESS_RULE:
            return [
                {
                    direction: type === SG_INGRESS_RULE ? "ingress" : "egress",
                    where: "(rule)",
                    cidrs: [...single(props.cidrIpv4, "cidrIpv4"), ...single(props.cidrIpv6, "cidrIpv6")],
                    prefixLists: strings(props.prefixListId, "prefixListId"),
                    securityGroups: strings(props.referencedSecurityGroupId, "referencedSecurityGroupId"),
                    self: false,
                },
            ];
        default:
            return [];
    }
}

// ---- routes -----------------------------------------------------------------------------------

/** What a route sends traffic to. */
export type TargetKind =
    /** virtual private gateway (`vgw-...` gatewayId): the site-to-site VPN to on-prem */
    | "vpn-gateway"
    | "transit-gateway"
    /** internet gateway, egress-only IGW, NAT gateway, carrier gateway: public connectivity */
    | "internet"
    /** a VPC endpoint (gateway endpoint routes to its prefix list) */
    | "vpc-endpoint"
    | "local"
    /** ENI, peering, local gateway, core network: not a path we can show stays private */
    | "other"
    | "none";

export interface RouteTarget {
    readonly kind: TargetKind;
    /** Property that holds the target, e.g. `gatewayId`. */
    readonly field?: string;
    readonly value?: string;
}

export interface NormalizedRoute {
    /** Where the route lives: `(route)` or `routes[2]`. */
    readonly where: string;
    /** Destination: a CIDR (classified) or a prefix list id. */
    readonly destination: { readonly field: string; readonly cidr?: string; readonly class?: CidrClass; readonly prefixList?: string } | undefined;
    /** Target property names and raw values (unknowns left as they are: a stack policy resolves them). */
    readonly targets: Record<string, unknown>;
}

/** Route target properties, common to `ec2.Route` and inline `routes` entries. */
export const ROUTE_TARGET_FIELDS: readonly string[] = [
    "gatewayId",
    "natGatewayId",
    "egressOnlyGatewayId",
    "transitGatewayId",
    "vpcEndpointId",
    "networkInterfaceId",
    "vpcPeeringConnectionId",
    "carrierGatewayId",
    "localGatewayId",
    "coreNetworkArn",
];

/**
 * Classifies a route target from its field and (known) value. A `gatewayId` may name an internet
 * gateway (`igw-`), a virtual private gateway (`vgw-`) or `local`; anything else there is treated
 * as internet-bound, the safe reading.
 */
export function classifyTarget(field: string, value: string): TargetKind {
    switch (field) {
        case "gatewayId":
            if (value.startsWith("vgw-")) return "vpn-gateway";
            if (value === "local") return "local";
            if (value.startsWith("vpce-")) return "vpc-endpoint";
            return "internet";
        case "natGatewayId":
        case "egressOnlyGatewayId":
        case "carrierGatewayId":
            return "internet";
        case "transitGatewayId":
            return "transit-gateway";
        case "vpcEndpointId":
            return "vpc-endpoint";
        default:
            return "other";
    }
}

/** `obj[key]`, or the unknown sentinel where the analyzer's proxy throws because it is unknown. */
function readOrUnknown(obj: Record<string, unknown>, key: string): unknown {
    try {
        return obj[key];
    } catch (e) {
        if (e instanceof UnknownValueError) return UNKNOWN;
        throw e;
    }
}

function routeOf(r: Record<string, unknown>, where: string, cidrField: string, ipv6Field: string): NormalizedRoute {
    const targets: Record<string, unknown> = {};
    for (const f of ROUTE_TARGET_FIELDS) {
        const v = readOrUnknown(r, f);
        if (v !== undefined && v !== null && v !== "") targets[f] = v;
    }
    const prefix = (p: string) => (where === "(route)" ? p : `${where}.${p}`);
    let destination: NormalizedRoute["destination"];
    for (const f of [cidrField, ipv6Field]) {
        const v = r[f];
        if (v === undefined || v === null || v === "") continue;
        const cidr = known(v, [prefix(f)]);
        destination = { field: prefix(f), cidr: String(cidr), class: classifyCidr(cidr) };
    }
    if (!destination && r.destinationPrefixListId) {
        destination = { field: prefix("destinationPrefixListId"), prefixList: String(known(r.destinationPrefixListId, [prefix("destinationPrefixListId")])) };
    }
    return { where, destination, targets };
}

/** The routes a Route / RouteTable / DefaultRouteTable declares (target values may be unknown). */
export function routesOf(type: string, props: Record<string, unknown>): NormalizedRoute[] {
    if (type === ROUTE) return [routeOf(props, "(route)", "destinationCidrBlock", "destinationIpv6CidrBlock")];
    if (type === ROUTE_TABLE || type === DEFAULT_ROUTE_TABLE) {
        return asList(known(props.routes, ["routes"])).map((raw, i) => routeOf(asRecord(raw) ?? {}, `routes[${i}]`, "cidrBlock", "ipv6CidrBlock"));
    }
    return [];
}

/**
 * True when traffic to this destination may leave private space: a public (or malformed) CIDR,
 * or a prefix list (AWS-managed lists such as S3's hold public addresses).
 */
export function destinationMayBePublic(route: NormalizedRoute): boolean {
    const d = route.destination;
    if (!d) return false;
    if (d.prefixList !== undefined) return true;
    return d.class?.kind !== "private";
}

/** Targets allowed for a public destination; a prefix-list destination may also use an endpoint. */
export function targetAllowedFor(route: NormalizedRoute, kind: TargetKind): boolean {
    if (kind === "vpn-gateway" || kind === "transit-gateway") return true;
    return kind === "vpc-endpoint" && route.destination?.prefixList !== undefined;
}

/** Human description of a destination for messages. */
export function describeDestination(route: NormalizedRoute): string {
    const d = route.destination;
    if (!d) return "(no destination)";
    return d.prefixList !== undefined ? `prefix list ${d.prefixList}` : `${d.cidr}`;
}

// ---- security-group findings ------------------------------------------------------------------

const RESOURCE_LABEL: Record<string, string> = {
    [SECURITY_GROUP]: "Security group",
    [DEFAULT_SECURITY_GROUP]: "Default security group",
    [SECURITY_GROUP_RULE]: "Security group rule",
    [SG_INGRESS_RULE]: "Security group ingress rule",
    [SG_EGRESS_RULE]: "Security group egress rule",
};

/** Config both security-group policies take: on-prem ranges in provider-independent space. */
export const additionalPrivateCidrsSchema = {
    additionalPrivateCidrs: {
        type: "array" as const,
        items: { type: "string" as const },
        default: [] as string[],
        description: "CIDRs to treat as private besides RFC 1918, 100.64.0.0/10 and fc00::/7 (on-prem ranges in provider-independent space).",
    },
};

/**
 * One message per CIDR in `direction` rules of the resource that is public or malformed. Prefix
 * lists and security-group references are private by construction and never reported.
 * @param extraPrivate further CIDRs to treat as private (e.g. on-prem ranges in public space).
 */
export function publicRuleFindings(type: string, name: string, props: Record<string, unknown>, direction: Direction, extraPrivate: readonly string[] = []): string[] {
    const label = RESOURCE_LABEL[type];
    if (!label) return [];
    const peer = direction === "egress" ? "to" : "from";
    const out: string[] = [];
    for (const rule of securityGroupRules(type, props)) {
        if (rule.direction !== direction) continue;
        for (const c of rule.cidrs) {
            const cls = c.class.kind === "public" ? classifyCidr(c.cidr, extraPrivate) : c.class;
            if (cls.kind === "private") continue;
            if (cls.kind === "invalid") {
                out.push(`${label} '${name}' ${c.field}: ${cls.reason}; use a valid private CIDR, a prefix list or a security group.`);
            } else {
                out.push(
                    `${label} '${name}' allows ${direction} ${peer} ${c.cidr} (${c.field}), which is outside private address space. ` +
                        `Allow ${direction} only ${peer} private CIDRs (on-prem or VPC ranges), a gateway-endpoint prefix list or a security group.`,
                );
            }
        }
    }
    return out;
}

// ---- resource graph links (stack policies) ---------------------------------------------------
// Moved: the graph helpers live in ./resource-graph and the bucket-linking constants in
// ./s3-forms; re-exported here so existing imports keep working.
export { peek, refersTo } from "./resource-graph";
export type { LinkedResource } from "./resource-graph";
export { BUCKET_KEYS, S3_BUCKET_TYPES } from "./s3-forms";

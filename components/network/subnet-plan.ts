/**
 * Pure subnet planning: which CIDR each AZ's private subnet gets. No Pulumi, no AWS: plain
 * functions over CIDR text, tested with tables and fast-check properties.
 *
 * The rule that keeps subnets stable: the VPC block is cut into a FIXED number of equal slots
 * (`slots`, a power of two), and the AZ at position i of the region's AZ list always gets slot i.
 * Adding an AZ fills the next free slot; it never renumbers the earlier ones, so no existing subnet
 * is replaced. (Sizing subnets from the *count* of AZs, as a naive `cidrsubnets(count)` does, moves
 * every boundary when the count changes: AWS cannot resize a subnet, so Pulumi would replace all.)
 *
 * All block arithmetic goes through netmask (components/lib/cidr.ts parses): no hand-written bit math.
 */
import { ip2long, long2ip, Netmask } from "netmask";
import { parseIpv4Cidr } from "../lib/cidr";

/**
 * Slots the VPC is cut into when the config says nothing: 8 covers every region's AZ count today
 * (us-east-1 has 6) with room to grow, and a /16 VPC still gets /19 subnets (8,187 usable IPs each).
 * Changing it after the first deploy renumbers every subnet: set it once.
 */
export const DEFAULT_SUBNET_SLOTS = 8;

/** AWS's smallest subnet is a /28 (16 addresses, 11 usable: AWS reserves 5 per subnet). */
export const SMALLEST_SUBNET_PREFIX = 28;

/** Slot counts we accept: powers of two, so slots are equal CIDR blocks. */
export const ALLOWED_SUBNET_SLOTS: readonly number[] = [2, 4, 8, 16];

/** One planned private subnet. */
export interface SubnetPlan {
    /** AZ name, e.g. `ap-south-1a`. */
    readonly availabilityZone: string;
    /** Stable key for resource names: the AZ's letter suffix (`a`), or the whole name if it has none. */
    readonly key: string;
    /** Position in the region's AZ list = the slot this subnet occupies. */
    readonly slot: number;
    /** The subnet's CIDR, e.g. `10.20.32.0/19`. */
    readonly cidr: string;
}

/** The stable key of an AZ name: its letter suffix (`ap-south-1a` -> `a`). */
export function azKey(availabilityZone: string): string {
    const m = /^[a-z]{2}(?:-[a-z]+)+-\d+([a-z])$/.exec(availabilityZone);
    return m ? m[1] : availabilityZone;
}

/** Prefix length of each slot: the VPC prefix plus log2(slots). */
export function slotPrefixLength(vpcCidr: string, slots: number): number {
    const parsed = parseIpv4Cidr(vpcCidr);
    if (!parsed) throw new Error(`vpcCidr ${JSON.stringify(vpcCidr)} is not an IPv4 CIDR with its host bits clear (e.g. 10.20.0.0/16)`);
    return parsed.bits + Math.log2(slots);
}

/** `slots` must be one of {@link ALLOWED_SUBNET_SLOTS}; returns the problem or undefined. */
export function validateSubnetSlots(slots: number): string | undefined {
    if (!ALLOWED_SUBNET_SLOTS.includes(slots)) {
        return `subnetSlots ${JSON.stringify(slots)} must be one of ${ALLOWED_SUBNET_SLOTS.join(", ")} (equal power-of-two blocks of the VPC)`;
    }
    return undefined;
}

/**
 * The "CIDR too small / too many AZs" check, shared by config validation and the component.
 * Returns one message naming the input, the value and what is allowed, or undefined when the plan fits.
 */
export function validateSubnetCapacity(vpcCidr: string, azCount: number, slots: number = DEFAULT_SUBNET_SLOTS): string | undefined {
    const slotProblem = validateSubnetSlots(slots);
    if (slotProblem) return slotProblem;
    const parsed = parseIpv4Cidr(vpcCidr);
    if (!parsed) return `vpcCidr ${JSON.stringify(vpcCidr)} is not an IPv4 CIDR with its host bits clear (e.g. 10.20.0.0/16)`;
    if (!Number.isInteger(azCount) || azCount < 1) return `availabilityZones ${JSON.stringify(azCount)} must be a whole number of at least 1`;
    if (azCount > slots) {
        return `availabilityZones ${azCount} is more than the ${slots} subnet slots; raise subnetSlots to ${ALLOWED_SUBNET_SLOTS.find((s) => s >= azCount) ?? "a larger power of two"} (only before the first deploy: it renumbers every subnet) or use at most ${slots} AZs`;
    }
    const prefix = parsed.bits + Math.log2(slots);
    if (prefix > SMALLEST_SUBNET_PREFIX) {
        const largestVpcPrefix = SMALLEST_SUBNET_PREFIX - Math.log2(slots);
        const fewerSlots = [...ALLOWED_SUBNET_SLOTS].reverse().find((s) => s >= azCount && parsed.bits + Math.log2(s) <= SMALLEST_SUBNET_PREFIX);
        const alt = fewerSlots !== undefined ? `, or set subnetSlots to ${fewerSlots}` : "";
        return `${parsed.cidr} is too small for ${azCount} AZ${azCount === 1 ? "" : "s"} in ${slots} subnet slots: each subnet would be a /${prefix} and AWS's smallest subnet is a /${SMALLEST_SUBNET_PREFIX}; use a /${largestVpcPrefix} or larger VPC block${alt}`;
    }
    return undefined;
}

/**
 * Plans one private subnet per AZ. `availabilityZones` is the region's AZ list in its stable
 * (append-only) order, cut to the AZs in use: AZ i gets slot i.
 * @throws Error naming the input when the plan does not fit (see {@link validateSubnetCapacity}).
 */
export function planSubnets(vpcCidr: string, availabilityZones: readonly string[], slots: number = DEFAULT_SUBNET_SLOTS): SubnetPlan[] {
    const problem = validateSubnetCapacity(vpcCidr, availabilityZones.length, slots);
    if (problem) throw new Error(problem);
    const seen = new Set<string>();
    for (const az of availabilityZones) {
        const key = azKey(az);
        if (seen.has(key)) throw new Error(`availabilityZones lists ${JSON.stringify(az)} twice (key ${JSON.stringify(key)}); list each AZ once`);
        seen.add(key);
    }
    const vpc = parseIpv4Cidr(vpcCidr)!;
    const first = new Netmask(`${vpc.base}/${slotPrefixLength(vpcCidr, slots)}`);
    return availabilityZones.map((az, slot) => ({
        availabilityZone: az,
        key: azKey(az),
        slot,
        // netmask's next(n) is the n-th block after this one, of the same size.
        cidr: slot === 0 ? first.toString() : first.next(slot).toString(),
    }));
}

/**
 * Host offset of the inbound resolver's address in a subnet. AWS reserves the first four addresses
 * and the last one of every subnet; 10 is free in any subnet from /28 up, and fixed addresses
 * mean the on-prem DNS forwarders can be configured before (and survive a replacement of) the endpoint.
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 */
export const RESOLVER_HOST_OFFSET = 10;

/** Route 53 Resolver: an endpoint needs at least 2 and holds at most 6 IP addresses. */
export const RESOLVER_MIN_ADDRESSES = 2;
export const RESOLVER_MAX_ADDRESSES = 6;

/** One fixed address of the inbound resolver endpoint. */
export interface ResolverAddress {
    /** The subnet's stable key (AZ suffix). */
    readonly subnetKey: string;
    readonly ip: string;
}

/** The address `offset` hosts into `cidr` (netmask's ip2long/long2ip: no hand bit math). */
export function hostAddress(cidr: string, offset: number): string {
    const block = new Netmask(cidr);
    if (!Number.isInteger(offset) || offset < 0 || offset >= block.size) throw new Error(`offset ${offset} is outside ${cidr} (${block.size} addresses)`);
    return long2ip(ip2long(block.base) + offset);
}

/**
 * Fixed inbound resolver addresses: one per subnet (spread over AZs) up to AWS's maximum of 6; with
 * a single subnet, two addresses in it (AWS needs at least two).
 */
export function planResolverAddresses(subnets: readonly Pick<SubnetPlan, "key" | "cidr">[]): ResolverAddress[] {
    if (subnets.length === 0) throw new Error("subnets is empty; the inbound resolver needs at least one subnet");
    if (subnets.length === 1) {
        return [RESOLVER_HOST_OFFSET, RESOLVER_HOST_OFFSET + 1].map((o) => ({ subnetKey: subnets[0].key, ip: hostAddress(subnets[0].cidr, o) }));
    }
    return subnets.slice(0, RESOLVER_MAX_ADDRESSES).map((s) => ({ subnetKey: s.key, ip: hostAddress(s.cidr, RESOLVER_HOST_OFFSET) }));
}

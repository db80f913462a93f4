/**
 * IPv4 CIDR helpers over ipaddr.js (parsing, containment) and netmask (block arithmetic), so no
 * module in this project does bit math by hand.
 */
import * as ipaddr from "ipaddr.js";
import { Netmask } from "netmask";

export interface Ipv4Cidr {
    /** Canonical text, e.g. `10.20.0.0/16`. */
    readonly cidr: string;
    readonly base: string;
    readonly bits: number;
}

/**
 * Parses `a.b.c.d/n` strictly: four decimal octets, a prefix 0..32, and no host bits set
 * (`10.20.1.0/16` is rejected: AWS would silently treat it as 10.20.0.0/16 elsewhere but rejects it for VPCs).
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    if (typeof text !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return undefined;
    if (!ipaddr.IPv4.isValidCIDR(text)) return undefined;
    const [addr, bits] = ipaddr.IPv4.parseCIDR(text);
    const block = new Netmask(text);
    if (block.base !== addr.toString()) return undefined;
    return { cidr: `${block.base}/${bits}`, base: block.base, bits };
}

/**
 * The block `text` meant when only its host bits are wrong (`10.20.1.0/16` -> `10.20.0.0/16`),
 * for "did you mean" hints; undefined when it is not `a.b.c.d/n` at all, or already canonical.
 */
export function ipv4CidrWithHostBitsCleared(text: string): string | undefined {
    if (typeof text !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text) || !ipaddr.IPv4.isValidCIDR(text)) return undefined;
    const block = new Netmask(text);
    const canonical = `${block.base}/${block.bitmask}`;
    return canonical === text ? undefined : canonical;
}

/** True when the two IPv4 blocks share at least one address. */
export function ipv4CidrsOverlap(a: string, b: string): boolean {
    const na = new Netmask(a);
    const nb = new Netmask(b);
    return na.contains(nb.base) || nb.contains(na.base);
}

/** True when `inner` lies wholly inside `outer`. */
export function ipv4CidrContains(outer: string, inner: string): boolean {
    const o = new Netmask(outer);
    const i = new Netmask(inner);
    return o.contains(i.base) && o.contains(i.last) && i.bitmask >= o.bitmask;
}

/** True for RFC 1918 private space (10/8, 172.16/12, 192.168/16) and 100.64/10 shared space. */
export function isPrivateIpv4Cidr(cidr: string): boolean {
    const [addr, bits] = ipaddr.IPv4.parseCIDR(cidr);
    const range = addr.range();
    if (range !== "private" && range !== "carrierGradeNat") return false;
    const last = ipaddr.IPv4.parse(new Netmask(cidr).broadcast ?? new Netmask(cidr).last);
    return last.range() === range && bits >= (range === "private" ? 8 : 10);
}

/** True for a syntactically valid IPv4 address (no CIDR suffix). */
export function isIpv4Address(text: string): boolean {
    return typeof text === "string" && /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && ipaddr.IPv4.isValidFourPartDecimal(text);
}

const unusableGatewayRanges = new Set(["unspecified", "broadcast", "multicast", "linkLocal", "loopback"]);

/**
 * True when a VPN customer gateway may use the address: any unicast address (public, private for
 * VPN over Direct Connect, or the RFC 5737 documentation ranges used in our examples), not
 * 0.0.0.0, broadcast, multicast, link-local or loopback.
 */
export function isUsableGatewayAddress(text: string): boolean {
    return isIpv4Address(text) && !unusableGatewayRanges.has(ipaddr.IPv4.parse(text).range());
}

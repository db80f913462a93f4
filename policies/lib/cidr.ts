/**
 * Is a CIDR inside private address space? The no-public-egress policies ask this of every security
 * group rule and route. "Private" is decided with ipaddr.js (parsing and prefix matching), never
 * with hand-written bit math:
 *
 * - IPv4: RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) and RFC 6598 shared address space
 *   100.64.0.0/10 (carrier-grade NAT, which some on-prem networks use internally);
 * - IPv6: unique local addresses fc00::/7 (RFC 4193).
 *
 * Everything else is public, including `0.0.0.0/0`, `::/0`, `8.8.8.8/32` and any CIDR that is not
 * wholly inside one private block (`10.0.0.0/7` contains 11.0.0.0, `172.0.0.0/8` contains
 * 172.0.0.1). Link-local, loopback and IPv4-mapped IPv6 are not private space for our purposes:
 * traffic to them never needs a security-group rule, so a rule naming them is suspicious.
 * Malformed input is classified `invalid` (callers report it), never thrown.
 *
 * https://datatracker.ietf.org/doc/html/rfc1918, https://datatracker.ietf.org/doc/html/rfc6598,
 * https://datatracker.ietf.org/doc/html/rfc4193
 */
import * as ipaddr from "ipaddr.js";

/** The private blocks, as CIDR strings (documented above). */
export const PRIVATE_IPV4_BLOCKS: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
export const PRIVATE_IPV6_BLOCKS: readonly string[] = ["fc00::/7"];

type Parsed = [ipaddr.IPv4 | ipaddr.IPv6, number];

const PRIVATE_BLOCKS: readonly Parsed[] = [...PRIVATE_IPV4_BLOCKS, ...PRIVATE_IPV6_BLOCKS].map((b) => ipaddr.parseCIDR(b));

export type CidrClass =
    | { kind: "private"; cidr: string; version: 4 | 6; block: string }
    | { kind: "public"; cidr: string; version: 4 | 6 }
    | { kind: "invalid"; cidr: string; reason: string };

/**
 * Parses a CIDR strictly: IPv4 must be four-part decimal (`10.0.0.0/8`, not `10/8` or hex), IPv6 any
 * RFC 4291 text form without a zone id; the prefix length is mandatory. Host bits may be set (AWS
 * normalises them); the block is judged by its network address and prefix.
 */
export function parseCidr(cidr: unknown): Parsed | { invalid: string } {
    if (typeof cidr !== "string") return { invalid: `expected a CIDR string, got ${cidr === null ? "null" : typeof cidr}` };
    const text = cidr.trim();
    if (!text.includes("/")) return { invalid: `'${cidr}' has no prefix length (write e.g. '${text}/32')` };
    try {
        if (ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return ipaddr.IPv4.parseCIDR(text);
        if (!text.includes("%") && ipaddr.IPv6.isValidCIDR(text)) return ipaddr.IPv6.parseCIDR(text);
    } catch {
        // fall through: ipaddr.js throws on some inputs its isValid* accepted; treat them as invalid.
    }
    return { invalid: `'${cidr}' is not a valid IPv4 or IPv6 CIDR` };
}

/**
 * Classifies `cidr` as private (wholly inside one private block), public (contains at least one
 * address outside private space) or invalid. `extraPrivate` adds blocks a team treats as private
 * (e.g. on-prem ranges in provider-independent space); invalid entries there are ignored.
 */
export function classifyCidr(cidr: unknown, extraPrivate: readonly string[] = []): CidrClass {
    const parsed = parseCidr(cidr);
    const text = String(cidr);
    if ("invalid" in parsed) return { kind: "invalid", cidr: text, reason: parsed.invalid };
    const [addr, prefix] = parsed;
    const version = addr.kind() === "ipv4" ? 4 : 6;
    const extra = extraPrivate.map(parseCidr).filter((p): p is Parsed => !("invalid" in p));
    for (const block of [...PRIVATE_BLOCKS, ...extra]) {
        const [blockAddr, blockPrefix] = block;
        // Inside the block iff at least as specific and the network address matches the block.
        if (blockAddr.kind() === addr.kind() && prefix >= blockPrefix && addr.match(block)) {
            return { kind: "private", cidr: text, version, block: `${blockAddr.toString()}/${blockPrefix}` };
        }
    }
    return { kind: "public", cidr: text, version };
}

/** True when `cidr` is a valid CIDR wholly inside private address space. */
export function isPrivateCidr(cidr: unknown, extraPrivate: readonly string[] = []): boolean {
    return classifyCidr(cidr, extraPrivate).kind === "private";
}

/** True when `cidr` is a valid CIDR that contains at least one public address. */
export function isPublicCidr(cidr: unknown, extraPrivate: readonly string[] = []): boolean {
    return classifyCidr(cidr, extraPrivate).kind === "public";
}

/** True for the all-addresses CIDRs (`0.0.0.0/0`, `::/0`, in any spelling). */
export function isAnyAddress(cidr: unknown): boolean {
    const parsed = parseCidr(cidr);
    return !("invalid" in parsed) && parsed[1] === 0;
}

/**
 * Deterministic identifiers in AWS's formats: the same stack and resource always get the same id,
 * so offline plans diff cleanly and generated docs stay stable.
 */
import { createHash } from "crypto";

/** `n` lower-case hex digits derived from `seed`. */
export function hexFrom(seed: string, n: number): string {
    let out = "";
    for (let i = 0; out.length < n; i++) out += createHash("sha256").update(`${seed}#${i}`).digest("hex");
    return out.slice(0, n);
}

/** `n` decimal digits derived from `seed`. */
export function digitsFrom(seed: string, n: number): string {
    return hexFrom(seed, n * 2)
        .split("")
        .filter((_, i) => i % 2 === 0)
        .map((c) => (parseInt(c, 16) % 10).toString())
        .join("");
}

/** `n` upper-case alphanumerics, as in IAM unique ids (`AROA...`). */
export function upperAlnumFrom(seed: string, n: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    return hexFrom(seed, n * 2)
        .match(/../g)!
        .slice(0, n)
        .map((b) => alphabet[parseInt(b, 16) % alphabet.length])
        .join("");
}

/** An RFC 4122-shaped UUID (KMS key ids, Spot Fleet request ids, provider ids). */
export function uuidFrom(seed: string): string {
    const h = hexFrom(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `<prefix>-<17 hex>`: the shape of EC2 ids (vpc-, subnet-, sg-, vpce-, lt-, ...). */
export function ec2Id(prefix: string, seed: string): string {
    return `${prefix}-${hexFrom(seed, 17)}`;
}

/** A public IPv4 address in AWS-like space for VPN tunnel outside addresses. */
export function publicIpFrom(seed: string): string {
    const h = hexFrom(seed, 6);
    return `13.${(parseInt(h.slice(0, 2), 16) % 200) + 20}.${parseInt(h.slice(2, 4), 16)}.${(parseInt(h.slice(4, 6), 16) % 250) + 1}`;
}

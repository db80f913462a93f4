import * as assert from "assert";
import * as fc from "fast-check";
import * as ipaddr from "ipaddr.js";
import { classifyCidr, isAnyAddress, isPrivateCidr, isPublicCidr, PRIVATE_IPV4_BLOCKS, PRIVATE_IPV6_BLOCKS } from "../../../policies/lib/cidr";

describe("policies/lib/cidr", () => {
    describe("classifyCidr table", () => {
        const cases: [string, "private" | "public" | "invalid"][] = [
            ["10.0.0.0/8", "private"],
            ["10.20.0.0/16", "private"],
            ["172.16.0.0/12", "private"],
            ["172.31.255.0/24", "private"],
            ["192.168.1.0/24", "private"],
            ["100.64.0.0/10", "private"],
            ["100.127.0.0/16", "private"],
            ["fd00:1234::/48", "private"],
            ["fc00::/7", "private"],
            ["0.0.0.0/0", "public"],
            ["::/0", "public"],
            ["8.8.8.8/32", "public"],
            ["10.0.0.0/7", "public"],
            ["172.0.0.0/8", "public"],
            ["172.32.0.0/16", "public"],
            ["192.168.0.0/15", "public"],
            ["100.128.0.0/10", "public"],
            ["fc00::/6", "public"],
            ["2600:1f18::/32", "public"],
            ["169.254.169.254/32", "public"],
            ["10.0.0.1/7", "public"],
            ["not-a-cidr", "invalid"],
            ["10.0.0.0", "invalid"],
            ["10.0.0.0/33", "invalid"],
            ["10/8", "invalid"],
            ["::/129", "invalid"],
            ["", "invalid"],
        ];
        for (const [cidr, kind] of cases) {
            it(`${JSON.stringify(cidr)} is ${kind}`, () => assert.strictEqual(classifyCidr(cidr).kind, kind));
        }
        it("non-strings are invalid, never a throw", () => {
            for (const v of [undefined, null, 42, {}, ["10.0.0.0/8"]]) assert.strictEqual(classifyCidr(v).kind, "invalid");
        });
        it("names the private block it matched", () => {
            const c = classifyCidr("172.16.4.0/24");
            assert.ok(c.kind === "private" && c.block === "172.16.0.0/12");
        });
        it("extra private blocks widen private space", () => {
            assert.ok(isPublicCidr("203.0.113.0/24"));
            assert.ok(isPrivateCidr("203.0.113.64/26", ["203.0.113.0/24"]));
            assert.ok(isPublicCidr("203.0.112.0/23", ["203.0.113.0/24", "garbage"]));
        });
        it("isAnyAddress recognises /0 in both families", () => {
            assert.ok(isAnyAddress("0.0.0.0/0") && isAnyAddress("::/0") && isAnyAddress("0:0::/0"));
            assert.ok(!isAnyAddress("0.0.0.0/1") && !isAnyAddress("junk"));
        });
    });

    describe("properties", () => {
        function subnetOf(block: string, bytes: number[], extra: number): string {
            const [addr, prefix] = ipaddr.parseCIDR(block);
            const base = addr.toByteArray();
            const len = Math.min(prefix + extra, base.length * 8);
            // keep the block's prefix bits, take the rest from `bytes`, then zero the host bits
            const out = base.map((b, i) => {
                const keep = Math.max(0, Math.min(8, prefix - i * 8));
                const net = Math.max(0, Math.min(8, len - i * 8));
                const keepMask = (0xff << (8 - keep)) & 0xff;
                const netMask = (0xff << (8 - net)) & 0xff;
                return ((b & keepMask) | (bytes[i] & ~keepMask)) & netMask;
            });
            return `${ipaddr.fromByteArray(out).toString()}/${len}`;
        }
        it("any subnet of a private IPv4 block is private", () => {
            fc.assert(
                fc.property(fc.constantFrom(...PRIVATE_IPV4_BLOCKS), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }), (block, bytes, extra) => {
                    const cidr = subnetOf(block, bytes, extra);
                    assert.strictEqual(classifyCidr(cidr).kind, "private", cidr);
                }),
            );
        });
        it("any subnet of a private IPv6 block is private", () => {
            fc.assert(
                fc.property(fc.constantFrom(...PRIVATE_IPV6_BLOCKS), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 128 }), (block, bytes, extra) => {
                    const cidr = subnetOf(block, bytes, extra);
                    assert.strictEqual(classifyCidr(cidr).kind, "private", cidr);
                }),
            );
        });
        it("any IPv4 CIDR containing a public address is public", () => {
            fc.assert(
                fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
                    const range = ipaddr.IPv4.parse(ip).range();
                    fc.pre(range !== "private" && range !== "carrierGradeNat");
                    assert.strictEqual(classifyCidr(`${ip}/${prefix}`).kind, "public", `${ip}/${prefix}`);
                }),
            );
        });
        it("any IPv6 CIDR containing a non-ULA address is public", () => {
            fc.assert(
                fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (ip, prefix) => {
                    fc.pre(!ip.includes("."));
                    fc.pre(ipaddr.IPv6.parse(ip).range() !== "uniqueLocal");
                    assert.strictEqual(classifyCidr(`${ip}/${prefix}`).kind, "public", `${ip}/${prefix}`);
                }),
            );
        });
        it("widening a private block past its prefix makes it public", () => {
            fc.assert(
                fc.property(fc.constantFrom(...PRIVATE_IPV4_BLOCKS, ...PRIVATE_IPV6_BLOCKS), fc.integer({ min: 1, max: 7 }), (block, shorter) => {
                    const [addr, prefix] = ipaddr.parseCIDR(block);
                    const cidr = `${addr.toString()}/${Math.max(0, prefix - shorter)}`;
                    assert.strictEqual(classifyCidr(cidr).kind, "public", cidr);
                }),
            );
        });
        it("never throws on arbitrary strings", () => {
            fc.assert(fc.property(fc.string(), (s) => void classifyCidr(s)));
        });
    });
});

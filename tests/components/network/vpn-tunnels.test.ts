import * as assert from "assert";
import * as fc from "fast-check";
import { RESERVED_TUNNEL_INSIDE_CIDRS, tunnelInsideCidrProblem, validateTunnelInsideCidrs } from "../../../components/network/vpn-tunnels";

describe("components/network/vpn-tunnels", () => {
    it("accepts two distinct /30s from 169.254.0.0/16 outside AWS's reserved ones", () => {
        assert.strictEqual(validateTunnelInsideCidrs(["169.254.10.0/30", "169.254.10.4/30"]), undefined);
    });
    const bad: [string[], RegExp][] = [
        [["169.254.10.0/30"], /^tunnelInsideCidrs\[0\] lists 1 CIDRs; a VPN connection has exactly two tunnels/],
        [["169.254.10.0/29", "169.254.10.8/30"], /^tunnelInsideCidrs\[0\] 169\.254\.10\.0\/29 must be a \/30 inside 169\.254\.0\.0\/16/],
        [["169.254.10.0/30", "10.0.0.0/30"], /^tunnelInsideCidrs\[1\] 10\.0\.0\.0\/30 must be a \/30 inside 169\.254\.0\.0\/16/],
        [["169.254.5.0/30", "169.254.10.0/30"], /^tunnelInsideCidrs\[0\] 169\.254\.5\.0\/30 is reserved by AWS/],
        [["169.254.10.0/30", "169.254.169.252/30"], /^tunnelInsideCidrs\[1\] 169\.254\.169\.252\/30 is reserved by AWS/],
        [["169.254.10.0/30", "169.254.10.0/30"], /^tunnelInsideCidrs\[1\] 169\.254\.10\.0\/30 overlaps 169\.254\.10\.0\/30; each tunnel needs its own \/30/],
        [["169.254.10.1/30", "169.254.10.4/30"], /^tunnelInsideCidrs\[0\] "169\.254\.10\.1\/30" is not an IPv4 CIDR with its host bits clear/],
    ];
    for (const [input, message] of bad) it(`rejects ${JSON.stringify(input)}`, () => assert.match(validateTunnelInsideCidrs(input) ?? "", message));
    it("property: every /30 of 169.254.0.0/16 is accepted unless AWS reserves it", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 63 }), (third, quad) => {
                const cidr = `169.254.${third}.${quad * 4}/30`;
                assert.strictEqual(tunnelInsideCidrProblem(cidr) === undefined, !RESERVED_TUNNEL_INSIDE_CIDRS.includes(cidr), cidr);
            }),
        );
    });
});

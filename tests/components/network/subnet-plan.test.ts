import * as assert from "assert";
import * as fc from "fast-check";
import { Netmask } from "netmask";
import { ipv4CidrContains, ipv4CidrsOverlap } from "../../../components/lib/cidr";
import {
    azKey,
    DEFAULT_SUBNET_SLOTS,
    hostAddress,
    planResolverAddresses,
    planSubnets,
    SMALLEST_SUBNET_PREFIX,
    validateSubnetCapacity,
} from "../../../components/network/subnet-plan";

const MUMBAI = ["ap-south-1a", "ap-south-1b", "ap-south-1c"];

/** A random private VPC block between /16 and /28, host bits clear. */
const vpcCidrArb = fc
    .record({ a: fc.constantFrom(10, 172, 192), b: fc.integer({ min: 0, max: 255 }), c: fc.integer({ min: 0, max: 255 }), bits: fc.integer({ min: 16, max: 28 }) })
    .map(({ a, b, c, bits }) => {
        const base = a === 10 ? `10.${b}.${c}.0` : a === 172 ? `172.${16 + (b % 16)}.${c}.0` : `192.168.${c}.0`;
        const n = new Netmask(`${base}/${bits}`);
        return `${n.base}/${bits}`;
    });
const slotsArb = fc.constantFrom(2, 4, 8, 16);
const azNames = (n: number) => Array.from({ length: n }, (_, i) => `us-east-1${String.fromCharCode(97 + i)}`);

describe("components/network/subnet-plan", () => {
    describe("planSubnets table", () => {
        const cases: [string, string[], number, string[]][] = [
            ["10.20.0.0/16", MUMBAI, 8, ["10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19"]],
            ["10.20.0.0/16", MUMBAI, 4, ["10.20.0.0/18", "10.20.64.0/18", "10.20.128.0/18"]],
            ["10.22.0.0/16", ["us-east-2a", "us-east-2b"], 8, ["10.22.0.0/19", "10.22.32.0/19"]],
            ["192.168.10.0/25", ["ap-south-2a"], 8, ["192.168.10.0/28"]],
        ];
        for (const [cidr, azs, slots, expected] of cases) {
            it(`${cidr} in ${slots} slots for ${azs.length} AZs`, () => {
                assert.deepStrictEqual(planSubnets(cidr, azs, slots).map((s) => s.cidr), expected);
            });
        }
        it("keys are the AZ letter and slots the AZ's position", () => {
            assert.deepStrictEqual(
                planSubnets("10.20.0.0/16", MUMBAI).map((s) => [s.availabilityZone, s.key, s.slot]),
                [["ap-south-1a", "a", 0], ["ap-south-1b", "b", 1], ["ap-south-1c", "c", 2]],
            );
        });
        it("a /24 split in 16 slots gives /28 subnets, AWS's smallest", () => {
            assert.deepStrictEqual(planSubnets("172.16.0.0/24", MUMBAI, 16).map((s) => s.cidr), ["172.16.0.0/28", "172.16.0.16/28", "172.16.0.32/28"]);
        });
        it("defaults to 8 slots", () => assert.strictEqual(DEFAULT_SUBNET_SLOTS, 8));
    });

    describe("validateSubnetCapacity", () => {
        it("says a /26 is too small for 8 slots, and what fits", () => {
            const m = validateSubnetCapacity("10.20.0.0/26", 3, 8);
            assert.match(m ?? "", /10\.20\.0\.0\/26 is too small for 3 AZs in 8 subnet slots: each subnet would be a \/29/);
            assert.match(m ?? "", /use a \/25 or larger VPC block, or set subnetSlots to 4/);
        });
        it("says when no slot count can fit", () => {
            const m = validateSubnetCapacity("10.20.0.0/28", 2, 2);
            assert.match(m ?? "", /is too small for 2 AZs/);
            assert.doesNotMatch(m ?? "", /set subnetSlots/);
        });
        it("rejects more AZs than slots", () => {
            assert.match(validateSubnetCapacity("10.0.0.0/16", 5, 4) ?? "", /^availabilityZones 5 is more than the 4 subnet slots; raise subnetSlots to 8/);
        });
        it("rejects slot counts that are not allowed powers of two", () => {
            assert.match(validateSubnetCapacity("10.0.0.0/16", 3, 6) ?? "", /^subnetSlots 6 must be one of 2, 4, 8, 16/);
        });
        it("rejects a malformed CIDR and a zero AZ count", () => {
            assert.match(validateSubnetCapacity("10.0.0.1/16", 3) ?? "", /^vpcCidr "10.0.0.1\/16" is not an IPv4 CIDR/);
            assert.match(validateSubnetCapacity("10.0.0.0/16", 0) ?? "", /^availabilityZones 0 must be/);
        });
        it("planSubnets throws the same message", () => {
            assert.throws(() => planSubnets("10.20.0.0/27", MUMBAI), /too small for 3 AZs/);
        });
        it("planSubnets rejects a repeated AZ", () => {
            assert.throws(() => planSubnets("10.20.0.0/16", ["ap-south-1a", "ap-south-1a"]), /lists "ap-south-1a" twice/);
        });
    });

    describe("properties", () => {
        it("subnets never overlap, lie inside the VPC and are at least a /28, for any valid CIDR and AZ count", () => {
            fc.assert(
                fc.property(vpcCidrArb, slotsArb, fc.integer({ min: 1, max: 16 }), (cidr, slots, n) => {
                    fc.pre(validateSubnetCapacity(cidr, n, slots) === undefined);
                    const plan = planSubnets(cidr, azNames(n), slots);
                    assert.strictEqual(plan.length, n);
                    for (const s of plan) {
                        assert.ok(ipv4CidrContains(cidr, s.cidr), `${s.cidr} outside ${cidr}`);
                        assert.ok(Number(s.cidr.split("/")[1]) <= SMALLEST_SUBNET_PREFIX);
                    }
                    for (let i = 0; i < plan.length; i++) for (let j = i + 1; j < plan.length; j++) {
                        assert.ok(!ipv4CidrsOverlap(plan[i].cidr, plan[j].cidr), `${plan[i].cidr} overlaps ${plan[j].cidr}`);
                    }
                }),
                { numRuns: 300 },
            );
        });
        it("adding an AZ keeps every earlier subnet unchanged (same key, same CIDR)", () => {
            fc.assert(
                fc.property(vpcCidrArb, slotsArb, fc.integer({ min: 1, max: 15 }), (cidr, slots, n) => {
                    fc.pre(validateSubnetCapacity(cidr, n + 1, slots) === undefined);
                    const before = planSubnets(cidr, azNames(n), slots);
                    const after = planSubnets(cidr, azNames(n + 1), slots);
                    assert.deepStrictEqual(after.slice(0, n), before);
                }),
                { numRuns: 300 },
            );
        });
        it("validation accepts exactly the plans that fit", () => {
            fc.assert(
                fc.property(vpcCidrArb, slotsArb, fc.integer({ min: 1, max: 16 }), (cidr, slots, n) => {
                    const bits = Number(cidr.split("/")[1]);
                    const fits = n <= slots && bits + Math.log2(slots) <= SMALLEST_SUBNET_PREFIX;
                    assert.strictEqual(validateSubnetCapacity(cidr, n, slots) === undefined, fits);
                }),
            );
        });
    });

    describe("azKey", () => {
        it("takes the letter suffix of a regional AZ name", () => {
            assert.strictEqual(azKey("ap-south-1a"), "a");
            assert.strictEqual(azKey("us-gov-west-1b"), "b");
            assert.strictEqual(azKey("ap-northeast-1d"), "d");
        });
        it("keeps names it does not recognise whole", () => assert.strictEqual(azKey("us-east-1-bos-1a"), "us-east-1-bos-1a"));
    });

    describe("resolver addresses", () => {
        it("puts one fixed address in each subnet", () => {
            assert.deepStrictEqual(planResolverAddresses(planSubnets("10.20.0.0/16", MUMBAI)), [
                { subnetKey: "a", ip: "10.20.0.10" },
                { subnetKey: "b", ip: "10.20.32.10" },
                { subnetKey: "c", ip: "10.20.64.10" },
            ]);
        });
        it("puts two addresses in a single subnet (AWS needs two)", () => {
            assert.deepStrictEqual(planResolverAddresses(planSubnets("10.20.0.0/16", ["ap-south-1a"])).map((a) => a.ip), ["10.20.0.10", "10.20.0.11"]);
        });
        it("caps at AWS's six addresses", () => {
            assert.strictEqual(planResolverAddresses(planSubnets("10.0.0.0/16", azNames(8), 8)).length, 6);
        });
        it("addresses lie inside their subnet, clear of AWS's reserved ones, for any plan", () => {
            fc.assert(
                fc.property(vpcCidrArb, slotsArb, fc.integer({ min: 1, max: 16 }), (cidr, slots, n) => {
                    fc.pre(validateSubnetCapacity(cidr, n, slots) === undefined);
                    const plan = planSubnets(cidr, azNames(n), slots);
                    for (const a of planResolverAddresses(plan)) {
                        const subnet = new Netmask(plan.find((s) => s.key === a.subnetKey)!.cidr);
                        assert.ok(subnet.contains(a.ip));
                        assert.notStrictEqual(a.ip, subnet.broadcast);
                    }
                }),
            );
        });
        it("hostAddress refuses offsets outside the block", () => {
            assert.strictEqual(hostAddress("10.0.0.16/28", 10), "10.0.0.26");
            assert.throws(() => hostAddress("10.0.0.16/28", 16), /outside 10.0.0.16\/28/);
        });
    });
});

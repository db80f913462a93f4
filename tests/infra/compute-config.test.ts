/**
 * `spot-grid:compute`: every mistake is one line naming the file, the key and the fix; the three
 * stack files give diversified fleets and the right market sessions.
 */
import * as assert from "assert";
import * as path from "path";
import { ConfigError, loadStackSet, parseStackConfig } from "../../infra/config";
import { computeSettings, tradingSessionFor } from "../../infra/config/compute";
import { capacityPools } from "../../components/compute/capacity-pools";
import { availabilityZoneNames } from "../../infra/config/regions";
import { assertAdviceAccepted } from "./config-schema";

const ROOT = path.resolve(__dirname, "../..");

function base(compute: Record<string, unknown> = {}, region = "ap-south-1"): Record<string, unknown> {
    return {
        "aws:region": region,
        "spot-grid:owner": "trading-platform",
        "spot-grid:costCentre": "CC-1",
        "spot-grid:network": { cidr: "10.20.0.0/16", availabilityZones: 3 },
        "spot-grid:onPrem": { cidrs: ["172.16.0.0/12"], gatewayIp: "203.0.113.10", bgpAsn: 65010 },
        "spot-grid:compute": { amiId: "ami-0a1b2c3d4e5f60718", instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "m6i.4xlarge", "c5.4xlarge"], capacity: { min: 0, max: 100 }, ...compute },
        "spot-grid:storage": { replicateTo: [] },
    };
}

function error(compute: Record<string, unknown>): string {
    try {
        parseStackConfig("mumbai", base(compute));
    } catch (e) {
        assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
        const msg = (e as Error).message;
        assert.ok(!msg.includes("\n"), `one line: ${msg}`);
        assertAdviceAccepted(msg);
        return msg;
    }
    assert.fail("config was accepted");
}

describe("infra/config/compute: mistakes are one clear line", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
        ["empty types", { instanceTypes: [] }, /^Pulumi\.mumbai\.yaml: spot-grid:compute\.instanceTypes: must list at least one instance type .* or use instanceRequirements instead$/],
        ["malformed type", { instanceTypes: ["c6i4xlarge"] }, /spot-grid:compute\.instanceTypes\[0\]: "c6i4xlarge" is not an EC2 instance type; write it like c6i\.4xlarge/],
        ["capacity min > max", { capacity: { min: 10, max: 5 } }, /spot-grid:compute\.capacity\.min: min must not exceed max \(10 > 5\); lower min or raise max/],
        ["vCPU min > max", { instanceTypes: undefined, instanceRequirements: { vcpu: { min: 32, max: 16 }, memoryMiB: { min: 0 } } }, /spot-grid:compute\.instanceRequirements\.vcpu\.min: min must not exceed max \(32 > 16 vCPUs\)/],
        ["malformed AMI", { amiId: "ami-12345" }, /spot-grid:compute\.amiId: must be an AMI id like ami-0123456789abcdef0 .*got "ami-12345"/],
        ["malformed AMI copy source", { amiId: undefined, amiCopy: { sourceAmiId: "img-1", sourceRegion: "ap-south-1" } }, /spot-grid:compute\.amiCopy\.sourceAmiId: must be an AMI id/],
        ["two AMI sources", { amiLookup: { name: "worker-*", owners: ["444455556666"] } }, /spot-grid:compute\.amiLookup: set only one of amiId, amiLookup and amiCopy/],
        ["no AMI", { amiId: undefined }, /spot-grid:compute\.amiId: missing; set amiId \(or amiLookup \/ amiCopy\)/],
        ["unpinned lookup", { amiId: undefined, amiLookup: { name: "worker-*", owners: [] } }, /spot-grid:compute\.amiLookup\.owners: is empty; pin the account ids/],
        ["unknown time zone", { schedule: { timeZone: "Asia/Mumbai", desired: 10 } }, /spot-grid:compute\.schedule\.timeZone: "Asia\/Mumbai" is not an IANA time zone; use a name like Asia\/Kolkata/],
        ["bad session time", { schedule: { scaleUp: "9am", desired: 10 } }, /spot-grid:compute\.schedule\.scaleUp: "9am" is not a 24-hour HH:MM time/],
        ["session inverted", { schedule: { scaleUp: "17:00", scaleDown: "09:00", desired: 10 } }, /spot-grid:compute\.schedule\.scaleUp: 17:00 is not before scaleDown 09:00/],
        ["bad day", { schedule: { days: ["Monday"], desired: 10 } }, /spot-grid:compute\.schedule\.days\[0\]: "Monday" is not a day; use SUN, MON/],
        ["session desired above max", { schedule: { desired: 500 } }, /spot-grid:compute\.schedule\.desired: 500 is outside capacity min 0 \.\. max 100/],
        ["unknown engine", { engine: "ec2-fleet" }, /spot-grid:compute\.engine: "ec2-fleet" is not an engine; use autoscaling \(recommended\) or spot-fleet/],
        ["on-demand above max", { onDemandBase: 101 }, /spot-grid:compute\.onDemandBase: 101 exceeds capacity\.max 100/],
        ["secret in user data", { userData: "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n" }, /spot-grid:compute\.userData: contains an AWS access key id on line 2; remove it/],
        ["bad retention", { interruptionLogRetentionDays: 100 }, /spot-grid:compute\.interruptionLogRetentionDays: 100 is not a CloudWatch Logs retention; use one of 1, 3/],
        ["unknown key, far from any", { spotPrice: "0.5" }, /spot-grid:compute\.spotPrice: unknown key; the keys here are engine, amiId, .*instanceTypes/],
        ["misspelled key", { onDemandBase: undefined, onDemandBse: 2 }, /spot-grid:compute\.onDemandBse: unknown key; did you mean onDemandBase\?$/],
        ["misspelled nested key", { schedule: { desird: 10 } }, /spot-grid:compute\.schedule\.desird: unknown key; did you mean desired\?$/],
        ["misspelled key two levels down", { instanceTypes: undefined, instanceRequirements: { vcpu: { min: 8, maxx: 16 }, memoryMiB: { min: 0 } } }, /spot-grid:compute\.instanceRequirements\.vcpu\.maxx: unknown key; did you mean max\?$/],
        ["a fraction where a count goes", { capacity: { min: 0, max: 10.5 } }, /spot-grid:compute\.capacity\.max: must be a whole number; got 10\.5$/],
    ];
    for (const [what, compute, re] of cases) it(what, () => assert.match(error(compute), re));

    it("fills defaults: autoscaling, On-Demand base 0, 100 GiB data, a year of interruption logs", () => {
        const c = parseStackConfig("mumbai", base()).compute;
        assert.deepStrictEqual([c.engine, c.onDemandBase, c.dataVolumeGiB, c.interruptionLogRetentionDays], ["autoscaling", 0, 100, 365]);
    });

    it("defaults the session to the region's market", () => {
        const ap = parseStackConfig("mumbai", base({ schedule: { desired: 10 } })).compute;
        assert.deepStrictEqual(tradingSessionFor("Pulumi.mumbai.yaml", "ap-south-2", ap), {
            timeZone: "Asia/Kolkata", scaleUp: "08:45", scaleDown: "16:00", days: ["MON", "TUE", "WED", "THU", "FRI"], desired: 10,
        });
        assert.strictEqual(tradingSessionFor("Pulumi.ohio.yaml", "us-east-2", ap)!.timeZone, "America/New_York");
        assert.throws(
            () => tradingSessionFor("Pulumi.dublin.yaml", "eu-west-1", ap),
            /: Pulumi\.dublin\.yaml: spot-grid:compute\.schedule\.timeZone: missing and eu-west-1 has no default market session; set it/,
        );
    });

    it("maps AMI sources to the component's", () => {
        const lookup = parseStackConfig("mumbai", base({ amiId: undefined, amiLookup: { name: "trading-worker-*", owners: ["444455556666"] } })).compute;
        assert.deepStrictEqual(computeSettings("f", "ap-south-1", lookup).ami, { kind: "lookup", namePattern: "trading-worker-*", owners: ["444455556666"] });
        const copy = parseStackConfig("mumbai", base({ amiId: undefined, amiCopy: { sourceAmiId: "ami-0a1b2c3d4e5f60718", sourceRegion: "ap-south-1" } })).compute;
        assert.deepStrictEqual(computeSettings("f", "ap-south-2", copy).ami, { kind: "copy", sourceAmiId: "ami-0a1b2c3d4e5f60718", sourceRegion: "ap-south-1" });
    });
});

describe("infra/config/compute: the stack files", () => {
    const stacks = loadStackSet(ROOT);
    const expected: Record<string, { timeZone: string; scaleUp: string; pools: number }> = {
        mumbai: { timeZone: "Asia/Kolkata", scaleUp: "08:45", pools: 18 },
        hyderabad: { timeZone: "Asia/Kolkata", scaleUp: "08:45", pools: 12 },
        ohio: { timeZone: "America/New_York", scaleUp: "09:00", pools: 12 },
    };
    for (const [name, want] of Object.entries(expected)) {
        it(`${name}: at least 10 capacity pools (counted) and its market's session`, () => {
            const s = stacks.find((x) => x.stack === name)!;
            const settings = computeSettings(s.file, s.region, s.compute);
            const azs = availabilityZoneNames(s.region).slice(0, s.network.availabilityZones);
            const pools = capacityPools({ instanceTypes: settings.instanceTypes! }, azs);
            assert.strictEqual(pools.length, want.pools);
            assert.ok(pools.length >= 10);
            assert.strictEqual(settings.engine, "autoscaling");
            assert.deepStrictEqual([settings.schedule?.timeZone, settings.schedule?.scaleUp], [want.timeZone, want.scaleUp]);
        });
    }
});

import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { ConfigError, deployOrder, deployWaves, loadStackSet, parseStackConfig } from "../../infra/config";

/** A valid mumbai config; each test changes one thing. */
function base(): Record<string, any> {
    return {
        "aws:region": "ap-south-1",
        "spot-grid:owner": "trading-platform",
        "spot-grid:costCentre": "CC-1",
        "spot-grid:network": { cidr: "10.20.0.0/16", availabilityZones: 3 },
        "spot-grid:onPrem": { cidrs: ["172.16.0.0/12"], gatewayIp: "203.0.113.10", bgpAsn: 65010 },
        "spot-grid:compute": { amiId: "ami-0a1b2c3d4e5f60718", instanceTypes: ["c6i.4xlarge"], capacity: { min: 0, max: 10 } },
        "spot-grid:storage": { replicateTo: [] },
    };
}

function rejects(mutate: (c: Record<string, any>) => void, pattern: RegExp): void {
    const c = base();
    mutate(c);
    assert.throws(
        () => parseStackConfig("mumbai", c),
        (e: unknown) => {
            assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
            const msg = (e as Error).message;
            assert.ok(!msg.includes("\n"), `message must be one line: ${msg}`);
            assert.match(msg, /^Pulumi\.mumbai\.yaml: /);
            assert.match(msg, pattern);
            return true;
        },
    );
}

describe("infra/config: one stack", () => {
    it("parses the valid config into typed values", () => {
        const c = parseStackConfig("mumbai", base());
        assert.strictEqual(c.region, "ap-south-1");
        assert.strictEqual(c.network.availabilityZones, 3);
        assert.deepStrictEqual(c.storage.replicateTo, []);
    });

    it("accepts structured values as JSON text, as the engine passes them", () => {
        const raw = Object.fromEntries(Object.entries(base()).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
        assert.strictEqual(parseStackConfig("mumbai", raw).network.cidr, "10.20.0.0/16");
    });

    const cases: [string, (c: Record<string, any>) => void, RegExp][] = [
        ["missing region", (c) => delete c["aws:region"], /aws:region: missing/],
        ["mistyped region, with a suggestion", (c) => (c["aws:region"] = "ap-sout-1"), /aws:region: unknown region "ap-sout-1"; did you mean ap-south-1\?/],
        ["unknown region", (c) => (c["aws:region"] = "mars-north-9"), /aws:region: unknown region "mars-north-9"/],
        ["malformed VPC CIDR", (c) => (c["spot-grid:network"].cidr = "10.300.0.0/16"), /spot-grid:network\.cidr: is not an IPv4 CIDR/],
        ["VPC CIDR with host bits", (c) => (c["spot-grid:network"].cidr = "10.20.1.0/16"), /spot-grid:network\.cidr: is not an IPv4 CIDR with its host bits clear/],
        ["public VPC CIDR", (c) => (c["spot-grid:network"].cidr = "8.8.0.0/16"), /spot-grid:network\.cidr: must be private/],
        ["VPC CIDR too large", (c) => (c["spot-grid:network"].cidr = "10.0.0.0/8"), /between \/16 and \/28/],
        ["VPC overlapping on-prem", (c) => (c["spot-grid:network"].cidr = "172.20.0.0/16"), /overlaps the on-prem range 172\.16\.0\.0\/12/],
        ["more AZs than the region has", (c) => (c["spot-grid:network"].availabilityZones = 4), /availabilityZones: 4 is more than the 3 AZs of ap-south-1; use at most 3/],
        ["zero AZs", (c) => (c["spot-grid:network"].availabilityZones = 0), /availabilityZones: must be at least 1/],
        ["AZ count as text", (c) => (c["spot-grid:network"].availabilityZones = "three"), /availabilityZones: expected number/],
        ["malformed on-prem CIDR", (c) => (c["spot-grid:onPrem"].cidrs = ["172.16.0.0/33"]), /spot-grid:onPrem\.cidrs\[0\]: is not an IPv4 CIDR/],
        ["public on-prem CIDR", (c) => (c["spot-grid:onPrem"].cidrs = ["8.8.8.0/24"]), /cidrs\[0\]: must be private/],
        ["bad gateway IP", (c) => (c["spot-grid:onPrem"].gatewayIp = "0.0.0.0"), /gatewayIp: is not a usable IPv4/],
        ["bad BGP ASN", (c) => (c["spot-grid:onPrem"].bgpAsn = 0), /bgpAsn/],
        ["malformed AMI id", (c) => (c["spot-grid:compute"].amiId = "ami-xyz"), /spot-grid:compute\.amiId: must be an AMI id like ami-0123456789abcdef0/],
        ["empty instance list", (c) => (c["spot-grid:compute"].instanceTypes = []), /instanceTypes: must list at least one instance type/],
        ["no instance selection", (c) => delete c["spot-grid:compute"].instanceTypes, /set instanceTypes or instanceRequirements/],
        ["capacity min > max", (c) => (c["spot-grid:compute"].capacity = { min: 5, max: 2 }), /capacity\.min: min must not exceed max/],
        ["replication to itself", (c) => (c["spot-grid:storage"].replicateTo = ["mumbai"]), /replicateTo: a stack cannot replicate to itself/],
        ["replication peer listed twice", (c) => (c["spot-grid:storage"].replicateTo = ["ohio", "ohio"]), /"ohio" is listed twice/],
        ["unknown project key", (c) => (c["spot-grid:netwrok"] = {}), /spot-grid:netwrok: unknown key; known keys are/],
        ["unknown nested key", (c) => (c["spot-grid:network"].cidrr = "10.0.0.0/16"), /spot-grid:network: unknown key\(s\) 'cidrr'/],
        ["missing section", (c) => delete c["spot-grid:onPrem"], /spot-grid:onPrem: missing/],
    ];
    for (const [title, mutate, pattern] of cases) {
        it(`rejects ${title}`, () => rejects(mutate, pattern));
    }

    it("rejects a stack name that cannot become part of resource names", () => {
        assert.throws(() => parseStackConfig("Mumbai_1", base()), /stack name "Mumbai_1" must be lower-case/);
    });
});

/** Writes stack files into a temp dir: name -> config map. */
export function writeStacks(stacks: Record<string, Record<string, unknown>>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-stacks-"));
    for (const [name, config] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify({ config }));
    return dir;
}

function regionStack(region: string, cidr: string, replicateTo: string[] = []): Record<string, any> {
    const c = base();
    c["aws:region"] = region;
    c["spot-grid:network"].cidr = cidr;
    c["spot-grid:storage"].replicateTo = replicateTo;
    return c;
}

describe("infra/config: the set of stacks", () => {
    it("loads the project's own stacks and orders replica stacks before the primary", () => {
        const stacks = loadStackSet(path.resolve(__dirname, "../.."));
        const order = deployOrder(stacks).map((s) => s.stack);
        assert.ok(order.indexOf("mumbai") > order.indexOf("hyderabad"));
        assert.ok(order.indexOf("mumbai") > order.indexOf("ohio"));
        assert.deepStrictEqual(deployWaves(stacks).map((w) => w.map((s) => s.stack)), [["hyderabad", "ohio"], ["mumbai"]]);
    });

    it("rejects VPC CIDRs that overlap between stacks, naming both files", () => {
        const dir = writeStacks({ a: regionStack("ap-south-1", "10.20.0.0/16"), b: regionStack("us-east-2", "10.20.128.0/17") });
        assert.throws(() => loadStackSet(dir), /^ConfigError: Pulumi\.b\.yaml: spot-grid:network\.cidr: 10\.20\.128\.0\/17 overlaps 10\.20\.0\.0\/16 of Pulumi\.a\.yaml/);
    });

    it("rejects a VPC CIDR that overlaps another stack's on-prem range", () => {
        const a = regionStack("ap-south-1", "10.20.0.0/16");
        a["spot-grid:onPrem"].cidrs = ["192.168.0.0/16"];
        const dir = writeStacks({ a, b: regionStack("us-east-2", "192.168.10.0/24") });
        assert.throws(() => loadStackSet(dir), /Pulumi\.b\.yaml: spot-grid:network\.cidr: 192\.168\.10\.0\/24 overlaps the on-prem range 192\.168\.0\.0\/16 of Pulumi\.a\.yaml/);
    });

    it("rejects replication to a stack that does not exist", () => {
        const dir = writeStacks({ a: regionStack("ap-south-1", "10.20.0.0/16", ["tokyo"]) });
        assert.throws(() => loadStackSet(dir), /Pulumi\.a\.yaml: spot-grid:storage\.replicateTo\[0\]: no stack "tokyo" \(known: a\); add Pulumi\.tokyo\.yaml or remove it/);
    });

    it("rejects a replication cycle, naming it", () => {
        const dir = writeStacks({
            a: regionStack("ap-south-1", "10.20.0.0/16", ["b"]),
            b: regionStack("us-east-2", "10.21.0.0/16", ["c"]),
            c: regionStack("ap-south-2", "10.22.0.0/16", ["a"]),
        });
        assert.throws(() => loadStackSet(dir), /replication cycle a -> b -> c -> a/);
    });

    it("rejects an unreadable stack file with a one-line message", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-stacks-"));
        fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config: [unclosed");
        assert.throws(() => loadStackSet(dir), (e: unknown) => e instanceof ConfigError && /^Pulumi\.bad\.yaml: not valid YAML/.test((e as Error).message) && !(e as Error).message.includes("\n"));
    });

    it("plans independent stacks in one wave and chains dependent ones", () => {
        const dir = writeStacks({
            p: regionStack("ap-south-1", "10.20.0.0/16", ["r1", "r2"]),
            r1: regionStack("ap-south-2", "10.21.0.0/16"),
            r2: regionStack("us-east-2", "10.22.0.0/16", ["r1"]),
        });
        const waves = deployWaves(loadStackSet(dir)).map((w) => w.map((s) => s.stack));
        assert.deepStrictEqual(waves, [["r1"], ["r2"], ["p"]]);
    });
});

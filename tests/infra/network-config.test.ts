/** The network fields of `spot-grid:network` added by issue 3: defaults and one clear line per mistake. */
import * as assert from "assert";
import * as path from "path";
import { ConfigError, loadStackSet, parseStackConfig } from "../../infra/config";
import { assertAdviceAccepted } from "./config-schema";

function base(network: Record<string, unknown> = {}): Record<string, any> {
    return {
        "aws:region": "ap-south-1",
        "spot-grid:owner": "trading-platform",
        "spot-grid:costCentre": "CC-1",
        "spot-grid:network": { cidr: "10.20.0.0/16", availabilityZones: 3, ...network },
        "spot-grid:onPrem": { cidrs: ["172.16.0.0/12"], gatewayIp: "203.0.113.10", bgpAsn: 65010 },
        "spot-grid:compute": { amiId: "ami-0a1b2c3d4e5f60718", instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "m6i.4xlarge", "m6a.4xlarge", "c7i.4xlarge"], capacity: { min: 0, max: 10 } },
        "spot-grid:storage": { replicateTo: [] },
    };
}

function rejects(network: Record<string, unknown>, expected: RegExp): void {
    assert.throws(
        () => parseStackConfig("mumbai", base(network)),
        (e: unknown) => {
            assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
            const msg = (e as Error).message;
            assert.ok(!msg.includes("\n"), `one line: ${msg}`);
            assertAdviceAccepted(msg);
            assert.match(msg, expected);
            return true;
        },
    );
}

describe("infra/config: spot-grid:network (issue 3 fields)", () => {
    it("fills the defaults", () => {
        const n = parseStackConfig("mumbai", base()).network;
        assert.deepStrictEqual(
            [n.subnetSlots, n.flowLogRetentionDays, n.vpn, n.extraS3BucketArns, n.onPremPorts],
            [8, 365, { routing: "bgp" }, [], [443]],
        );
        assert.deepStrictEqual([...n.interfaceEndpoints].sort(), ["autoscaling", "ec2", "ec2messages", "kms", "logs", "monitoring", "sqs", "ssm", "ssmmessages", "sts"]);
    });

    it("keeps values that are set", () => {
        const n = parseStackConfig("mumbai", base({
            subnetSlots: 4, interfaceEndpoints: ["ssm", "ecr.api", "sqs"], flowLogRetentionDays: 731,
            vpn: { routing: "static", amazonSideAsn: 64600 }, extraS3BucketArns: ["arn:aws:s3:::vendor-feed"], onPremPorts: [443, 8443],
        })).network;
        assert.deepStrictEqual(
            [n.subnetSlots, n.interfaceEndpoints, n.flowLogRetentionDays, n.vpn, n.extraS3BucketArns, n.onPremPorts],
            [4, ["ssm", "ecr.api", "sqs"], 731, { routing: "static", amazonSideAsn: 64600 }, ["arn:aws:s3:::vendor-feed"], [443, 8443]],
        );
    });

    it("every stack file in the repository is valid with these fields", () => {
        const stacks = loadStackSet(path.resolve(__dirname, "../.."));
        assert.ok(stacks.length >= 3);
        for (const s of stacks) assert.strictEqual(s.network.vpn.routing, "bgp");
    });

    it("every stack file sets its own VPN tunnel /30s, and no two stacks share one", () => {
        const stacks = loadStackSet(path.resolve(__dirname, "../.."));
        const all = stacks.flatMap((s) => s.network.vpn.tunnelInsideCidrs ?? []);
        assert.strictEqual(all.length, 2 * stacks.length);
        assert.strictEqual(new Set(all).size, all.length);
    });

    const cases: [string, Record<string, unknown>, RegExp][] = [
        ["one tunnel /30 only", { vpn: { tunnelInsideCidrs: ["169.254.10.0/30"] } },
            /^Pulumi\.mumbai\.yaml: spot-grid:network\.vpn\.tunnelInsideCidrs\[0\]: lists 1 CIDRs; a VPN connection has exactly two tunnels, list one \/30 for each$/],
        ["an AWS-reserved tunnel /30", { vpn: { tunnelInsideCidrs: ["169.254.10.0/30", "169.254.169.252/30"] } },
            /^Pulumi\.mumbai\.yaml: spot-grid:network\.vpn\.tunnelInsideCidrs\[1\]: 169\.254\.169\.252\/30 is reserved by AWS \(169\.254\.169\.252\/30\); pick another \/30 in 169\.254\.0\.0\/16$/],
        ["CIDR too small for the AZ count", { cidr: "10.20.0.0/26" },
            /^Pulumi\.mumbai\.yaml: spot-grid:network\.cidr: 10\.20\.0\.0\/26 is too small for 3 AZs in 8 subnet slots: each subnet would be a \/29 and AWS's smallest subnet is a \/28; use a \/25 or larger VPC block, or set subnetSlots to 4$/],
        ["more AZs than subnet slots", { subnetSlots: 2 }, /^Pulumi\.mumbai\.yaml: spot-grid:network\.availabilityZones: availabilityZones 3 is more than the 2 subnet slots; raise subnetSlots to 4/],
        ["subnet slots not a power of two", { subnetSlots: 6 }, /^Pulumi\.mumbai\.yaml: spot-grid:network\.subnetSlots: must be one of 2, 4, 8, 16/],
        ["unknown endpoint service", { interfaceEndpoints: ["ssm", "bogus"] }, /^Pulumi\.mumbai\.yaml: spot-grid:network\.interfaceEndpoints\[1\]: "bogus" is not a known service; use one of/],
        ["s3 listed as an interface endpoint", { interfaceEndpoints: ["s3"] }, /spot-grid:network\.interfaceEndpoints\[0\]: "s3" is always built/],
        ["endpoint listed twice", { interfaceEndpoints: ["kms", "kms"] }, /spot-grid:network\.interfaceEndpoints\[1\]: "kms" is listed twice/],
        ["no SQS endpoint, which the work flow's queues are reached through", { interfaceEndpoints: ["ssm", "kms"] }, /^Pulumi\.mumbai\.yaml: spot-grid:network\.interfaceEndpoints: lists no sqs; the work flow's queues are reached only through that endpoint .*add "sqs" to the list$/],
        ["retention CloudWatch does not offer", { flowLogRetentionDays: 100 }, /spot-grid:network\.flowLogRetentionDays: must be a CloudWatch Logs retention: one of 1, 3, 5, 7/],
        ["unknown VPN routing", { vpn: { routing: "ospf" } }, /^Pulumi\.mumbai\.yaml: spot-grid:network\.vpn\.routing: must be "bgp" or "static"$/],
        ["unknown VPN key", { vpn: { routing: "bgp", psk: "x" } }, /spot-grid:network\.vpn\.psk: unknown key; the keys here are routing, amazonSideAsn, tunnelInsideCidrs$/],
        ["public AWS-side ASN", { vpn: { amazonSideAsn: 16509 } }, /spot-grid:network\.vpn\.amazonSideAsn: must be a private ASN/],
        ["extra bucket that is not an ARN", { extraS3BucketArns: ["vendor-feed"] }, /spot-grid:network\.extraS3BucketArns\[0\]: "vendor-feed" is not an S3 bucket ARN; write arn:aws:s3:::<bucket-name>/],
        ["extra bucket ARN with a key", { extraS3BucketArns: ["arn:aws:s3:::vendor-feed/*"] }, /extraS3BucketArns\[0\]: .*\(no \/key part/],
        ["port zero", { onPremPorts: [0] }, /spot-grid:network\.onPremPorts\[0\]: must be a TCP port 1-65535/],
        ["port listed twice", { onPremPorts: [443, 443] }, /spot-grid:network\.onPremPorts: lists a port twice/],
        ["unknown network key", { subnetSlot: 8 }, /spot-grid:network\.subnetSlot: unknown key; did you mean subnetSlots\?$/],
    ];
    for (const [what, network, expected] of cases) it(`rejects ${what}`, () => rejects(network, expected));
});

/** `spot-grid:storage`: the data layer's config fields, their one-line messages, and the deploy order. */
import * as assert from "assert";
import * as fc from "fast-check";
import { ConfigError, deployOrder, parseStackConfig, StackConfig } from "../../infra/config";
import { replicationSources } from "../../infra/config/storage";
import { assertAdviceAccepted } from "./config-schema";

function raw(storage: Record<string, unknown>, region = "ap-south-1", cidr = "10.20.0.0/16"): Record<string, unknown> {
    return {
        "aws:region": region,
        "spot-grid:owner": "trading-platform",
        "spot-grid:costCentre": "CC-1",
        "spot-grid:network": { cidr, availabilityZones: 2 },
        "spot-grid:onPrem": { cidrs: ["172.16.0.0/12"], gatewayIp: "203.0.113.10", bgpAsn: 65010 },
        "spot-grid:compute": { amiId: "ami-0a1b2c3d4e5f60718", instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "m6i.4xlarge", "m6a.4xlarge", "c7i.4xlarge"], capacity: { min: 0, max: 10 } },
        "spot-grid:storage": storage,
    };
}

function rejects(storage: Record<string, unknown>, pattern: RegExp): void {
    assert.throws(() => parseStackConfig("mumbai", raw(storage)), (e: unknown) => {
        assert.ok(e instanceof ConfigError, String(e));
        assert.ok(!(e as Error).message.includes("\n"));
        assert.match((e as Error).message, pattern);
        assertAdviceAccepted((e as Error).message);
        return true;
    });
}

describe("infra/config/storage", () => {
    it("defaults: no replication, protection on, lifecycle from the component defaults", () => {
        const s = parseStackConfig("mumbai", raw({})).storage;
        assert.deepStrictEqual(s, { replicateTo: [], protect: true, replicationTimeControl: true });
    });
    it("accepts every data field", () => {
        const storage = {
            replicateTo: ["hyderabad"],
            breakGlassRoleArn: "arn:aws:iam::111122223333:role/spot-grid-break-glass",
            uploaderPrincipalArn: "arn:aws:iam::111122223333:role/onprem-uploader",
            archiveAfterDays: 30,
            deepArchiveAfterDays: 180,
            noncurrentArchiveAfterDays: 7,
            noncurrentVersionExpirationDays: 90,
            abortIncompleteMultipartUploadDays: 2,
            logRetentionDays: 3650,
            protect: false,
            replicationTimeControl: false,
        };
        assert.deepStrictEqual(parseStackConfig("mumbai", raw(storage)).storage, storage);
    });
    it("names the file, key and fix for each mistake", () => {
        rejects({ breakGlassRoleArn: "spot-grid-break-glass" }, /^Pulumi\.mumbai\.yaml: spot-grid:storage\.breakGlassRoleArn: must be an IAM role ARN like arn:aws:iam::/);
        rejects({ uploaderPrincipalArn: "arn:aws:s3:::bucket" }, /spot-grid:storage\.uploaderPrincipalArn: must be an IAM role or user ARN/);
        rejects({ archiveAfterDays: 0 }, /spot-grid:storage\.archiveAfterDays: must be at least 1 day; got 0$/);
        rejects({ noncurrentVersionExpirationDays: 2.5 }, /spot-grid:storage\.noncurrentVersionExpirationDays: must be a whole number of days; got 2\.5$/);
        rejects({ archiveAfterDays: 400 }, /spot-grid:storage\.deepArchiveAfterDays: deepArchiveAfterDays \(365\) must be greater than archiveAfterDays \(400\)/);
        rejects({ noncurrentVersionExpirationDays: 20 }, /spot-grid:storage\.noncurrentVersionExpirationDays: noncurrentVersionExpirationDays \(20\) must be greater than noncurrentArchiveAfterDays \(30\)/);
        rejects({ logRetentionDays: 60 }, /spot-grid:storage\.logRetentionDays: 60 is not more than the 365 days after which logs move to Deep Archive/);
        rejects({ protect: "yes" }, /spot-grid:storage\.protect: must be true or false; got "yes"$/);
        rejects({ retention: 5 }, /spot-grid:storage\.retention: unknown key; the keys here are replicateTo, /);
        rejects({ logRetentionDay: 400 }, /spot-grid:storage\.logRetentionDay: unknown key; did you mean logRetentionDays\?$/);
        rejects({ replicateTo: ["mumbai"] }, /a stack cannot replicate to itself/);
    });
    it("knows which stacks replicate into a stack", () => {
        const stacks = [
            { stack: "mumbai", region: "ap-south-1", storage: { replicateTo: ["hyderabad", "ohio"] } },
            { stack: "hyderabad", region: "ap-south-2", storage: { replicateTo: [] } },
            { stack: "ohio", region: "us-east-2", storage: { replicateTo: [] } },
        ];
        assert.deepStrictEqual(replicationSources(stacks, "hyderabad").map((s) => s.region), ["ap-south-1"]);
        assert.deepStrictEqual(replicationSources(stacks, "mumbai"), []);
    });
});

describe("deploy order for replication (infra/config/stack-set deployOrder)", () => {
    const stack = (name: string, replicateTo: string[]): StackConfig => ({ ...parseStackConfig(name, raw({ replicateTo: [] })), storage: { replicateTo, protect: true, replicationTimeControl: true } });

    it("puts every replication destination before its source, for any acyclic topology", () => {
        // Edges only from a higher to a lower index: never a cycle.
        const names = ["s0", "s1", "s2", "s3", "s4", "s5"];
        const topology = fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 12 }).map((edges) => {
            const peers = new Map(names.map((n) => [n, new Set<string>()]));
            for (const [a, b] of edges) if (a > b) peers.get(names[a])!.add(names[b]);
            return names.map((n) => stack(n, [...peers.get(n)!]));
        });
        fc.assert(fc.property(topology, (stacks) => {
            const order = deployOrder(stacks).map((s) => s.stack);
            assert.strictEqual(order.length, stacks.length);
            for (const s of stacks) for (const peer of s.storage.replicateTo) assert.ok(order.indexOf(peer) < order.indexOf(s.stack), `${peer} before ${s.stack}`);
        }));
    });
    it("orders the project's topology hyderabad, ohio, mumbai", () => {
        assert.deepStrictEqual(deployOrder([stack("mumbai", ["hyderabad", "ohio"]), stack("ohio", []), stack("hyderabad", [])]).map((s) => s.stack), ["hyderabad", "ohio", "mumbai"]);
    });
    it("rejects two-way replication as a cycle, naming it and the fix", () => {
        assert.throws(() => deployOrder([stack("mumbai", ["hyderabad"]), stack("hyderabad", ["mumbai"])]), (e: unknown) =>
            e instanceof ConfigError && /spot-grid:storage\.replicateTo: replication cycle hyderabad -> mumbai -> hyderabad; replication must flow one way/.test((e as Error).message));
    });
});

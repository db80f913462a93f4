import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { validateStackExport, isSecretValue, StackExport } from "../../../policies/lib/stack-export";
import { buildStackExport, stackOutputsOf } from "../../../tools/offline/export";
import type * as pulumiTypes from "@pulumi/pulumi";
import { setupMocks } from "../../helpers/mocks";
import { tempDir } from "../../helpers/temp";
import { evaluateStack, runStack, StackRunError, StackRequest } from "../../../tools/offline/run-stack";

const ROOT = path.resolve(__dirname, "../../..");
const FIXTURE = path.join(ROOT, "tests/fixtures/programs/stack-reference");

/** Rejects with the StackRunError `fn` ends in, for assertions on its code and message. */
async function failure(fn: () => Promise<unknown>): Promise<StackRunError> {
    try {
        await fn();
    } catch (e) {
        if (e instanceof StackRunError) return e;
        throw e;
    }
    assert.fail("expected the stack to fail");
}

describe("offline engine: StackReference wiring between two stacks", () => {
    const common = (): Omit<StackRequest, "stack" | "stackOutputs"> => ({ region: "us-east-2", config: { "aws:region": "us-east-2" }, stacksDir: tempDir("spot-grid-ref-"), program: FIXTURE });

    it("feeds the consumer's StackReference with the producer's offline outputs", async () => {
        const producer = await evaluateStack({ ...common(), stack: "producer", stackOutputs: {} });
        const arn = stackOutputsOf(producer).bucketArn;
        assert.strictEqual(arn, "arn:aws:s3:::producer-replica");
        const consumer = await evaluateStack({ ...common(), stack: "consumer", stackOutputs: { producer: stackOutputsOf(producer) } });
        const topic = consumer.deployment.resources.find((r) => r.type === "aws:sns/topic:Topic")!;
        assert.strictEqual(topic.inputs!.displayName, arn);
        assert.strictEqual(stackOutputsOf(consumer).peerArn, arn);
        const ref = consumer.deployment.resources.find((r) => r.type === "pulumi:pulumi:StackReference")!;
        assert.strictEqual(ref.id, "organization/spot-grid/producer");
        // As in the engine's state: the built-in `pulumi` provider serves the read, recorded before it.
        const builtin = consumer.deployment.resources.findIndex((r) => r.urn === "urn:pulumi:consumer::spot-grid::pulumi:providers:pulumi::default");
        assert.ok(builtin >= 0 && builtin < consumer.deployment.resources.indexOf(ref), "default pulumi provider recorded before the StackReference");
        assert.strictEqual(ref.provider, `urn:pulumi:consumer::spot-grid::pulumi:providers:pulumi::default::${consumer.deployment.resources[builtin].id}`);
        assert.strictEqual(consumer.deployment.resources.filter((r) => r.type === "pulumi:providers:pulumi").length, 1);
        assert.strictEqual(ref.external, true, "a StackReference is a read, not a create");
    });

    it("fails the consumer with code 3 and a clear message when the producer was not planned, writing nothing", async () => {
        const req = { ...common(), stack: "consumer", stackOutputs: {} };
        const out = path.join(req.stacksDir, "c.json");
        const e = await failure(() => runStack({ ...req, out }));
        assert.strictEqual(e.code, 3, e.message);
        assert.match(e.message, /no offline outputs for stack 'producer'/);
        assert.ok(!fs.existsSync(out), "no partial export");
    });

    it("runs the program afresh for each stack in one process (its modules are not cached between stacks)", async () => {
        const a = await evaluateStack({ ...common(), stack: "producer", stackOutputs: {} });
        const b = await evaluateStack({ ...common(), stack: "consumer", stackOutputs: { producer: stackOutputsOf(a) } });
        assert.ok(a.deployment.resources.some((r) => r.type === "aws:s3/bucket:Bucket"));
        assert.ok(!b.deployment.resources.some((r) => r.type === "aws:s3/bucket:Bucket"), "the consumer's plan holds none of the producer's resources");
        assert.ok(b.deployment.resources.every((r) => r.urn.startsWith("urn:pulumi:consumer::")), "every URN is the consumer's");
    });
});

describe("offline engine: a program error", () => {
    it("fails with code 3 and says where, though stacks plan with stack capture off", async () => {
        const limit = Error.stackTraceLimit;
        const e = await failure(() => evaluateStack({ stack: "boom", region: "us-east-2", config: {}, stacksDir: tempDir("spot-grid-boom-"), stackOutputs: {}, program: path.join(ROOT, "tests/fixtures/programs/throws") }));
        assert.strictEqual(e.code, 3, e.message);
        assert.match(e.message, /^stack boom: program failed:\nError: boom in boom\n\s+at explode \(.*tests\/fixtures\/programs\/throws\/index\.ts:8:\d+\)/);
        assert.strictEqual(Error.stackTraceLimit, limit, "the stack trace limit is restored");
    });

    it("fails with code 3 when an apply throws, though nothing awaits it, and exports nothing", async () => {
        const e = await failure(() => evaluateStack({ stack: "apply", region: "us-east-2", config: {}, stacksDir: tempDir("spot-grid-apply-"), stackOutputs: {}, program: path.join(ROOT, "tests/fixtures/programs/apply-throws") }));
        assert.strictEqual(e.code, 3, e.message);
        assert.match(e.message, /apply failed for alerts/);
    });
});

describe("offline engine: the program's own config check", () => {
    it("fails with code 2 and the program's one-line config error, writing nothing", async () => {
        const dir = tempDir("spot-grid-bad-");
        const out = path.join(dir, "bad.json");
        const e = await failure(() => runStack({ stack: "bad", region: "ap-south-1", config: { "aws:region": "ap-south-1", "spot-grid:owner": "x" }, stacksDir: dir, stackOutputs: {}, out }));
        assert.strictEqual(e.code, 2, e.message);
        assert.strictEqual(e.message, "Pulumi.bad.yaml: spot-grid:costCentre: missing; see the README's \"Stack configuration\" for its fields");
        assert.ok(!fs.existsSync(out));
    });
});

describe("offline engine: export shape", () => {
    let doc: StackExport;
    before(async () => {
        const engine = await setupMocks({ stack: "shape", region: "ap-south-1" });
        const pulumi = await import("@pulumi/pulumi");
        const aws = await import("../../../components/lib/aws");
        const provider = new aws.Provider("regional", { region: "ap-south-1" });
        class Store extends pulumi.ComponentResource {
            constructor(name: string, opts?: pulumiTypes.ComponentResourceOptions) {
                super("spot-grid:test:Store", name, {}, opts);
                const bucket = new aws.s3.Bucket(`${name}-bucket`, {}, { parent: this, protect: true, retainOnDelete: true });
                new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.bucket, versioningConfiguration: { status: "Enabled" } }, { parent: this });
                this.registerOutputs({});
            }
        }
        new Store("data", { providers: { aws: provider } });
        new aws.ec2.VpnConnection(
            "vpn",
            { customerGatewayId: "cgw-0a1b2c3d4e5f60718", vpnGatewayId: "vgw-0a1b2c3d4e5f60718", type: "ipsec.1", tunnel1PresharedKey: pulumi.secret("do-not-leak-1") },
            { provider, additionalSecretOutputs: ["tunnel2PresharedKey"], ignoreChanges: ["tags"] },
        );
        await engine.settle();
        doc = buildStackExport(engine.resources(), { time: "2026-01-01T00:00:00.000Z" });
    });

    it("is a valid version-3 deployment that round-trips through the reader", () => {
        assert.strictEqual(doc.version, 3);
        validateStackExport(JSON.parse(JSON.stringify(doc)));
    });

    it("records parents, providers, dependencies and property dependencies", () => {
        const bucket = doc.deployment.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
        const versioning = doc.deployment.resources.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning")!;
        const component = doc.deployment.resources.find((r) => r.type === "spot-grid:test:Store")!;
        assert.strictEqual(bucket.urn, "urn:pulumi:shape::spot-grid::spot-grid:test:Store$aws:s3/bucket:Bucket::data-bucket");
        assert.strictEqual(bucket.parent, component.urn);
        assert.match(bucket.provider!, /^urn:pulumi:shape::spot-grid::pulumi:providers:aws::regional::[0-9a-f-]{36}$/);
        assert.deepStrictEqual(versioning.propertyDependencies!.bucket, [bucket.urn]);
        assert.ok(versioning.dependencies!.includes(bucket.urn));
        assert.strictEqual(component.custom, false);
        assert.strictEqual(component.id, undefined);
    });

    it("records protect and retainOnDelete", () => {
        const bucket = doc.deployment.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
        assert.strictEqual(bucket.protect, true);
        assert.strictEqual(bucket.retainOnDelete, true);
        const versioning = doc.deployment.resources.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning")!;
        assert.strictEqual(versioning.protect, undefined);
    });

    it("stores secrets as ciphertext envelopes, never plaintext", () => {
        const vpn = doc.deployment.resources.find((r) => r.type === "aws:ec2/vpnConnection:VpnConnection")!;
        assert.ok(isSecretValue(vpn.inputs!.tunnel1PresharedKey));
        assert.ok(isSecretValue(vpn.outputs!.tunnel2PresharedKey), "provider-marked secret outputs are wrapped too");
        assert.ok(!JSON.stringify(doc).includes("do-not-leak-1"));
    });

    it("keeps the options the engine stores (additionalSecretOutputs, ignoreChanges) and leaves empty fields out, as the engine's state does", () => {
        const vpn = doc.deployment.resources.find((r) => r.type === "aws:ec2/vpnConnection:VpnConnection")!;
        // The SDK's VpnConnection adds its own (customerGatewayConfiguration, the keys) to the program's.
        assert.deepStrictEqual([...new Set(vpn.additionalSecretOutputs as string[])].sort(), ["customerGatewayConfiguration", "tunnel1PresharedKey", "tunnel2PresharedKey"]);
        assert.deepStrictEqual(vpn.ignoreChanges, ["tags"]);
        const component = doc.deployment.resources.find((r) => r.type === "spot-grid:test:Store")!;
        for (const key of ["dependencies", "propertyDependencies", "inputs", "additionalSecretOutputs", "ignoreChanges"]) assert.ok(!(key in component), `no empty ${key}`);
    });

    it("lists every resource after its parent and dependencies", () => {
        const seen = new Set<string>();
        for (const r of doc.deployment.resources) {
            if (r.parent) assert.ok(seen.has(r.parent), `${r.urn} before its parent`);
            for (const d of r.dependencies ?? []) assert.ok(seen.has(d), `${r.urn} before its dependency ${d}`);
            seen.add(r.urn);
        }
    });
});

describe("offline engine: URNs", () => {
    it("qualify a nested resource's type with every ancestor type but the stack's, as the engine does", async () => {
        const engine = await setupMocks({ stack: "urns", region: "ap-south-1" });
        const pulumi = await import("@pulumi/pulumi");
        const aws = await import("../../../components/lib/aws");
        class Outer extends pulumi.ComponentResource {
            constructor(name: string) {
                super("spot-grid:test:Outer", name, {});
                const inner = new pulumi.ComponentResource("spot-grid:test:Inner", `${name}-inner`, {}, { parent: this });
                new aws.s3.Bucket(`${name}-bucket`, {}, { parent: inner });
            }
        }
        new Outer("o");
        await engine.settle();
        const bucket = engine.resources().find((r) => r.type === "aws:s3/bucket:Bucket")!;
        assert.strictEqual(bucket.urn, "urn:pulumi:urns::spot-grid::spot-grid:test:Outer$spot-grid:test:Inner$aws:s3/bucket:Bucket::o-bucket");
    });
});

import * as assert from "assert";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { classifyRun, Difference, plainText, StackDrift } from "../../../tools/drift/classify";
import { loadRun } from "./recorded-engine";

function classifyFixture(file: string): StackDrift {
    const run = loadRun(file);
    return classifyRun(run.stack, run.events, run.result ? { changeSummary: run.result.changeSummary } : { error: "engine failed" });
}

function byName(result: StackDrift, name: string): Difference {
    const d = result.differences.find((x) => x.name === name);
    assert.ok(d, `no difference for ${name}; got ${result.differences.map((x) => `${x.kind} ${x.name}`).join(", ")}`);
    return d;
}

describe("drift classification", () => {
    it("finds nothing in a clean refresh preview", () => {
        const result = classifyFixture("clean.json");
        assert.strictEqual(result.status, "clean");
        assert.deepStrictEqual(result.differences, []);
        assert.deepStrictEqual(result.errors, []);
        assert.strictEqual(result.resourcesChecked, 9);
        assert.deepStrictEqual(result.changeSummary, { same: 9 });
    });

    describe("a drifted stack (refresh preview)", () => {
        const result = classifyFixture("drifted.json");

        it("is drift, with one difference per drifted resource, most alarming first", () => {
            assert.strictEqual(result.status, "drift");
            assert.deepStrictEqual(
                result.differences.map((d) => `${d.kind} ${d.name}`),
                ["deleted mumbai-s3-gateway", "modified mumbai-workers", "modified mumbai-workers", "tags-only mumbai-data"],
            );
        });

        it("names the property paths changed out of band, from old and new state", () => {
            const sg = result.differences.find((d) => d.type === "aws:ec2/securityGroup:SecurityGroup")!;
            assert.deepStrictEqual(sg.properties, [{ path: "ingress[0].cidrBlocks[1]", change: "add", after: "0.0.0.0/0" }]);
        });

        it("prefers the engine's detailed diff when the event has one", () => {
            const lt = result.differences.find((d) => d.type === "aws:ec2/launchTemplate:LaunchTemplate")!;
            assert.strictEqual(lt.kind, "modified");
            assert.deepStrictEqual(lt.properties, [{ path: "metadataOptions.httpTokens", change: "update", before: "required", after: "optional" }]);
        });

        it("calls a change to tags alone tags-only", () => {
            const bucket = byName(result, "mumbai-data");
            assert.strictEqual(bucket.kind, "tags-only");
            assert.deepStrictEqual(bucket.properties.map((p) => p.path), ['tags["temp-debug"]', 'tagsAll["temp-debug"]']);
        });

        it("calls a resource the cloud no longer has deleted out of band", () => {
            const ep = byName(result, "mumbai-s3-gateway");
            assert.deepStrictEqual([ep.kind, ep.op, ep.type], ["deleted", "delete", "aws:ec2/vpcEndpoint:VpcEndpoint"]);
        });
    });

    describe("drift previewed with the program (replace, create and other steps)", () => {
        const result = classifyFixture("drifted-with-program.json");

        it("merges a replacement's steps into one replaced difference with the keys that force it", () => {
            const vpc = byName(result, "mumbai-vpc");
            assert.strictEqual(vpc.kind, "replaced");
            assert.deepStrictEqual(vpc.replaceKeys, ["cidrBlock"]);
            assert.deepStrictEqual(vpc.properties.map((p) => [p.path, p.change]), [["cidrBlock", "update"]]);
            assert.strictEqual(result.differences.filter((d) => d.name === "mumbai-vpc").length, 1);
        });

        it("calls a resource missing from state created (unmanaged)", () => {
            assert.strictEqual(byName(result, "mumbai-s3-gateway").kind, "created");
        });

        it("keeps any other step as other, with its op", () => {
            const vpn = byName(result, "mumbai-onprem");
            assert.deepStrictEqual([vpn.kind, vpn.op], ["other", "remove-pending-replace"]);
        });
    });

    it("marks a stack whose engine failed as failed, keeping the events seen before the failure", () => {
        const run = loadRun("failed.json");
        const result = classifyRun(run.stack, run.events, { error: "CommandError: error: preview failed" });
        assert.strictEqual(result.status, "failed");
        assert.deepStrictEqual(result.errors, [
            "CommandError: error: preview failed",
            "ohio-workers: refreshing urn:pulumi:ohio::spot-grid::pulumi:pulumi:Stack$spot-grid:grid:RegionalGrid$aws:ec2/securityGroup:SecurityGroup::ohio-workers: operation error EC2: DescribeSecurityGroups, https response error StatusCode: 403, api error UnauthorizedOperation: You are not authorized to perform this operation.",
            "ohio-workers (aws:ec2/securityGroup:SecurityGroup): the refresh step failed",
        ]);
        assert.strictEqual(result.resourcesChecked, 4);
    });

    it("is failed, not clean, when an error diagnostic arrives in a run that otherwise completed", () => {
        const run = loadRun("clean.json");
        const diag: EngineEvent = { sequence: 999, timestamp: 0, diagnosticEvent: { message: "boom", color: "never", severity: "error" } };
        assert.strictEqual(classifyRun(run.stack, [...run.events, diag], { changeSummary: { same: 9 } }).status, "failed");
    });

    it("orders events by sequence, so a late pre event does not hide the refresh result", () => {
        const run = loadRun("drifted.json");
        const reversed = [...run.events].reverse();
        assert.deepStrictEqual(
            classifyRun(run.stack, reversed, { changeSummary: {} }).differences.map((d) => d.name),
            classifyRun(run.stack, run.events, { changeSummary: {} }).differences.map((d) => d.name),
        );
    });

    it("still reports drift when the summary counts changes that no event explains", () => {
        const result = classifyRun("ohio", [], { changeSummary: { same: 3, update: 2 } });
        assert.strictEqual(result.status, "drift");
        assert.deepStrictEqual(result.unattributed, { update: 2 });
    });

    it("never copies a secret's value into a difference", () => {
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: "hunter2" };
        const meta = { op: "update" as const, urn: "urn:pulumi:ohio::spot-grid::aws:ec2/vpnConnection:VpnConnection::vpn", type: "aws:ec2/vpnConnection:VpnConnection", provider: "" };
        const state = (key: unknown) => ({ type: meta.type, urn: meta.urn, id: "vpn-1", parent: "", provider: "", inputs: {}, outputs: { key } });
        const events: EngineEvent[] = [{ sequence: 1, timestamp: 0, resOutputsEvent: { metadata: { ...meta, old: state("old"), new: state(secret) } } }];
        const [d] = classifyRun("ohio", events, { changeSummary: { update: 1 } }).differences;
        assert.deepStrictEqual(d.properties, [{ path: "key", change: "update", before: "old", after: "[secret]" }]);
        assert.ok(!JSON.stringify(d).includes("hunter2"));
    });

    describe("the trading-session schedule's own changes", () => {
        const asg = { op: "update" as const, urn: "urn:pulumi:mumbai::spot-grid::spot-grid:compute:SpotFleet$aws:autoscaling/group:Group::mumbai-workers-asg", type: "aws:autoscaling/group:Group", provider: "" };
        const state = (outputs: Record<string, unknown>) => ({ type: asg.type, urn: asg.urn, id: "spot-grid-mumbai-workers", parent: "", provider: "", inputs: {}, outputs });
        const refresh = (before: Record<string, unknown>, after: Record<string, unknown>) =>
            classifyRun("mumbai", [{ sequence: 1, timestamp: 0, resOutputsEvent: { metadata: { ...asg, old: state(before), new: state(after) } } }], { changeSummary: { same: 5, update: 1 } });
        const base = { minSize: 0, maxSize: 200, desiredCapacity: 0, capacityRebalance: true };

        it("are not drift: the session opened (minSize and desiredCapacity raised)", () => {
            const result = refresh(base, { ...base, minSize: 120, desiredCapacity: 120 });
            assert.strictEqual(result.status, "clean");
            assert.deepStrictEqual(result.differences, []);
            assert.strictEqual(result.unattributed, undefined);
        });
        it("but anything else changed on the group still is, reported without the schedule's paths", () => {
            const result = refresh(base, { ...base, minSize: 120, desiredCapacity: 120, maxSize: 500 });
            assert.strictEqual(result.status, "drift");
            assert.deepStrictEqual(result.differences.map((d) => d.properties.map((p) => p.path)), [["maxSize"]]);
        });
    });

    it("strips Pulumi colour directives and ANSI codes from diagnostics", () => {
        assert.strictEqual(plainText("<{%fg 1%}>error:<{%reset%}> \u001b[31mdenied\u001b[0m\n"), "error: denied");
    });
});

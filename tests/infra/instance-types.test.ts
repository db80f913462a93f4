/**
 * The deploy-time check of issue 10 ("Region services"): every configured instance type must be
 * offered in every AZ of the stack in the deploying account (EC2 DescribeInstanceTypeOfferings by
 * AZ id), or the preview/up fails with one line naming the stack file, the key, the type, the AZ
 * and the fix. The emulator answers from EMULATED_INSTANCE_TYPE_OFFERINGS ("offered everywhere"
 * unless a test says otherwise), so the plan is the real program's run against that answer.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { parseStackConfig } from "../../infra/config";
import { checkInstanceTypeOfferings } from "../../infra/instance-types";
import { AwsRules, EMULATED_INSTANCE_TYPE_OFFERINGS } from "../../tools/offline/aws-emulation";
import { evaluateStack, StackRunError } from "../../tools/offline/run-stack";
import { main } from "../../tools/plan/main";
import { base } from "./config-cases";
import { assertAdviceAccepted } from "./config-schema";
import { tempDir } from "../helpers/temp";

const AZS = ["ap-south-1a", "ap-south-1b", "ap-south-1c"];
const ZONES = { names: AZS, zoneIds: ["aps1-az1", "aps1-az3", "aps1-az2"] };
const TYPES = ["c6i.4xlarge", "c6a.4xlarge", "m6i.4xlarge", "m6a.4xlarge"];
/** Every (type, AZ id) but the ones listed. */
const offeredBut = (...missing: [string, string][]) => {
    const pairs = TYPES.flatMap((t) => ZONES.zoneIds.map((az) => [t, az] as const)).filter(([t, az]) => !missing.some(([mt, maz]) => mt === t && maz === az));
    return { instanceTypes: pairs.map(([t]) => t), locations: pairs.map(([, az]) => az) };
};

describe("infra/instance-types: the deploy-time offering check (pure)", () => {
    const config = parseStackConfig("mumbai", base());

    it("passes when every type is offered in every AZ, and gives the types by AZ id (the account's ids, not the names' order)", () => {
        const r = checkInstanceTypeOfferings(config, TYPES, AZS, ZONES, offeredBut());
        assert.deepStrictEqual(r, { ok: true, byAzId: { "aps1-az1": TYPES, "aps1-az3": TYPES, "aps1-az2": TYPES } });
    });
    it("names the file, the key, the type, the AZ (name and id) and both fixes when a later AZ lacks a type", () => {
        const r = checkInstanceTypeOfferings(config, TYPES, AZS, ZONES, offeredBut(["c6a.4xlarge", "aps1-az2"]));
        assert.deepStrictEqual(r, {
            ok: false,
            message: "Pulumi.mumbai.yaml: spot-grid:compute.instanceTypes[1]: c6a.4xlarge is not offered in ap-south-1c (aps1-az2) of ap-south-1 in this account (EC2 DescribeInstanceTypeOfferings); drop c6a.4xlarge from spot-grid:compute.instanceTypes or set spot-grid:network.availabilityZones to 2 to leave ap-south-1c out",
        });
    });
    it("offers only dropping the type when the stack's first AZ lacks it (fewer AZs cannot leave that one out)", () => {
        const r = checkInstanceTypeOfferings(config, TYPES, AZS, ZONES, offeredBut(["m6a.4xlarge", "aps1-az1"]));
        assert.ok(!r.ok && /instanceTypes\[3\]: m6a\.4xlarge is not offered in ap-south-1a \(aps1-az1\) .*; drop m6a\.4xlarge from spot-grid:compute\.instanceTypes \(ap-south-1a is the stack's first AZ, so fewer spot-grid:network\.availabilityZones cannot leave it out\)$/.test(r.message), JSON.stringify(r));
    });
    it("reports an AZ name the account does not have, on spot-grid:network.availabilityZones", () => {
        const r = checkInstanceTypeOfferings(config, TYPES, AZS, { names: AZS.slice(0, 2), zoneIds: ZONES.zoneIds.slice(0, 2) }, offeredBut());
        assert.ok(!r.ok && /^Pulumi\.mumbai\.yaml: spot-grid:network\.availabilityZones: ap-south-1c is not an available Availability Zone of ap-south-1 in this account .*; lower spot-grid:network\.availabilityZones to 2 or fewer$/.test(r.message), JSON.stringify(r));
    });
});

describe("the emulator's DescribeInstanceTypeOfferings (one answer for the offline plan and the real CLI)", () => {
    const rules = new AwsRules({ stack: "mumbai", region: "ap-south-1" });
    const invoke = (inputs: Record<string, unknown>) => rules.invoke("aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings", inputs);

    it("answers by default that every type is offered in every AZ id asked for", () => {
        const r = invoke({ locationType: "availability-zone-id", filters: [{ name: "instance-type", values: ["c6i.4xlarge", "x9.huge"] }, { name: "location", values: ["aps1-az1", "aps1-az3"] }] });
        assert.deepStrictEqual([r.instanceTypes, r.locations, r.locationTypes], [
            ["c6i.4xlarge", "x9.huge", "c6i.4xlarge", "x9.huge"],
            ["aps1-az1", "aps1-az1", "aps1-az3", "aps1-az3"],
            Array(4).fill("availability-zone-id"),
        ]);
    });
    it("leaves out what EMULATED_INSTANCE_TYPE_OFFERINGS says is not offered, in every location type", () => {
        const saved = EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered;
        EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered = (_r, az, t) => !(az === "aps1-az2" && t === "c6a.4xlarge");
        try {
            const byId = invoke({ locationType: "availability-zone-id", filters: [{ name: "instance-type", values: ["c6a.4xlarge"] }] });
            assert.deepStrictEqual(byId.locations, ["aps1-az1", "aps1-az3"]);
            const byName = invoke({ locationType: "availability-zone", filters: [{ name: "instance-type", values: ["c6a.4xlarge"] }] });
            assert.deepStrictEqual(byName.locations, ["ap-south-1a", "ap-south-1c"]);
            assert.deepStrictEqual(invoke({ filters: [{ name: "instance-type", values: ["c6a.4xlarge"] }] }).locations, ["ap-south-1"], "the region offers it (two AZs do)");
        } finally {
            EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered = saved;
        }
    });
    it("refuses a question it cannot answer honestly (no instance-type filter: it has no catalogue of every type)", () => {
        assert.throws(() => invoke({ locationType: "availability-zone-id" }), /needs an instance-type filter of exact types/);
        assert.throws(() => invoke({ filters: [{ name: "instance-type", values: ["c6i.*"] }] }), /exact types/);
    });
});

describe("the plan fails with one line when an instance type is not offered in an AZ of the stack", function () {
    this.timeout(120_000);
    const saved = EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered;
    afterEach(() => (EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered = saved));
    // In the emulated account ap-south-1c is aps1-az3 (tools/offline/aws-emulation.ts answers getAvailabilityZones from infra/config/regions.ts).
    const notInC = (_region: string, az: string, type: string) => !(az === "aps1-az3" && type === "c6a.4xlarge");

    async function plan(config: Record<string, unknown>): Promise<{ code: number; err: string[]; out: string[]; written: boolean }> {
        const dir = tempDir("spot-grid-offerings-");
        fs.writeFileSync(path.join(dir, "Pulumi.mumbai.yaml"), stringify({ config }));
        const out: string[] = [];
        const err: string[] = [];
        const outDir = path.join(dir, "out");
        const code = await main(["--stacks-dir", dir, "--out", outDir, "--format", "json"], { out: (l) => out.push(l), err: (l) => err.push(l) });
        return { code, err, out, written: fs.existsSync(outDir) };
    }

    it("exit 2, one line naming the file, the key, the type, the AZ and the fix; nothing written", async () => {
        EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered = notInC;
        const r = await plan(base());
        assert.strictEqual(r.code, 2, r.err.join("\n"));
        assert.strictEqual(r.err.length, 1, r.err.join("\n"));
        const line = r.err[0].replace(/^plan: /, "");
        assert.strictEqual(
            line,
            "Pulumi.mumbai.yaml: spot-grid:compute.instanceTypes[1]: c6a.4xlarge is not offered in ap-south-1c (aps1-az3) of ap-south-1 in this account (EC2 DescribeInstanceTypeOfferings); drop c6a.4xlarge from spot-grid:compute.instanceTypes or set spot-grid:network.availabilityZones to 2 to leave ap-south-1c out",
        );
        assertAdviceAccepted(line);
        assert.deepStrictEqual(r.out, []);
        assert.ok(!r.written, "no partial output");
    });

    it("passes with the emulator's default answer (offered everywhere), and when the stack leaves the AZ out", async () => {
        const byAz = async (config: Record<string, unknown>) => {
            const doc = await evaluateStack({ stack: "mumbai", region: "ap-south-1", config, stacksDir: tempDir("spot-grid-offerings-ok-"), stackOutputs: {} });
            return (doc.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs as Record<string, unknown>).instanceTypesByAzId;
        };
        assert.deepStrictEqual(await byAz(base()), { "aps1-az1": TYPES, "aps1-az2": TYPES, "aps1-az3": TYPES });
        EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered = notInC;
        const twoAzs = base();
        twoAzs["spot-grid:network"].availabilityZones = 2;
        twoAzs["spot-grid:compute"].instanceTypes = [...TYPES, "c5.4xlarge"]; // 10 pools over two AZs
        assert.deepStrictEqual(Object.keys((await byAz(twoAzs)) as object), ["aps1-az1", "aps1-az2"]);
    });

    it("fails the preview too (the lookups' arguments are known before anything exists)", async () => {
        EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered = notInC;
        const e = await evaluateStack({ stack: "mumbai", region: "ap-south-1", config: base(), stacksDir: tempDir("spot-grid-offerings-preview-"), stackOutputs: {}, preview: true }).then(
            () => assert.fail("the preview passed"),
            (x: unknown) => x,
        );
        assert.ok(e instanceof StackRunError && e.code === 2 && /instanceTypes\[1\]: c6a\.4xlarge is not offered in ap-south-1c \(aps1-az3\)/.test(e.message), String(e));
    });

    it("skips attribute-based selection (instanceRequirements names no type): the plan passes and the output is null", async () => {
        EMULATED_INSTANCE_TYPE_OFFERINGS.isOffered = () => false;
        const c = base();
        delete c["spot-grid:compute"].instanceTypes;
        c["spot-grid:compute"].instanceRequirements = { vcpu: { min: 8, max: 32 }, memoryMiB: { min: 16384 } };
        const doc = await evaluateStack({ stack: "mumbai", region: "ap-south-1", config: c, stacksDir: tempDir("spot-grid-offerings-abs-"), stackOutputs: {} });
        const stack = doc.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        assert.strictEqual((stack.outputs as Record<string, unknown>).instanceTypesByAzId, null);
    });
});

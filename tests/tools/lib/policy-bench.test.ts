import * as assert from "assert";
import { parseStackExport } from "../../../policies/lib/stack-export";
import { runPolicyBench, syntheticExport } from "../../../tools/lib/policy-bench";

describe("tools/lib/policy-bench", () => {
    it("synthesizes a valid export of the requested size with a mix of types", () => {
        const doc = parseStackExport(syntheticExport(120));
        assert.strictEqual(doc.deployment.resources.length, 120);
        assert.ok(new Set(doc.deployment.resources.map((r) => r.type)).size >= 10);
    });
    it("returns timings and the evaluation's violation count (no timing assertions)", async () => {
        const r = await runPolicyBench(60);
        assert.strictEqual(r.resources, 60);
        assert.ok(r.parseWalkMs >= 0 && r.evaluateMs >= 0 && Number.isInteger(r.violations));
    });
});

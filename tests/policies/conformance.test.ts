/**
 * Conformance: every region stack the program plans passes every pack with zero mandatory
 * violations. The stacks are planned once per test run (tests/helpers/plan-exports, shared with
 * the mutation test) and evaluated as `npm run policy:check` would. A failure prints every
 * violation (mandatory and advisory) with its resource, for the component owners.
 */
import * as assert from "assert";
import { evaluateStackExport, formatViolationsText } from "../../policies/lib/evaluator";
import { planExports } from "../helpers/plan-exports";
import { loadStackSet } from "../../infra/config";
import { PROJECT_ROOT } from "../../tools/plan/main";

describe("conformance: the planned stacks pass every policy pack", function () {
    this.timeout(600_000);
    const stacks = loadStackSet(PROJECT_ROOT).map((s) => s.stack);

    it("plans every region stack", async () => {
        const plan = await planExports();
        assert.deepStrictEqual([...plan.stacks].sort(), [...stacks].sort());
    });

    for (const stack of stacks) {
        it(`${stack}: no mandatory violations`, async () => {
            const plan = await planExports();
            const result = await evaluateStackExport(plan.exports[stack]);
            assert.deepStrictEqual(result.packs.length, 4, `expected all four packs to run, ran ${result.packs.join(", ")}`);
            const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
            assert.strictEqual(mandatory.length, 0, `stack ${stack} (${result.resourcesAnalyzed} resources analyzed):\n${formatViolationsText(result)}`);
        });
    }
});

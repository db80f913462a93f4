/**
 * Preview conformance: every region stack, planned as `pulumi preview` of the new stack sees it
 * (ids, ARNs and everything else the provider computes unknown, and whatever the program builds
 * from them: tests/helpers/plan-exports previewExports), passes every pack with zero mandatory
 * violations. A policy that reads "not known yet" as "missing" fails a compliant stack at preview
 * (in CI on every pull request) though `up` passes: the real CLI's preview found
 * sqs-dead-letter-queue doing so, and this lane now catches that class offline. Where a value is
 * unknown, a policy must say it "can't run during preview" (advisory) or judge by the engine's
 * dependencies, never report it missing.
 */
import * as assert from "assert";
import { evaluateStackExport, formatViolationsText } from "../../policies/lib/evaluator";
import { UNKNOWN } from "../../policies/lib/resource-props";
import { loadStackSet } from "../../infra/config";
import { PROJECT_ROOT } from "../../tools/plan/main";
import { previewExports } from "../helpers/plan-exports";

describe("preview conformance: the stacks as their first pulumi preview sees them pass every policy pack", function () {
    this.timeout(600_000);
    const stacks = loadStackSet(PROJECT_ROOT).map((s) => s.stack);

    it("plans every region stack as a preview: queues' redrive policies and the ids and ARNs of new resources are unknown", async () => {
        const preview = await previewExports();
        assert.deepStrictEqual([...preview.stacks].sort(), [...stacks].sort());
        for (const stack of stacks) {
            const resources = preview.exports[stack].deployment.resources;
            const queues = resources.filter((r) => r.type === "aws:sqs/queue:Queue");
            assert.ok(queues.some((q) => q.inputs?.redrivePolicy === UNKNOWN && (q.propertyDependencies?.redrivePolicy ?? []).length === 1), `${stack}: no queue whose redrive policy is unknown`);
            assert.ok(queues.every((q) => q.id === undefined && q.outputs?.arn === UNKNOWN), `${stack}: a queue with a known id or ARN`);
        }
    });

    for (const stack of stacks) {
        it(`${stack}: no mandatory violations; the values preview cannot know are "can't run during preview" advisories`, async () => {
            const preview = await previewExports();
            const result = await evaluateStackExport(preview.exports[stack]);
            assert.deepStrictEqual(result.packs.length, 4, `expected all four packs to run, ran ${result.packs.join(", ")}`);
            const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory");
            assert.strictEqual(mandatory.length, 0, `stack ${stack} at preview (${result.resourcesAnalyzed} resources analyzed):\n${formatViolationsText(result)}`);
            assert.ok(result.violations.some((v) => /during preview/.test(v.message)), `${stack}: no "can't run during preview" advisory at all; is the plan a preview?`);
        });
    }
});

/**
 * Mutation test: the packs catch careless changes to the REAL plan. The region stacks are planned
 * once (tests/helpers/plan-exports), then each mutation in ./mutation/cases edits or adds
 * resources in a deep copy of one export, inputs and outputs alike, and the evaluator must report
 * the expected policy against the right resource URN at the expected enforcement level, while
 * the unmutated export reports no such violation.
 */
import * as assert from "assert";
import { evaluateStackExport, EvaluationResult, formatViolationsText } from "../../policies/lib/evaluator";
import { copyOf, planExports, PlanExports } from "../helpers/plan-exports";
import { Applied, Concern, MUTATIONS } from "./mutation/cases";
import { StackDoc } from "./mutation/stack-doc";

const DEFAULT_STACK = "mumbai";
const MIN_MUTATIONS = 30;
const CONCERNS: Concern[] = ["encryption", "iam", "egress", "data-protection"];

describe("mutation: the packs catch careless changes to the real plan", function () {
    this.timeout(600_000);
    let plan: PlanExports;
    const baselines = new Map<string, EvaluationResult>();
    const applied = new Map<string, Applied>();

    before(async () => {
        plan = await planExports();
        for (const stack of plan.stacks) baselines.set(stack, await evaluateStackExport(plan.exports[stack]));
    });

    it(`has at least ${MIN_MUTATIONS} distinct mutations across all four concerns`, () => {
        const ids = MUTATIONS.map((m) => m.id);
        assert.deepStrictEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], "mutation ids must be unique");
        const changes = MUTATIONS.map((m) => m.change);
        assert.deepStrictEqual(changes.filter((c, i) => changes.indexOf(c) !== i), [], "each mutation must make a different change");
        assert.ok(MUTATIONS.length >= MIN_MUTATIONS, `only ${MUTATIONS.length} mutations`);
        for (const c of CONCERNS) assert.ok(MUTATIONS.some((m) => m.concern === c), `no mutation for ${c}`);
    });

    for (const m of MUTATIONS) {
        it(`${m.concern}: ${m.id} -> ${m.policy} (${m.level})`, async () => {
            const stack = m.stack ?? DEFAULT_STACK;
            const original = plan.exports[stack];
            assert.ok(original, `the plan has no stack '${stack}' (stacks: ${plan.stacks.join(", ")})`);
            const doc = new StackDoc(copyOf(original));
            const target = m.apply(doc);
            applied.set(m.id, target);

            const baseline = baselines.get(stack)!;
            const before = baseline.violations.filter((v) => v.policy === m.policy && v.urn === target.urn);
            assert.deepStrictEqual(before, [], `the unmutated ${stack} export already violates ${m.policy} on ${target.urn}, so this mutation proves nothing:\n${formatViolationsText({ violations: before })}`);

            const result = await evaluateStackExport(doc.doc);
            const hit = result.violations.find((v) => v.policy === m.policy && v.urn === target.urn && v.enforcementLevel === m.level);
            assert.ok(
                hit,
                `${m.change}: expected a ${m.level} ${m.policy} violation on\n  ${target.urn}\nbut the evaluator reported:\n${formatViolationsText(result)}`,
            );
        });
    }

    after(() => {
        if (applied.size === 0) return;
        const byConcern = CONCERNS.map((c) => `${c} ${MUTATIONS.filter((m) => m.concern === c && applied.has(m.id)).length}`).join(", ");
        const edits = [...applied.values()].filter((a) => a.how === "edit").length;
        console.log(`      mutations run: ${applied.size} (${byConcern}); ${edits} edited real plan resources, ${applied.size - edits} added resources`);
    });
});

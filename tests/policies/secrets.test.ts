/**
 * Secrets in exports, on the real plan: the real analyzer always hands policies the plaintext of
 * a secret, so with `--show-secrets` `npm run policy:check` must give exactly the verdicts of the
 * unwrapped value, and without it only "cannot be judged" advisories, never a mandatory verdict.
 * Each case (./mutation/secret-cases) is one the evaluator used to get wrong by judging around
 * secret envelopes (a false positive or a miss), or a control it got right.
 */
import * as assert from "assert";
import { evaluateStackExport, EvaluationResult, formatViolationsText } from "../../policies/lib/evaluator";
import { copyOf, planExports, PlanExports } from "../helpers/plan-exports";
import { assertCiphertextOnlyAdvises, CANNOT_JUDGE, difference } from "../helpers/verdicts";
import { SECRET_CASES, SecretForm, SecretTarget } from "./mutation/secret-cases";
import { StackDoc } from "./mutation/stack-doc";

const DEFAULT_STACK = "mumbai";

describe("secrets: policies judge a secret's plaintext, as under the real analyzer", function () {
    this.timeout(600_000);
    let plan: PlanExports;
    before(async () => {
        plan = await planExports();
    });

    for (const c of SECRET_CASES) {
        describe(`${c.id}: ${c.change} (${c.was === "right" ? "control" : `was a ${c.was}`})`, () => {
            const runs = new Map<SecretForm, { result: EvaluationResult; target: SecretTarget }>();
            before(async () => {
                for (const form of ["none", "plaintext", "ciphertext"] as const) {
                    const doc = new StackDoc(copyOf(plan.exports[c.stack ?? DEFAULT_STACK]));
                    const target = c.apply(doc, form);
                    runs.set(form, { result: await evaluateStackExport(doc.doc), target });
                }
            });

            it(`with --show-secrets: ${c.policy} ${c.expect === "clean" ? "stays quiet" : "reports it, mandatory"}, exactly as on the unwrapped value`, () => {
                const none = runs.get("none")!.result;
                const plain = runs.get("plaintext")!;
                const { judgedOn } = plain.target;
                const onTarget = plain.result.violations.filter((v) => v.policy === c.policy && v.urn === judgedOn);
                if (c.expect === "clean") assert.deepStrictEqual(onTarget, [], formatViolationsText(plain.result));
                else assert.ok(onTarget.some((v) => v.enforcementLevel === "mandatory"), `expected a mandatory ${c.policy} on ${judgedOn}:\n${formatViolationsText(plain.result)}`);
                assert.deepStrictEqual(difference(plain.result.violations, none.violations), { onlyA: [], onlyB: [] }, "a shown secret must be judged exactly as the value itself");
            });

            it(`without --show-secrets: ${c.policy} says 'cannot be judged' (advisory) for the secret property, and nothing mandatory comes of it`, () => {
                const cipher = runs.get("ciphertext")!;
                const none = runs.get("none")!.result;
                const advisories = assertCiphertextOnlyAdvises(cipher.result.violations, none.violations, c.id);
                const mine = advisories.filter((v) => v.policy === c.policy);
                assert.ok(mine.length > 0, `expected a 'cannot be judged' advisory from ${c.policy}:\n${formatViolationsText(cipher.result)}`);
                for (const v of mine) {
                    const [, , path] = CANNOT_JUDGE.exec(v.message)!;
                    assert.ok(cipher.target.paths.includes(path), `${v.message} names ${path}, not one of ${cipher.target.paths.join(", ")}`);
                    assert.ok([cipher.target.urn, cipher.target.judgedOn].includes(v.urn), `advisory filed on ${v.urn}`);
                }
                assert.ok(
                    !cipher.result.violations.some((v) => v.policy === c.policy && v.urn === cipher.target.judgedOn && v.enforcementLevel === "mandatory"),
                    `a ciphertext must never give a mandatory verdict:\n${formatViolationsText(cipher.result)}`,
                );
            });
        });
    }

    it("the clean plans hold ciphertext-only secrets (VPN pre-shared keys) that no policy needs: no advisory at all", async () => {
        for (const stack of plan.stacks) {
            const result = await evaluateStackExport(plan.exports[stack]);
            assert.ok(JSON.stringify(plan.exports[stack]).includes('"ciphertext"'), `${stack} has no secret to prove anything with`);
            assert.deepStrictEqual(result.violations.filter((v) => CANNOT_JUDGE.test(v.message)), [], `${stack}:\n${formatViolationsText(result)}`);
        }
    });
});

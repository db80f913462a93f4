/**
 * `spot-grid:flow`: defaults when absent, what the repository's stack files set, and the checks on
 * every principal ARN (the mistakes themselves are in config-cases.ts, run through the parser and
 * the plan CLI: one line naming the file and the key, exit 2).
 */
import * as assert from "assert";
import * as path from "path";
import { loadStackSet, parseStackConfig } from "../../infra/config";
import { onPremPrincipals, principalArnProblem } from "../../infra/config/flow";
import { DEFAULT_QUEUE_SETTINGS } from "../../components/flow/queue-settings";
import { base } from "./config-cases";

describe("infra/config: spot-grid:flow", () => {
    it("is optional: no on-prem roles, the default queues and backlog scaling on", () => {
        const f = parseStackConfig("mumbai", base()).flow;
        assert.deepStrictEqual([f.jobSubmitterPrincipalArn, f.resultsReaderPrincipalArn, f.referencePublisherPrincipalArn, f.validatorRoleArn], [undefined, undefined, undefined, undefined]);
        assert.deepStrictEqual(f.queues, DEFAULT_QUEUE_SETTINGS);
        assert.deepStrictEqual(f.scaling, { onBacklog: true, backlogPerInstance: 10, instanceWarmupSeconds: 300 });
    });
    it("fills each queue's other settings when one is set", () => {
        const c = base();
        c["spot-grid:flow"] = { queues: { jobs: { visibilityTimeoutSeconds: 1800 } }, scaling: { onBacklog: false } };
        const f = parseStackConfig("mumbai", c).flow;
        assert.deepStrictEqual(f.queues.jobs, { ...DEFAULT_QUEUE_SETTINGS.jobs, visibilityTimeoutSeconds: 1800 });
        assert.deepStrictEqual(f.queues.intake, DEFAULT_QUEUE_SETTINGS.intake);
        assert.strictEqual(f.scaling.onBacklog, false);
    });
    it("every stack file names the same on-prem identities, the uploader included, so any region can become the primary", () => {
        const stacks = loadStackSet(path.resolve(__dirname, "../.."));
        const principals = stacks.map((s) => onPremPrincipals(s).map((p) => `${p.key}=${p.arn}`).sort());
        for (const p of principals) assert.deepStrictEqual(p, principals[0]);
        assert.strictEqual(principals[0].length, 4, principals[0].join(", "));
    });
    it("accepts role and user ARNs of any account, with paths; refuses what IAM could not take as a trust principal", () => {
        for (const ok of ["arn:aws:iam::444455556666:role/onprem-job", "arn:aws:iam::444455556666:role/anywhere/onprem-job", "arn:aws:iam::444455556666:user/batch", "arn:aws-us-gov:iam::444455556666:role/x"]) {
            assert.strictEqual(principalArnProblem(ok), undefined, ok);
        }
        for (const bad of ["arn:aws:iam::444455556666:root", "arn:aws:iam::444455556666:group/g", "arn:aws:iam:us-east-1:444455556666:role/x", "arn:aws:iam::444455556666:role/", "444455556666"]) {
            assert.match(principalArnProblem(bad) ?? "", /is not an IAM role or user ARN/, bad);
        }
        assert.match(principalArnProblem("arn:aws:iam::444455556666:user/u", ["role"]) ?? "", /is an IAM user; give an IAM role ARN/);
    });
});

/**
 * deploy.yml: on merge to main, every stack is updated through `npm run up` (every pack, always),
 * in the deploy waves of the stack files, each stack in its own GitHub environment (an approval
 * per stack), with AWS credentials from OIDC; a failed wave stops the waves after it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { deployWaves, loadStackSet } from "../../infra/config";
import { Job, loadWorkflow, needsOf, ROOT, usesOf, workflowFiles } from "./workflow-files";

const DEPLOY_WORKFLOW = "./.github/workflows/stack-deploy.yml";
const deploy = loadWorkflow("deploy.yml");
const stackDeploy = loadWorkflow("stack-deploy.yml");

/** The longest chain of stack-deploy jobs a job waits for = its deploy wave. */
function waveOf(jobs: Record<string, Job>, id: string): number {
    const deploys = needsOf(jobs[id]).filter((n) => jobs[n]?.uses === DEPLOY_WORKFLOW);
    return deploys.length === 0 ? 0 : Math.max(...deploys.map((n) => waveOf(jobs, n) + 1));
}

describe("deploy.yml: deploy on merge to main", () => {
    it("runs on pushes to main (and on demand), one deploy at a time, never cancelled half way", () => {
        assert.deepStrictEqual((deploy.on.push as { branches: string[] }).branches, ["main"]);
        assert.ok("workflow_dispatch" in deploy.on);
        assert.deepStrictEqual((deploy as unknown as { concurrency: unknown }).concurrency, { group: "deploy", "cancel-in-progress": false });
    });

    it("deploys nothing before the offline plan (policy verdicts) and the tests pass", () => {
        const runs = (deploy.jobs.offline.steps ?? []).map((s) => s.run ?? "");
        assert.ok(runs.includes("npm run --silent plan"), "a mandatory violation (exit 1) stops the deploy");
        assert.ok(runs.includes("npm test"));
        assert.ok(runs.includes("npm run test:analyzer"), "the packs under the real analyzer agree with the offline verdicts");
        for (const [id, job] of Object.entries(deploy.jobs)) if (job.uses === DEPLOY_WORKFLOW) assert.ok(needsOf(job).includes("offline"), `${id} waits for the offline checks`);
    });

    it("updates every stack file's stack, in deploy waves, with its own region; a later wave waits for every stack before it", () => {
        const stacks = loadStackSet(ROOT);
        const expected = deployWaves(stacks).map((w) => w.map((s) => s.stack).sort());
        const actual: string[][] = [];
        for (const [id, job] of Object.entries(deploy.jobs).filter(([, j]) => j.uses === DEPLOY_WORKFLOW)) {
            for (const entry of job.strategy?.matrix?.include ?? []) {
                (actual[waveOf(deploy.jobs, id)] ??= []).push(entry.stack);
                assert.strictEqual(entry.region, stacks.find((s) => s.stack === entry.stack)?.region, `${id}: ${entry.stack}'s region`);
            }
            assert.deepStrictEqual(job.with, { stack: "${{ matrix.stack }}", region: "${{ matrix.region }}" });
            // The default `if` (success()): a failed or unapproved earlier wave stops this one.
            assert.strictEqual(job.if, undefined, `${id} runs only when every job it needs succeeded`);
        }
        assert.deepStrictEqual(actual.map((w) => [...w].sort()), expected, "the deploy jobs must follow the stack files' deploy waves");
    });

    it("each stack's job runs in the GitHub environment named after the stack (its required reviewers approve the update)", () => {
        assert.strictEqual(stackDeploy.jobs.deploy.environment, "${{ inputs.stack }}");
    });

    it("updates through npm run up (every pack) after assuming the deploy role by OIDC in the stack's region", () => {
        const steps = stackDeploy.jobs.deploy.steps ?? [];
        const creds = steps.findIndex((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
        const up = steps.findIndex((s) => /^npm run --silent up -- --stack "\$STACK" --yes$/.test(s.run ?? ""));
        assert.ok(creds >= 0 && up > creds, "credentials, then npm run up");
        assert.deepStrictEqual(steps[up].env, { STACK: "${{ inputs.stack }}" }, "the stack reaches the shell as data, not as script text");
        assert.strictEqual(steps[creds].with?.["role-to-assume"], "${{ vars.AWS_DEPLOY_ROLE_ARN }}");
        assert.strictEqual(steps[creds].with?.["aws-region"], "${{ inputs.region }}");
        assert.deepStrictEqual(stackDeploy.permissions, { contents: "read", "id-token": "write" });
        assert.ok(steps.some((s) => s.uses?.startsWith("pulumi/actions@") && !s.with), "installs the Pulumi CLI only");
    });

    it("no workflow runs pulumi up any other way (the deploy path always runs the packs)", () => {
        for (const file of workflowFiles()) {
            const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8");
            assert.ok(!/\bpulumi\s+up\b/.test(text.replace(/^\s*#.*$/gm, "")), `${file} runs pulumi up directly`);
            for (const u of usesOf(loadWorkflow(file)).filter((x) => x.uses.startsWith("pulumi/actions@"))) {
                assert.notStrictEqual(u.with?.command, "up", `${file} ${u.where}: pulumi/actions command: up skips npm run up's checks`);
            }
        }
    });
});

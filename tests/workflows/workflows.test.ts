import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { deployWaves, loadStackSet } from "../../infra/config";
import { Job, loadWorkflow, needsOf, ROOT, usesOf, Workflow, workflowFiles } from "./workflow-files";

/**
 * The inputs of pulumi/actions v6, checked against the action's README and action.yml
 * (github.com/pulumi/actions). A name not in this list is silently ignored by the runner, so a typo
 * (`policy-packs`, `comment_on_pr`) would quietly turn a check off.
 */
export const PULUMI_ACTION_INPUTS = [
    "always-include-summary", "cloud-url", "color", "command", "comment-on-pr", "comment-on-pr-number",
    "comment-on-summary", "config-map", "continue-on-error", "debug", "diff", "edit-pr-comment",
    "exclude-protected", "expect-no-changes", "github-token", "log-flow", "log-verbosity", "message",
    "omit-stdout", "parallel", "plan", "policyPackConfigs", "policyPacks", "pulumi-version",
    "pulumi-version-file", "refresh", "remove", "replace", "secrets-provider", "stack-name",
    "suppress-outputs", "suppress-progress", "target", "target-dependents", "upsert", "work-dir",
];

const PINNED = /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
const PREVIEW_WORKFLOW = "./.github/workflows/stack-preview.yml";

const workflows = new Map<string, Workflow>(workflowFiles().map((f) => [f, loadWorkflow(f)]));
const wf = (file: string): Workflow => {
    const w = workflows.get(file);
    assert.ok(w, `.github/workflows/${file} is missing`);
    return w;
};

/** The longest chain of preview jobs a job waits for = its deploy wave. */
function waveOf(jobs: Record<string, Job>, id: string): number {
    const previews = needsOf(jobs[id]).filter((n) => jobs[n]?.uses === PREVIEW_WORKFLOW);
    return previews.length === 0 ? 0 : Math.max(...previews.map((n) => waveOf(jobs, n) + 1));
}

describe("GitHub workflows", () => {
    it("are valid YAML with triggers and jobs", () => {
        assert.deepStrictEqual([...workflows.keys()], ["deploy.yml", "drift.yml", "pull-request.yml", "stack-deploy.yml", "stack-preview.yml"]);
        for (const [file, w] of workflows) {
            assert.ok(w.on && typeof w.on === "object", `${file}: no 'on:'`);
            assert.ok(Object.keys(w.jobs ?? {}).length > 0, `${file}: no jobs`);
        }
    });

    it("pin every action to a version (or use a workflow from this repository)", () => {
        for (const [file, w] of workflows) {
            for (const u of usesOf(w)) {
                if (u.uses.startsWith("./")) {
                    assert.ok(fs.existsSync(path.join(ROOT, u.uses)), `${file} ${u.where}: ${u.uses} does not exist`);
                } else {
                    assert.match(u.uses, PINNED, `${file} ${u.where}: pin ${u.uses} to a release tag (@v4) or a commit SHA`);
                }
            }
        }
    });

    it("give pulumi/actions only its real inputs", () => {
        for (const [file, w] of workflows) {
            for (const u of usesOf(w).filter((x) => x.uses.startsWith("pulumi/actions@"))) {
                for (const key of Object.keys(u.with ?? {})) {
                    assert.ok(PULUMI_ACTION_INPUTS.includes(key), `${file} ${u.where}: pulumi/actions has no input '${key}'`);
                }
            }
        }
    });

    it("use no stored secrets anywhere: cloud access is OIDC role assumption", () => {
        for (const [file] of workflows) {
            const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8");
            assert.ok(!/\$\{\{[^}]*\bsecrets\./.test(text), `${file} reads a stored secret`);
            assert.ok(!/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|PULUMI_ACCESS_TOKEN/.test(text), `${file} uses long-lived keys`);
        }
        for (const [file, w] of workflows) {
            for (const u of usesOf(w).filter((x) => x.uses.startsWith("aws-actions/configure-aws-credentials@"))) {
                assert.match(String(u.with?.["role-to-assume"]), /^\$\{\{ vars\.\w+ \}\}$/, `${file} ${u.where}: assume a role from a repository variable`);
            }
        }
    });

    it("keep permissions minimal: read-only by default, writes only where a job needs them", () => {
        const allowed: Record<string, Record<string, Record<string, string>>> = {
            "pull-request.yml": {
                "": { contents: "read" },
                offline: { contents: "read", "pull-requests": "write" },
                "preview-replicas": { contents: "read", "id-token": "write", "pull-requests": "write" },
                "preview-primary": { contents: "read", "id-token": "write", "pull-requests": "write" },
            },
            "stack-preview.yml": { "": { contents: "read", "id-token": "write", "pull-requests": "write" } },
            "drift.yml": { "": { contents: "read", "id-token": "write", issues: "write" } },
            "deploy.yml": {
                "": { contents: "read" },
                "deploy-replicas": { contents: "read", "id-token": "write" },
                "deploy-primary": { contents: "read", "id-token": "write" },
            },
            "stack-deploy.yml": { "": { contents: "read", "id-token": "write" } },
        };
        for (const [file, w] of workflows) {
            assert.deepStrictEqual(w.permissions, allowed[file][""], `${file}: top-level permissions`);
            for (const [id, job] of Object.entries(w.jobs)) {
                const expected = allowed[file][id];
                if (expected) assert.deepStrictEqual(job.permissions, expected, `${file} jobs.${id}.permissions`);
                else assert.strictEqual(job.permissions, undefined, `${file} jobs.${id}: inherits the top-level permissions`);
            }
        }
    });

    describe("pull-request.yml", () => {
        const pr = () => wf("pull-request.yml");

        it("has an offline job with no cloud credentials and no secrets that tests, plans and reports", () => {
            const offline = pr().jobs.offline;
            const runs = (offline.steps ?? []).map((s) => s.run ?? "").join("\n");
            assert.ok(!JSON.stringify(offline).includes("id-token"), "offline job must not get OIDC tokens");
            assert.ok(!(offline.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/")), "offline job must not assume AWS roles");
            assert.match(runs, /npm ci/);
            assert.match(runs, /^npm test$/m);
            assert.match(runs, /^npm run test:analyzer$/m);
            assert.match(runs, /npm run --silent plan -- --out \.plan/);
            assert.match(runs, />> "\$GITHUB_STEP_SUMMARY"/);
            assert.ok((offline.steps ?? []).some((s) => s.uses?.startsWith("actions/github-script@") && String(s.with?.script).includes("pr-comment.js")), "verdicts as a PR comment");
            const gate = (offline.steps ?? []).at(-1)!;
            assert.strictEqual(gate.if, "steps.plan.outputs.exit-code != '0'", "the last step fails the check on mandatory violations");
            assert.match(gate.run ?? "", /exit 1/);
        });

        it("runs the end-to-end lane (real CLI built with Go, AWS emulator) with no cloud credentials", () => {
            const e2e = pr().jobs.e2e;
            assert.ok(e2e, "no e2e job");
            const steps = e2e.steps ?? [];
            assert.ok(!JSON.stringify(e2e).includes("id-token") && !steps.some((s) => s.uses?.startsWith("aws-actions/")), "the e2e job needs no cloud access");
            const go = steps.find((s) => s.uses?.startsWith("actions/setup-go@"));
            assert.strictEqual(go?.with?.["go-version-file"], "tools/pulumi-cli/go.mod", "Go from the wrapper module's go.mod");
            assert.ok(fs.existsSync(path.join(ROOT, String(go?.with?.["go-version-file"]))));
            const runs = steps.map((s) => s.run ?? "");
            assert.ok(runs.indexOf("npm ci --no-audit --no-fund") >= 0 && runs.indexOf("npm ci --no-audit --no-fund") < runs.indexOf("npm run e2e"), "npm ci, then npm run e2e");
        });

        it("previews every stack file's stack, in deploy waves, with its own region", () => {
            const jobs = pr().jobs;
            const stacks = loadStackSet(ROOT);
            const expected = deployWaves(stacks).map((w) => w.map((s) => s.stack).sort());
            const actual: string[][] = [];
            for (const [id, job] of Object.entries(jobs).filter(([, j]) => j.uses === PREVIEW_WORKFLOW)) {
                const wave = waveOf(jobs, id);
                for (const entry of job.strategy?.matrix?.include ?? []) {
                    (actual[wave] ??= []).push(entry.stack);
                    const config = stacks.find((s) => s.stack === entry.stack);
                    assert.ok(config, `${id}: no Pulumi.${entry.stack}.yaml for matrix stack ${entry.stack}`);
                    assert.strictEqual(entry.region, config.region, `${id}: ${entry.stack} runs in ${config.region}`);
                }
                assert.deepStrictEqual(job.with, { stack: "${{ matrix.stack }}", region: "${{ matrix.region }}" });
            }
            const show = (w: string[][]) => w.map((s, i) => `wave ${i}: ${[...s].sort().join(", ")}`).join("; ");
            assert.deepStrictEqual(
                actual.map((s) => [...s].sort()),
                expected,
                `the preview jobs in .github/workflows/pull-request.yml run ${show(actual)}, but the stack files deploy ${show(expected)}; update the jobs' matrices and needs`,
            );
        });

        it("runs pulumi preview with every policy pack and comments on the PR", () => {
            const preview = usesOf(wf("stack-preview.yml")).find((u) => u.uses.startsWith("pulumi/actions@"));
            assert.ok(preview, "stack-preview.yml runs pulumi/actions");
            const w = preview.with ?? {};
            assert.strictEqual(w.command, "preview");
            assert.strictEqual(w["stack-name"], "${{ inputs.stack }}");
            assert.strictEqual(w["comment-on-pr"], true);
            const listed = String(w.policyPacks).trim().split("\n").map((l) => l.trim());
            const packs = fs
                .readdirSync(path.join(ROOT, "policies"), { withFileTypes: true })
                .filter((d) => d.isDirectory() && d.name !== "lib" && d.name !== "node_modules")
                .map((d) => `policies/${d.name}`)
                .sort();
            assert.deepStrictEqual(listed, packs, "policyPacks must list every pack directory under policies/");
        });

        it("assumes the preview role for the stack's region before previewing", () => {
            const steps = wf("stack-preview.yml").jobs.preview.steps ?? [];
            const creds = steps.findIndex((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
            const preview = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
            assert.ok(creds >= 0 && creds < preview, "credentials before the preview");
            assert.strictEqual(steps[creds].with?.["aws-region"], "${{ inputs.region }}");
        });
    });

    describe("drift.yml", () => {
        const drift = () => wf("drift.yml");

        it("runs nightly and on demand", () => {
            const on = drift().on as { schedule?: { cron: string }[]; workflow_dispatch?: unknown };
            assert.strictEqual(on.schedule?.length, 1);
            assert.match(on.schedule![0].cron, /^\d+ \d+ \* \* \*$/);
            assert.ok("workflow_dispatch" in on);
        });

        it("checks every stack, uploads the reports, tracks issues and fails on drift", () => {
            const steps = drift().jobs.drift.steps ?? [];
            const detect = steps.find((s) => s.id === "drift");
            assert.match(detect?.run ?? "", /npm run --silent drift -- "\$\{args\[@\]\}" --out drift-report/);
            const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
            assert.deepStrictEqual([upload?.uses, upload?.with?.path, upload?.if], ["actions/upload-artifact@v4", "drift-report/", "always()"]);
            const track = steps.find((s) => String(s.with?.script ?? "").includes("drift-issues.js"));
            assert.ok(track, "a github-script step runs .github/scripts/drift-issues.js");
            const gate = steps.at(-1)!;
            assert.strictEqual(gate.if, "steps.drift.outputs.exit-code != '0'");
            assert.match(gate.run ?? "", /exit 1/);
            assert.ok(steps.some((s) => s.uses?.startsWith("pulumi/actions@") && !s.with), "installs the Pulumi CLI (pulumi/actions without a command)");
        });
    });
});

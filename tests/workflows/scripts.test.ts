import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { tempDir } from "../helpers/temp";

const upsertComment = require("../../.github/scripts/pr-comment.js");
const trackDrift = require("../../.github/scripts/drift-issues.js");

interface Issue {
    number: number;
    title: string;
    body: string;
    state: "open" | "closed";
    labels: string[];
    comments: string[];
    pull_request?: object;
}

/** Just enough of Octokit (as actions/github-script hands it over) to run the scripts against. */
class FakeGitHub {
    issues: Issue[] = [];
    labels = new Set<string>();
    prComments: { id: number; body: string }[] = [];
    private next = 100;

    paginate = async (fn: (args: object) => Promise<{ data: unknown[] }>, args: object) => (await fn(args)).data;

    rest = {
        issues: {
            listComments: async () => ({ data: this.prComments }),
            createComment: async ({ issue_number, body }: { issue_number: number; body: string }) => {
                const issue = this.issues.find((i) => i.number === issue_number);
                if (issue) issue.comments.push(body);
                else this.prComments.push({ id: this.next++, body });
                return { data: {} };
            },
            updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
                this.prComments.find((c) => c.id === comment_id)!.body = body;
                return { data: {} };
            },
            listForRepo: async ({ state, labels }: { state: string; labels: string }) => ({
                data: this.issues.filter((i) => i.state === state && labels.split(",").every((l) => i.labels.includes(l))),
            }),
            create: async ({ title, body, labels }: { title: string; body: string; labels: string[] }) => {
                this.issues.push({ number: this.next++, title, body, labels, state: "open", comments: [] });
                return { data: {} };
            },
            update: async ({ issue_number, body, state }: { issue_number: number; body?: string; state?: "closed" }) => {
                const issue = this.issues.find((i) => i.number === issue_number)!;
                if (body !== undefined) issue.body = body;
                if (state) issue.state = state;
                return { data: {} };
            },
            getLabel: async ({ name }: { name: string }) => {
                if (!this.labels.has(name)) throw Object.assign(new Error("Not Found"), { status: 404 });
                return { data: {} };
            },
            createLabel: async ({ name }: { name: string }) => {
                this.labels.add(name);
                return { data: {} };
            },
        },
    };
}

const context = { repo: { owner: "acme", repo: "spot-grid" }, payload: { pull_request: { number: 7 } }, issue: { number: 7 } };

function reports(statuses: Record<string, "clean" | "drift" | "failed">): string {
    const dir = tempDir("drift-report-");
    const stacks = Object.entries(statuses).map(([stack, status]) => ({ stack, status, resourcesChecked: 9, differences: status === "drift" ? 2 : 0, counts: {}, errors: [] }));
    fs.writeFileSync(path.join(dir, "summary.json"), JSON.stringify({ schemaVersion: 1, exitCode: 1, stacks }));
    for (const s of stacks) fs.writeFileSync(path.join(dir, `${s.stack}.md`), `# Drift: ${s.stack}\n\nreport of ${s.stack}\n`);
    return dir;
}

describe("workflow scripts", () => {
    describe("pr-comment.js", () => {
        it("creates one marked comment, then edits it instead of adding another", async () => {
            const gh = new FakeGitHub();
            assert.strictEqual(await upsertComment({ github: gh, context, marker: "spot-grid:offline-plan", body: "first" }), "created");
            assert.strictEqual(await upsertComment({ github: gh, context, marker: "spot-grid:offline-plan", body: "second" }), "updated");
            assert.deepStrictEqual(gh.prComments.map((c) => c.body), ["<!-- spot-grid:offline-plan -->\nsecond"]);
        });

        it("leaves other comments alone and truncates a body GitHub would reject", async () => {
            const gh = new FakeGitHub();
            gh.prComments.push({ id: 1, body: "human review" });
            await upsertComment({ github: gh, context, marker: "m", body: "x".repeat(70000) });
            assert.strictEqual(gh.prComments.length, 2);
            assert.ok(gh.prComments[1].body.length < 65536);
            assert.match(gh.prComments[1].body, /truncated/);
        });
    });

    describe("drift-issues.js", () => {
        const runUrl = "https://github.com/acme/spot-grid/actions/runs/1";

        it("opens one labelled issue per drifting stack with its report, and none for clean or unchecked stacks", async () => {
            const gh = new FakeGitHub();
            const actions = await trackDrift({ github: gh, context, reportDir: reports({ hyderabad: "clean", ohio: "failed", mumbai: "drift" }), runUrl });
            assert.deepStrictEqual(actions, [
                { stack: "hyderabad", action: "none" },
                { stack: "ohio", action: "none" },
                { stack: "mumbai", action: "opened" },
            ]);
            assert.strictEqual(gh.issues.length, 1);
            assert.deepStrictEqual([gh.issues[0].title, gh.issues[0].labels], ["Drift detected in stack mumbai", ["drift", "drift:mumbai"]]);
            assert.match(gh.issues[0].body, /report of mumbai[\s\S]*actions\/runs\/1/);
            assert.deepStrictEqual([...gh.labels].sort(), ["drift", "drift:mumbai"]);
        });

        it("updates and comments on the open issue the next night instead of opening another", async () => {
            const gh = new FakeGitHub();
            await trackDrift({ github: gh, context, reportDir: reports({ mumbai: "drift" }), runUrl });
            const actions = await trackDrift({ github: gh, context, reportDir: reports({ mumbai: "drift" }), runUrl: runUrl.replace("/1", "/2") });
            assert.deepStrictEqual(actions, [{ stack: "mumbai", action: "updated" }]);
            assert.strictEqual(gh.issues.length, 1);
            assert.deepStrictEqual(gh.issues[0].comments, ["Still drifting: 2 difference(s) in https://github.com/acme/spot-grid/actions/runs/2"]);
            assert.match(gh.issues[0].body, /runs\/2/);
        });

        it("keeps one issue per stack: another stack's drift opens its own", async () => {
            const gh = new FakeGitHub();
            await trackDrift({ github: gh, context, reportDir: reports({ mumbai: "drift" }), runUrl });
            await trackDrift({ github: gh, context, reportDir: reports({ ohio: "drift", mumbai: "drift" }), runUrl });
            assert.deepStrictEqual(gh.issues.map((i) => i.title).sort(), ["Drift detected in stack mumbai", "Drift detected in stack ohio"]);
        });

        it("closes a stack's issue once the stack is clean, and leaves it open while it cannot be checked", async () => {
            const gh = new FakeGitHub();
            await trackDrift({ github: gh, context, reportDir: reports({ mumbai: "drift", ohio: "drift" }), runUrl });
            const actions = await trackDrift({ github: gh, context, reportDir: reports({ mumbai: "clean", ohio: "failed" }), runUrl });
            assert.deepStrictEqual(actions, [{ stack: "mumbai", action: "closed" }, { stack: "ohio", action: "none" }]);
            assert.deepStrictEqual(gh.issues.map((i) => [i.title, i.state]), [["Drift detected in stack mumbai", "closed"], ["Drift detected in stack ohio", "open"]]);
        });
    });
});

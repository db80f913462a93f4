// One tracking issue per drifting stack, from the reports of `npm run drift`:
// - drift: open the stack's issue, or update its body and comment on it when it is already open;
// - clean: close the stack's open issue with a comment;
// - could not be checked: leave the issue alone (the failed run says so).
// Issues are found by the `drift` label plus a per-stack label, never by guessing from titles alone.
// Called from actions/github-script; tests/workflows drives it with a fake client.
const fs = require("fs");
const path = require("path");

const DRIFT_LABEL = "drift";
const MAX_BODY = 65000;

const stackLabel = (stack) => `drift:${stack}`;
const titleFor = (stack) => `Drift detected in stack ${stack}`;

async function ensureLabel(github, owner, repo, name, color, description) {
    try {
        await github.rest.issues.getLabel({ owner, repo, name });
    } catch (e) {
        if (e.status !== 404) throw e;
        await github.rest.issues.createLabel({ owner, repo, name, color, description });
    }
}

function bodyFor(stack, reportDir, runUrl) {
    const file = path.join(reportDir, `${stack}.md`);
    const report = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : `No report file for ${stack}.`;
    const text = `${report}\n---\nLatest run: ${runUrl} (the \`drift-report\` artifact has the JSON).\n`;
    return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}\n\n… (truncated; see the run's artifact)\n` : text;
}

/**
 * @param {{ github: any, context: any, core?: any, reportDir: string, runUrl: string }} args
 * @returns {Promise<Array<{ stack: string, action: "opened" | "updated" | "closed" | "none" }>>}
 */
module.exports = async function trackDrift({ github, context, core, reportDir, runUrl }) {
    const { owner, repo } = context.repo;
    const summary = JSON.parse(fs.readFileSync(path.join(reportDir, "summary.json"), "utf8"));
    const actions = [];
    for (const s of summary.stacks) {
        const labels = `${DRIFT_LABEL},${stackLabel(s.stack)}`;
        const open = (await github.paginate(github.rest.issues.listForRepo, { owner, repo, state: "open", labels, per_page: 100 }))
            .filter((i) => !i.pull_request)
            .sort((a, b) => a.number - b.number);
        const existing = open[0];
        let action = "none";
        if (s.status === "drift") {
            const body = bodyFor(s.stack, reportDir, runUrl);
            if (existing) {
                await github.rest.issues.update({ owner, repo, issue_number: existing.number, body });
                await github.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: `Still drifting: ${s.differences} difference(s) in ${runUrl}` });
                action = "updated";
            } else {
                await ensureLabel(github, owner, repo, DRIFT_LABEL, "d93f0b", "Cloud resources changed outside Pulumi");
                await ensureLabel(github, owner, repo, stackLabel(s.stack), "fbca04", `Drift in stack ${s.stack}`);
                await github.rest.issues.create({ owner, repo, title: titleFor(s.stack), body, labels: [DRIFT_LABEL, stackLabel(s.stack)] });
                action = "opened";
            }
        } else if (s.status === "clean" && existing) {
            await github.rest.issues.createComment({ owner, repo, issue_number: existing.number, body: `No drift any more as of ${runUrl}; closing.` });
            await github.rest.issues.update({ owner, repo, issue_number: existing.number, state: "closed", state_reason: "completed" });
            action = "closed";
        }
        actions.push({ stack: s.stack, action });
        core?.info?.(`drift issue for ${s.stack}: ${action}`);
    }
    return actions;
};

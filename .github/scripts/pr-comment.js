// Creates or edits ONE comment on the pull request, found by a hidden marker, so re-runs do not
// pile up comments. Called from actions/github-script; tests/workflows drives it with a fake client.

/** GitHub rejects comment bodies over 65536 characters. */
const MAX_BODY = 65000;

/**
 * @param {{ github: any, context: any, marker: string, body: string }} args
 * @returns {Promise<"created" | "updated" | "skipped">}
 */
module.exports = async function upsertComment({ github, context, marker, body }) {
    const issue_number = context.payload.pull_request?.number ?? context.issue?.number;
    if (!issue_number) return "skipped";
    const { owner, repo } = context.repo;
    const tag = `<!-- ${marker} -->`;
    const trimmed = body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n\n… (truncated; the job summary has everything)\n` : body;
    const text = `${tag}\n${trimmed}`;
    const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
    const previous = comments.find((c) => typeof c.body === "string" && c.body.startsWith(tag));
    if (previous) {
        await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body: text });
        return "updated";
    }
    await github.rest.issues.createComment({ owner, repo, issue_number, body: text });
    return "created";
};

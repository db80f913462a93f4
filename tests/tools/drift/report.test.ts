import * as assert from "assert";
import { classifyRun, StackDrift } from "../../../tools/drift/classify";
import { reportFiles, stackReportJson, stackReportMarkdown, summaryJson, summaryMarkdown } from "../../../tools/drift/report";
import { loadRun } from "./recorded-engine";

const AT = "2026-11-22T02:00:00.000Z";

function fixture(file: string, outcome?: { error: string }): StackDrift {
    const run = loadRun(file);
    return classifyRun(run.stack, run.events, outcome ?? { changeSummary: run.result!.changeSummary });
}

describe("drift reports", () => {
    const drifted = fixture("drifted.json");
    const clean = fixture("clean.json");
    const failed = { ...fixture("failed.json", { error: "CommandError: error: preview failed" }), stack: "ohio" };

    it("writes the stack's result as versioned JSON with counts per kind", () => {
        const doc = JSON.parse(stackReportJson(drifted, AT));
        assert.strictEqual(doc.schemaVersion, 1);
        assert.strictEqual(doc.checkedAt, AT);
        assert.strictEqual(doc.status, "drift");
        assert.deepStrictEqual(doc.counts, { deleted: 1, modified: 2, "tags-only": 1 });
        assert.deepStrictEqual(doc.differences[2].properties, [{ path: "versioningConfiguration.status", change: "update", before: "Enabled", after: "Suspended" }]);
    });

    it("renders each difference as a table row and each property with state and cloud values", () => {
        const md = stackReportMarkdown(drifted, AT);
        assert.match(md, /^# Drift: mumbai\n\n\*\*drift\*\*: 4 differences \(1 deleted out of band, 2 changed out of band, 1 tags changed out of band\) in 106 resources/);
        assert.ok(md.includes("| deleted out of band | `mumbai-autoscaling` | `aws:ec2/vpcEndpoint:VpcEndpoint` |  |"), md);
        assert.ok(md.includes('| `egress[2].cidrBlocks[0]` | update | `"172.16.0.0/12"` | `"0.0.0.0/0"` |'), md);
        assert.ok(md.includes('| `versioningConfiguration.status` | update | `"Enabled"` | `"Suspended"` |'), md);
        assert.ok(md.includes('| `tags["console-edit"]` | add |  | `"by-hand"` |'), md);
        assert.ok(md.includes("`pulumi up --stack mumbai`"), md);
    });

    it("keeps table rows intact when a value holds a pipe", () => {
        const piped: StackDrift = {
            ...drifted,
            differences: [{ ...drifted.differences[1], properties: [{ path: "userData", change: "update", before: "a|b", after: "c" }] }],
        };
        assert.ok(stackReportMarkdown(piped, AT).includes('| `userData` | update | `"a\\|b"` | `"c"` |'));
    });

    it("says a failed stack could not be checked, lists its errors and how to retry", () => {
        const md = stackReportMarkdown(failed, AT);
        assert.match(md, /\*\*could not be checked\*\*/);
        assert.match(md, /## Errors\n\n- CommandError: error: preview failed\n/);
        assert.ok(md.includes("`npm run drift -- --stack ohio`"));
    });

    it("summarises every stack with its status, in run order, with the exit code", () => {
        const results = [clean, failed, drifted];
        const doc = JSON.parse(summaryJson(results, 2, AT));
        assert.strictEqual(doc.exitCode, 2);
        assert.deepStrictEqual(doc.stacks.map((s: { stack: string; status: string; differences: number }) => [s.stack, s.status, s.differences]), [
            ["hyderabad", "clean", 0],
            ["ohio", "failed", 0],
            ["mumbai", "drift", 4],
        ]);
        const md = summaryMarkdown(results, 2, AT);
        assert.ok(md.includes("| hyderabad | clean | 96 | no differences |"), md);
        assert.ok(md.includes("| ohio | could not be checked | 95 | CommandError: error: preview failed |"), md);
    });

    it("names one JSON and one Markdown file per stack plus the summary pair", () => {
        assert.deepStrictEqual([...reportFiles([clean, drifted], 1, AT).keys()], ["hyderabad.json", "hyderabad.md", "mumbai.json", "mumbai.md", "summary.json", "summary.md"]);
    });
});

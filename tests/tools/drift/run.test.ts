import * as assert from "assert";
import type { StackDrift } from "../../../tools/drift/classify";
import { checkStacks, engineErrorLine, exitCodeFor, ProgressSink } from "../../../tools/drift/run";
import { recordedRunJson } from "../../../tools/drift/engine";
import { loadRun, RecordedEngine, RecordedRun } from "./recorded-engine";

const quiet: ProgressSink = { start: () => undefined, event: () => undefined, finish: () => undefined };

function drift(status: StackDrift["status"]): StackDrift {
    return { stack: status, status, resourcesChecked: 1, changeSummary: {}, differences: [], errors: [] };
}

describe("drift runner", () => {
    it("checks every stack even when one fails mid-run, in the order given", async () => {
        const engine = new RecordedEngine({
            hyderabad: loadRun("clean.json"),
            ohio: loadRun("failed.json", "ohio"),
            mumbai: loadRun("drifted.json"),
        });
        const results = await checkStacks(["hyderabad", "ohio", "mumbai"], engine, quiet);
        assert.deepStrictEqual(engine.calls, ["hyderabad", "ohio", "mumbai"]);
        assert.deepStrictEqual(results.map((r) => `${r.stack}:${r.status}`), ["hyderabad:clean", "ohio:failed", "mumbai:drift"]);
        assert.match(results[1].errors[0], /^CommandError: error: Preview failed: reading aws:kms\/key:Key \(.*StatusCode: 403, api error AccessDenied/);
        assert.strictEqual(results[2].differences.length, 4);
    });

    it("tells the display when each stack starts and finishes, and passes the events on", async () => {
        const log: string[] = [];
        let events = 0;
        const sink: ProgressSink = {
            start: (s, i, n) => log.push(`start ${s} ${i + 1}/${n}`),
            event: () => void events++,
            finish: (r) => log.push(`finish ${r.stack} ${r.status}`),
        };
        await checkStacks(["ohio"], new RecordedEngine({ ohio: loadRun("failed.json", "ohio") }), sink);
        assert.deepStrictEqual(log, ["start ohio 1/1", "finish ohio failed"]);
        assert.strictEqual(events, loadRun("failed.json").events.length);
    });

    it("hands each stack's raw run to the recorder: events, then the result or the error", async () => {
        const recorded: RecordedRun[] = [];
        await checkStacks(["hyderabad", "ohio"], new RecordedEngine({ hyderabad: loadRun("clean.json"), ohio: loadRun("failed.json", "ohio") }), quiet, (r) => recorded.push(r));
        assert.deepStrictEqual(recorded.map((r) => [r.stack, r.events.length, r.result?.changeSummary, r.error?.name]), [
            ["hyderabad", loadRun("clean.json").events.length, { same: 96 }, undefined],
            ["ohio", loadRun("failed.json").events.length, undefined, "CommandError"],
        ]);
        // What --record writes reads back as the same run (the fixture format).
        const again = JSON.parse(recordedRunJson(recorded[1])) as RecordedRun;
        assert.deepStrictEqual(again, JSON.parse(JSON.stringify(recorded[1])));
    });

    it("turns an engine that fails before any event (stack not found) into a failed result", async () => {
        const run = { stack: "ohio", events: [], error: { name: "StackNotFoundError", message: "code: 255", commandResult: { code: 255, stdout: "", stderr: "error: no stack named 'ohio' found\n" } } };
        const [result] = await checkStacks(["ohio"], new RecordedEngine({ ohio: run }), quiet);
        assert.strictEqual(result.status, "failed");
        assert.deepStrictEqual(result.errors, ["StackNotFoundError: error: no stack named 'ohio' found"]);
    });

    it("reduces any thrown value to one line", () => {
        assert.strictEqual(engineErrorLine(new Error("spawn pulumi ENOENT\n    at stack")), "spawn pulumi ENOENT");
        assert.strictEqual(engineErrorLine("plain"), "plain");
    });

    describe("exit code", () => {
        const table: [StackDrift["status"][], number][] = [
            [["clean", "clean"], 0],
            [["clean", "drift"], 1],
            [["failed", "clean"], 2],
            [["drift", "failed", "clean"], 2],
            [[], 0],
        ];
        for (const [statuses, code] of table) {
            it(`is ${code} for [${statuses.join(", ")}]`, () => assert.strictEqual(exitCodeFor(statuses.map(drift)), code));
        }
    });
});

/** Replays recorded engine runs (tests/fixtures/drift) through the DriftEngine interface. */
import * as fs from "fs";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { DriftEngine, RecordedRun, RefreshPreviewResult } from "../../../tools/drift/engine";

export type { RecordedRun };

export const FIXTURES = path.join(__dirname, "..", "..", "fixtures", "drift");

export function loadRun(file: string, stack?: string): RecordedRun {
    const run = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")) as RecordedRun;
    if (!stack || stack === run.stack) return run;
    // Same recording under another stack's name, so mixed runs can use any fixture for any stack.
    return JSON.parse(JSON.stringify(run).split(`:${run.stack}::`).join(`:${stack}::`).split(`${run.stack}-`).join(`${stack}-`)) as RecordedRun;
}

/** Error as the Automation API throws it: a CommandError carrying the CLI's result. */
export function recordedError(recorded: NonNullable<RecordedRun["error"]>): Error {
    const e = new Error(recorded.message) as Error & { commandResult?: unknown };
    e.name = recorded.name;
    if (recorded.commandResult) e.commandResult = recorded.commandResult;
    return e;
}

export class RecordedEngine implements DriftEngine {
    readonly calls: string[] = [];
    constructor(private readonly runs: Record<string, RecordedRun>) {}

    async refreshPreview(stack: string, onEvent: (event: EngineEvent) => void): Promise<RefreshPreviewResult> {
        this.calls.push(stack);
        const run = this.runs[stack];
        if (!run) throw new Error(`test setup: no recorded run for ${stack}`);
        for (const event of run.events) onEvent(event);
        if (run.error) throw recordedError(run.error);
        return run.result!;
    }
}

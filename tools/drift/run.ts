/** Checks stacks one after another; an engine failure becomes that stack's result, never an abort. */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { classifyRun, EngineOutcome, StackDrift } from "./classify";
import { DriftEngine, recordError, RecordedRun } from "./engine";

/** What the runner tells the display. */
export interface ProgressSink {
    start(stack: string, index: number, total: number): void;
    event(stack: string, event: EngineEvent): void;
    finish(result: StackDrift): void;
}

/** One line from whatever the engine threw: the CLI's `error:` line when there is one. */
export function engineErrorLine(e: unknown): string {
    const err = e as { name?: string; message?: string; commandResult?: { stderr?: string } };
    const stderr = err?.commandResult?.stderr ?? "";
    const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
    const line = lines.find((l) => l.startsWith("error:")) ?? lines[0] ?? String(err?.message ?? e).split("\n")[0].trim();
    const name = err?.name && err.name !== "Error" ? `${err.name}: ` : "";
    return `${name}${line || "the engine failed without a message"}`;
}

/**
 * Refresh-previews each stack in the given order and classifies the result. `record` receives each
 * stack's raw run (events and result or error), for `--record`.
 */
export async function checkStacks(stacks: readonly string[], engine: DriftEngine, progress: ProgressSink, record?: (run: RecordedRun) => void): Promise<StackDrift[]> {
    const results: StackDrift[] = [];
    for (const [i, stack] of stacks.entries()) {
        progress.start(stack, i, stacks.length);
        const events: EngineEvent[] = [];
        let outcome: EngineOutcome;
        try {
            const result = await engine.refreshPreview(stack, (event) => {
                events.push(event);
                progress.event(stack, event);
            });
            outcome = { changeSummary: result.changeSummary ?? {} };
            record?.({ stack, events, result: { changeSummary: result.changeSummary ?? {} } });
        } catch (e) {
            outcome = { error: engineErrorLine(e) };
            record?.({ stack, events, error: recordError(e) });
        }
        const drift = classifyRun(stack, events, outcome);
        progress.finish(drift);
        results.push(drift);
    }
    return results;
}

/**
 * 0 every stack clean; 1 drift found and every stack checked; 2 at least one stack could not be
 * checked. 2 wins over 1: a scheduler must learn that a stack went unchecked even on a night when
 * others drifted (the reports still list that drift).
 */
export function exitCodeFor(results: readonly StackDrift[]): 0 | 1 | 2 {
    if (results.some((r) => r.status === "failed")) return 2;
    if (results.some((r) => r.status === "drift")) return 1;
    return 0;
}

/**
 * The Pulumi engine behind a small interface, so the drift logic is tested with recorded engine
 * output and only this file talks to the Automation API (and through it, the Pulumi CLI).
 */
import type { EngineEvent, OpMap, PreviewResult } from "@pulumi/pulumi/automation";

/** What a refresh preview gives back when it completes; the events arrive through `onEvent`. */
export type RefreshPreviewResult = Pick<PreviewResult, "changeSummary"> & Partial<Pick<PreviewResult, "stdout" | "stderr">>;

/**
 * One stack's engine run as it happened: the events in order, then the result or the error. What
 * `npm run drift -- --record DIR` writes, and what the unit tests replay (tests/fixtures/drift).
 */
export interface RecordedRun {
    description?: string;
    stack: string;
    events: EngineEvent[];
    result?: RefreshPreviewResult & { changeSummary: OpMap };
    error?: { name: string; message: string; commandResult?: { code: number; stdout: string; stderr: string } };
}

/** An engine error as it can be written down and thrown again (the Automation API's CommandError). */
export function recordError(e: unknown): NonNullable<RecordedRun["error"]> {
    const err = e as { name?: string; message?: string; commandResult?: { code?: number; stdout?: string; stderr?: string } };
    const cr = err?.commandResult;
    return {
        name: err?.name ?? "Error",
        message: String(err?.message ?? e),
        ...(cr ? { commandResult: { code: cr.code ?? -1, stdout: cr.stdout ?? "", stderr: cr.stderr ?? "" } } : {}),
    };
}

/** A recorded run as JSON: one event per line, so a fixture diffs event by event. */
export function recordedRunJson(run: RecordedRun): string {
    const { events, ...rest } = run;
    const head = JSON.stringify(rest, null, 2).replace(/\n}$/, "");
    return `${head},\n  "events": [\n${events.map((e) => `    ${JSON.stringify(e)}`).join(",\n")}\n  ]\n}\n`;
}

export interface DriftEngine {
    /**
     * Compares one stack's recorded state with the cloud without writing state. Calls `onEvent` for
     * every engine event in order; rejects (after some events, possibly) when the engine fails.
     */
    refreshPreview(stack: string, onEvent: (event: EngineEvent) => void): Promise<RefreshPreviewResult>;
}

/**
 * The real engine: `pulumi refresh --preview-only` through `Stack.previewRefresh()`.
 *
 * Why this call: it is the non-deprecated form of `refresh({ previewOnly: true })` in 3.248, it
 * writes no state, and it compares state with the cloud only (the program is not run), so a change
 * merged on main but not yet deployed is not mistaken for drift. This is also what Pulumi Cloud's
 * own drift detection runs. `preview({ refresh: true })` would instead mix code changes into the
 * result. Refresh steps carry the old and new resource state, from which classify.ts derives the
 * property paths (previewRefresh has no `diff` option).
 */
export class AutomationDriftEngine implements DriftEngine {
    constructor(private readonly projectDir: string) {}

    async refreshPreview(stack: string, onEvent: (event: EngineEvent) => void): Promise<RefreshPreviewResult> {
        // Loaded lazily: the automation module is heavy and tests never need it.
        const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
        const selected = await LocalWorkspace.selectStack({ stackName: stack, workDir: this.projectDir });
        return selected.previewRefresh({ onEvent, color: "never", suppressProgress: true });
    }
}

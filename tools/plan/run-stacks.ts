/**
 * Plans stacks with the offline engine, all in this process, one after another in deploy order: a
 * stack's replication peers are planned (or read from their existing exports) before it, and
 * their outputs answer its StackReferences. One process for every stack: the SDK, the AWS
 * package and the components load once (see tools/offline/run-stack.ts).
 */
import * as path from "path";
import { deployOrder, readStackFile, StackConfig } from "../../infra/config";
import type { StackExport } from "../../policies/lib/stack-export";
import { stackOutputsOf } from "../offline/export";
import { evaluateStack, StackRunError } from "../offline/run-stack";

export { StackRunError };

export interface PlannedStack {
    stack: string;
    region: string;
    doc: StackExport;
    /** Wall-clock milliseconds to evaluate this stack. */
    millis: number;
}

/** What the runner tells a watcher; `count` is resources registered so far. */
export interface PlanProgress {
    start?: (stack: StackConfig) => void;
    count?: (stack: StackConfig, count: number) => void;
    done?: (stack: StackConfig, planned: PlannedStack) => void;
}

export interface RunOptions {
    stacksDir: string;
    /** Manifest time in exports. */
    time?: string;
    /** Outputs of stacks that are not planned here (read from earlier exports), by stack name. */
    knownOutputs?: Record<string, Record<string, unknown>>;
    progress?: PlanProgress;
    /**
     * Plan each stack as `pulumi preview` of it, new, would (values the provider computes are
     * unknown), its peers deployed: a stack's StackReferences then read `knownOutputs` (a peer's
     * preview has no outputs to read), so every peer must be there. @default false
     */
    preview?: boolean;
    /** Program directory to evaluate. @default the project's infra/ */
    program?: string;
}

/**
 * Plans `stacks` (which must include every peer they replicate to, unless its outputs are in
 * `knownOutputs`) and returns their exports in deploy order.
 */
export async function runStacks(stacks: readonly StackConfig[], opts: RunOptions): Promise<PlannedStack[]> {
    const outputs: Record<string, Record<string, unknown>> = { ...opts.knownOutputs };
    const planned: PlannedStack[] = [];
    const progress = opts.progress ?? {};
    for (const s of deployOrder(stacks)) {
        progress.start?.(s);
        const started = Date.now();
        const { raw } = readStackFile(path.join(opts.stacksDir, s.file));
        const doc = await evaluateStack(
            {
                stack: s.stack, region: s.region, config: raw, stacksDir: opts.stacksDir,
                stackOutputs: Object.fromEntries(s.storage.replicateTo.filter((p) => outputs[p]).map((p) => [p, outputs[p]])),
                time: opts.time,
                preview: opts.preview,
                program: opts.program,
            },
            { onCount: progress.count && ((n) => progress.count!(s, n)) },
        );
        const result = { stack: s.stack, region: s.region, doc, millis: Date.now() - started };
        if (!opts.preview) outputs[s.stack] = stackOutputsOf(doc);
        planned.push(result);
        progress.done?.(s, result);
    }
    return planned;
}

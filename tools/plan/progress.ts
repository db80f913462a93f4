/**
 * What `npm run plan` shows while it works, on stderr (stdout keeps the report, or the JSON): a
 * line per stack as it starts and its resource count as it grows. On a terminal, a progress bar
 * (cli-progress) over the stacks with the running count; elsewhere (CI logs, pipes) plain lines.
 */
import { MultiBar, Presets, SingleBar } from "cli-progress";
import type { StackConfig } from "../../infra/config";
import type { PlannedStack, PlanProgress } from "./run-stacks";

export interface ProgressReporter extends PlanProgress {
    /** A line for the user (a peer read from an export, a peer planned first). */
    note(line: string): void;
    /** Ends the display (the bar is cleared from the terminal). */
    stop(): void;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Plain lines: one when a stack starts, one per `everyMs` while its count grows, one when done. */
export function plainProgress(write: (line: string) => void, everyMs = 1000, now: () => number = Date.now): ProgressReporter {
    let last = 0;
    return {
        note: (line) => write(line),
        start: (s: StackConfig) => {
            last = now();
            write(`Planning ${s.stack} (${s.region})...`);
        },
        count: (s: StackConfig, n: number) => {
            if (now() - last < everyMs) return;
            last = now();
            write(`    ${s.stack}: ${n} resources so far`);
        },
        done: (s: StackConfig, p: PlannedStack) => write(`    ${s.stack}: ${p.doc.deployment.resources.length} resources in ${seconds(p.millis)}`),
        stop: () => undefined,
    };
}

/** A progress bar over the stacks, the current stack's count beside it, and a line per finished stack. */
export function terminalProgress(stream: NodeJS.WriteStream, total: number): ProgressReporter {
    const bars = new MultiBar(
        {
            stream,
            format: "Planning {bar} {value}/{total} stacks | {stack}: {resources} resources",
            hideCursor: true,
            clearOnComplete: true,
            barsize: 24,
            fps: 10,
        },
        Presets.shades_classic,
    );
    let bar: SingleBar | undefined;
    let stopped = false;
    const ensure = (): SingleBar => (bar ??= bars.create(total, 0, { stack: "", resources: 0 }));
    return {
        note: (line) => {
            ensure();
            bars.log(`${line}\n`);
        },
        start: (s: StackConfig) => ensure().update({ stack: `${s.stack} (${s.region})`, resources: 0 }),
        count: (_s: StackConfig, n: number) => ensure().update({ resources: n }),
        done: (s: StackConfig, p: PlannedStack) => {
            bars.log(`${s.stack}: ${p.doc.deployment.resources.length} resources in ${seconds(p.millis)}\n`);
            ensure().increment(1, { resources: p.doc.deployment.resources.length });
            bars.update(); // draw now: logged lines wait for the next redraw, and stop() drops them
        },
        stop: () => {
            if (!stopped) {
                if (bar) bars.update();
                bars.stop();
            }
            stopped = true;
        },
    };
}

/** The progress display for `stream`: a bar on an interactive terminal (not in CI), else plain lines. */
export function progressFor(stream: NodeJS.WriteStream, total: number, env: NodeJS.ProcessEnv = process.env): ProgressReporter {
    if (stream.isTTY && !env.CI) return terminalProgress(stream, total);
    return plainProgress((line) => stream.write(`${line}\n`));
}

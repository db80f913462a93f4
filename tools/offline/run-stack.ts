/**
 * Evaluates the real program (infra/) for one stack under the offline engine and returns its
 * `pulumi stack export` document, in this process. Stacks run one after another in one process:
 * the SDK, the AWS package and the components load once; only the program's own modules are
 * dropped from Node's module cache and the mock runtime is installed afresh for each stack (the
 * Pulumi runtime is process-global, so never two stacks at once).
 *
 * Also a command (internal, for debugging one stack alone): run-stack.ts <request JSON>
 * Exit codes: 0 written, 2 config error (one line on stderr), 3 program error.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { StackExport } from "../../policies/lib/stack-export";
import { installOfflineEngine } from "./engine";
import { buildStackExport } from "./export";

export interface StackRequest {
    stack: string;
    region: string;
    /** Raw `config:` map of the stack file. */
    config: Record<string, unknown>;
    /** Directory with the stack files (the program validates the set from there). */
    stacksDir: string;
    /** Peer stacks' outputs, by stack name, for StackReferences. */
    stackOutputs: Record<string, Record<string, unknown>>;
    /** Manifest time, for reproducible files. */
    time?: string;
    /** Program directory to evaluate. @default the project's infra/ */
    program?: string;
    /**
     * Plan as `pulumi preview` of this stack, new, would (tools/offline/engine.ts): values the
     * provider computes are unknown. Its peers (`stackOutputs`) are deployed stacks. @default false
     */
    preview?: boolean;
}

export interface RunStackRequest extends StackRequest {
    /** Where to write the export. */
    out: string;
}

/** A stack failed to evaluate: config the program rejected (code 2) or a program error (code 3). */
export class StackRunError extends Error {
    constructor(readonly stack: string, readonly code: 2 | 3, message: string) {
        super(message);
    }
}

/** Config as the engine hands it to a program: every value a string, structured ones as JSON. */
export function engineConfig(raw: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

const PROGRAM = path.resolve(__dirname, "../../infra");

/** Drops the program's own modules (not node_modules) from the module cache, so requiring it runs it again. */
function forgetProgram(dir: string): void {
    const prefix = dir + path.sep;
    for (const file of Object.keys(require.cache)) {
        if (file.startsWith(prefix) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[file];
    }
}

/**
 * Runs `fn` with V8's stack capture off (Error.stackTraceLimit 0), then restores it. The SDK
 * records a stack trace for every promise it makes (runtime/debuggable.ts: for its report of
 * promises still pending at exit), a few per resource property: a third of a plan's time, for a
 * report the offline engine never prints. Resource source positions are unaffected (the SDK
 * lifts the limit itself to read them). Program errors raised meanwhile carry no frames, so a
 * failed stack is planned again with stacks on for its message (see evaluateStack).
 */
export async function withoutDebugStacks<T>(fn: () => Promise<T>): Promise<T> {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return await fn();
    } finally {
        Error.stackTraceLimit = limit;
    }
}

export interface StackProgress {
    /** Resources registered so far (called as the count grows, at most every `everyMs`). */
    onCount?: (count: number) => void;
    everyMs?: number;
}

/** Plans one stack in this process and returns its export. */
export async function evaluateStack(req: StackRequest, progress: StackProgress = {}): Promise<StackExport> {
    try {
        return await withoutDebugStacks(() => planStack(req, progress));
    } catch (e) {
        if (!(e instanceof StackRunError) || e.code !== 3) throw e;
        // A program error: plan it again with stack traces on, so its message says where.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = Math.max(limit, 10);
        try {
            await planStack(req, {});
        } catch (again) {
            if (again instanceof StackRunError) throw again;
        } finally {
            Error.stackTraceLimit = limit;
        }
        throw e;
    }
}

async function planStack(req: StackRequest, progress: StackProgress): Promise<StackExport> {
    const program = path.resolve(req.program ?? PROGRAM);
    const stacksDir = process.env.SPOT_GRID_STACKS_DIR;
    forgetProgram(program);
    pulumi.runtime.setAllConfig(engineConfig(req.config));
    process.env.SPOT_GRID_STACKS_DIR = req.stacksDir;
    const engine = await installOfflineEngine({ stack: req.stack, region: req.region, stackOutputs: req.stackOutputs, preview: req.preview });
    let reported = -1;
    const report = (): void => {
        const n = engine.resources().length;
        if (n !== reported) progress.onCount?.((reported = n));
    };
    const timer = progress.onCount ? setInterval(report, progress.everyMs ?? 100) : undefined;
    // A failure the program does not await (an apply that throws, a rejected registration) fails
    // the stack, as the engine would fail the update; so does an error the SDK logged.
    // Such a failure can also leave the stack's outputs waiting forever: it ends the run at once.
    let onStray: (e: unknown) => void = () => undefined;
    const strayFailure = new Promise<never>((_, reject) => (onStray = reject));
    strayFailure.catch(() => undefined);
    process.on("unhandledRejection", onStray);
    const loggedBefore = pulumi.log.hasErrors();
    const run = (async () => {
        await pulumi.runtime.runInPulumiStack(async () => require(program));
        await engine.settle();
    })();
    try {
        await Promise.race([run, strayFailure]).catch(async (e: unknown) => {
            // Let what the failed program still has in flight finish against this stack's mocks
            // (briefly: it may wait forever), not the next stack's.
            await Promise.race([run.catch(() => undefined), new Promise((r) => setTimeout(r, 250))]);
            throw e;
        });
        if (!loggedBefore && pulumi.log.hasErrors()) throw new Error("the program logged an error (above); the engine would fail this update");
        report();
        return buildStackExport(engine.resources(), { time: req.time });
    } catch (e) {
        if (pulumi.RunError.isInstance(e)) throw new StackRunError(req.stack, 2, (e as Error).message);
        throw new StackRunError(req.stack, 3, `stack ${req.stack}: program failed:\n${(e as Error)?.stack ?? String(e)}`);
    } finally {
        process.off("unhandledRejection", onStray);
        if (timer) clearInterval(timer);
        if (stacksDir === undefined) delete process.env.SPOT_GRID_STACKS_DIR;
        else process.env.SPOT_GRID_STACKS_DIR = stacksDir;
        forgetProgram(program);
    }
}

/** Plans one stack and writes its export to `req.out` (nothing written on failure). */
export async function runStack(req: RunStackRequest): Promise<void> {
    const doc = await evaluateStack(req);
    fs.mkdirSync(path.dirname(req.out), { recursive: true });
    fs.writeFileSync(req.out, JSON.stringify(doc, null, 2) + "\n");
}

if (require.main === module) {
    const fail = (e: unknown): never => {
        const code = e instanceof StackRunError ? e.code : 3;
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(code);
    };
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    runStack(JSON.parse(process.argv[2]) as RunStackRequest).catch(fail);
}

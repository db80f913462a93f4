/**
 * Evaluates stacks with the offline engine, each in its own process (the program module is cached
 * per process), wave by wave in deploy order: a stack's replication peers are planned before it
 * and their outputs answer its StackReferences. Stacks of one wave run side by side.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployWaves, readStackFile, StackConfig } from "../../infra/config";
import { parseStackExport, StackExport } from "../../policies/lib/stack-export";
import { stackOutputsOf } from "../offline/export";
import type { RunStackRequest } from "../offline/run-stack";

const RUNNER = path.resolve(__dirname, "../offline/run-stack.ts");

export interface PlannedStack {
    stack: string;
    region: string;
    doc: StackExport;
    /** Wall-clock milliseconds to evaluate this stack (process start to export written). */
    millis: number;
}

/** A stack failed to evaluate: config the program rejected (code 2) or a program error (code 3). */
export class StackRunError extends Error {
    constructor(readonly stack: string, readonly code: number, message: string) {
        super(message);
    }
}

function runOne(req: RunStackRequest): Promise<number> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", RUNNER, JSON.stringify(req)], {
            cwd: path.resolve(__dirname, "../.."),
            env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        child.stdout.on("data", () => undefined);
        child.on("error", reject);
        child.on("close", (code) => {
            if (code === 0) return resolve(Date.now() - started);
            const message = code === 2 ? stderr.trim().split("\n")[0] : `stack ${req.stack}: program failed:\n${stderr.trim()}`;
            reject(new StackRunError(req.stack, code ?? 3, message));
        });
    });
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
    const results: T[] = new Array(tasks.length);
    let next = 0;
    const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
        while (next < tasks.length) {
            const i = next++;
            results[i] = await tasks[i]();
        }
    });
    await Promise.all(workers);
    return results;
}

export interface RunOptions {
    stacksDir: string;
    /** Processes side by side. @default number of CPUs (2 on CI) */
    parallel?: number;
    /** Manifest time in exports. */
    time?: string;
}

/** Plans `stacks` (which must include every peer they replicate to) and returns their exports in deploy order. */
export async function runStacks(stacks: readonly StackConfig[], opts: RunOptions): Promise<PlannedStack[]> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-plan-"));
    const outputs: Record<string, Record<string, unknown>> = {};
    const planned: PlannedStack[] = [];
    try {
        for (const wave of deployWaves(stacks)) {
            const results = await pool(
                wave.map((s) => async () => {
                    const out = path.join(work, `${s.stack}.json`);
                    const { raw } = readStackFile(path.join(opts.stacksDir, s.file));
                    const millis = await runOne({
                        stack: s.stack, region: s.region, config: raw, stacksDir: opts.stacksDir,
                        stackOutputs: Object.fromEntries(s.storage.replicateTo.map((p) => [p, outputs[p]])),
                        out, time: opts.time,
                    });
                    const doc = parseStackExport(fs.readFileSync(out, "utf8"), out);
                    return { stack: s.stack, region: s.region, doc, millis };
                }),
                opts.parallel ?? Math.max(1, os.cpus().length),
            );
            for (const r of results) {
                outputs[r.stack] = stackOutputsOf(r.doc);
                planned.push(r);
            }
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
    return planned;
}

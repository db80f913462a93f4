/**
 * The real plan exports, planned once per mocha run: `npm run plan`'s own entry point
 * (tools/plan/main.ts) writes every region stack's `pulumi stack export` document into a temp
 * directory, and every suite that needs the project's plan (policy conformance, mutation, the
 * diagram) shares the one run. Never plan the project's stacks again in a test: take them from
 * here (copyOf before mutating). Call from a `before()`; the first call takes a few seconds.
 * Under `npm test`'s two workers, the first process to need the plan makes it in the run's shared
 * folder (./run-dir) and the other waits for its exports.
 *
 * {@link previewExports} are the same stacks as `pulumi preview` of each, new, sees them (values
 * the provider computes unknown: tools/offline/engine.ts), peers deployed: a stack's
 * StackReferences read the outputs of its peers' plans above, as a region's first preview reads
 * the replicas deployed in the wave before it. Planned once per process too (about a second).
 */
import * as fs from "fs";
import * as path from "path";
import { loadStackSet } from "../../infra/config";
import { main, PROJECT_ROOT } from "../../tools/plan/main";
import { runStacks } from "../../tools/plan/run-stacks";
import { stackOutputsOf } from "../../tools/offline/export";
import { parseStackExport, StackExport } from "../../policies/lib/stack-export";
import { runDir } from "./run-dir";
import { tempDir } from "./temp";

export interface PlanExports {
    /** Where the plan wrote `<stack>.json`. */
    readonly dir: string;
    /** Stack names in the order the plan reported them (deploy order). */
    readonly stacks: string[];
    readonly exports: Readonly<Record<string, StackExport>>;
    /** The plan's own exit code: 0 clean, 1 mandatory violations (still a usable plan). */
    readonly exitCode: number;
}

let cached: Promise<PlanExports> | undefined;

/** What the planning process leaves beside the exports when it is done (the plan's report). */
interface Done {
    stacks: string[];
    exitCode: number;
}
const DONE = "done.json";
const FAILED = "failed.txt";
const WAIT_MS = 180_000;

/** `npm run plan -- --out DIR --format json`, in-process. */
async function planInto(dir: string): Promise<Done> {
    const out: string[] = [];
    const err: string[] = [];
    const exitCode = await main(["--out", dir, "--format", "json"], { out: (l) => out.push(l), err: (l) => err.push(l) });
    if (exitCode !== 0 && exitCode !== 1) {
        throw new Error(`npm run plan failed (exit ${exitCode}), so there are no exports to test:\n${err.join("\n")}`);
    }
    const report = JSON.parse(out.join("\n")) as { stacks: { stack: string }[] };
    return { stacks: report.stacks.map((s) => s.stack), exitCode };
}

function read(dir: string, done: Done): PlanExports {
    const exports: Record<string, StackExport> = {};
    for (const s of done.stacks) {
        const file = path.join(dir, `${s}.json`);
        exports[s] = parseStackExport(fs.readFileSync(file, "utf8"), file);
    }
    return { dir, ...done, exports };
}

/** Writes `file` whole or not at all: a waiting process never reads half of it. */
function writeAtomically(file: string, text: string): void {
    fs.writeFileSync(`${file}.${process.pid}.tmp`, text);
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
}

/** Waits for another process of the run to finish planning into `dir`. */
async function planOf(dir: string): Promise<PlanExports> {
    for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        if (fs.existsSync(path.join(dir, FAILED))) throw new Error(`the plan failed in another test process of this run:\n${fs.readFileSync(path.join(dir, FAILED), "utf8")}`);
        if (fs.existsSync(path.join(dir, DONE))) return read(dir, JSON.parse(fs.readFileSync(path.join(dir, DONE), "utf8")) as Done);
    }
    throw new Error(`no plan in ${dir} after ${WAIT_MS / 1000} s: the test process planning it died or hangs`);
}

async function plan(): Promise<PlanExports> {
    const shared = runDir();
    if (shared) return planInRun(shared);
    const dir = tempDir("spot-grid-plan-exports-");
    return read(dir, await planInto(dir));
}

/**
 * The plan in the run's shared folder: made here if this process is the first to ask (it plans
 * into `<shared>/plan` and leaves the report beside the exports), else read from there once the
 * process that plans is done (or failed: its error, here too).
 */
export async function planInRun(shared: string): Promise<PlanExports> {
    const dir = path.join(shared, "plan");
    try {
        fs.mkdirSync(dir); // the first process of the run to get here plans
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") return planOf(dir);
        throw e;
    }
    try {
        const done = await planInto(dir);
        writeAtomically(path.join(dir, DONE), JSON.stringify(done));
        return read(dir, done);
    } catch (e) {
        writeAtomically(path.join(dir, FAILED), e instanceof Error ? e.message : String(e));
        throw e;
    }
}

/** Plans every region stack once per run and returns the exports (shared, do not mutate). */
export function planExports(): Promise<PlanExports> {
    cached ??= plan();
    return cached;
}

/** A deep copy of one stack's export, safe to mutate. */
export function copyOf(doc: StackExport): StackExport {
    return copyData(doc) as StackExport;
}

/**
 * A deep copy of plain data (objects, arrays, primitives), which is all an export holds. About five
 * times faster than structuredClone on a plan, which matters: the suites copy the plans hundreds of times.
 */
function copyData(v: unknown): unknown {
    if (v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) return v.map(copyData);
    const o: Record<string, unknown> = {};
    for (const k in v) o[k] = copyData((v as Record<string, unknown>)[k]); // own keys only: parsed JSON has no inherited ones
    return o;
}

export interface PreviewExports {
    /** Stack names in deploy order. */
    readonly stacks: string[];
    readonly exports: Readonly<Record<string, StackExport>>;
}

let cachedPreview: Promise<PreviewExports> | undefined;

async function planPreviews(): Promise<PreviewExports> {
    const plan = await planExports();
    const knownOutputs = Object.fromEntries(plan.stacks.map((s) => [s, stackOutputsOf(plan.exports[s])]));
    const planned = await runStacks(loadStackSet(PROJECT_ROOT), { stacksDir: PROJECT_ROOT, time: "2026-01-01T00:00:00.000Z", knownOutputs, preview: true });
    return { stacks: planned.map((p) => p.stack), exports: Object.fromEntries(planned.map((p) => [p.stack, p.doc])) };
}

/** Every region stack planned as its first `pulumi preview` (shared, do not mutate). */
export function previewExports(): Promise<PreviewExports> {
    cachedPreview ??= planPreviews();
    return cachedPreview;
}

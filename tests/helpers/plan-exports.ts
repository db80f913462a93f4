/**
 * The real plan exports, planned once per mocha process: `npm run plan`'s own entry point
 * (tools/plan/main.ts) writes every region stack's `pulumi stack export` document into a temp
 * directory, and every suite that needs the project's plan (policy conformance, mutation, the
 * diagram) shares the one run. Never plan the project's stacks again in a test: take them from
 * here (copyOf before mutating). Call from a `before()`; the first call takes a few seconds.
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

async function plan(): Promise<PlanExports> {
    const dir = tempDir("spot-grid-plan-exports-");
    const out: string[] = [];
    const err: string[] = [];
    const exitCode = await main(["--out", dir, "--format", "json"], { out: (l) => out.push(l), err: (l) => err.push(l) });
    if (exitCode !== 0 && exitCode !== 1) {
        throw new Error(`npm run plan failed (exit ${exitCode}), so there are no exports to test:\n${err.join("\n")}`);
    }
    const report = JSON.parse(out.join("\n")) as { stacks: { stack: string }[] };
    const stacks = report.stacks.map((s) => s.stack);
    const exports: Record<string, StackExport> = {};
    for (const s of stacks) {
        const file = path.join(dir, `${s}.json`);
        exports[s] = parseStackExport(fs.readFileSync(file, "utf8"), file);
    }
    return { dir, stacks, exports, exitCode };
}

/** Plans every region stack once per process and returns the exports (shared, do not mutate). */
export function planExports(): Promise<PlanExports> {
    cached ??= plan();
    return cached;
}

/** A deep copy of one stack's export, safe to mutate. */
export function copyOf(doc: StackExport): StackExport {
    return structuredClone(doc);
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

/**
 * `npm run plan -- [--stack NAME ...] [--out DIR] [--format text|json]`: plans region stacks
 * offline, prints each resource tree and its outputs as `pulumi preview` would, writes
 * `DIR/<stack>.json` in the `pulumi stack export` shape, runs the policy packs over each, and ends
 * on the verdict. Exit codes: 0 clean, 1 mandatory policy violations, 2 bad input or config,
 * 3 program error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, loadStackSet, StackConfig, stackWarnings } from "../../infra/config";
import { evaluateStackExport, Violation } from "../../policies/lib/evaluator";
import { parseStackExport } from "../../policies/lib/stack-export";
import { stackOutputsOf } from "../offline/export";
import type { ProgressReporter } from "./progress";
import { PlannedStack, runStacks, StackRunError } from "./run-stacks";
import { countByType, createCount, DEFAULT_WIDTH, isRead, renderOutputs, renderTree, summaryLines } from "./tree";
import { UsageError } from "../lib/usage-error";

export interface Io {
    out: (line: string) => void;
    err: (line: string) => void;
    /** Progress while planning (stderr in the CLI). @default nothing shown */
    progress?: (totalStacks: number) => ProgressReporter;
    /** Line width for trees and outputs. @default 120 */
    width?: number;
}

export const PROJECT_ROOT = path.resolve(__dirname, "../..");

interface PlanArgs {
    stacks: string[];
    out: string;
    format: "text" | "json";
    stacksDir: string;
    help: boolean;
}

export const USAGE = "usage: npm run plan -- [--stack NAME ...] [--out DIR] [--format text|json]";

export const HELP = `${USAGE}

Plans every region stack offline (no Pulumi CLI, no AWS credentials), prints each stack's resource
tree and outputs as \`pulumi preview\` would, writes DIR/<stack>.json in the \`pulumi stack export\`
shape, and runs the four policy packs over each. The last line is the verdict.

Options:
  --stack NAME     plan only this stack (repeatable). A stack's replication peers are read from
                   DIR/<peer>.json when present, else planned first (one line says which and why).
  --out DIR        where the exports go (default .plan); checked before planning.
  --format FORMAT  text (default) or json (the verdicts; progress stays on stderr).
  --stacks-dir DIR where the Pulumi.<stack>.yaml files are (default the project root).
  -h, --help       this help.

Exit codes: 0 no mandatory violation, 1 mandatory policy violations, 2 bad input or config,
3 program error.`;

export function parsePlanArgs(argv: string[]): PlanArgs {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                stack: { type: "string", multiple: true },
                out: { type: "string" },
                format: { type: "string" },
                "stacks-dir": { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new UsageError(`${(e as Error).message.split("\n")[0]}; ${USAGE}`);
    }
    const format = values.format ?? "text";
    if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}; ${USAGE}`);
    return {
        stacks: values.stack ?? [],
        out: path.resolve(values.out ?? path.join(PROJECT_ROOT, ".plan")),
        format,
        stacksDir: path.resolve(values["stacks-dir"] ?? PROJECT_ROOT),
        help: values.help === true,
    };
}

/**
 * Refuses an output directory that cannot be created or written, before any planning: a file in
 * the way, a path under a file, or a directory without write permission.
 */
export function checkOutDir(out: string): void {
    const shown = path.relative(process.cwd(), out) || out;
    let dir = out;
    while (!fs.existsSync(dir)) {
        const parent = path.dirname(dir);
        if (parent === dir) break;
        dir = parent;
    }
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) {
        const what = dir === out ? "is a file" : `is under ${path.relative(process.cwd(), dir) || dir}, which is a file`;
        throw new UsageError(`--out ${shown} ${what}; pass a directory (it is created if missing)`);
    }
    try {
        fs.accessSync(dir, fs.constants.W_OK);
    } catch {
        throw new UsageError(`--out ${shown}: cannot write in ${path.relative(process.cwd(), dir) || dir}; pass a directory you can write to`);
    }
}

interface PeerSource {
    /** Peers' outputs read from earlier exports. */
    known: Record<string, Record<string, unknown>>;
    /** Stacks to plan: the requested ones and the peers without a usable export. */
    plan: StackConfig[];
    /** One line per peer: where its outputs come from, and why. */
    notes: string[];
}

/**
 * For `--stack`: the requested stacks' replication peers come from their exports in `out` when
 * present (the outputs a StackReference reads), else they are planned first.
 */
export function resolvePeers(all: readonly StackConfig[], requested: ReadonlySet<string>, out: string): PeerSource {
    const byName = new Map(all.map((s) => [s.stack, s]));
    const known: Record<string, Record<string, unknown>> = {};
    const plan = new Set<string>(requested);
    const notes: string[] = [];
    const visit = (stack: string): void => {
        for (const peer of byName.get(stack)!.storage.replicateTo) {
            if (plan.has(peer) || known[peer]) continue;
            const file = path.join(out, `${peer}.json`);
            const shown = path.relative(process.cwd(), file) || file;
            let why: string;
            if (fs.existsSync(file)) {
                try {
                    const outputs = stackOutputsOf(parseStackExport(fs.readFileSync(file, "utf8"), shown));
                    if (Object.keys(outputs).length > 0) {
                        known[peer] = outputs;
                        notes.push(`${stack} reads ${peer}'s outputs from ${shown} (plan ${peer} to refresh them)`);
                        continue;
                    }
                    why = `${shown} has no stack outputs`;
                } catch (e) {
                    why = `${shown} is unreadable (${(e as Error).message.split("\n")[0]})`;
                }
            } else {
                why = `there is no ${shown} yet`;
            }
            notes.push(`planning ${peer} first: ${stack}'s StackReference reads its outputs and ${why}`);
            plan.add(peer);
            visit(peer);
        }
    };
    [...requested].forEach(visit);
    return { known, plan: all.filter((s) => plan.has(s.stack)), notes };
}

interface StackVerdict {
    stack: string;
    region: string;
    file: string;
    /** Every resource in the export (components and reads included). */
    resources: number;
    /** Resources the stack would create (reads such as StackReferences left out). */
    creates: number;
    reads: number;
    millis: number;
    violations: Violation[];
}

const count = (v: readonly Violation[], level: string): number => v.filter((x) => x.enforcementLevel === level).length;

export async function main(argv: string[], io: Io): Promise<number> {
    let args: PlanArgs;
    let all: StackConfig[];
    let requested: Set<string>;
    let peers: PeerSource;
    try {
        args = parsePlanArgs(argv);
        if (args.help) {
            HELP.split("\n").forEach((l) => io.out(l));
            return 0;
        }
        checkOutDir(args.out);
        all = loadStackSet(args.stacksDir);
        for (const s of args.stacks) {
            if (!all.some((c) => c.stack === s)) {
                throw new UsageError(`--stack ${s}: no Pulumi.${s}.yaml in ${args.stacksDir} (stacks: ${all.map((c) => c.stack).join(", ")})`);
            }
        }
        requested = new Set(args.stacks.length ? args.stacks : all.map((s) => s.stack));
        peers = args.stacks.length ? resolvePeers(all, requested, args.out) : { known: {}, plan: all, notes: [] };
    } catch (e) {
        if (e instanceof ConfigError || e instanceof UsageError) {
            io.err(`plan: ${e.message}`);
            return 2;
        }
        throw e;
    }

    const progress = io.progress?.(peers.plan.length);
    let planned: PlannedStack[];
    try {
        peers.notes.forEach((n) => progress?.note(n));
        planned = await runStacks(peers.plan, { stacksDir: args.stacksDir, time: "2026-01-01T00:00:00.000Z", knownOutputs: peers.known, progress });
    } catch (e) {
        if (e instanceof StackRunError) {
            progress?.stop();
            io.err(`plan: ${e.message}`);
            return e.code;
        }
        throw e;
    } finally {
        progress?.stop();
    }

    // Valid config that leaves something unattended (no alarm subscribers, no preview/drift role): one line each.
    for (const s of all.filter((c) => requested.has(c.stack))) for (const w of stackWarnings(s, all)) io.err(`plan: warning: ${w}`);

    // Everything evaluated: only now write files, so a failed plan leaves no partial output.
    fs.mkdirSync(args.out, { recursive: true });
    const verdicts: StackVerdict[] = [];
    for (const p of planned) {
        const file = path.join(args.out, `${p.stack}.json`);
        fs.writeFileSync(file, JSON.stringify(p.doc, null, 2) + "\n");
        const result = await evaluateStackExport(p.doc);
        const reads = p.doc.deployment.resources.filter(isRead).length;
        verdicts.push({ stack: p.stack, region: p.region, file, resources: p.doc.deployment.resources.length, creates: createCount(p.doc), reads, millis: p.millis, violations: result.violations });
    }

    const shown = verdicts.filter((v) => requested.has(v.stack));
    const mandatory = shown.reduce((n, v) => n + count(v.violations, "mandatory"), 0);
    const code = mandatory > 0 ? 1 : 0;
    const verdict = verdictLine(shown, code);
    if (args.format === "json") {
        io.out(JSON.stringify({ stacks: shown, notes: peers.notes, exitCode: code }, null, 2));
        io.err(verdict);
        return code;
    }
    const width = io.width ?? DEFAULT_WIDTH;
    const relative = (f: string): string => path.relative(process.cwd(), f) || f;
    for (const v of shown) {
        const p = planned.find((x) => x.stack === v.stack)!;
        io.out(`Previewing update (${p.stack}, ${p.region}) offline:`);
        io.out("");
        renderTree(p.doc, { width }).forEach((l) => io.out(l));
        io.out("");
        renderOutputs(p.doc, { width }).forEach((l) => io.out(l));
        io.out("");
        summaryLines(p.doc).forEach((l) => io.out(l));
        io.out("By type:");
        countByType(p.doc).forEach(([t, n]) => io.out(`    ${String(n).padStart(4)}  ${t}`));
        io.out("");
        io.out(`Policies: ${describeViolations(v.violations)}`);
        v.violations.forEach((x) => io.out(`    [${x.enforcementLevel}] ${x.policy}: ${x.message.replace(/\n/g, "\n        ")}\n        ${x.urn}`));
        io.out(`Export: ${relative(v.file)}`);
        io.out("");
    }
    peers.notes.forEach((n) => io.out(`Note: ${n}`));
    io.out(`Summary (deploy order ${planned.map((p) => p.stack).join(" -> ")}):`);
    const rows = [["stack", "region", "resources", "reads", "mandatory", "advisory", "time"], ...shown.map((v) => [
        v.stack, v.region, String(v.creates), String(v.reads), String(count(v.violations, "mandatory")), String(count(v.violations, "advisory")), `${(v.millis / 1000).toFixed(1)} s`,
    ])];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r) => io.out(`    ${r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")}`));
    io.out(verdict);
    return code;
}

/** The last line: the exit code and what it means, with the mandatory violations per stack. */
export function verdictLine(verdicts: readonly StackVerdict[], code: number): string {
    const advisory = verdicts.reduce((n, v) => n + count(v.violations, "advisory"), 0);
    const stacks = `${verdicts.length} stack${verdicts.length === 1 ? "" : "s"}`;
    const advice = advisory ? ` (${advisory} advisory)` : "";
    if (code === 0) return `Verdict: exit 0, no mandatory policy violations in ${stacks}${advice}`;
    const where = verdicts.filter((v) => count(v.violations, "mandatory") > 0).map((v) => `${v.stack} ${count(v.violations, "mandatory")}`).join(", ");
    const total = verdicts.reduce((n, v) => n + count(v.violations, "mandatory"), 0);
    return `Verdict: exit 1, ${total} mandatory policy violation${total === 1 ? "" : "s"} (${where})${advice}: fix them before deploying`;
}

function describeViolations(v: readonly Violation[]): string {
    if (v.length === 0) return "no violations";
    return `${v.length} violation(s), ${count(v, "mandatory")} mandatory`;
}

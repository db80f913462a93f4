/**
 * `npm run plan -- [--stack NAME ...] [--out DIR] [--format text|json]`: plans every region stack
 * offline, prints each resource tree as `pulumi preview` would, writes `DIR/<stack>.json` in the
 * `pulumi stack export` shape, and runs the policy packs over each.
 * Exit codes: 0 clean, 1 mandatory policy violations, 2 bad input or config, 3 program error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, loadStackSet, StackConfig, stackWarnings } from "../../infra/config";
import { evaluateStackExport, Violation } from "../../policies/lib/evaluator";
import { countByType, renderTree, summaryLine } from "./tree";
import { PlannedStack, runStacks, StackRunError } from "./run-stacks";

export interface Io {
    out: (line: string) => void;
    err: (line: string) => void;
}

export const PROJECT_ROOT = path.resolve(__dirname, "../..");

export class UsageError extends Error {}

interface PlanArgs {
    stacks: string[];
    out: string;
    format: "text" | "json";
    stacksDir: string;
}

const USAGE = "usage: npm run plan -- [--stack NAME ...] [--out DIR] [--format text|json]";

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
    };
}

/** The selected stacks plus every stack they replicate to (their outputs feed StackReferences). */
export function withPeers(all: readonly StackConfig[], names: readonly string[]): StackConfig[] {
    const byName = new Map(all.map((s) => [s.stack, s]));
    const picked = new Set<string>();
    const add = (n: string): void => {
        if (picked.has(n)) return;
        picked.add(n);
        byName.get(n)!.storage.replicateTo.forEach(add);
    };
    names.forEach(add);
    return all.filter((s) => picked.has(s.stack));
}

interface StackVerdict {
    stack: string;
    region: string;
    file: string;
    resources: number;
    millis: number;
    violations: Violation[];
}

export async function main(argv: string[], io: Io): Promise<number> {
    let args: PlanArgs;
    let selected: StackConfig[];
    let requested: Set<string>;
    try {
        args = parsePlanArgs(argv);
        const all = loadStackSet(args.stacksDir);
        for (const s of args.stacks) {
            if (!all.some((c) => c.stack === s)) {
                throw new UsageError(`--stack ${s}: no Pulumi.${s}.yaml in ${args.stacksDir} (stacks: ${all.map((c) => c.stack).join(", ")})`);
            }
        }
        requested = new Set(args.stacks.length ? args.stacks : all.map((s) => s.stack));
        selected = withPeers(all, [...requested]);
    } catch (e) {
        if (e instanceof ConfigError || e instanceof UsageError) {
            io.err(`plan: ${e.message}`);
            return 2;
        }
        throw e;
    }

    let planned: PlannedStack[];
    try {
        planned = await runStacks(selected, { stacksDir: args.stacksDir, time: "2026-01-01T00:00:00.000Z" });
    } catch (e) {
        if (e instanceof StackRunError) {
            io.err(e.code === 2 ? `plan: ${e.message}` : `plan: ${e.message}`);
            return e.code === 2 ? 2 : 3;
        }
        throw e;
    }

    // Valid config that leaves something unattended (no alarm subscribers, no preview/drift role): one line each.
    for (const s of selected.filter((c) => requested.has(c.stack))) for (const w of stackWarnings(s, selected)) io.err(`plan: warning: ${w}`);

    // Everything evaluated: only now write files, so a failed plan leaves no partial output.
    fs.mkdirSync(args.out, { recursive: true });
    const verdicts: StackVerdict[] = [];
    for (const p of planned) {
        const file = path.join(args.out, `${p.stack}.json`);
        fs.writeFileSync(file, JSON.stringify(p.doc, null, 2) + "\n");
        const result = await evaluateStackExport(p.doc);
        verdicts.push({ stack: p.stack, region: p.region, file, resources: p.doc.deployment.resources.length, millis: p.millis, violations: result.violations });
    }

    const shown = planned.filter((p) => requested.has(p.stack));
    if (args.format === "json") {
        io.out(JSON.stringify({ stacks: verdicts.filter((v) => requested.has(v.stack)) }, null, 2));
    } else {
        for (const p of shown) {
            const v = verdicts.find((x) => x.stack === p.stack)!;
            io.out(`Previewing update (${p.stack}, ${p.region}) offline:`);
            io.out("");
            renderTree(p.doc).forEach((l) => io.out(l));
            io.out("");
            io.out(summaryLine(p.doc));
            io.out("By type:");
            countByType(p.doc).forEach(([t, n]) => io.out(`    ${String(n).padStart(4)}  ${t}`));
            io.out("");
            io.out(`Policies: ${describeViolations(v.violations)}`);
            v.violations.forEach((x) => io.out(`    [${x.enforcementLevel}] ${x.policy}: ${x.message.replace(/\n/g, "\n        ")}\n        ${x.urn}`));
            io.out(`Export: ${path.relative(process.cwd(), v.file) || v.file} (${v.millis} ms)`);
            io.out("");
        }
        io.out(`Planned ${shown.length} stack(s) in deploy order: ${planned.map((p) => p.stack).join(" -> ")}`);
    }
    const mandatory = verdicts.filter((v) => requested.has(v.stack)).flatMap((v) => v.violations).filter((v) => v.enforcementLevel === "mandatory");
    return mandatory.length > 0 ? 1 : 0;
}

function describeViolations(v: readonly Violation[]): string {
    if (v.length === 0) return "no violations";
    const mandatory = v.filter((x) => x.enforcementLevel === "mandatory").length;
    return `${v.length} violation(s), ${mandatory} mandatory`;
}

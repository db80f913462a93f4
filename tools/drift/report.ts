/** JSON and Markdown reports: one pair per stack plus a summary. Pure: text in, text out. */
import { Difference, DRIFT_KINDS, DriftKind, StackDrift } from "./classify";

export const REPORT_SCHEMA_VERSION = 1;

const KIND_TEXT: Record<DriftKind, string> = {
    deleted: "deleted out of band",
    replaced: "would be replaced",
    modified: "changed out of band",
    created: "not in state (unmanaged)",
    "tags-only": "tags changed out of band",
    other: "other engine step",
};

const STATUS_TEXT = { clean: "clean", drift: "drift", failed: "could not be checked" } as const;

export function kindCounts(differences: readonly Difference[]): Partial<Record<DriftKind, number>> {
    const counts: Partial<Record<DriftKind, number>> = {};
    for (const kind of DRIFT_KINDS) {
        const n = differences.filter((d) => d.kind === kind).length;
        if (n > 0) counts[kind] = n;
    }
    return counts;
}

export function stackReportJson(result: StackDrift, checkedAt: string): string {
    return `${JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, checkedAt, ...result, counts: kindCounts(result.differences) }, null, 2)}\n`;
}

export function summaryJson(results: readonly StackDrift[], exitCode: number, checkedAt: string): string {
    const stacks = results.map((r) => ({
        stack: r.stack,
        status: r.status,
        resourcesChecked: r.resourcesChecked,
        differences: r.differences.length,
        counts: kindCounts(r.differences),
        errors: r.errors,
    }));
    return `${JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, checkedAt, exitCode, stacks }, null, 2)}\n`;
}

/** A table cell: no pipes or line breaks to break the row. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function code(text: string): string {
    const fence = text.includes("`") ? "``" : "`";
    return `${fence}${text}${fence}`;
}

const MAX_VALUE = 120;

function shown(value: unknown): string {
    if (value === undefined) return "";
    const json = JSON.stringify(value) ?? String(value);
    return code(json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE - 1)}…` : json);
}

/** `3 differences (1 deleted out of band, 2 changed out of band)` */
export function differenceLine(result: StackDrift): string {
    const counts = kindCounts(result.differences);
    const parts = Object.entries(counts).map(([k, n]) => `${n} ${KIND_TEXT[k as DriftKind]}`);
    const n = result.differences.length;
    return n === 0 ? "no differences" : `${n} difference${n === 1 ? "" : "s"} (${parts.join(", ")})`;
}

function fixFor(result: StackDrift): string[] {
    const s = result.stack;
    if (result.status === "failed") {
        return [`Fix what the errors name (credentials, backend login, a resource the role cannot read), then run \`npm run drift -- --stack ${s}\` again.`];
    }
    if (result.status === "drift") {
        return [
            `To put the cloud back to the program: \`pulumi up --stack ${s}\` (review its preview first).`,
            `To accept the cloud's values: change the program to match, or \`pulumi refresh --stack ${s}\` to adopt them into state.`,
        ];
    }
    return [];
}

export function stackReportMarkdown(result: StackDrift, checkedAt: string): string {
    const lines: string[] = [`# Drift: ${result.stack}`, ""];
    lines.push(`**${STATUS_TEXT[result.status]}**: ${differenceLine(result)} in ${result.resourcesChecked} resources, checked ${checkedAt}.`, "");
    if (result.unattributed) {
        const ops = Object.entries(result.unattributed).map(([op, n]) => `${op}: ${n}`).join(", ");
        lines.push(`The engine's change summary counts changes no event explained (${ops}); treat the stack as drifted and run \`pulumi refresh --preview-only --stack ${result.stack}\` to see them.`, "");
    }
    if (result.errors.length > 0) {
        lines.push("## Errors", "", ...result.errors.map((e) => `- ${e}`), "");
    }
    if (result.differences.length > 0) {
        lines.push("## Differences", "", "| Kind | Resource | Type | Properties |", "| --- | --- | --- | --- |");
        for (const d of result.differences) {
            const props = d.properties.map((p) => code(p.path)).join(", ");
            lines.push(`| ${KIND_TEXT[d.kind]} | ${cell(code(d.name))} | ${cell(code(d.type))} | ${cell(props)} |`);
        }
        lines.push("");
        for (const d of result.differences.filter((x) => x.properties.length > 0)) {
            lines.push(`### ${d.name} (${d.type})`, "", `${KIND_TEXT[d.kind]}${d.replaceKeys.length ? `; replacement forced by ${d.replaceKeys.map(code).join(", ")}` : ""}. URN ${code(d.urn)}`, "");
            lines.push("| Property | Change | In state | In the cloud |", "| --- | --- | --- | --- |");
            for (const p of d.properties) lines.push(`| ${cell(code(p.path))} | ${p.change} | ${cell(shown(p.before))} | ${cell(shown(p.after))} |`);
            lines.push("");
        }
    }
    const fix = fixFor(result);
    if (fix.length > 0) lines.push("## What to do", "", ...fix.map((f) => `- ${f}`), "");
    return lines.join("\n");
}

export function summaryMarkdown(results: readonly StackDrift[], exitCode: number, checkedAt: string): string {
    const lines = [`# Drift summary`, "", `Checked ${checkedAt}; exit code ${exitCode} (0 clean, 1 drift, 2 a stack could not be checked).`, ""];
    lines.push("| Stack | Status | Resources | Differences |", "| --- | --- | --- | --- |");
    for (const r of results) {
        const detail = r.status === "failed" ? cell(r.errors[0] ?? "") : differenceLine(r);
        lines.push(`| ${r.stack} | ${STATUS_TEXT[r.status]} | ${r.resourcesChecked} | ${detail} |`);
    }
    lines.push("", "Per-stack details: `<stack>.md` and `<stack>.json` next to this file.", "");
    return lines.join("\n");
}

/** Every report file for a run, by file name. */
export function reportFiles(results: readonly StackDrift[], exitCode: number, checkedAt: string): Map<string, string> {
    const files = new Map<string, string>();
    for (const r of results) {
        files.set(`${r.stack}.json`, stackReportJson(r, checkedAt));
        files.set(`${r.stack}.md`, stackReportMarkdown(r, checkedAt));
    }
    files.set("summary.json", summaryJson(results, exitCode, checkedAt));
    files.set("summary.md", summaryMarkdown(results, exitCode, checkedAt));
    return files;
}

/**
 * Generates the README policy table from the packs' own metadata, so the docs cannot drift:
 * `node -r ts-node/register/transpile-only tools/policy-table.ts [--write]` prints the table, or
 * with --write replaces the block between the markers in README.md (appending it if absent).
 */
import * as fs from "fs";
import * as path from "path";
import type { PackDefinition } from "../policies/lib/pack";

export const TABLE_START = "<!-- policy-table:start -->";
export const TABLE_END = "<!-- policy-table:end -->";
export const WRITE_COMMAND = "node -r ts-node/register/transpile-only tools/policy-table.ts --write";

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Markdown table: pack, policy, enforcement, description; packs and policies in registry order. */
export function renderPolicyTable(packs: PackDefinition[]): string {
    const rows = ["| pack | policy | enforcement | description |", "|---|---|---|---|"];
    for (const pack of packs) {
        for (const p of pack.policies) {
            rows.push(`| ${pack.dir} | \`${p.name}\` | ${p.enforcementLevel ?? pack.enforcementLevel} | ${cell(p.description)} |`);
        }
    }
    return rows.join("\n") + "\n";
}

/** The text between the markers, or undefined when the README lacks them. */
export function tableInReadme(readme: string): string | undefined {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    if (start < 0 || end < start) return undefined;
    return readme.slice(start + TABLE_START.length, end).replace(/^\n/, "");
}

/** README text with the block replaced (or appended when the markers are missing). */
export function withTable(readme: string, table: string): string {
    const block = `${TABLE_START}\n${table}${TABLE_END}`;
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    if (start < 0 || end < start) return `${readme.replace(/\n*$/, "\n\n")}${block}\n`;
    return readme.slice(0, start) + block + readme.slice(end + TABLE_END.length);
}

if (require.main === module) {
    const { allPacks } = require("../policies/registry") as { allPacks: PackDefinition[] };
    const table = renderPolicyTable(allPacks);
    if (process.argv.includes("--write")) {
        const readmePath = path.join(__dirname, "..", "README.md");
        fs.writeFileSync(readmePath, withTable(fs.readFileSync(readmePath, "utf8"), table));
        process.stdout.write(`README.md policy table updated (${table.split("\n").length - 3} policies)\n`);
    } else {
        process.stdout.write(table);
    }
}

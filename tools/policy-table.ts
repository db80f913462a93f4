/**
 * Generates the README policy table from the packs' own metadata, so the docs cannot drift:
 * `node -r ./tools/register.js tools/policy-table.ts [--write]` prints the table, or
 * with --write replaces the block between the markers in README.md (appending it if absent).
 */
import * as fs from "fs";
import * as path from "path";
import { configRulesByPolicy } from "../components/audit/config-rules";
import type { PackDefinition } from "../policies/lib/pack";
import { blockIn, markers, withBlock } from "./lib/readme-block";

const TABLE_BLOCK = "policy-table";
export const { start: TABLE_START, end: TABLE_END } = markers(TABLE_BLOCK);
export const WRITE_COMMAND = "node -r ./tools/register.js tools/policy-table.ts --write";

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * Markdown table: pack, policy, enforcement, description, and the AWS Config managed rules that
 * judge the same invariant in AWS (components/audit/config-rules.ts, the rules the stacks deploy);
 * packs and policies in registry order.
 */
export function renderPolicyTable(packs: PackDefinition[], configRules: ReadonlyMap<string, readonly string[]> = configRulesByPolicy()): string {
    const rows = ["| pack | policy | enforcement | description | AWS Config rule |", "|---|---|---|---|---|"];
    for (const pack of packs) {
        for (const p of pack.policies) {
            const rules = (configRules.get(p.name) ?? []).map((r) => `\`${r}\``).join(", ") || "—";
            rows.push(`| ${pack.dir} | \`${p.name}\` | ${p.enforcementLevel ?? pack.enforcementLevel} | ${cell(p.description)} | ${rules} |`);
        }
    }
    return rows.join("\n") + "\n";
}

/** The table in the README, or undefined when the README lacks the markers. */
export function tableInReadme(readme: string): string | undefined {
    return blockIn(readme, TABLE_BLOCK);
}

/** README text with the table replaced (or appended when the markers are missing). */
export function withTable(readme: string, table: string): string {
    return withBlock(readme, TABLE_BLOCK, table);
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

/** `npm run diagram -- [--plan DIR] [--out FILE] [--check]`: plan exports -> docs/architecture.md. */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, loadStackSet } from "../../infra/config";
import { parseStackExport, StateFileError } from "../../policies/lib/stack-export";
import { blockIn, withBlock } from "../lib/readme-block";
import { renderArchitecture } from "./mermaid";
import { regionModel } from "./model";
import { UsageError } from "../lib/usage-error";

export const USAGE = "usage: npm run diagram -- [--plan DIR] [--out FILE] [--check]";

export const HELP = `${USAGE}

Draws the architecture (Mermaid) from the plan exports: writes docs/architecture.md and the
README's architecture block.

Options:
  --plan DIR   where npm run plan wrote <stack>.json (default .plan)
  --out FILE   write this page only (default docs/architecture.md and the README block)
  --check      write nothing; exit 1 if the page or the README block is out of date
  -h, --help   this help

Exit codes: 0 written (or up to date), 1 out of date (--check), 2 bad input.
`;
export const DEFAULT_PLAN_DIR = ".plan";
export const DEFAULT_OUT = path.join("docs", "architecture.md");

export interface DiagramIo {
    readonly stdout: { write(text: string): unknown };
    readonly stderr: { write(text: string): unknown };
    /** Project root: stack files live here; relative paths resolve from here. */
    readonly cwd: string;
}

/** README block that shows the diagram (the page's Mermaid code, without its prose). */
export const README_BLOCK = "architecture";

/** The page's fenced Mermaid block, as the README shows it. */
export function mermaidBlock(page: string): string {
    const match = /```mermaid\n[\s\S]*?\n```\n/.exec(page);
    return match ? match[0] : "";
}

/** The page for every stack file's stack (sorted by name), from `planDir/<stack>.json`. */
export function architectureFromPlan(projectDir: string, planDir: string): string {
    const stacks = loadStackSet(projectDir).map((s) => s.stack).sort();
    const models = stacks.map((stack) => {
        const file = path.join(planDir, `${stack}.json`);
        if (!fs.existsSync(file)) {
            throw new UsageError(`no plan export ${path.relative(projectDir, file) || file}; run \`npm run plan\` first (or pass --plan DIR)`);
        }
        return regionModel(stack, parseStackExport(fs.readFileSync(file, "utf8"), path.relative(projectDir, file)));
    });
    return renderArchitecture(models);
}

export function main(argv: readonly string[], io: DiagramIo): number {
    const fail = (message: string): number => {
        io.stderr.write(`diagram: ${message}\n`);
        return 2;
    };
    try {
        let values;
        try {
            ({ values } = parseArgs({ args: [...argv], options: { plan: { type: "string" }, out: { type: "string" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }));
        } catch (e) {
            throw new UsageError(`${(e as Error).message.split("\n")[0]}; ${USAGE}`);
        }
        if (values.help) {
            io.stdout.write(HELP);
            return 0;
        }
        const planDir = path.resolve(io.cwd, values.plan ?? DEFAULT_PLAN_DIR);
        const outFile = path.resolve(io.cwd, values.out ?? DEFAULT_OUT);
        const page = architectureFromPlan(io.cwd, planDir);
        const shown = path.relative(io.cwd, outFile);
        // The default page is also shown in the README; an explicit --out writes that file only.
        const readmePath = values.out === undefined ? path.join(io.cwd, "README.md") : undefined;
        const readme = readmePath && fs.existsSync(readmePath) ? fs.readFileSync(readmePath, "utf8") : undefined;
        if (values.check) {
            const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, "utf8") : "";
            const stale = [current === page ? undefined : shown, readme === undefined || blockIn(readme, README_BLOCK) === mermaidBlock(page) ? undefined : "README.md"].filter(Boolean);
            if (stale.length === 0) return 0;
            io.stderr.write(`diagram: ${stale.join(" and ")} out of date with the plan; run \`npm run plan && npm run diagram\` and commit it\n`);
            return 1;
        }
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        fs.writeFileSync(outFile, page);
        if (readmePath && readme !== undefined) fs.writeFileSync(readmePath, withBlock(readme, README_BLOCK, mermaidBlock(page)));
        io.stdout.write(`diagram: wrote ${shown}${readme !== undefined ? " and the README's architecture block" : ""}\n`);
        return 0;
    } catch (e) {
        if (e instanceof UsageError || e instanceof ConfigError || e instanceof StateFileError) return fail(e.message);
        return fail(`unexpected error: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    }
}

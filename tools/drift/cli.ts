/** `npm run drift`: arguments, stack list, engine, progress, reports, exit code. */
import * as fs from "fs";
import * as path from "path";
import { ConfigError, deployOrder, loadStackSet } from "../../infra/config";
import { parseDriftArgs, selectStacks, USAGE } from "./args";
import { UsageError } from "../lib/usage-error";
import { AutomationDriftEngine, DriftEngine, RecordedRun, recordedRunJson } from "./engine";
import { LiveProgress, Output, PlainProgress, wantsLiveDisplay } from "./progress";
import { findPulumiCli, INSTALL_HINT } from "../lib/pulumi-cli";
import { reportFiles } from "./report";
import { checkStacks, exitCodeFor } from "./run";

export interface DriftIo {
    readonly stdout: Output;
    readonly stderr: Output;
    readonly env: NodeJS.ProcessEnv;
    /** Project root: where the stack files are and where `--out` is resolved. */
    readonly cwd: string;
    readonly now: () => Date;
}

/** The outside world the CLI needs, replaceable in tests. */
export interface DriftDeps {
    readonly findPulumi: (env: NodeJS.ProcessEnv) => string | undefined;
    readonly engine: (projectDir: string) => DriftEngine;
}

export const defaultDeps: DriftDeps = {
    findPulumi: (env) => findPulumiCli(env),
    engine: (dir) => new AutomationDriftEngine(dir),
};

const EXIT_MEANING = { 0: "no drift", 1: "drift found", 2: "a stack could not be checked" } as const;

export async function main(argv: readonly string[], io: DriftIo, deps: DriftDeps = defaultDeps): Promise<number> {
    const fail = (message: string): number => {
        io.stderr.write(`drift: ${message}\n`);
        return 2;
    };
    try {
        const args = parseDriftArgs(argv);
        if (args.help) {
            io.stdout.write(`${USAGE}\nRefresh-previews each stack (no state written), writes <stack>.json/.md and summary.json/.md to --out (default .drift), and with --record each stack's raw engine events to DIR/<stack>.json.\nExit 0 no drift, 1 drift found, 2 a stack could not be checked (wins over 1).\n`);
            return 0;
        }
        const stacks = selectStacks(args.stacks, deployOrder(loadStackSet(io.cwd)).map((s) => s.stack));
        if (!deps.findPulumi(io.env)) {
            return fail(`the Pulumi CLI is not on PATH and drift detection needs it to read the cloud; ${INSTALL_HINT}`);
        }
        const progress = wantsLiveDisplay(io.stdout, io.env) ? new LiveProgress(io.stdout) : new PlainProgress(io.stdout);
        const recorded: RecordedRun[] = [];
        const results = await checkStacks(stacks, deps.engine(io.cwd), progress, args.recordDir ? (run) => recorded.push(run) : undefined);
        const code = exitCodeFor(results);
        const outDir = path.resolve(io.cwd, args.outDir);
        const files = reportFiles(results, code, io.now().toISOString());
        try {
            fs.mkdirSync(outDir, { recursive: true });
            for (const [name, text] of files) fs.writeFileSync(path.join(outDir, name), text);
        } catch (e) {
            return fail(`cannot write the reports to ${args.outDir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); pass a writable --out DIR`);
        }
        if (args.recordDir) {
            const recordDir = path.resolve(io.cwd, args.recordDir);
            try {
                fs.mkdirSync(recordDir, { recursive: true });
                for (const run of recorded) fs.writeFileSync(path.join(recordDir, `${run.stack}.json`), recordedRunJson(run));
            } catch (e) {
                return fail(`cannot write the engine runs to ${args.recordDir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); pass a writable --record DIR`);
            }
            io.stdout.write(`drift: engine runs recorded in ${path.relative(io.cwd, recordDir) || "."}${path.sep}\n`);
        }
        io.stdout.write(`drift: reports in ${path.relative(io.cwd, outDir) || "."}${path.sep} (summary.md); exit ${code}: ${EXIT_MEANING[code]}\n`);
        return code;
    } catch (e) {
        if (e instanceof UsageError || e instanceof ConfigError) return fail(e.message);
        return fail(`unexpected error: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    }
}

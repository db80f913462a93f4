/**
 * `npm run e2e -- [--keep] [--build-cli] [--record-fixtures DIR]`: the real Pulumi CLI, engine,
 * analyzer host and Automation API against the AWS emulator, in a temporary sandbox
 * (./scenario.ts lists the steps). Prints each step with its time.
 * Exit 0 every step passed; 1 a step failed (its log is kept); 2 it cannot run here (no Pulumi CLI
 * and no Go to build one, bad arguments): one line, never a silent skip.
 */
import * as fs from "fs";
import * as path from "path";
import { CliUnavailable, findOrBuildCli } from "./cli";
import { createSandbox } from "./sandbox";
import { UsageError } from "../lib/usage-error";

export const USAGE = "usage: npm run e2e -- [--keep] [--build-cli] [--record-fixtures DIR]";

export interface E2eIo {
    out: (line: string) => void;
    err: (line: string) => void;
    env: NodeJS.ProcessEnv;
    cwd: string;
}

interface Args {
    keep: boolean;
    buildCli: boolean;
    recordFixtures?: string;
    help: boolean;
}

function parseArgs(argv: readonly string[], cwd: string): Args {
    const args: Args = { keep: false, buildCli: false, help: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--keep") args.keep = true;
        else if (a === "--build-cli") args.buildCli = true;
        else if (a === "--help" || a === "-h") args.help = true;
        else if (a === "--record-fixtures") {
            const v = argv[++i];
            if (!v || v.startsWith("-")) throw new UsageError(`--record-fixtures needs a directory (e.g. tests/fixtures/drift); ${USAGE}`);
            args.recordFixtures = path.resolve(cwd, v);
        } else throw new UsageError(`${a.startsWith("-") ? `unknown option ${a}` : `unexpected argument ${JSON.stringify(a)}`}; ${USAGE}`);
    }
    return args;
}

function duration(ms: number): string {
    const s = ms / 1000;
    return s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${s.toFixed(1)}s`;
}

export async function main(argv: readonly string[], io: E2eIo): Promise<number> {
    const started = Date.now();
    let args: Args;
    try {
        args = parseArgs(argv, io.cwd);
    } catch (e) {
        io.err(`e2e: ${(e as Error).message}`);
        return 2;
    }
    if (args.help) {
        io.out(`${USAGE}\nRuns the real Pulumi CLI against the AWS emulator in a temporary sandbox (steps: docs/operations.md). Exit 0 passed, 1 a step failed, 2 cannot run here.`);
        return 0;
    }

    let cli;
    try {
        cli = findOrBuildCli({ env: io.env, forceBuild: args.buildCli, onBuildStart: (m) => io.out(`e2e: ${m}`) });
    } catch (e) {
        if (e instanceof CliUnavailable) {
            io.err(`e2e: ${e.message}`);
            return 2;
        }
        throw e;
    }
    const built = cli.build
        ? `; build ${duration(cli.buildSeconds * 1000)} (${cli.build.compiled} packages compiled, ${cli.build.linked} linked), warm rebuild ${duration(cli.build.warmRebuildSeconds * 1000)} with ${cli.build.warmRebuildActions} compile/link steps`
        : "";
    io.out(`e2e: Pulumi CLI v${cli.version.replace(/^v/, "")} ${cli.origin}${built}`);
    if (cli.build && cli.build.warmRebuildActions > 0) {
        io.err(`e2e: rebuilding the CLI right after a build compiled or linked again (${cli.build.warmRebuildActions} steps); a warm rebuild must be a no-op`);
        return 1;
    }

    // The scenario loads the whole project (infra, emulator, Automation API): only now that it can run.
    const { runScenario, StepFailed } = await import("./scenario");
    const sandbox = createSandbox(cli.binDir);
    io.out(`e2e: sandbox ${sandbox.root} (file:// state, passphrase secrets, the AWS emulator as the aws plugin)`);
    let code = 0;
    try {
        await runScenario({ sandbox, cli, report: io.out, recordFixtures: args.recordFixtures });
        io.out(`e2e: all 8 steps passed in ${duration(Date.now() - started)}${args.recordFixtures ? `; fixtures written to ${path.relative(io.cwd, args.recordFixtures)}` : ""}`);
    } catch (e) {
        code = 1;
        if (e instanceof StepFailed) {
            io.err(`e2e: FAILED: ${e.message}`);
            if (e.log) io.err(`e2e: full output: ${e.log}`);
        } else {
            io.err(`e2e: FAILED: ${(e as Error)?.stack ?? e}`);
        }
    }
    if (code === 0 && !args.keep) fs.rmSync(sandbox.root, { recursive: true, force: true });
    else io.out(`e2e: sandbox kept at ${sandbox.root} (logs/, events/, exports/)`);
    return code;
}

/**
 * `npm run up -- --stack NAME`: the deploy path, which always runs every policy pack. A thin
 * wrapper over `pulumi up` (the CLI the e2e lane drives too): it refuses to start when a pack is
 * missing, unregistered or cannot load, when a pass-through option would choose other packs or
 * configure them, when the stack is unknown or its config is invalid, or when there is no Pulumi
 * CLI; then it runs `pulumi up --stack NAME --policy-pack policies/<pack> ...` in the project and
 * exits with its code. See docs/audit.md ("The deploy path always runs the packs").
 */
import { spawn } from "child_process";
import { ConfigError, deployWaves, loadStackSet } from "../../infra/config";
import type { PackDefinition } from "../../policies/lib/pack";
import { findPulumiCli, INSTALL_HINT } from "../lib/pulumi-cli";
import { parseUpArgs, USAGE } from "./args";
import { UsageError } from "../lib/usage-error";
import { packProblems, upCommand } from "./guard";

export interface UpIo {
    readonly stdout: { write(s: string): unknown };
    readonly stderr: { write(s: string): unknown };
    readonly env: NodeJS.ProcessEnv;
    /** The project root (Pulumi.yaml, the stack files, policies/). */
    readonly cwd: string;
}

export interface UpDeps {
    readonly packs: () => readonly PackDefinition[];
    readonly findPulumi: (env: NodeJS.ProcessEnv) => string | undefined;
    /** Runs the CLI with the terminal attached; resolves to its exit code. */
    readonly run: (cli: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) => Promise<number>;
}

export const defaultDeps: UpDeps = {
    packs: () => (require("../../policies/registry") as { allPacks: PackDefinition[] }).allPacks,
    findPulumi: (env) => findPulumiCli(env),
    run: (cli, args, cwd, env) =>
        new Promise((resolve) => {
            const child = spawn(cli, [...args], { cwd, env, stdio: "inherit" });
            child.on("error", () => resolve(2));
            child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
        }),
};

export async function main(argv: readonly string[], io: UpIo, deps: UpDeps = defaultDeps): Promise<number> {
    const refuse = (message: string): number => {
        io.stderr.write(`up: ${message}\n`);
        return 2;
    };
    try {
        const args = parseUpArgs(argv);
        if (args.help) {
            io.stdout.write(`${USAGE}\nRuns pulumi up on one stack with every policy pack under policies/ (a mandatory violation stops the update).\nRefuses (exit 2) when a pack is missing or cannot load, the stack or its config is wrong, or there is no Pulumi CLI.\n`);
            return 0;
        }
        const stacks = loadStackSet(io.cwd);
        const waves = deployWaves(stacks).map((w) => w.map((s) => s.stack));
        const wave = waves.findIndex((w) => w.includes(args.stack));
        if (wave < 0) return refuse(`no stack ${JSON.stringify(args.stack)} (stacks: ${stacks.map((s) => s.stack).join(", ")}); use one of them or add Pulumi.${args.stack}.yaml`);
        const packs = deps.packs();
        const problems = packProblems(io.cwd, packs);
        if (problems.length > 0) return refuse(`refusing to update ${args.stack} without every policy pack: ${problems.join("; ")}`);
        const command = upCommand(args.stack, packs, { yes: args.yes, passThrough: args.passThrough });
        const cli = deps.findPulumi(io.env);
        if (!cli && !args.dryRun) return refuse(`the Pulumi CLI is not on PATH, and updating ${args.stack} needs it; ${INSTALL_HINT}`);
        const before = waves.slice(0, wave).flat();
        io.stdout.write(`up: ${args.stack} is in deploy wave ${wave + 1} of ${waves.length}${before.length ? ` (after ${before.join(", ")})` : ""}; ${args.dryRun ? "would run" : "running"} pulumi ${command.join(" ")}\n`);
        if (args.dryRun) return 0;
        return await deps.run(cli!, command, io.cwd, io.env);
    } catch (e) {
        if (e instanceof UsageError || e instanceof ConfigError) return refuse(e.message);
        return refuse(`unexpected error: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    }
}

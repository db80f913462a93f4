/**
 * The e2e sandbox: a temporary copy of the project with a file:// state backend, a passphrase
 * secrets provider, its own PULUMI_HOME holding the AWS emulator as the `aws` plugin, and the
 * emulated account's file. Nothing outside it is written (not ~/.pulumi, not the stack files).
 */
import { spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLOUD_ENV } from "../aws-emulator/cloud";
import { installEmulatorPlugin } from "../aws-emulator/install";
import { stackFiles } from "../../infra/config";
import { REPO_ROOT } from "./cli";

/** What a Pulumi project needs to run, plan and check: program, packs, tools, stack files. */
const PROJECT_ENTRIES = ["Pulumi.yaml", "package.json", "tsconfig.json", "infra", "components", "policies", "tools"];

export interface Sandbox {
    root: string;
    /** The project copy: where every command runs. */
    project: string;
    logs: string;
    cloudFile: string;
    env: NodeJS.ProcessEnv;
}

export function createSandbox(cliBinDir: string, base = os.tmpdir()): Sandbox {
    const root = fs.mkdtempSync(path.join(base, "spot-grid-e2e-"));
    const project = path.join(root, "project");
    const logs = path.join(root, "logs");
    const home = path.join(root, "pulumi-home");
    const state = path.join(root, "state");
    const cloudFile = path.join(root, "aws-cloud.json");
    for (const d of [project, logs, home, state]) fs.mkdirSync(d, { recursive: true });
    for (const entry of PROJECT_ENTRIES) fs.cpSync(path.join(REPO_ROOT, entry), path.join(project, entry), { recursive: true });
    for (const file of stackFiles(REPO_ROOT)) fs.copyFileSync(file, path.join(project, path.basename(file)));
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
    installEmulatorPlugin(home);

    const env: NodeJS.ProcessEnv = { ...process.env };
    // Nothing of the user's Pulumi setup may leak in (a token, another backend, a passphrase file).
    for (const key of Object.keys(env)) if (key.startsWith("PULUMI_")) delete env[key];
    Object.assign(env, {
        PATH: `${cliBinDir}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_HOME: home,
        PULUMI_BACKEND_URL: `file://${state}`,
        PULUMI_CONFIG_PASSPHRASE: randomBytes(12).toString("hex"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        // Plugins come from the sandbox only: never downloaded, never a `pulumi-resource-aws` on PATH.
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
        // `npm test` type-checks the program; the engine only needs to run it.
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        [CLOUD_ENV]: cloudFile,
    });
    return { root, project, logs, cloudFile, env };
}

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
    log: string;
    seconds: number;
}

let logSeq = 0;

/** Runs a command in the sandbox project, logging everything it prints to logs/NN-label.log. */
export function runIn(sb: Sandbox, label: string, cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    const started = Date.now();
    const log = path.join(sb.logs, `${String(++logSeq).padStart(2, "0")}-${label.replace(/[^A-Za-z0-9._-]+/g, "-")}.log`);
    return new Promise((resolve) => {
        const child = spawn(cmd, args, { cwd: sb.project, env: { ...sb.env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        const finish = (code: number): void => {
            fs.writeFileSync(log, `$ ${cmd} ${args.join(" ")}\n\n${stdout}${stderr ? `\n--- stderr\n${stderr}` : ""}\n--- exit ${code}\n`);
            resolve({ code, stdout, stderr, log, seconds: (Date.now() - started) / 1000 });
        };
        child.on("error", (e) => {
            stderr += String(e.message);
            finish(-1);
        });
        child.on("close", (code) => finish(code ?? -1));
    });
}

/** The last lines of a command's output, for a failure message. */
export function tail(r: RunResult, n = 15): string {
    return `${r.stdout}\n${r.stderr}`.split("\n").filter((l) => l.trim()).slice(-n).join("\n");
}

/**
 * The Pulumi CLI for the e2e: a compatible `pulumi` already on PATH, or the one we build with Go
 * from the module proxy (tools/pulumi-cli) into the git-ignored .cache/pulumi-cli/bin, next to our
 * own Node.js language host. Neither: the e2e cannot run, and says so in one line.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { findExecutable, pathDirs } from "../lib/executables";
import { findPulumiCli } from "../lib/pulumi-cli";

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const CLI_MODULE = path.join(REPO_ROOT, "tools/pulumi-cli");
export const CLI_BIN = path.join(REPO_ROOT, ".cache/pulumi-cli/bin");
const PULUMI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3";
const VERSION_VAR = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

/** The CLI cannot be found or built: the e2e says why in one line and exits 2. */
export class CliUnavailable extends Error {}

/** `3.248.0` from `v3.248.0` or `3.248.0-alpha.x`; undefined when it is not a version. */
export function parseVersion(text: string): [number, number, number] | undefined {
    const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** The version of @pulumi/pulumi in node_modules: the engine protocol our program speaks. */
export function sdkVersion(): string {
    return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

/** A CLI can run our program when it is v3 and not older than our SDK. */
export function isCompatible(cliVersion: string, sdk: string): boolean {
    const [c, s] = [parseVersion(cliVersion), parseVersion(sdk)];
    if (!c || !s || c[0] !== s[0]) return false;
    return c[1] > s[1] || (c[1] === s[1] && c[2] >= s[2]);
}

/** The pkg/v3 version tools/pulumi-cli/go.mod pins; it must be our SDK's. */
export function pinnedCliVersion(goMod: string): string | undefined {
    return new RegExp(`^\\s*${PULUMI_PACKAGE.replace(/[./]/g, "\\$&")}\\s+(v\\S+)`, "m").exec(goMod)?.[1];
}

export interface Cli {
    /** Directory holding `pulumi` (and, when we built it, `pulumi-language-nodejs`). */
    binDir: string;
    version: string;
    /** How it was obtained, for the report. */
    origin: string;
    /** Seconds the build took (0 when the CLI was already there). */
    buildSeconds: number;
    /** What the build did: compile and link steps (0 and 0: up to date). */
    build?: { compiled: number; linked: number; warmRebuildSeconds: number; warmRebuildActions: number };
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number; stdout: string; stderr: string } {
    const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    if (r.error) return { status: -1, stdout: "", stderr: String(r.error.message) };
    return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** The first executable `name` on PATH. */
export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
    if (name === "pulumi") return findPulumiCli({ PATH: env.PATH });
    return findExecutable([name], pathDirs(env));
}

/** Counts the compile and link steps in `go build -x` output (none: the build was a no-op). */
export function buildActions(goBuildX: string): { compiled: number; linked: number } {
    const lines = goBuildX.split("\n");
    return {
        compiled: lines.filter((l) => /\/compile\s/.test(l)).length,
        linked: lines.filter((l) => /\/link\s/.test(l)).length,
    };
}

function goBuild(goBin: string, version: string, env: NodeJS.ProcessEnv): { seconds: number; compiled: number; linked: number; stderr: string; status: number } {
    const started = Date.now();
    fs.mkdirSync(CLI_BIN, { recursive: true });
    const args = ["build", "-x", "-ldflags", `-X ${VERSION_VAR}=v${version}`, "-o", `${CLI_BIN}${path.sep}`, `${PULUMI_PACKAGE}/cmd/pulumi`, "./cmd/pulumi-language-nodejs"];
    // -mod=readonly: build exactly what go.mod/go.sum pin, never update them.
    const r = run(goBin, args, { cwd: CLI_MODULE, env: { ...env, GOFLAGS: `${env.GOFLAGS ?? ""} -mod=readonly`.trim() } });
    return { seconds: (Date.now() - started) / 1000, ...buildActions(r.stderr), stderr: r.stderr, status: r.status };
}

export interface FindOptions {
    env: NodeJS.ProcessEnv;
    /** Build with Go even when a compatible `pulumi` is on PATH. */
    forceBuild?: boolean;
    /** Told before a build starts (it can take minutes cold). */
    onBuildStart?: (message: string) => void;
}

/** Finds a compatible CLI or builds ours. @throws CliUnavailable with the one-line reason. */
export function findOrBuildCli(opts: FindOptions): Cli {
    const sdk = sdkVersion();
    const existing = opts.forceBuild ? undefined : onPath("pulumi", opts.env);
    let tooOld: string | undefined;
    if (existing) {
        const v = run(existing, ["version"], { env: opts.env }).stdout.trim();
        if (isCompatible(v, sdk)) return { binDir: path.dirname(existing), version: v.replace(/^v/, ""), origin: `${existing} (already on PATH)`, buildSeconds: 0 };
        tooOld = `${existing} is ${v || "of unknown version"}`;
    }
    const go = onPath("go", opts.env);
    if (!go) {
        throw new CliUnavailable(
            `needs the Pulumi CLI ${sdk} or later and cannot get it: ${tooOld ? `${tooOld}, ` : "no pulumi on PATH, "}and no Go on PATH to build it from the module proxy; install Go 1.25+ (or Pulumi ${sdk}+) and run again`,
        );
    }
    const pinned = pinnedCliVersion(fs.readFileSync(path.join(CLI_MODULE, "go.mod"), "utf8"));
    if (pinned !== `v${sdk}`) {
        throw new CliUnavailable(
            `tools/pulumi-cli/go.mod pins ${PULUMI_PACKAGE} ${pinned ?? "(none)"} but @pulumi/pulumi is ${sdk}; run: cd tools/pulumi-cli && go get -tool ${PULUMI_PACKAGE}/cmd/pulumi@v${sdk} github.com/pulumi/pulumi/sdk/v3@v${sdk} && go mod tidy`,
        );
    }
    const goVersion = run(go, ["env", "GOVERSION"], { env: opts.env }).stdout.trim();
    opts.onBuildStart?.(`building the Pulumi CLI v${sdk} and our language host with ${goVersion} (cold: several minutes; warm: seconds)`);
    const cold = goBuild(go, sdk, opts.env);
    if (cold.status !== 0) {
        const last = cold.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("mkdir") && !l.startsWith("cd ") && !l.includes("/compile ") && !l.includes("/link ")).slice(-1)[0];
        throw new CliUnavailable(`go build in tools/pulumi-cli failed: ${last ?? `exit ${cold.status}`}`);
    }
    // A second build right away must do nothing: that is what makes the CLI cache worth keeping.
    const warm = goBuild(go, sdk, opts.env);
    return {
        binDir: CLI_BIN,
        version: sdk,
        origin: `built from the module proxy with ${goVersion} into ${path.relative(REPO_ROOT, CLI_BIN)}`,
        buildSeconds: cold.seconds,
        build: { compiled: cold.compiled, linked: cold.linked, warmRebuildSeconds: warm.seconds, warmRebuildActions: warm.compiled + warm.linked + (warm.status === 0 ? 0 : 1) },
    };
}

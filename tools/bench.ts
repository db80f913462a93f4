/**
 * `npm run bench -- [--runs N] [--skip-plan] [--skip-tests] [--skip-policy]`: the three speed
 * figures of the developer loop, each as a ratio to its goal, measured in one run (medians of N):
 *
 * - plan: `npm run plan` (every region stack, policies, report) as a fresh process, against the
 *   bare SDK registering as many plain resources under the same mocks, one fresh process per
 *   stack (as Pulumi runs a stack), summed. Goal: at most 1.0x.
 * - tests: `npm test` (type-check, lint and mocha) wall time, cold as on CI (caches cleared) and
 *   warm (a second run). Goal: under 30 s. Beside it, for the record, the real-analyzer lane
 *   (`npm run test:analyzer`, which CI runs after `npm test`), once.
 * - policy check: `policy:check` as a command (fresh process) on synthetic 1k and 10k-resource
 *   exports; the marginal cost per resource between them. Goal: at most 50 us.
 *
 * The machine is shared: the header shows the load average, so a reader can judge the figures.
 * Prints only; nothing asserts on time.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { loadStackSet } from "../infra/config";
import { parseStackExport } from "../policies/lib/stack-export";
import { syntheticExport } from "./lib/policy-bench";

const ROOT = path.resolve(__dirname, "..");
/** How the npm scripts run TypeScript (package.json): the plan and the baseline load the same way. */
const LOADER = ["-r", "./tools/register.js"];

export const GOALS = { planRatio: 1.0, testSeconds: 30, policyMicros: 50 } as const;

export const USAGE = "usage: npm run bench -- [--runs N] [--skip-plan] [--skip-tests] [--skip-policy]";
const HELP = `${USAGE}

Measures the developer loop's three speed figures against their goals, as medians of N runs
(default 3), and prints each as a ratio to its goal:
  plan     npm run plan (all stacks) / the bare SDK registering as many resources (goal <= 1.0x)
  tests    npm test wall time (goal < 30 s)
  policy   policy:check marginal cost per resource, 1k -> 10k resources (goal <= 50 us)
Exit codes: 0 measured, 2 bad arguments.`;

export function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeMs(fn: () => void): number {
    const started = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - started) / 1e6;
}

interface Timing {
    wallMs: number;
    /** CPU time of every thread. */
    cpuMs: number;
    /** CPU time of the main thread: about the wall time of an idle machine (V8's helper threads run beside it). */
    mainMs: number;
}

const add = (a: Timing, b: Timing): Timing => ({ wallMs: a.wallMs + b.wallMs, cpuMs: a.cpuMs + b.cpuMs, mainMs: a.mainMs + b.mainMs });
const medianOf = (t: Timing[]): Timing => ({ wallMs: median(t.map((x) => x.wallMs)), cpuMs: median(t.map((x) => x.cpuMs)), mainMs: median(t.map((x) => x.mainMs)) });

/** Runs `node <loader> args` in a fresh process; its wall time and its own CPU time. */
function node(args: string[], okCodes = [0]): Timing {
    const report = path.join(os.tmpdir(), `spot-grid-bench-cpu-${process.pid}`);
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["-r", "./tools/lib/cpu-usage.js", ...LOADER, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", env: { ...process.env, SPOT_GRID_CPU_REPORT: report } });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (!okCodes.includes(r.status ?? -1)) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    const cpu = JSON.parse(fs.readFileSync(report, "utf8")) as { all: number; main: number };
    fs.rmSync(report, { force: true });
    return { wallMs, cpuMs: cpu.all, mainMs: cpu.main };
}

interface PlanFigures {
    plan: Timing;
    /** The bare SDK, one process per stack, summed. */
    bare: Timing;
    /** The bare SDK, every stack's resources in one process. */
    bareOneProcess: Timing;
    resources: number[];
}

function benchPlan(runs: number): PlanFigures {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-bench-"));
    try {
        // One plan first: it gives each stack's resource count for the baseline (and warms the caches).
        node(["tools/plan.ts", "--out", out, "--format", "json"], [0, 1]);
        const stacks = loadStackSet(ROOT).map((s) => {
            const doc = parseStackExport(fs.readFileSync(path.join(out, `${s.stack}.json`), "utf8"));
            return { region: s.region, count: doc.deployment.resources.length };
        });
        const plan: Timing[] = [];
        const bare: Timing[] = [];
        const bareOne: Timing[] = [];
        const total = stacks.reduce((n, s) => n + s.count, 0);
        for (let i = 0; i < runs; i++) {
            plan.push(node(["tools/plan.ts", "--out", out, "--format", "json"], [0, 1]));
            bare.push(stacks.map((s) => node(["tools/offline/bare-sdk.ts", String(s.count), s.region])).reduce(add));
            bareOne.push(node(["tools/offline/bare-sdk.ts", String(total), stacks[0].region]));
        }
        return { plan: medianOf(plan), bare: medianOf(bare), bareOneProcess: medianOf(bareOne), resources: stacks.map((s) => s.count) };
    } finally {
        fs.rmSync(out, { recursive: true, force: true });
    }
}

/** Caches `npm test` keeps in node_modules/.cache: transpiled files, tsc's build info, eslint's results (npm run check's and npm run lint's). */
const TEST_CACHES = ["spot-grid-ts", "spot-grid-tsc", "spot-grid-check-eslint", "spot-grid-eslint"].map((d) => path.join(ROOT, "node_modules", ".cache", d));

/** CPU time (ms) of this process's finished children and their descendants (Linux /proc; 0 elsewhere). */
function childrenCpuMs(): number {
    try {
        const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
        return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in 1/100 s
    } catch {
        return 0;
    }
}

/**
 * `npm test`'s wall and CPU time (every process it ran): cold (caches cleared before each run, as
 * on CI's fresh clone) and warm (a second run with nothing changed, as in a developer's loop).
 * A failing suite fails the bench.
 */
function benchTests(runs: number): { cold: { wallMs: number; cpuMs: number }; warm: { wallMs: number; cpuMs: number }; analyzer: { wallMs: number; cpuMs: number } } {
    const once = (script = "test"): { wallMs: number; cpuMs: number } => {
        const cpu = childrenCpuMs();
        const wallMs = timeMs(() => execFileSync("npm", ["run", script, "--silent"], { cwd: ROOT, stdio: "pipe", env: { ...process.env, CI: "true" } }));
        return { wallMs, cpuMs: childrenCpuMs() - cpu };
    };
    const cold: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
        TEST_CACHES.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
        cold.push(once());
    }
    return { cold: { wallMs: median(cold.map((c) => c.wallMs)), cpuMs: median(cold.map((c) => c.cpuMs)) }, warm: once(), analyzer: once("test:analyzer") };
}

export interface PolicyFigures {
    small: Timing;
    large: Timing;
    smallResources: number;
    largeResources: number;
}

/** Marginal cost per resource from the small to the large export, in microseconds. */
export const marginalMicros = (f: PolicyFigures, pick: (t: Timing) => number): number =>
    ((pick(f.large) - pick(f.small)) * 1000) / (f.largeResources - f.smallResources);

/**
 * `policy:check` as a user runs it (a fresh process: read, parse, every pack, report) on synthetic
 * exports of `small` and `large` resources, medians of `runs`.
 */
export function benchPolicy(runs: number, small = 1000, large = 10000): PolicyFigures {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-bench-"));
    try {
        const files = [small, large].map((n) => {
            const file = path.join(dir, `synthetic-${n}.json`);
            fs.writeFileSync(file, syntheticExport(n));
            return file;
        });
        const check = (file: string): Timing => node(["tools/policy-check.ts", "--state", file, "--format", "json"], [0, 1]);
        check(files[0]); // warms the disk and transpile caches
        const s: Timing[] = [];
        const l: Timing[] = [];
        for (let i = 0; i < runs; i++) {
            s.push(check(files[0]));
            l.push(check(files[1]));
        }
        return { small: medianOf(s), large: medianOf(l), smallResources: small, largeResources: large };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const ratio = (value: number, goal: number): string => `${(value / goal).toFixed(2)}x`;

export async function main(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: { runs: { type: "string" }, "skip-plan": { type: "boolean" }, "skip-tests": { type: "boolean" }, "skip-policy": { type: "boolean" }, help: { type: "boolean", short: "h" } },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        err(`bench: ${(e as Error).message.split("\n")[0]}; ${USAGE}`);
        return 2;
    }
    if (values.help) {
        HELP.split("\n").forEach(out);
        return 0;
    }
    const runs = Number(values.runs ?? 3);
    if (!Number.isInteger(runs) || runs < 1) {
        err(`bench: --runs must be a positive whole number, not ${JSON.stringify(values.runs)}; ${USAGE}`);
        return 2;
    }
    const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
    out(`Speed of the developer loop: medians of ${runs} run(s), ${os.cpus().length} CPUs, load average ${load} at start`);
    const rows: string[][] = [["figure", "measured", "goal", "ratio"]];
    if (!values["skip-plan"]) {
        const p = benchPlan(runs);
        const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
        const t = (x: Timing): string => `${sec(x.wallMs)} (main thread ${sec(x.mainMs)}, CPU ${sec(x.cpuMs)})`;
        out(`  plan: ${p.resources.length} stacks (${p.resources.join(" + ")} resources) in ${t(p.plan)}`);
        out(`  bare SDK, one process per stack: ${t(p.bare)}; all in one process: ${t(p.bareOneProcess)}`);
        rows.push(["plan / bare SDK", `${sec(p.plan.wallMs)} / ${sec(p.bare.wallMs)}`, `<= ${GOALS.planRatio.toFixed(1)}x`, ratio(p.plan.wallMs / p.bare.wallMs, GOALS.planRatio)]);
        rows.push(["  (main thread)", `${sec(p.plan.mainMs)} / ${sec(p.bare.mainMs)}`, "", ratio(p.plan.mainMs / p.bare.mainMs, GOALS.planRatio)]);
        rows.push(["  (CPU, all threads)", `${sec(p.plan.cpuMs)} / ${sec(p.bare.cpuMs)}`, "", ratio(p.plan.cpuMs / p.bare.cpuMs, GOALS.planRatio)]);
    }
    if (!values["skip-tests"]) {
        const t = benchTests(runs);
        const s1 = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
        out(`  npm test: cold ${s1(t.cold.wallMs)} (CPU ${s1(t.cold.cpuMs)} over ${os.cpus().length} CPUs), warm ${s1(t.warm.wallMs)} (CPU ${s1(t.warm.cpuMs)})`);
        rows.push(["npm test (cold, as CI)", s1(t.cold.wallMs), `< ${GOALS.testSeconds} s`, ratio(t.cold.wallMs / 1000, GOALS.testSeconds)]);
        rows.push(["  (CPU / CPUs)", s1(t.cold.cpuMs / os.cpus().length), "", ratio(t.cold.cpuMs / os.cpus().length / 1000, GOALS.testSeconds)]);
        rows.push(["  (warm, a second run)", s1(t.warm.wallMs), "", ratio(t.warm.wallMs / 1000, GOALS.testSeconds)]);
        out(`  npm run test:analyzer (its own lane, after npm test in CI): ${s1(t.analyzer.wallMs)} (CPU ${s1(t.analyzer.cpuMs)})`);
    }
    if (!values["skip-policy"]) {
        const f = benchPolicy(Math.max(runs, 5));
        const ms = (t: Timing): string => `${t.wallMs.toFixed(0)} ms (main thread ${t.mainMs.toFixed(0)} ms, CPU ${t.cpuMs.toFixed(0)} ms)`;
        out(`  policy:check: ${f.smallResources} resources in ${ms(f.small)}, ${f.largeResources} in ${ms(f.large)}`);
        const us = (pick: (t: Timing) => number): number => marginalMicros(f, pick);
        rows.push(["policy:check per resource", `${us((t) => t.wallMs).toFixed(1)} us`, `<= ${GOALS.policyMicros} us`, ratio(us((t) => t.wallMs), GOALS.policyMicros)]);
        rows.push(["  (main thread)", `${us((t) => t.mainMs).toFixed(1)} us`, "", ratio(us((t) => t.mainMs), GOALS.policyMicros)]);
        rows.push(["  (CPU, all threads)", `${us((t) => t.cpuMs).toFixed(1)} us`, "", ratio(us((t) => t.cpuMs), GOALS.policyMicros)]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    rows.forEach((r) => out(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("   ")}`));
    out("A ratio at or under 1.00x meets its goal. On a busy machine wall time runs long: the main thread's CPU time");
    out("is about what an idle machine's wall time would be (V8 compiles and collects garbage on other threads).");
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2), (l) => console.log(l), (l) => console.error(l)).then(
        (code) => (process.exitCode = code),
        (e) => {
            console.error(`bench: ${(e as Error)?.message ?? e}`);
            process.exitCode = 3;
        },
    );
}

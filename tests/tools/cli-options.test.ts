/**
 * Every tool answers --help (usage on stdout, exit 0, nothing else done) and refuses an unknown
 * option in one line with exit 2: plan, policy:check, diagram, bench, drift.
 */
import * as assert from "assert";
import * as path from "path";
import { main as bench } from "../../tools/bench";
import { main as diagram } from "../../tools/diagram/cli";
import { main as drift } from "../../tools/drift/cli";
import { main as plan } from "../../tools/plan/main";
import { runPolicyCheck } from "../../tools/policy-check";
import { assertExit, CliRun, commandLine } from "../helpers/cli";

const ROOT = path.resolve(__dirname, "../..");

type Tool = (argv: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

class Captured {
    text = "";
    write(s: string): boolean {
        this.text += s;
        return true;
    }
}

const TOOLS: Record<string, Tool> = {
    plan: async (argv) => {
        const [out, err]: string[][] = [[], []];
        const code = await plan(argv, { out: (l) => out.push(`${l}\n`), err: (l) => err.push(`${l}\n`) });
        return { code, stdout: out.join(""), stderr: err.join("") };
    },
    "policy:check": async (argv) => {
        const [out, err] = [new Captured(), new Captured()];
        const code = await runPolicyCheck(argv, { stdout: (t) => out.write(t), stderr: (t) => err.write(t), readFile: () => assert.fail("no file is read") });
        return { code, stdout: out.text, stderr: err.text };
    },
    diagram: async (argv) => {
        const [stdout, stderr] = [new Captured(), new Captured()];
        const code = diagram(argv, { stdout, stderr, cwd: ROOT });
        return { code, stdout: stdout.text, stderr: stderr.text };
    },
    bench: async (argv) => {
        const [out, err]: string[][] = [[], []];
        const code = await bench(argv, (l) => out.push(`${l}\n`), (l) => err.push(`${l}\n`));
        return { code, stdout: out.join(""), stderr: err.join("") };
    },
    drift: async (argv) => {
        const [stdout, stderr] = [new Captured(), new Captured()];
        const deps = { findPulumi: () => assert.fail("--help and bad options need no Pulumi CLI"), engine: () => assert.fail("no stack is checked") };
        const code = await drift(argv, { stdout, stderr, env: {}, cwd: ROOT, now: () => new Date(0) }, deps);
        return { code, stdout: stdout.text, stderr: stderr.text };
    },
};

async function run(tool: string, argv: string[]): Promise<CliRun> {
    return { command: commandLine(tool, argv), ...(await TOOLS[tool](argv)) };
}

describe("every tool: --help and unknown options", () => {
    for (const tool of Object.keys(TOOLS)) {
        it(`${tool}: --help prints its usage and exits 0`, async () => {
            const r = await run(tool, ["--help"]);
            assertExit(r, 0);
            assert.ok(r.stdout.startsWith(`usage: npm run ${tool} -- `), r.stdout);
            assert.strictEqual(r.stderr, "");
        });

        it(`${tool}: an unknown option exits 2 with one line naming it and the usage`, async () => {
            const r = await run(tool, ["--bogus"]);
            assertExit(r, 2);
            assert.strictEqual(r.stdout, "");
            assert.match(r.stderr, new RegExp(`^${tool.replace(":", "-")}: .*bogus.*usage: npm run ${tool} -- [^\\n]*\\n$`));
        });
    }
});

describe("tests/helpers/cli: exit-code assertions", () => {
    it("name the command and show what it printed when they fail, not just `2 !== 1`", () => {
        const run: CliRun = { command: "npm run plan -- --stack tokyo", code: 2, stdout: "", stderr: "plan: --stack tokyo: no Pulumi.tokyo.yaml\n" };
        assert.throws(() => assertExit(run, 1), (e: Error) => e.message === "`npm run plan -- --stack tokyo` exited 2, expected 1\nstderr:\nplan: --stack tokyo: no Pulumi.tokyo.yaml\nstdout:\n(nothing)");
        assert.doesNotThrow(() => assertExit(run, 2));
    });
});

import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DriftDeps, DriftIo, main } from "../../../tools/drift/cli";
import { engineErrorLine } from "../../../tools/drift/run";
import { loadRun, RecordedEngine, RecordedRun, recordedError } from "./recorded-engine";
import { assertExit, CliRun, commandLine } from "../../helpers/cli";
import { tempDir } from "../../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..", "..");

class Captured {
    text = "";
    constructor(readonly isTTY = false) {}
    write(s: string): boolean {
        this.text += s;
        return true;
    }
}

interface Run extends CliRun {
    code: number;
    stdout: string;
    stderr: string;
    engine: RecordedEngine;
    out: string;
}

async function drift(argv: string[], runs: Record<string, RecordedRun>, opts: { pulumi?: boolean; tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    const out = path.join(tempDir("drift-"), "reports");
    const engine = new RecordedEngine(runs);
    const stdout = new Captured(opts.tty ?? false);
    const stderr = new Captured();
    const io: DriftIo = { stdout, stderr, env: opts.env ?? { CI: "true" }, cwd: ROOT, now: () => new Date("2026-11-22T02:00:00Z") };
    const deps: DriftDeps = { findPulumi: () => (opts.pulumi === false ? undefined : "/usr/local/bin/pulumi"), engine: () => engine };
    const code = await main([...argv.map((a) => a.replace("$OUT", out))], io, deps);
    return { command: commandLine("drift", argv), code, stdout: stdout.text, stderr: stderr.text, engine, out };
}

const allRuns = (): Record<string, RecordedRun> => ({
    hyderabad: loadRun("clean.json"),
    ohio: loadRun("failed.json", "ohio"),
    mumbai: loadRun("drifted.json"),
});

function assertRefused(r: Run, pattern: RegExp): void {
    assertExit(r, 2);
    assert.strictEqual(r.stdout, "");
    assert.match(r.stderr, pattern);
    assert.strictEqual(r.stderr.split("\n").length, 2, `one line expected, got:\n${r.stderr}`);
    assert.deepStrictEqual(r.engine.calls, []);
    assert.ok(!fs.existsSync(r.out), "no reports on refusal");
}

describe("npm run drift", () => {
    it("without the Pulumi CLI says so in one line, how to install it, and exits 2", async () => {
        assertRefused(await drift(["--out", "$OUT"], allRuns(), { pulumi: false }), /^drift: the Pulumi CLI is not on PATH.*install it \(curl -fsSL https:\/\/get\.pulumi\.com/);
    });

    it("refuses an unknown option in one line that names it and the usage", async () => {
        assertRefused(await drift(["--stacks", "mumbai", "--out", "$OUT"], allRuns()), /^drift: unknown option --stacks; usage: npm run drift -- \[--stack NAME \.\.\.\] \[--out DIR\] \[--record DIR\]$/m);
    });

    it("refuses an unknown stack, listing the stacks there are", async () => {
        assertRefused(await drift(["--stack", "frankfurt", "--out", "$OUT"], allRuns()), /^drift: no stack "frankfurt" \(stacks: hyderabad, ohio, mumbai\); use one of them or add Pulumi\.frankfurt\.yaml$/m);
    });

    it("refuses an option without its value and a bare word", async () => {
        assertRefused(await drift(["--out"], allRuns()), /^drift: --out needs a value/);
        assertRefused(await drift(["--stack", "-h", "--out", "$OUT"], allRuns()), /^drift: --stack needs a value/);
        assertRefused(await drift(["mumbai", "--out", "$OUT"], allRuns()), /^drift: unexpected argument "mumbai"; name stacks with --stack/);
    });

    it("checks every stack in deploy order, reports them all, and exits 2 when one could not be checked", async () => {
        const r = await drift(["--out", "$OUT"], allRuns());
        assertExit(r, 2);
        assert.deepStrictEqual(r.engine.calls, ["hyderabad", "ohio", "mumbai"]);
        assert.deepStrictEqual(r.stdout.trimEnd().split("\n"), [
            "drift: hyderabad: checking (1/3)",
            "drift: hyderabad: clean (96 resources)",
            "drift: ohio: checking (2/3)",
            `drift: ohio: could not be checked: ${engineErrorLine(recordedError(loadRun("failed.json").error!))}`,
            "drift: mumbai: checking (3/3)",
            "drift: mumbai: drift: 4 differences (1 deleted out of band, 2 changed out of band, 1 tags changed out of band) in 106 resources",
            `drift: reports in ${path.relative(ROOT, r.out)}/ (summary.md); exit 2: a stack could not be checked`,
        ]);
        assert.deepStrictEqual(fs.readdirSync(r.out).sort(), ["hyderabad.json", "hyderabad.md", "mumbai.json", "mumbai.md", "ohio.json", "ohio.md", "summary.json", "summary.md"]);
        const summary = JSON.parse(fs.readFileSync(path.join(r.out, "summary.json"), "utf8"));
        assert.deepStrictEqual([summary.exitCode, summary.checkedAt], [2, "2026-11-22T02:00:00.000Z"]);
    });

    it("exits 1 when the checked stacks drifted and 0 when they are clean", async () => {
        const drifted = await drift(["--stack", "mumbai", "--out", "$OUT"], allRuns());
        assertExit(drifted, 1);
        assert.deepStrictEqual(fs.readdirSync(drifted.out).sort(), ["mumbai.json", "mumbai.md", "summary.json", "summary.md"]);
        const clean = await drift(["--stack", "hyderabad", "--out", "$OUT"], allRuns());
        assertExit(clean, 0);
        assert.strictEqual(clean.stderr, "");
    });

    it("with --record writes each stack's raw engine run in the fixture format", async () => {
        const dir = tempDir("drift-record-");
        const r = await drift(["--stack", "mumbai", "--out", "$OUT", "--record", dir], allRuns());
        assert.strictEqual(r.code, 1);
        assert.ok(r.stdout.includes(`drift: engine runs recorded in ${path.relative(ROOT, dir)}/`), r.stdout);
        const recorded = JSON.parse(fs.readFileSync(path.join(dir, "mumbai.json"), "utf8")) as RecordedRun;
        assert.deepStrictEqual(recorded, { stack: "mumbai", result: loadRun("drifted.json").result, events: loadRun("drifted.json").events });
        assertRefused(await drift(["--record", dir, "--record", dir], allRuns()), /^drift: --record given twice/);
    });

    it("checks requested stacks in deploy order whatever order they were named in", async () => {
        const r = await drift(["--stack", "mumbai", "--stack=hyderabad", "--stack", "mumbai", "--out", "$OUT"], allRuns());
        assert.deepStrictEqual(r.engine.calls, ["hyderabad", "mumbai"]);
    });

    it("shows a live status line per stack on a terminal, and plain lines when CI is set", async () => {
        const live = await drift(["--stack", "hyderabad", "--out", "$OUT"], allRuns(), { tty: true, env: {} });
        assert.ok(live.stdout.includes("\r\u001b[2K… hyderabad [1/1] refreshing: 96 resources"), JSON.stringify(live.stdout));
        assert.ok(live.stdout.includes("\r\u001b[2K✔ hyderabad: clean (96 resources)\n"));
        const ci = await drift(["--stack", "hyderabad", "--out", "$OUT"], allRuns(), { tty: true, env: { CI: "true" } });
        assert.ok(!ci.stdout.includes("\r"));
    });

    it("says in one line when it cannot write the reports", async () => {
        const file = path.join(tempDir("drift-"), "not-a-dir");
        fs.writeFileSync(file, "");
        const r = await drift(["--stack", "hyderabad", "--out", path.join(file, "reports")], allRuns());
        assertExit(r, 2);
        assert.match(r.stderr, /^drift: cannot write the reports to .*not-a-dir\/reports \((ENOTDIR|EEXIST)\); pass a writable --out DIR\n$/);
    });

    it("as a real process without pulumi on PATH: one line on stderr, no stack trace, exit 2", () => {
        const env = { PATH: path.join(ROOT, "no-such-dir"), HOME: os.tmpdir() };
        const p = spawnSync(process.execPath, ["-r", "./tools/register.js", "tools/drift.ts"], { cwd: ROOT, env, encoding: "utf8" });
        assertExit({ command: "npm run drift (no pulumi on PATH)", code: p.status ?? -1, stdout: p.stdout, stderr: p.stderr }, 2);
        assert.strictEqual(p.stdout, "");
        assert.match(p.stderr, /^drift: the Pulumi CLI is not on PATH[^\n]*\n$/);
    });
});

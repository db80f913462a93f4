import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { loadStackSet } from "../../infra/config";
import { main, resolvePeers } from "../../tools/plan/main";
import { parseStackExport } from "../../policies/lib/stack-export";
import { base, CONFIG_MISTAKES } from "../infra/config-cases";
import { plainProgress } from "../../tools/plan/progress";
import { assertExit, CliRun, commandLine } from "../helpers/cli";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "../..");

interface PlanRun extends CliRun {
    out: string[];
    err: string[];
    /** Progress lines (stderr in the CLI): stack starts, counts, notes. */
    progress: string[];
}

/** `npm run plan` in this process (the program runs in-process too), with what it printed. */
async function plan(argv: string[]): Promise<PlanRun> {
    const out: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => plainProgress((l) => progress.push(l), 0) });
    return { command: commandLine("plan", argv), code, out, err, progress, stdout: out.join("\n"), stderr: [...progress, ...err].join("\n") };
}

/** A temp dir with copies of the project's stack files (plus `extra` files). */
function stacksDir(extra: Record<string, unknown> = {}): string {
    const dir = tempDir("spot-grid-plan-stacks-");
    for (const f of fs.readdirSync(ROOT).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f))) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    for (const [name, doc] of Object.entries(extra)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify(doc));
    return dir;
}

function frankfurt(): unknown {
    const doc = parse(fs.readFileSync(path.join(ROOT, "Pulumi.ohio.yaml"), "utf8"));
    doc.config["aws:region"] = "eu-central-1";
    doc.config["spot-grid:network"].cidr = "10.40.0.0/16";
    // Its own tunnel /30s: the stack set rejects one another region's tunnel already uses.
    doc.config["spot-grid:network"].vpn = { tunnelInsideCidrs: ["169.254.13.0/30", "169.254.13.4/30"] };
    return doc;
}

describe("tools/plan: bad input", () => {
    const cases: [string, string[], RegExp][] = [
        ["an unknown flag", ["--stacks", "mumbai"], /^plan: Unknown option '--stacks'.*usage: npm run plan/],
        ["an unknown format", ["--format", "xml"], /^plan: --format must be text or json, not "xml"/],
        ["an unknown stack", ["--stack", "tokyo"], /^plan: --stack tokyo: no Pulumi\.tokyo\.yaml in .* \(stacks: hyderabad, mumbai, ohio\)/],
    ];
    for (const [title, argv, pattern] of cases) {
        it(`exits 2 with one line for ${title}`, async () => {
            const out = path.join(os.tmpdir(), `spot-grid-never-${process.pid}-${title.length}`);
            const r = await plan([...argv, "--out", out]);
            assertExit(r, 2);
            assert.strictEqual(r.err.length, 1, r.err.join("\n"));
            assert.match(r.err[0], pattern);
            assert.deepStrictEqual(r.out, []);
            assert.ok(!fs.existsSync(out), "no partial output");
        });
    }

    it("exits 2 naming the stack file and key for a config mistake, writing nothing", async () => {
        const bad = frankfurt() as any;
        bad.config["spot-grid:network"].cidr = "10.20.0.0/16"; // mumbai's block
        const out = tempDir("spot-grid-out-");
        const r = await plan(["--stacks-dir", stacksDir({ frankfurt: bad }), "--out", out]);
        assertExit(r, 2);
        assert.deepStrictEqual(r.err, [`plan: Pulumi.mumbai.yaml: spot-grid:network.cidr: 10.20.0.0/16 overlaps 10.20.0.0/16 of Pulumi.frankfurt.yaml; every region's VPC needs its own block so on-prem can route to each`]);
        assert.deepStrictEqual(fs.readdirSync(out), []);
    });
});

describe("tools/plan: every config mistake exits 2 with its one line and writes nothing", () => {
    const mistakes: [string, Record<string, Record<string, unknown>>, RegExp][] = [
        ...CONFIG_MISTAKES.map(([title, mutate, pattern]): [string, Record<string, Record<string, unknown>>, RegExp] => {
            const c = base();
            mutate(c);
            return [title, { mumbai: c }, pattern];
        }),
        ["replication to a stack that does not exist", { mumbai: { ...base(), "spot-grid:storage": { replicateTo: ["tokyo"] } } }, /replicateTo\[0\]: no stack "tokyo"/],
        ["a replication cycle", {
            mumbai: { ...base(), "spot-grid:storage": { replicateTo: ["ohio"] } },
            ohio: { ...base(), "aws:region": "us-east-2", "spot-grid:network": { cidr: "10.22.0.0/16", availabilityZones: 3 }, "spot-grid:storage": { replicateTo: ["mumbai"] } },
        }, /replication cycle (mumbai -> ohio -> mumbai|ohio -> mumbai -> ohio)/],
    ];
    for (const [title, stacks, pattern] of mistakes) {
        it(title, async () => {
            const dir = tempDir("spot-grid-mistake-");
            for (const [name, config] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify({ config }));
            const out = path.join(dir, "out");
            const r = await plan(["--stacks-dir", dir, "--out", out]);
            assertExit(r, 2);
            assert.strictEqual(r.err.length, 1, r.err.join("\n"));
            assert.match(r.err[0], /^plan: Pulumi\.(mumbai|ohio)\.yaml: /);
            assert.match(r.err[0], pattern);
            assert.deepStrictEqual(r.out, []);
            assert.ok(!fs.existsSync(out), "no partial output");
        });
    }
});

describe("tools/plan: planning the region stacks", function () {
    this.timeout(120000);
    let result: PlanRun;
    let out: string;
    let dir: string;

    before(async () => {
        out = tempDir("spot-grid-out-");
        // A fourth region is one new stack file: no code change.
        dir = stacksDir({ frankfurt: frankfurt() });
        result = await plan(["--stacks-dir", dir, "--out", out, "--format", "json"]);
    });

    it("plans every stack file, a new region included, and writes one export each", () => {
        assert.deepStrictEqual(fs.readdirSync(out).sort(), ["frankfurt.json", "hyderabad.json", "mumbai.json", "ohio.json"]);
        const doc = parseStackExport(fs.readFileSync(path.join(out, "frankfurt.json"), "utf8"));
        const provider = doc.deployment.resources.find((r) => r.type === "pulumi:providers:aws")!;
        assert.strictEqual(provider.inputs!.region, "eu-central-1");
        assert.deepStrictEqual(JSON.parse(String(provider.inputs!.defaultTags)).tags, {
            project: "spot-grid", stack: "frankfurt", region: "eu-central-1", owner: "trading-platform", "cost-centre": "CC-4410-GRID", "managed-by": "pulumi",
        });
    });

    it("reports every stack in deploy order with its policy verdicts, and exits by them", () => {
        const report = JSON.parse(result.out.join("\n"));
        const order = report.stacks.map((s: { stack: string }) => s.stack);
        assert.ok(order.indexOf("mumbai") > order.indexOf("hyderabad") && order.indexOf("mumbai") > order.indexOf("ohio"), order.join(","));
        const mandatory = report.stacks.flatMap((s: any) => s.violations).filter((v: any) => v.enforcementLevel === "mandatory");
        assertExit(result, mandatory.length > 0 ? 1 : 0);
        assert.strictEqual(report.exitCode, result.code);
        for (const s of report.stacks) assert.strictEqual(s.resources, parseStackExport(fs.readFileSync(path.join(out, `${s.stack}.json`), "utf8")).deployment.resources.length);
        const mumbai = report.stacks.find((s: { stack: string }) => s.stack === "mumbai");
        assert.deepStrictEqual([mumbai.reads, mumbai.creates], [2, mumbai.resources - 2], "the two StackReferences are reads, not creates");
    });

    it("talks while it works: a line per stack as it starts and its resource count, the verdict last", () => {
        for (const stack of ["hyderabad", "ohio", "frankfurt", "mumbai"]) {
            const start = result.progress.findIndex((l) => l.startsWith(`Planning ${stack} (`));
            assert.ok(start >= 0, `a start line for ${stack}:\n${result.progress.join("\n")}`);
            assert.match(result.progress.slice(start).join("\n"), new RegExp(`${stack}: \\d+ resources in \\d+\\.\\d s`));
        }
        assert.ok(result.progress.findIndex((l) => l.startsWith("Planning mumbai")) > result.progress.findIndex((l) => l.startsWith("Planning ohio")), "peers first");
        assert.match(result.err[result.err.length - 1], /^Verdict: exit [01], /);
    });

    it("plans only the stack asked for, reading its peers' outputs from their exports, and ends on the verdict", async () => {
        const r = await plan(["--stacks-dir", dir, "--stack", "mumbai", "--out", out]);
        assertExit(r, 0); // the region stacks have no mandatory violation (tests/policies/conformance)
        assert.deepStrictEqual(r.progress.filter((l) => l.startsWith("Planning ")), ["Planning mumbai (ap-south-1)..."], "only mumbai is planned");
        for (const peer of ["hyderabad", "ohio"]) {
            assert.ok(r.progress.includes(`mumbai reads ${peer}'s outputs from ${path.relative(process.cwd(), path.join(out, `${peer}.json`))} (plan ${peer} to refresh them)`), r.progress.join("\n"));
        }
        const text = r.out.join("\n");
        assert.match(text, /^Previewing update \(mumbai, ap-south-1\) offline:/m);
        assert.doesNotMatch(text, /Previewing update \(ohio/);
        assert.match(text, /^ \+ {4}pulumi:pulumi:Stack\s+spot-grid-mumbai\s+create$/m);
        assert.match(text, /└─ spot-grid:grid:RegionalGrid\s+mumbai\s+create$/m);
        assert.match(text, /^ > {4}├─ pulumi:pulumi:StackReference\s+organization\/spot-grid\/hyderabad\s+read$/m, "a StackReference is a read");
        assert.match(text, /^Resources:\n {4}\+ \d+ to create\n {4}> 2 to read$/m);
        assert.match(text, /^Outputs:\n {4}accessLogBucketArn: +"arn:aws:s3:::spot-grid-mumbai-logs-/m);
        assert.match(text, /^ {4}mumbai +ap-south-1 +\d+ +2 +\d+ +\d+ +\d+\.\d s$/m, "the summary row");
        assert.match(r.out[r.out.length - 1], /^Verdict: exit [01], /);
        // Tree, outputs and summary fit 120 columns off a terminal (paths and URNs in notes and violations may not).
        for (const line of r.out.filter((l) => !/^(Note|Export): |^ {8}urn:/.test(l))) assert.ok(line.length <= 120, `at most 120 columns: ${line.length}: ${line}`);
    });

    it("says in one line which peer it plans first, and why, when there is no export to read", () => {
        const all = loadStackSet(dir);
        const empty = tempDir("spot-grid-out-");
        fs.writeFileSync(path.join(empty, "ohio.json"), "{not json");
        const peers = resolvePeers(all, new Set(["mumbai"]), empty);
        assert.deepStrictEqual(peers.plan.map((s) => s.stack).sort(), ["hyderabad", "mumbai", "ohio"]);
        const shown = (f: string): string => path.relative(process.cwd(), path.join(empty, f));
        assert.strictEqual(peers.notes.length, 2, peers.notes.join("\n"));
        assert.strictEqual(peers.notes[0], `planning hyderabad first: mumbai's StackReference reads its outputs and there is no ${shown("hyderabad.json")} yet`);
        assert.ok(peers.notes[1].startsWith(`planning ohio first: mumbai's StackReference reads its outputs and ${shown("ohio.json")} is unreadable (`), peers.notes[1]);
        const fromExports = resolvePeers(all, new Set(["mumbai"]), out);
        assert.deepStrictEqual(fromExports.plan.map((s) => s.stack), ["mumbai"]);
        assert.deepStrictEqual(Object.keys(fromExports.known).sort(), ["hyderabad", "ohio"]);
    });
});

describe("tools/plan: --out is checked before planning", () => {
    it("refuses an existing file, in one line, exit 2, writing nothing", async () => {
        const file = path.join(tempDir("spot-grid-out-"), "plan.json");
        fs.writeFileSync(file, "keep me");
        const r = await plan(["--out", file]);
        assertExit(r, 2);
        assert.deepStrictEqual(r.err, [`plan: --out ${path.relative(process.cwd(), file)} is a file; pass a directory (it is created if missing)`]);
        assert.deepStrictEqual([r.out, r.progress], [[], []], "nothing planned");
        assert.strictEqual(fs.readFileSync(file, "utf8"), "keep me");
    });

    it("refuses a path under a file, in one line, exit 2", async () => {
        const file = path.join(tempDir("spot-grid-out-"), "plan.json");
        fs.writeFileSync(file, "keep me");
        const r = await plan(["--out", path.join(file, "sub", "dir")]);
        assertExit(r, 2);
        assert.deepStrictEqual(r.err, [`plan: --out ${path.relative(process.cwd(), path.join(file, "sub", "dir"))} is under ${path.relative(process.cwd(), file)}, which is a file; pass a directory (it is created if missing)`]);
        assert.deepStrictEqual([r.out, r.progress], [[], []]);
    });
});

describe("tools/plan: --help", () => {
    it("prints the usage, the options and the exit codes, and exits 0 without planning", async () => {
        for (const flag of ["--help", "-h"]) {
            const r = await plan([flag]);
            assertExit(r, 0);
            assert.strictEqual(r.out[0], "usage: npm run plan -- [--stack NAME ...] [--out DIR] [--format text|json]");
            assert.match(r.stdout, /--stack NAME[\s\S]*--out DIR[\s\S]*Exit codes: 0 no mandatory violation, 1 mandatory policy violations, 2 bad input or config,\s+3 program error/);
            assert.deepStrictEqual([r.err, r.progress], [[], []]);
        }
    });
});

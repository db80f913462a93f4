import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { main } from "../../tools/plan/main";
import { parseStackExport } from "../../policies/lib/stack-export";
import { base, CONFIG_MISTAKES } from "../infra/config-cases";

const ROOT = path.resolve(__dirname, "../..");

async function plan(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
}

/** A temp dir with copies of the project's stack files (plus `extra` files). */
function stacksDir(extra: Record<string, unknown> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-plan-stacks-"));
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
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.err.length, 1, r.err.join("\n"));
            assert.match(r.err[0], pattern);
            assert.deepStrictEqual(r.out, []);
            assert.ok(!fs.existsSync(out), "no partial output");
        });
    }

    it("exits 2 naming the stack file and key for a config mistake, writing nothing", async () => {
        const bad = frankfurt() as any;
        bad.config["spot-grid:network"].cidr = "10.20.0.0/16"; // mumbai's block
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-out-"));
        const r = await plan(["--stacks-dir", stacksDir({ frankfurt: bad }), "--out", out]);
        assert.strictEqual(r.code, 2);
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
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-mistake-"));
            for (const [name, config] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify({ config }));
            const out = path.join(dir, "out");
            const r = await plan(["--stacks-dir", dir, "--out", out]);
            assert.strictEqual(r.code, 2, r.err.join("\n"));
            assert.strictEqual(r.err.length, 1, r.err.join("\n"));
            assert.match(r.err[0], /^plan: Pulumi\.(mumbai|ohio)\.yaml: /);
            assert.match(r.err[0], pattern);
            assert.deepStrictEqual(r.out, []);
            assert.ok(!fs.existsSync(out), "no partial output");
        });
    }
});

describe("tools/plan: planning the region stacks", function () {
    this.timeout(300000);
    let result: { code: number; out: string[]; err: string[] };
    let out: string;

    before(async () => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-out-"));
        // A fourth region is one new stack file: no code change.
        result = await plan(["--stacks-dir", stacksDir({ frankfurt: frankfurt() }), "--out", out, "--format", "json"]);
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
        assert.strictEqual(result.code, mandatory.length > 0 ? 1 : 0);
        for (const s of report.stacks) assert.strictEqual(s.resources, parseStackExport(fs.readFileSync(path.join(out, `${s.stack}.json`), "utf8")).deployment.resources.length);
    });

    it("prints a stack as a preview tree when only it is asked for, planning its peers first", async () => {
        const r = await plan(["--stack", "mumbai", "--out", fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-out-"))]);
        const text = r.out.join("\n");
        assert.match(text, /^Previewing update \(mumbai, ap-south-1\) offline:/m);
        assert.doesNotMatch(text, /Previewing update \(ohio/);
        assert.match(text, /pulumi:pulumi:Stack\s+spot-grid-mumbai\s+create/);
        assert.match(text, /└─ spot-grid:grid:RegionalGrid\s+mumbai\s+create/);
        assert.match(text, /Planned 1 stack\(s\) in deploy order: (hyderabad -> ohio|ohio -> hyderabad) -> mumbai/);
    });
});

/**
 * `npm run up`: the deploy path refuses to update without every pack. It cannot reach a cloud
 * here, so its refusals and arguments are tested offline, and the command it would run is checked
 * against a stand-in `pulumi` on PATH that records its arguments and exits with a chosen code.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseUpArgs, refusedPassThrough } from "../../tools/up/args";
import { main, UpDeps, defaultDeps } from "../../tools/up/cli";
import { packDirectories, packProblems, upCommand } from "../../tools/up/guard";
import { allPacks } from "../../policies/registry";
import type { PackDefinition } from "../../policies/lib/pack";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..");
const EVERY_PACK = ["--policy-pack", "policies/encryption", "--policy-pack", "policies/least-privilege-iam", "--policy-pack", "policies/no-public-egress", "--policy-pack", "policies/data-protection"];

async function run(argv: string[], deps: Partial<UpDeps> = {}, env: NodeJS.ProcessEnv = { PATH: "" }, cwd = ROOT) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env, cwd }, { ...defaultDeps, ...deps });
    return { code, out: out.join(""), err: err.join("") };
}

/** A copy of the project's stack files and pack directories (no node_modules) to break. */
function projectCopy(): string {
    const dir = tempDir("spot-grid-up-");
    for (const f of fs.readdirSync(ROOT).filter((n) => /^Pulumi(\.[^.]+)?\.yaml$/.test(n))) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    for (const p of packDirectories(ROOT)) {
        fs.mkdirSync(path.join(dir, "policies", p), { recursive: true });
        for (const f of ["PulumiPolicy.yaml", "package.json", "index.ts"]) fs.copyFileSync(path.join(ROOT, "policies", p, f), path.join(dir, "policies", p, f));
    }
    return dir;
}

describe("npm run up: arguments", () => {
    it("takes one stack, --yes, --dry-run, and pulumi up's own options after --", () => {
        assert.deepStrictEqual(parseUpArgs(["--stack", "mumbai", "--yes", "--", "--diff", "--message", "x"]), { stack: "mumbai", yes: true, dryRun: false, help: false, passThrough: ["--diff", "--message", "x"] });
        assert.deepStrictEqual(parseUpArgs(["--stack=ohio", "--dry-run"]).stack, "ohio");
        assert.strictEqual(parseUpArgs(["--help"]).help, true);
    });
    for (const [argv, pattern] of [
        [[], /--stack is required/],
        [["--stack"], /--stack needs a stack name/],
        [["--stack", "--yes"], /--stack needs a stack name/],
        [["--stack", "ohio", "--stack", "mumbai"], /--stack given twice \(ohio, mumbai\); update one stack per run, in deploy order/],
        [["--stack", "ohio", "--preview-only"], /unknown option --preview-only; .*pulumi up's own options go after --/],
        [["ohio"], /unexpected argument "ohio"; name the stack with --stack/],
    ] as [string[], RegExp][]) {
        it(`refuses ${JSON.stringify(argv)} in one line, exit 2`, async () => {
            const r = await run(argv);
            assert.strictEqual(r.code, 2);
            assert.match(r.err, pattern);
            assert.strictEqual(r.err.trim().split("\n").length, 1, r.err);
            assert.strictEqual(r.out, "");
        });
    }
    it("refuses pass-through options that would choose or configure the packs, or another stack", () => {
        for (const o of ["--policy-pack", "--policy-pack=policies/x", "--policy-pack-config", "--stack", "-s", "--cwd", "-C"]) assert.ok(refusedPassThrough(["--diff", o, "x"]), o);
        assert.match(refusedPassThrough(["--policy-pack-config=a.json"])!, /the packs run as committed; tune a policy in its pack/);
        assert.strictEqual(refusedPassThrough(["--diff", "--target", "urn:x", "--refresh"]), undefined);
    });
});

describe("npm run up: refuses to update without every pack", () => {
    it("the project's packs are all registered, present and loadable", () => {
        assert.deepStrictEqual(packProblems(ROOT, allPacks), []);
        assert.deepStrictEqual(packDirectories(ROOT), allPacks.map((p) => p.dir).sort());
    });
    it("a pack directory the registry does not list", async () => {
        const dir = projectCopy();
        try {
            fs.mkdirSync(path.join(dir, "policies", "audit"));
            fs.writeFileSync(path.join(dir, "policies", "audit", "PulumiPolicy.yaml"), "runtime: nodejs\n");
            const r = await run(["--stack", "ohio", "--dry-run"], {}, { PATH: "" }, dir);
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /^up: refusing to update ohio without every policy pack: policies\/audit is a policy pack that policies\/registry\.ts does not list/);
            assert.strictEqual(r.out, "", "nothing announced, nothing run");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
    it("a registered pack whose directory is gone, or that cannot load its SDK", () => {
        const dir = projectCopy();
        try {
            fs.rmSync(path.join(dir, "policies", "no-public-egress"), { recursive: true });
            fs.rmSync(path.join(dir, "policies", "encryption", "index.ts"));
            const problems = packProblems(dir, allPacks, () => undefined);
            assert.deepStrictEqual(problems, ["policies/encryption has no index.ts; restore it", "the registered pack spot-grid-no-public-egress has no policies/no-public-egress/PulumiPolicy.yaml; restore it"]);
            const unresolvable = packProblems(ROOT, allPacks, () => {
                throw new Error("Cannot find module '@pulumi/policy'");
            });
            assert.strictEqual(unresolvable.length, allPacks.length);
            assert.match(unresolvable[0], /policies\/encryption cannot load @pulumi\/policy; run npm ci/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
    it("a pack list that drops a pack (a registry edited to skip one) still fails: the directory is there", () => {
        const fewer: PackDefinition[] = allPacks.filter((p) => p.dir !== "data-protection");
        assert.match(packProblems(ROOT, fewer).join(), /policies\/data-protection is a policy pack that policies\/registry\.ts does not list/);
    });
    it("an unknown stack, or a stack file with a config mistake: one line, exit 2", async () => {
        assert.match((await run(["--stack", "frankfurt", "--dry-run"])).err, /^up: no stack "frankfurt" \(stacks: hyderabad, mumbai, ohio\)/);
        const dir = projectCopy();
        try {
            const file = path.join(dir, "Pulumi.ohio.yaml");
            fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("availabilityZones: 3", "availabilityZones: 4"));
            const r = await run(["--stack", "mumbai", "--dry-run"], {}, { PATH: "" }, dir);
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /^up: Pulumi\.ohio\.yaml: spot-grid:network\.availabilityZones: 4 is more than the 3 AZs of us-east-2/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
    it("no Pulumi CLI: one line, exit 2, nothing run", async () => {
        let ran = false;
        const r = await run(["--stack", "ohio"], { run: async () => ((ran = true), 0) });
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /^up: the Pulumi CLI is not on PATH, and updating ohio needs it; install it/);
        assert.ok(!ran);
    });
});

describe("npm run up: the command it runs", () => {
    it("is pulumi up on the stack with every pack, in registry order", () => {
        assert.deepStrictEqual(upCommand("ohio", allPacks, { yes: true, passThrough: ["--diff"] }), ["up", "--stack", "ohio", ...EVERY_PACK, "--yes", "--diff"]);
    });
    it("--dry-run names the deploy wave and the command, and runs nothing", async () => {
        const r = await run(["--stack", "mumbai", "--dry-run"], { run: async () => assert.fail("ran") });
        assert.strictEqual(r.code, 0);
        assert.strictEqual(r.out, `up: mumbai is in deploy wave 2 of 2 (after hyderabad, ohio); would run pulumi up --stack mumbai ${EVERY_PACK.join(" ")}\n`);
    });
    it("runs the CLI on PATH in the project and exits with its code (a mandatory violation fails the update)", async function () {
        if (process.platform === "win32") this.skip();
        const bin = tempDir("spot-grid-up-bin-");
        try {
            const record = path.join(bin, "argv.txt");
            fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\npwd > "${record}"\nprintf '%s\\n' "$@" >> "${record}"\nexit 7\n`, { mode: 0o755 });
            const r = await run(["--stack", "hyderabad", "--yes", "--", "--diff"], {}, { PATH: bin });
            assert.strictEqual(r.code, 7, r.err);
            const [cwd, ...args] = fs.readFileSync(record, "utf8").trim().split("\n");
            assert.strictEqual(fs.realpathSync(cwd), fs.realpathSync(ROOT));
            assert.deepStrictEqual(args, ["up", "--stack", "hyderabad", ...EVERY_PACK, "--yes", "--diff"]);
            assert.match(r.out, /^up: hyderabad is in deploy wave 1 of 2; running pulumi up --stack hyderabad/);
        } finally {
            fs.rmSync(bin, { recursive: true, force: true });
        }
    });
});

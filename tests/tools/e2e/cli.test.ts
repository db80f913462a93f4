import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildActions, CLI_MODULE, isCompatible, parseVersion, pinnedCliVersion, REPO_ROOT, sdkVersion } from "../../../tools/e2e/cli";
import { main } from "../../../tools/e2e/main";
import { tempDir } from "../../helpers/temp";

describe("e2e: the Pulumi CLI", () => {
    it("pins in tools/pulumi-cli the CLI version of our @pulumi/pulumi (bump both together)", () => {
        const goMod = fs.readFileSync(path.join(CLI_MODULE, "go.mod"), "utf8");
        assert.strictEqual(pinnedCliVersion(goMod), `v${sdkVersion()}`);
        assert.match(goMod, new RegExp(`github\\.com/pulumi/pulumi/sdk/v3 v${sdkVersion().replace(/\./g, "\\.")}\\b`), "sdk/v3 pinned to the same version");
        // pkg/v3's own replace directives do not apply to a dependency: the wrapper repeats the one the build needs.
        assert.match(goMod, /^replace github\.com\/atotto\/clipboard => github\.com\/tgummerer\/clipboard /m);
    });

    it("accepts a v3 CLI no older than the SDK", () => {
        assert.deepStrictEqual(parseVersion("v3.248.0\n"), [3, 248, 0]);
        assert.strictEqual(parseVersion("unknown"), undefined);
        assert.ok(isCompatible("v3.248.0", "3.248.0"));
        assert.ok(isCompatible("v3.250.1", "3.248.0"));
        assert.ok(!isCompatible("v3.247.9", "3.248.0"));
        assert.ok(!isCompatible("v4.0.0", "3.248.0"));
        assert.ok(!isCompatible("", "3.248.0"), "an empty `pulumi version` (a CLI built without its version) is not compatible");
    });

    it("counts what `go build -x` compiled and linked (a warm rebuild shows none)", () => {
        const x = ["WORK=/tmp/go-build1", "mkdir -p $WORK/b001/", "/usr/lib/go/pkg/tool/linux_amd64/compile -o $WORK/b001/_pkg_.a -p main", "/usr/lib/go/pkg/tool/linux_amd64/compile -o $WORK/b002/_pkg_.a", "/usr/lib/go/pkg/tool/linux_amd64/link -o $WORK/b001/exe/a.out"].join("\n");
        assert.deepStrictEqual(buildActions(x), { compiled: 2, linked: 1 });
        assert.deepStrictEqual(buildActions("WORK=/tmp/go-build2\n"), { compiled: 0, linked: 0 });
    });
});

describe("npm run e2e: cannot run here", () => {
    async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string[]; err: string[] }> {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: process.cwd() });
        return { code, out, err };
    }

    it("without Go and without a Pulumi CLI says so in one line and exits 2 (never a silent skip)", async () => {
        const empty = tempDir("no-tools-");
        const r = await run([], { PATH: empty, HOME: os.tmpdir() });
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.out, []);
        assert.strictEqual(r.err.length, 1);
        assert.match(r.err[0], /^e2e: needs the Pulumi CLI 3\.\d+\.\d+ or later and cannot get it: no pulumi on PATH, and no Go on PATH to build it from the module proxy; install Go/);
    });

    it("as a real process without Go and pulumi: one line on stderr, nothing on stdout, exit 2", () => {
        const empty = tempDir("no-tools-");
        const p = spawnSync(process.execPath, ["-r", "./tools/register.js", "tools/e2e.ts"], { cwd: REPO_ROOT, env: { PATH: empty, HOME: os.tmpdir() }, encoding: "utf8" });
        assert.strictEqual(p.status, 2, p.stderr);
        assert.strictEqual(p.stdout, "");
        assert.match(p.stderr, /^e2e: needs the Pulumi CLI [^\n]*\n$/);
    });

    it("names a too-old pulumi on PATH when there is no Go either", async () => {
        const bin = tempDir("old-pulumi-");
        fs.writeFileSync(path.join(bin, "pulumi"), "#!/bin/sh\necho v3.100.0\n", { mode: 0o755 });
        const r = await run([], { PATH: `${bin}${path.delimiter}/usr/bin${path.delimiter}/bin`.split(path.delimiter).filter((d) => !fs.existsSync(path.join(d, "go"))).join(path.delimiter) });
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.err.length, 1);
        assert.match(r.err[0], /pulumi is v3\.100\.0, and no Go on PATH/);
    });

    it("refuses an unknown option in one line", async () => {
        const r = await run(["--fast"], process.env);
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.err, ["e2e: unknown option --fast; usage: npm run e2e -- [--keep] [--build-cli] [--record-fixtures DIR]"]);
    });

    it("takes no option for --record-fixtures' directory, as npm run up and drift take none for a value", async () => {
        for (const next of [[], ["-h"], ["--keep"]]) {
            const r = await run(["--record-fixtures", ...next], process.env);
            assert.strictEqual(r.code, 2, JSON.stringify(next));
            assert.deepStrictEqual(r.out, []);
            assert.match(r.err.join("\n"), /^e2e: --record-fixtures needs a directory/);
        }
    });
});

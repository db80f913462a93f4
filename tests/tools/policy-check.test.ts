import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATIONS, runPolicyCheck } from "../../tools/policy-check";
import { assertExit, CliRun, commandLine } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "formats", "stack-export-sample.json");

const CLEAN = JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", type: "pulumi:pulumi:Stack", custom: false }] } });
const ADVISORY_ONLY = JSON.stringify({
    version: 3,
    deployment: { resources: [{ urn: "urn:pulumi:s::p::aws:iam/rolePolicy:RolePolicy::r", type: "aws:iam/rolePolicy:RolePolicy", custom: true, inputs: { policy: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }, outputs: {} }] },
});

async function run(argv: string[], files: Record<string, string> = {}) {
    let stdout = "";
    let stderr = "";
    const code = await runPolicyCheck(argv, {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        readFile: (p) => {
            if (p in files) return files[p];
            if (p === "sample.json") return fs.readFileSync(SAMPLE, "utf8");
            throw Object.assign(new Error(`ENOENT: ${p}`), { code: "ENOENT" });
        },
    });
    return { command: commandLine("policy:check", argv), code, stdout, stderr };
}

function assertBadInput(r: CliRun, pattern: RegExp): void {
    assertExit(r, EXIT_BAD_INPUT);
    assert.strictEqual(r.stdout, "", "no partial stdout on bad input");
    assert.match(r.stderr, pattern);
    assert.strictEqual(r.stderr.trim().split("\n").length, 1, `one line: ${r.stderr}`);
    assert.ok(!/\n\s+at /.test(r.stderr), "no stack trace");
}

describe("tools/policy-check", () => {
    it("exits 1 on mandatory violations and prints JSON with the required fields first", async () => {
        const r = await run(["--state", "sample.json", "--format", "json"]);
        assertExit(r, EXIT_VIOLATIONS);
        const out = JSON.parse(r.stdout);
        assert.deepStrictEqual(Object.keys(out), ["violations"]);
        assert.ok(out.violations.length > 0);
        for (const v of out.violations) assert.deepStrictEqual(Object.keys(v).slice(0, 4), ["policy", "urn", "message", "enforcementLevel"]);
    });
    it("exits 0 on a clean export (text) and on advisory-only findings", async () => {
        const clean = await run(["--state=clean.json"], { "clean.json": CLEAN });
        assertExit(clean, EXIT_OK);
        assert.strictEqual(clean.stdout, "No policy violations.\n");
        const advisory = await run(["--state", "a.json", "--pack", "least-privilege-iam", "--format", "json"], { "a.json": ADVISORY_ONLY });
        assertExit(advisory, EXIT_OK);
        assert.ok(JSON.parse(advisory.stdout).violations.every((v: { enforcementLevel: string }) => v.enforcementLevel === "advisory"));
    });
    it("honours --config (disabling the sample's mandatory findings) and --pack", async () => {
        const config = JSON.stringify({ all: "advisory" });
        const r = await run(["--state", "sample.json", "--config", "c.json"], { "c.json": config });
        assertExit(r, EXIT_OK);
        const onlyIam = await run(["--state", "sample.json", "--pack", "least-privilege-iam", "--format", "json"]);
        assertExit(onlyIam, EXIT_OK);
    });
    it("exits 2 with one line for each kind of bad input", async () => {
        assertBadInput(await run([]), /missing --state FILE/);
        assertBadInput(await run(["--state"]), /--state needs a value/);
        assertBadInput(await run(["--state", "x.json", "--frobnicate"]), /unknown argument '--frobnicate'/);
        assertBadInput(await run(["--state", "sample.json", "--format", "yaml"]), /--format must be text or json/);
        assertBadInput(await run(["--state", "missing.json"]), /cannot read state file 'missing\.json' \(ENOENT\)/);
        assertBadInput(await run(["--state", "x.json"], { "x.json": "{not json" }), /x\.json: not valid JSON.*pulumi stack export/);
        assertBadInput(await run(["--state", "x.json"], { "x.json": "[1]" }), /not a Pulumi deployment/);
        assertBadInput(await run(["--state", "x.json"], { "x.json": JSON.stringify({ version: 9, deployment: {} }) }), /unsupported deployment version 9/);
        assertBadInput(await run(["--state", "sample.json", "--pack", "nope"]), /unknown pack 'nope'; use one of/);
        assertBadInput(await run(["--state", "sample.json", "--config", "none.json"]), /cannot read policy config 'none\.json'/);
        assertBadInput(await run(["--state", "sample.json", "--config", "c.json"], { "c.json": "{" }), /policy config 'c\.json' is not valid JSON/);
        assertBadInput(await run(["--state", "sample.json", "--config", "c.json"], { "c.json": '{"no-such-policy":"advisory"}' }), /no policy named 'no-such-policy'/);
    });
});

/**
 * A fresh clone runs green with nothing beside it: no test, tool, script or CI file may read
 * outside the repository (`../shared` is reading material for people, never an input).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SKIP_DIRS = new Set(["node_modules", ".git", "bin", ".plan", "docs"]);
const CODE = /\.(ts|js|mjs|cjs|json|ya?ml|sh)$|^run$/;

/** Every code, config and CI file of the repository (docs may cite ../shared for people to read). */
function repoFiles(dir = ROOT): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : repoFiles(path.join(dir, e.name));
        return CODE.test(e.name) ? [path.join(dir, e.name)] : [];
    });
}

/**
 * Where `file` (at `filePath`) reads outside `root`: string literals naming `../shared` or an
 * absolute path outside the repository, and `path.join/resolve(__dirname, "..", ...)` chains
 * that climb out of it. Returns one line per finding.
 */
export function readsOutside(filePath: string, text: string, root: string = ROOT): string[] {
    const found: string[] = [];
    const lines = text.split("\n");
    lines.forEach((line, i) => {
        const where = `${path.relative(root, filePath)}:${i + 1}`;
        if (/(^|[^.\w])\.\.\/shared\b|["'`]shared["'`]\s*,\s*["'`]formats["'`]|\/work\/shared/.test(line) && !/^\s*(\*|\/\/|#)/.test(line)) {
            found.push(`${where}: names ../shared: ${line.trim()}`);
        }
        const join = /path\.(?:join|resolve)\(\s*__dirname\s*((?:,\s*["'`][^"'`$]*["'`]\s*)+)\)/g;
        for (let m = join.exec(line); m; m = join.exec(line)) {
            const parts = [...m[1].matchAll(/["'`]([^"'`$]*)["'`]/g)].map((p) => p[1]);
            const target = path.resolve(path.dirname(filePath), ...parts);
            if (path.relative(root, target).startsWith("..")) found.push(`${where}: resolves outside the repository (${target}): ${line.trim()}`);
        }
    });
    return found;
}

describe("the repository is self-contained", () => {
    it("finds the two reads of ../shared that broke a fresh clone (the check can fail)", () => {
        const evaluatorTest = path.join(ROOT, "tests/policies/lib/evaluator.test.ts");
        const policyCheckTest = path.join(ROOT, "tests/tools/policy-check.test.ts");
        assert.strictEqual(readsOutside(evaluatorTest, `const SAMPLE = path.join(__dirname, "..", "..", "..", "..", "shared", "formats", "stack-export-sample.json");`).length, 2);
        assert.strictEqual(readsOutside(policyCheckTest, `const SAMPLE = path.join(__dirname, "..", "..", "..", "shared", "formats", "stack-export-sample.json");`).length, 2);
        assert.strictEqual(readsOutside(policyCheckTest, `cp ../shared/formats/x.json tests/`).length, 1);
        assert.deepStrictEqual(readsOutside(policyCheckTest, `const SAMPLE = path.join(__dirname, "..", "fixtures", "formats", "stack-export-sample.json");`), []);
        assert.deepStrictEqual(readsOutside(policyCheckTest, ` * See ../shared/formats/README.md.`), [], "a comment may point people at ../shared");
    });

    it("no test, tool, script or CI file reads outside the repository", () => {
        const files = repoFiles();
        assert.ok(files.some((f) => f.endsWith(path.join("tests", "policies", "lib", "evaluator.test.ts"))), "the scan sees the tests");
        assert.ok(files.some((f) => f.endsWith(path.join(".ci", "run"))), "the scan sees CI");
        const findings = files.filter((f) => f !== __filename).flatMap((f) => readsOutside(f, fs.readFileSync(f, "utf8")));
        assert.deepStrictEqual(findings, [], "copy what a test needs into tests/fixtures/");
    });

    it("keeps the stack export sample the policy tests read inside tests/fixtures", () => {
        const sample = JSON.parse(fs.readFileSync(path.join(ROOT, "tests", "fixtures", "formats", "stack-export-sample.json"), "utf8"));
        assert.strictEqual(sample.version, 3);
        assert.ok(sample.deployment.resources.length > 0);
    });
});

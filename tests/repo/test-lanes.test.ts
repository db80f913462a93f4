/**
 * Every test runs somewhere, and CI runs every lane: `npm test` (the developer's loop: check and
 * mocha) takes every test file but those of `npm run test:analyzer` (the packs under
 * @pulumi/policy's real analyzer server), and `.ci/run` runs both, then the e2e.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { minimatch } from "minimatch";

const ROOT = path.resolve(__dirname, "..", "..");
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** The quoted globs after `mocha` (specs) and after `--ignore` in an npm script. */
function globsOf(script: string): { specs: string[]; ignores: string[] } {
    const specs: string[] = [];
    const ignores: string[] = [];
    const tokens = [...script.matchAll(/(--ignore\s+)?"([^"]+)"/g)];
    for (const [, ignore, glob] of tokens) (ignore ? ignores : specs).push(glob);
    return { specs, ignores };
}

function testFiles(dir = path.join(ROOT, "tests")): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (e.isDirectory()) return testFiles(path.join(dir, e.name));
        return e.name.endsWith(".test.ts") ? [path.relative(ROOT, path.join(dir, e.name))] : [];
    });
}

const runs = (script: string, file: string): boolean => {
    const { specs, ignores } = globsOf(script);
    return specs.some((g) => minimatch(file, g)) && !ignores.some((g) => minimatch(file, g));
};

describe("test lanes", () => {
    it("npm test runs check and mocha; every test file is in exactly one of its mocha run and npm run test:analyzer", () => {
        assert.match(scripts.test, /"npm:check"/);
        assert.match(scripts.test, /"npm:mocha"/);
        const files = testFiles();
        assert.ok(files.length > 100, `${files.length} test files`);
        const lanes = files.map((f) => [f, runs(scripts.mocha, f), runs(scripts["test:analyzer"], f)] as const);
        assert.deepStrictEqual(lanes.filter(([, a, b]) => a === b).map(([f, a]) => `${f}: ${a ? "in both lanes" : "in no lane"}`), []);
        assert.ok(lanes.some(([, , b]) => b), "npm run test:analyzer runs no test file");
    });

    it(".ci/run runs npm test, npm run test:analyzer and the e2e, and stops at the first failure", () => {
        const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
        assert.match(ci, /^set -euo pipefail$/m);
        const commands = ci.split("\n").filter((l) => /^npm /.test(l));
        assert.deepStrictEqual(commands, ["npm ci --no-audit --no-fund", "npm test", "npm run test:analyzer", "npm run e2e"]);
    });
});

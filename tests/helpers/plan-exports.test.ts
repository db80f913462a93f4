/**
 * The plan fixture shared by a whole mocha run (./plan-exports, ./run-dir): a process that finds
 * the plan being made waits for it and reads it, gets the planning process's error if it failed,
 * and copies of an export are deep and equal to it.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { copyOf, planInRun } from "./plan-exports";
import { runDir, RUN_DIR_ENV } from "./run-dir";
import { tempDir } from "./temp";
import { parseStackExport } from "../../policies/lib/stack-export";

const SAMPLE = path.join(__dirname, "..", "fixtures", "formats", "stack-export-sample.json");

/** A run folder whose plan another process has started (its folder exists) but not finished. */
function planStarted(): { shared: string; dir: string } {
    const shared = tempDir("plan-exports-");
    const dir = path.join(shared, "plan");
    fs.mkdirSync(dir);
    return { shared, dir };
}

const later = (fn: () => void) => setTimeout(fn, 150);

describe("the plan shared by a mocha run's processes", () => {
    it("the run has a shared folder, named in the environment its worker processes inherit", () => {
        assert.ok(runDir(), `${RUN_DIR_ENV} is not set, or its folder is gone`);
        assert.strictEqual(runDir(), process.env[RUN_DIR_ENV]);
    });

    it("only a mocha worker takes the folder named in its environment; any other process starts its own run", () => {
        const stale = tempDir("stale-run-");
        const runDirOf = (env: Record<string, string>) =>
            spawnSync(process.execPath, ["-r", "./tools/register.js", "-e", `require("./tests/helpers/run-dir"); process.stdout.write(process.env.${RUN_DIR_ENV})`], {
                cwd: path.join(__dirname, "..", ".."),
                env: { PATH: process.env.PATH ?? "", [RUN_DIR_ENV]: stale, ...env },
                encoding: "utf8",
            }).stdout;
        assert.strictEqual(runDirOf({ MOCHA_WORKER_ID: "1" }), stale);
        const fresh = runDirOf({});
        assert.notStrictEqual(fresh, stale);
        assert.match(path.basename(fresh), /^spot-grid-test-run-/);
        assert.ok(!fs.existsSync(fresh), "the process that made its folder removes it at exit");
    });

    it("a process that finds the plan begun waits until it is done, then reads its exports instead of planning", async () => {
        const { shared, dir } = planStarted();
        later(() => {
            fs.copyFileSync(SAMPLE, path.join(dir, "sample.json"));
            fs.writeFileSync(path.join(dir, "done.json"), JSON.stringify({ stacks: ["sample"], exitCode: 1 }));
        });
        const plan = await planInRun(shared);
        assert.deepStrictEqual(plan.stacks, ["sample"]);
        assert.strictEqual(plan.exitCode, 1);
        assert.deepStrictEqual(plan.exports.sample, parseStackExport(fs.readFileSync(SAMPLE, "utf8"), SAMPLE));
    });

    it("gets the planning process's error when its plan failed", async () => {
        const { shared, dir } = planStarted();
        later(() => fs.writeFileSync(path.join(dir, "failed.txt"), "npm run plan failed (exit 3)"));
        await assert.rejects(planInRun(shared), /the plan failed in another test process of this run:\nnpm run plan failed \(exit 3\)/);
    });

    it("copyOf gives an equal export that shares nothing with the original", () => {
        const doc = parseStackExport(fs.readFileSync(SAMPLE, "utf8"), SAMPLE);
        const copy = copyOf(doc);
        assert.deepStrictEqual(copy, doc);
        copy.deployment.resources[0].urn = "changed";
        (copy.deployment.resources[1].outputs as Record<string, unknown>).added = true;
        assert.notStrictEqual(doc.deployment.resources[0].urn, "changed");
        assert.ok(!("added" in (doc.deployment.resources[1].outputs ?? {})));
    });
});

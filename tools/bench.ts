/**
 * `npm run bench`: for each stack, the offline plan time next to the bare SDK registering the same
 * number of plain resources under the same mocks (the ratio is our overhead), as medians of
 * several runs; then the policy check on synthetic 1k and 10k-resource exports. Prints only;
 * timings depend on the machine, so nothing here asserts on them.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { loadStackSet, readStackFile } from "../infra/config";
import { stackOutputsOf } from "./offline/export";
import { runStacks } from "./plan/run-stacks";

const ROOT = path.resolve(__dirname, "..");

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeProcess(args: string[]): number {
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", ...args], { cwd: ROOT, stdio: "pipe" });
    return Number(process.hrtime.bigint() - started) / 1e6;
}

async function benchPolicyCheck(out: (l: string) => void): Promise<void> {
    const benchModule = path.join(__dirname, "lib/policy-bench.ts");
    if (!fs.existsSync(benchModule)) {
        out("policy check: tools/lib/policy-bench.ts not present; skipped");
        return;
    }
    const { benchPolicyCheck: run } = require(benchModule);
    await run(out);
}

async function main(): Promise<void> {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { runs: { type: "string" }, "skip-plan": { type: "boolean" } } });
    const runs = Number(values.runs ?? 3);
    if (!Number.isInteger(runs) || runs < 1) {
        console.error(`bench: --runs must be a positive whole number, not ${JSON.stringify(values.runs)}`);
        process.exit(2);
    }
    const out = (l: string) => console.log(l);
    if (!values["skip-plan"]) {
        const stacks = loadStackSet(ROOT);
        out(`Offline plan vs bare SDK (median of ${runs} runs, one process per run, ${os.cpus().length} CPUs)`);
        const planned = await runStacks(stacks, { stacksDir: ROOT, parallel: 1 });
        const outputs = Object.fromEntries(planned.map((p) => [p.stack, stackOutputsOf(p.doc)]));
        const work = fs.mkdtempSync(path.join(os.tmpdir(), "spot-grid-bench-"));
        out(`${"stack".padEnd(12)}${"resources".padStart(10)}${"plan ms".padStart(10)}${"bare ms".padStart(10)}${"ratio".padStart(8)}`);
        for (const p of planned) {
            const s = stacks.find((x) => x.stack === p.stack)!;
            const req = {
                stack: s.stack, region: s.region, config: readStackFile(path.join(ROOT, s.file)).raw, stacksDir: ROOT,
                stackOutputs: Object.fromEntries(s.storage.replicateTo.map((peer) => [peer, outputs[peer]])),
                out: path.join(work, `${s.stack}.json`),
            };
            const count = p.doc.deployment.resources.length;
            const planMs = median(Array.from({ length: runs }, () => timeProcess(["tools/offline/run-stack.ts", JSON.stringify(req)])));
            const bareMs = median(Array.from({ length: runs }, () => timeProcess(["tools/offline/bare-sdk.ts", String(count), s.region])));
            out(`${s.stack.padEnd(12)}${String(count).padStart(10)}${planMs.toFixed(0).padStart(10)}${bareMs.toFixed(0).padStart(10)}${(planMs / bareMs).toFixed(2).padStart(8)}`);
        }
        fs.rmSync(work, { recursive: true, force: true });
        out("");
    }
    await benchPolicyCheck(out);
}

main().catch((e) => {
    console.error(`bench: ${(e as Error)?.message ?? e}`);
    process.exit(1);
});

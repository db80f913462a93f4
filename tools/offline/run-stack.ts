/**
 * Child-process entry: evaluates the real program (infra/) for ONE stack under the offline engine
 * and writes its `pulumi stack export` document. One process per stack, because Node caches the
 * program module and the Pulumi runtime is process-global.
 *
 * Usage (internal, from tools/plan): run-stack.ts <request JSON>
 * Exit codes: 0 written, 2 config error (one line on stderr), 3 program error.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installOfflineEngine } from "./engine";
import { buildStackExport } from "./export";

export interface RunStackRequest {
    stack: string;
    region: string;
    /** Raw `config:` map of the stack file. */
    config: Record<string, unknown>;
    /** Directory with the stack files (the program validates the set from there). */
    stacksDir: string;
    /** Peer stacks' outputs, by stack name, for StackReferences. */
    stackOutputs: Record<string, Record<string, unknown>>;
    /** Where to write the export. */
    out: string;
    /** Manifest time, for reproducible files. */
    time?: string;
    /** Program directory to evaluate. @default the project's infra/ */
    program?: string;
}

/** Config as the engine hands it to a program: every value a string, structured ones as JSON. */
export function engineConfig(raw: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

const PROGRAM = path.resolve(__dirname, "../../infra");

export async function runStack(req: RunStackRequest): Promise<void> {
    pulumi.runtime.setAllConfig(engineConfig(req.config));
    process.env.SPOT_GRID_STACKS_DIR = req.stacksDir;
    const engine = await installOfflineEngine({ stack: req.stack, region: req.region, stackOutputs: req.stackOutputs });
    await pulumi.runtime.runInPulumiStack(async () => require(req.program ?? PROGRAM));
    await engine.settle();
    const doc = buildStackExport(engine.resources(), { time: req.time });
    fs.mkdirSync(path.dirname(req.out), { recursive: true });
    fs.writeFileSync(req.out, JSON.stringify(doc, null, 2) + "\n");
}

function fail(e: unknown): never {
    if (pulumi.RunError.isInstance(e)) {
        process.stderr.write(`${(e as Error).message}\n`);
        process.exit(2);
    }
    process.stderr.write(`program error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(3);
}

if (require.main === module) {
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    runStack(JSON.parse(process.argv[2]) as RunStackRequest).catch(fail);
}

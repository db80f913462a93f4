/**
 * Baseline for `npm run bench`: the bare Pulumi SDK registering N plain resources under the same
 * offline engine, in a fresh process like a planned stack. Plan time / this time = our overhead.
 * Usage (internal): bare-sdk.ts <count> <region>
 */
import * as pulumi from "@pulumi/pulumi";
import { installOfflineEngine } from "./engine";
import { withoutDebugStacks } from "./run-stack";

/** A resource of a type no provider defines: the cheapest thing the SDK can register. */
class Plain extends pulumi.CustomResource {
    constructor(name: string, index: number) {
        super("spot-grid:bench:Plain", name, { index });
    }
}

export async function registerPlainResources(count: number, region: string): Promise<number> {
    const engine = await installOfflineEngine({ stack: "bench", region });
    await pulumi.runtime.runInPulumiStack(async () => {
        for (let i = 0; i < count; i++) new Plain(`plain-${i}`, i);
        return {};
    });
    await engine.settle();
    return engine.resources().length;
}

if (require.main === module) {
    // As the plan runs its stacks (tools/offline/run-stack.ts), so the comparison is like for like.
    withoutDebugStacks(() => registerPlainResources(Number(process.argv[2]), process.argv[3] ?? "ap-south-1")).then(
        (n) => process.stdout.write(`${n}\n`),
        (e) => {
            process.stderr.write(`${e?.stack ?? e}\n`);
            process.exit(3);
        },
    );
}

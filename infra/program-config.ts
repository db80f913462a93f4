/**
 * Reads the running stack's config from the Pulumi engine and validates it (and, when the stack
 * files are beside the project, the whole set of stacks). A mistake stops the program with one
 * line and no stack trace (`pulumi.RunError`).
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadStackSet, parseStackConfig, StackConfig } from "./config";

/** The project root: where Pulumi.yaml is. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

export function readStackConfig(): StackConfig {
    const stack = pulumi.getStack();
    try {
        const config = parseStackConfig(stack, pulumi.runtime.allConfig());
        // The set checks (overlapping VPCs, replication peers, cycles) need every stack file; the
        // offline tools point SPOT_GRID_STACKS_DIR at the directory they plan from.
        const stacksDir = process.env.SPOT_GRID_STACKS_DIR ?? PROJECT_ROOT;
        if (fs.existsSync(path.join(stacksDir, `Pulumi.${stack}.yaml`))) loadStackSet(stacksDir);
        return config;
    } catch (e) {
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
}

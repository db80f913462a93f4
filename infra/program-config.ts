/**
 * Reads the running stack's config from the Pulumi engine and validates it, together with the
 * set of stacks when their files are beside the project (overlapping VPCs, replication peers,
 * cycles). A mistake stops the program with one line and no stack trace (`pulumi.RunError`).
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, loadStackSet, parseStackConfig, StackConfig } from "./config";
import { ComputeSettings, computeSettings } from "./config/compute";

/** The project root: where Pulumi.yaml is. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

export interface ProgramConfig {
    readonly config: StackConfig;
    /** Every stack of the project (this one alone when its file is not beside the project). */
    readonly stacks: readonly StackConfig[];
    /** Compute settings with the region's trading-session defaults resolved. */
    readonly compute: ComputeSettings;
}

export function readProgramConfig(): ProgramConfig {
    const stack = pulumi.getStack();
    try {
        const config = parseStackConfig(stack, pulumi.runtime.allConfig());
        // The offline tools point SPOT_GRID_STACKS_DIR at the directory they plan from.
        const stacksDir = process.env.SPOT_GRID_STACKS_DIR ?? PROJECT_ROOT;
        const stacks = fs.existsSync(path.join(stacksDir, `Pulumi.${stack}.yaml`)) ? loadStackSet(stacksDir) : [config];
        return { config, stacks, compute: computeSettings(config.file, config.region, config.compute) };
    } catch (e) {
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
}

/**
 * Component and program tests run under the same offline engine as `npm run plan`: Pulumi's mock
 * runtime with our AWS emulation and a recorder that sees parents, dependencies and `protect`.
 */
import * as pulumi from "@pulumi/pulumi";
import { installOfflineEngine, OfflineEngine, RecordedResource } from "../../tools/offline/engine";

export type { OfflineEngine, RecordedResource };

export interface MockOptions {
    stack?: string;
    region?: string;
    /** Peer stacks' outputs for StackReferences, by stack name. */
    peers?: Record<string, Record<string, unknown>>;
    /** Stack config (`spot-grid:network` etc.), as the engine hands it to the program. */
    config?: Record<string, unknown>;
}

/** Installs the offline engine for one stack; call in `before()` of a suite, before creating resources. */
export async function setupMocks(opts: MockOptions = {}): Promise<OfflineEngine> {
    const config = Object.fromEntries(
        Object.entries({ "aws:region": opts.region ?? "ap-south-1", ...(opts.config ?? {}) }).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    );
    pulumi.runtime.setAllConfig(config);
    return installOfflineEngine({ stack: opts.stack ?? "mumbai", region: opts.region ?? "ap-south-1", stackOutputs: opts.peers });
}

/** The value of an Output, for assertions (unknowns resolve to undefined). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => { resolve(v); return v; }));
}

/** Recorded resources of one type token. */
export function ofType(engine: OfflineEngine, type: string): RecordedResource[] {
    return engine.resources().filter((r) => r.type === type);
}

/** The single recorded resource of a type and logical name; throws with the candidates if absent. */
export function named(engine: OfflineEngine, type: string, name: string): RecordedResource {
    const hit = engine.resources().find((r) => r.type === type && r.name === name);
    if (!hit) {
        const names = ofType(engine, type).map((r) => r.name);
        throw new Error(`no ${type} named ${name}; recorded: ${names.join(", ") || "none"}`);
    }
    return hit;
}

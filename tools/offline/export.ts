/**
 * Turns what the offline engine recorded into a `pulumi stack export` document (deployment v3,
 * ../shared/formats), the shape the policy check reads and real stacks export.
 */
import { ExportedResource, StackExport, SPECIAL_SIG_KEY, SECRET_SIG, secretEnvelope } from "../../policies/lib/stack-export";
import type { RecordedResource } from "./engine";
import { hexFrom } from "./ids";

/** The SDK's marker for a resource reference inside inputs/outputs. */
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** Pulumi version recorded in the manifest: the SDK that produced the plan. */
function sdkVersion(): string {
    try {
        return `v${require("@pulumi/pulumi/package.json").version}`;
    } catch {
        return "v3";
    }
}

/** Replaces secrets with ciphertext envelopes (the plaintext never reaches a file). */
export function toStateValue(value: unknown, path = ""): unknown {
    if (Array.isArray(value)) return value.map((v, i) => toStateValue(v, `${path}[${i}]`));
    if (value && typeof value === "object") {
        const o = value as Record<string, unknown>;
        if (o[SPECIAL_SIG_KEY] === SECRET_SIG) return secretEnvelope(`v1:${Buffer.from(hexFrom(`${path}:${JSON.stringify(o.value)}`, 24)).toString("base64")}`);
        if (o[SPECIAL_SIG_KEY] === RESOURCE_SIG) return o.urn ?? "";
        if (Object.getPrototypeOf(o) !== Object.prototype && Object.getPrototypeOf(o) !== null) return String(o.constructor?.name ?? "object");
        return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toStateValue(v, `${path}.${k}`)]));
    }
    return value;
}

function outputsOf(r: RecordedResource): Record<string, unknown> {
    const out = toStateValue(r.outputs, r.urn) as Record<string, unknown>;
    for (const key of r.additionalSecretOutputs) {
        if (out[key] !== undefined && !(typeof out[key] === "object" && out[key] !== null && SPECIAL_SIG_KEY in (out[key] as object))) {
            out[key] = secretEnvelope(`v1:${Buffer.from(hexFrom(`${r.urn}/${key}`, 24)).toString("base64")}`);
        }
    }
    return out;
}

export interface ExportOptions {
    /** Manifest time; fixed in tests and plans so exports are reproducible. @default now */
    time?: string;
}

export function buildStackExport(records: readonly RecordedResource[], opts: ExportOptions = {}): StackExport {
    const resources: ExportedResource[] = records.map((r) => {
        const res: ExportedResource = { urn: r.urn, custom: r.custom, type: r.type };
        if (r.custom && r.id !== undefined) res.id = r.id;
        if (r.external) res.external = true;
        const inputs = toStateValue(r.inputs, r.urn) as Record<string, unknown>;
        const outputs = outputsOf(r);
        // The engine's state leaves empty fields out (apitype.ResourceV3's `omitempty`).
        if (Object.keys(inputs).length > 0) res.inputs = inputs;
        if (Object.keys(outputs).length > 0) res.outputs = outputs;
        if (r.parent) res.parent = r.parent;
        if (r.protect) res.protect = true;
        if (r.retainOnDelete) res.retainOnDelete = true;
        if (r.provider) res.provider = r.provider;
        if (r.dependencies.length > 0) res.dependencies = [...r.dependencies];
        if (Object.keys(r.propertyDependencies).length > 0) {
            res.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, [...v]]));
        }
        if (r.additionalSecretOutputs.length > 0) res.additionalSecretOutputs = [...r.additionalSecretOutputs];
        if (r.ignoreChanges && r.ignoreChanges.length > 0) res.ignoreChanges = [...r.ignoreChanges];
        return res;
    });
    return {
        version: 3,
        deployment: {
            manifest: { time: opts.time ?? new Date().toISOString(), magic: hexFrom("spot-grid-offline", 64), version: sdkVersion() },
            secrets_providers: { type: "offline", state: {} },
            resources,
        },
    };
}

/** The stack resource's outputs in an export (what a StackReference to that stack reads). */
export function stackOutputsOf(doc: StackExport): Record<string, unknown> {
    const stack = doc.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    return (stack?.outputs as Record<string, unknown>) ?? {};
}

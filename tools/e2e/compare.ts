/**
 * Step 4 of the e2e: a real `pulumi stack export` against the offline plan's export of the same
 * stack. They must hold the same resources (URNs, types, parents, dependencies, property
 * dependencies, protect and retainOnDelete) with the same inputs, apart from what only the engine
 * fills in ({@link ENGINE_FILLED}). Anything else is a fidelity defect of the offline engine.
 */
import { isSecretValue, StackExport } from "../../policies/lib/stack-export";

/**
 * What the engine adds that the offline plan does not (and need not) reproduce. Keep it short:
 * every entry is a documented difference (docs/operations.md), not a place to hide defects.
 */
export const ENGINE_FILLED = {
    /** Bookkeeping on each resource: when, and from which source line, it was registered. */
    resourceFields: ["created", "modified", "sourcePosition", "stackTrace"],
    /** Inputs the engine adds to provider resources: the plugin version and its internal settings. */
    providerInputs: ["version", "__internal"],
    /** Provider resources get a random UUID as id, so provider references (`urn::id`) differ after the last `::`. */
    providerIds: true,
} as const;

export interface Difference {
    urn: string;
    field: string;
    real?: unknown;
    offline?: unknown;
}

/** Secrets compare by being secret: ciphertexts differ per encryption, plaintext only the real export has. */
function normalise(value: unknown): unknown {
    if (isSecretValue(value)) return "[secret]";
    if (Array.isArray(value)) return value.map(normalise);
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalise((value as Record<string, unknown>)[k])]));
    }
    return value;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
const asSet = (xs: unknown): string[] => [...new Set((xs as string[] | undefined) ?? [])].sort();
const providerUrn = (ref: unknown): string | undefined => (typeof ref === "string" ? ref.slice(0, ref.lastIndexOf("::")) : undefined);

function propertyDependencies(v: unknown): Record<string, string[]> {
    return Object.fromEntries(Object.entries((v as Record<string, string[]>) ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, deps]) => [k, asSet(deps)]));
}

/** Every difference between a real export and the offline plan's, outside {@link ENGINE_FILLED}. */
export function compareExports(real: StackExport, offline: StackExport): Difference[] {
    const diffs: Difference[] = [];
    const byUrn = new Map(offline.deployment.resources.map((r) => [r.urn, r]));
    const realUrns = new Set(real.deployment.resources.map((r) => r.urn));
    for (const r of real.deployment.resources) {
        const o = byUrn.get(r.urn);
        if (!o) {
            diffs.push({ urn: r.urn, field: "(resource)", real: "present", offline: "missing" });
            continue;
        }
        const check = (field: string, a: unknown, b: unknown): void => {
            if (!same(a, b)) diffs.push({ urn: r.urn, field, real: a, offline: b });
        };
        check("type", r.type, o.type);
        check("custom", r.custom, o.custom);
        check("external", r.external ?? false, o.external ?? false);
        check("parent", r.parent, o.parent);
        check("protect", r.protect ?? false, o.protect ?? false);
        check("retainOnDelete", r.retainOnDelete ?? false, o.retainOnDelete ?? false);
        check("provider", providerUrn(r.provider), providerUrn(o.provider));
        if (!r.type.startsWith("pulumi:providers:")) check("id", r.id, o.id);
        // The engine keeps dependencies in the order it resolved them; what counts is which.
        check("dependencies", asSet(r.dependencies), asSet(o.dependencies));
        check("propertyDependencies", propertyDependencies(r.propertyDependencies), propertyDependencies(o.propertyDependencies));
        const skip = r.type.startsWith("pulumi:providers:") ? new Set<string>(ENGINE_FILLED.providerInputs) : new Set<string>();
        const realInputs = (r.inputs ?? {}) as Record<string, unknown>;
        const offlineInputs = (o.inputs ?? {}) as Record<string, unknown>;
        for (const key of [...new Set([...Object.keys(realInputs), ...Object.keys(offlineInputs)])].sort()) {
            if (!skip.has(key)) check(`inputs.${key}`, realInputs[key], offlineInputs[key]);
        }
    }
    for (const o of offline.deployment.resources) {
        if (!realUrns.has(o.urn)) diffs.push({ urn: o.urn, field: "(resource)", real: "missing", offline: "present" });
    }
    return diffs;
}

/** One line per difference, for the e2e's report. */
export function describeDifference(d: Difference): string {
    const show = (v: unknown): string => {
        const s = JSON.stringify(normalise(v)) ?? "undefined";
        return s.length > 160 ? `${s.slice(0, 159)}…` : s;
    };
    return `${d.urn} ${d.field}: real ${show(d.real)}, offline ${show(d.offline)}`;
}

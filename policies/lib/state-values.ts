/**
 * What a policy sees of a resource's properties, built from a `pulumi stack export` document
 * exactly as `pulumi preview --policy-pack` builds it, so policies never handle secret wrappers.
 *
 * The real analyzer always hands policies the plaintext of a secret. The engine holds state
 * decrypted and marshals properties to the analyzer with `KeepSecrets` (a secret travels as
 * `{ <sig>: <secret sig>, value }`) and `SkipInternalKeys` (top-level `__` keys are dropped):
 * pulumi/sdk go/common/resource/plugin/analyzer_plugin.go, Analyze and AnalyzeStack. @pulumi/policy
 * then replaces every secret by its plain value (node_modules/@pulumi/policy/deserialize.js,
 * deserializeProperty, case `specialSecretSig`; server.js calls it with `proxySecrets = false` for
 * both analyze and analyzeStack), turns assets and archives into @pulumi/pulumi asset objects, and
 * wraps the result in the unknown-checking proxy (proxy.js).
 *
 * An export holds a secret in one of two forms (pulumi/pkg resource/stack/deployment.go,
 * SerializePropertyValue / deserializeSecret):
 * - `plaintext` (`pulumi stack export --show-secrets`): the JSON text of the value in state form.
 *   We parse it and convert it again, so the policy sees exactly what the analyzer would.
 * - `ciphertext` only: no offline reader can judge the value. It becomes a guarded slot: reading
 *   it throws {@link SecretNotInExportError}, which the evaluator reports as one advisory "cannot
 *   be judged" per policy, resource and property, the way the analyzer reports a value unknown
 *   during preview. A policy therefore never judges "around" a secret, and a ciphertext never
 *   produces a mandatory verdict (nor a pass on that value).
 */
import { SECRET_SIG, SPECIAL_SIG_KEY } from "./stack-export";
import { unjudgeableReason, unknownCheckingProxy } from "./resource-props";

/** Signatures of the other special values in state (pulumi/sdk go/common/resource/sig). */
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6b5a2f3";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** A policy read a secret that the export holds only as ciphertext. */
export class SecretNotInExportError extends Error {
    constructor(
        /** The resource whose property it is. */
        readonly urn: string,
        /** Property path, e.g. `["rules", "0", "kmsMasterKeyId"]`. */
        readonly path: readonly string[],
    ) {
        super(`.${path.join(".")} is a secret that this export holds only as ciphertext`);
        this.name = "SecretNotInExportError";
    }
}

/** Where a ciphertext-only secret was; never handed to a policy (reading it throws first). */
class Ciphertext {
    toString(): string {
        return "[secret]";
    }
}
const CIPHERTEXT = Object.freeze(new Ciphertext());

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null;
}

/** True when `v` holds a signature object anywhere (secret, asset, archive, resource reference). */
function hasSpecialValue(v: unknown): boolean {
    if (!isObject(v)) return false;
    if (Array.isArray(v)) return v.some(hasSpecialValue);
    if (SPECIAL_SIG_KEY in v) return true;
    for (const k in v) if (hasSpecialValue(v[k])) return true;
    return false;
}

let pulumiAsset: typeof import("@pulumi/pulumi").asset | undefined;
/** @pulumi/pulumi's asset classes, loaded only when a document holds an asset (it is a heavy module). */
function assets(): typeof import("@pulumi/pulumi").asset {
    pulumiAsset ??= (require("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).asset;
    return pulumiAsset;
}

/** Converts one state value as deserialize.js would; `path` is a shared stack (copied on use). */
class Converter {
    constructor(private readonly urn: string) {}

    value(v: unknown, path: string[]): unknown {
        if (!isObject(v)) return v;
        if (Array.isArray(v)) {
            const out = v.map((x, i) => {
                path.push(String(i));
                const c = this.value(x, path);
                path.pop();
                return c;
            });
            return this.guard(out, path);
        }
        switch (v[SPECIAL_SIG_KEY]) {
            case undefined:
                return this.object(v, path);
            case SECRET_SIG:
                return this.secret(v, path);
            case RESOURCE_REFERENCE_SIG:
                // Marshalled without KeepResources: the referenced resource's id, else its URN.
                return typeof v.id === "string" ? v.id : v.urn;
            case ASSET_SIG:
                return this.asset(v);
            case ARCHIVE_SIG:
                return this.archive(v, path);
            default:
                return this.object(v, path);
        }
    }

    object(v: Record<string, unknown>, path: string[], skipInternal = false): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
            if (v[k] === undefined || (skipInternal && k.startsWith("__"))) continue;
            path.push(k);
            out[k] = this.value(v[k], path);
            path.pop();
        }
        return this.guard(out, path);
    }

    private secret(v: Record<string, unknown>, path: string[]): unknown {
        if (typeof v.plaintext === "string" && v.plaintext !== "") {
            let parsed: Json;
            try {
                parsed = JSON.parse(v.plaintext) as Json;
            } catch {
                // `pulumi stack import` would reject it too; nothing to judge.
                return CIPHERTEXT;
            }
            return this.value(parsed, path);
        }
        return CIPHERTEXT;
    }

    private asset(v: Record<string, unknown>): unknown {
        const a = assets();
        if (typeof v.path === "string" && v.path) return new a.FileAsset(v.path);
        if (typeof v.text === "string" && v.text) return new a.StringAsset(v.text);
        if (typeof v.uri === "string" && v.uri) return new a.RemoteAsset(v.uri);
        return v;
    }

    private archive(v: Record<string, unknown>, path: string[]): unknown {
        const a = assets();
        if (isObject(v.assets)) return new a.AssetArchive(this.object(v.assets, path) as Record<string, never>);
        if (typeof v.path === "string" && v.path) return new a.FileArchive(v.path);
        if (typeof v.uri === "string" && v.uri) return new a.RemoteArchive(v.uri);
        return v;
    }

    /** Wraps a container that holds ciphertext so that reading those entries throws. */
    private guard<T extends object>(container: T, path: string[]): T {
        const record = container as Record<string, unknown>;
        let hidden: Set<string> | undefined;
        for (const k of Object.keys(record)) if (record[k] === CIPHERTEXT) (hidden ??= new Set()).add(k);
        if (!hidden) return container;
        const urn = this.urn;
        const at = [...path];
        return new Proxy(container, {
            get: (target, key, receiver) => {
                if (typeof key === "string" && hidden.has(key)) throw new SecretNotInExportError(urn, [...at, key]);
                return Reflect.get(target, key, receiver);
            },
        });
    }
}

/**
 * The plain values a policy sees for a resource's `inputs` or `outputs` in an export (before
 * the unknown-checking proxy): secrets with plaintext unwrapped, ciphertext-only secrets guarded,
 * top-level `__` keys dropped, resource references and assets as the analyzer gives them.
 */
export function policyValues(stateProps: Record<string, unknown> | undefined, urn: string): Record<string, unknown> {
    return converted(stateProps ?? {}, urn).values;
}

/** The values, and whether converting them was needed (the document holds special values). */
function converted(props: Record<string, unknown>, urn: string): { values: Record<string, unknown>; special: boolean } {
    if (hasSpecialValue(props)) return { values: new Converter(urn).object(props, [], true), special: true };
    const values: Record<string, unknown> = {};
    for (const k of Object.keys(props)) if (props[k] !== undefined && !k.startsWith("__")) values[k] = props[k];
    return { values, special: false };
}

/**
 * {@link policyValues} as `args.props`: behind the analyzer's unknown-checking proxy when they hold
 * an unknown value (or a secret: ciphertext is guarded, plaintext may hold one). The proxy's only
 * effect is to throw on reading an unknown, so props with none (a deployed stack's, most of a
 * preview's) are handed over plain: the same reads, without the proxy's allocations on each one.
 */
export function policyProps(stateProps: Record<string, unknown> | undefined, urn: string): Record<string, unknown> {
    const { values, special } = converted(stateProps ?? {}, urn);
    return special || unjudgeableReason(values, true) !== undefined ? unknownCheckingProxy(values) : values;
}

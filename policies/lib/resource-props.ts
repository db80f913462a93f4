/**
 * Reading resource properties that may be unknown (preview), so a policy neither crashes on them
 * nor silently passes them.
 *
 * Unknown: the engine marks values computed during preview with sentinel strings. Under the real
 * analyzer, props are wrapped in @pulumi/policy's unknown-checking proxy, which throws
 * `UnknownValueError` on access and turns it into an advisory "can't run during preview"
 * diagnostic. {@link known} throws the same error for raw props (unit tests, custom callers), so a
 * policy behaves identically everywhere. Stack policies then judge the value once it is known.
 *
 * Secrets are not this module's concern: the analyzer hands policies their plaintext, and so does
 * the offline evaluator (./state-values), which also guards ciphertext-only secrets. Policies read
 * a secret like any other value.
 */
import { UNKNOWN } from "./stack-export";

// proxy.js is internal to @pulumi/policy (its .d.ts declares nothing), but the analyzer tests
// `instanceof` against exactly this class, so we must throw this one and not a look-alike.
const proxyModule = require("@pulumi/policy/proxy") as {
    UnknownValueError: new (sentinel: string, props: string[]) => Error;
    unknownCheckingProxy: <T>(props: T) => T;
};

/** The analyzer's error for reading an unknown value; it reports it as advisory, not a crash. */
export const UnknownValueError = proxyModule.UnknownValueError;

/** Wraps props the way the analyzer does before handing them to a policy. */
export const unknownCheckingProxy = proxyModule.unknownCheckingProxy;

/** Pulumi's sentinel for an unknown string (the one that appears in exported state). */
export { UNKNOWN };

// Sentinels of @pulumi/policy/proxy.js, for each kind of unknown value.
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isUnknownValue(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

export type Unjudgeable = "unknown";

/**
 * Why a value cannot be judged, or undefined when it can.
 * @param deep also look inside objects and arrays (e.g. a parsed policy document).
 */
export function unjudgeableReason(value: unknown, deep = false): Unjudgeable | undefined {
    if (isUnknownValue(value)) return "unknown";
    if (!deep || typeof value !== "object" || value === null) return undefined;
    for (const v of Array.isArray(value) ? value : Object.values(value)) {
        const r = unjudgeableReason(v, true);
        if (r) return r;
    }
    return undefined;
}

export function describeUnjudgeable(_kind: Unjudgeable): string {
    return "its value is not known until the resource is created (preview)";
}

/**
 * Returns `value` unchanged when it is known; throws the analyzer's `UnknownValueError` (reported
 * as an advisory "can't run during preview") when it is an unknown sentinel.
 * @param path property path for the message, e.g. `["rules", "0", "kmsMasterKeyId"]`.
 */
export function known<T>(value: T, path: string[]): T {
    if (isUnknownValue(value)) throw new UnknownValueError(value as unknown as string, path);
    return value;
}

/** Plain object or undefined: tolerates unknowns and wrong shapes in any input. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
}

/**
 * Array or empty array: a single object (some providers accept one) counts as a list of one.
 * An unknown list throws {@link UnknownValueError}: an empty list would silently pass.
 */
export function asList(value: unknown, path: string[] = []): unknown[] {
    known(value, path);
    if (Array.isArray(value)) return value;
    if (value === undefined || value === null) return [];
    return [value];
}

/** Reads a (possibly nested) property, passing each step through {@link known}. */
export function prop(obj: unknown, ...path: string[]): unknown {
    let cur: unknown = obj;
    const walked: string[] = [];
    for (const key of path) {
        const rec = asRecord(cur) ?? (Array.isArray(cur) ? (cur as unknown as Record<string, unknown>) : undefined);
        if (!rec) return undefined;
        walked.push(key);
        cur = known(rec[key], walked);
    }
    return cur;
}

/** `true`/`"true"` (providers and state files disagree on booleans-as-strings). */
export function isTrue(value: unknown): boolean {
    return value === true || value === "true";
}

/**
 * Config messages in plain words. Schemas give their own message where they know the fix; every
 * other check falls back to {@link plainWords} instead of the validator's wording ("expected int,
 * received number"), and {@link describeIssue} turns the most useful issue into one line.
 */
import { z } from "zod";
import { at } from "./errors";
import { closest } from "./suggest";

/** A value as the user wrote it, for messages (long values cut short). */
export function quote(value: unknown): string {
    const text = value === undefined ? "nothing" : JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const KIND: Record<string, string> = {
    number: "a number",
    int: "a whole number",
    string: "text",
    boolean: "true or false",
    array: "a list, e.g. [a, b]",
    object: "a map of fields (key: value lines)",
};

/** What the user wrote is, in the words of the YAML they wrote it in. */
function kindOf(value: unknown): string {
    if (Array.isArray(value)) return "a list";
    if (value === null) return "empty";
    if (typeof value === "object") return "a map";
    return quote(value);
}

/** The keys of the object schema that reported unknown keys. */
function knownKeys(inst: unknown): string[] {
    return inst instanceof z.ZodObject ? Object.keys(inst.shape) : [];
}

/**
 * "did you mean ..." for an unknown key among `known` (shown with `prefix`), preferring keys the
 * user has not set yet; the list of keys when none is close.
 */
export function unknownKeyMessage(key: string, known: readonly string[], present: readonly string[] = [], prefix = ""): string {
    const hint = closest(key, known, undefined, (k) => !present.includes(k));
    return hint ? `unknown key; did you mean ${prefix}${hint}?` : `unknown key; the keys here are ${known.map((k) => `${prefix}${k}`).join(", ")}`;
}

/** The zod error map for config: plain words and the value the user wrote. */
export const plainWords = (iss: z.core.$ZodRawIssue): string => {
    const input = iss.input;
    switch (iss.code) {
        case "invalid_type": {
            const expected = String(iss.expected);
            if (input === undefined) return `missing; set it to ${KIND[expected] ?? expected}`;
            if (expected === "int") return `must be a whole number; got ${quote(input)}`;
            return `must be ${KIND[expected] ?? expected}; got ${kindOf(input)}`;
        }
        case "too_small": {
            const min = Number(iss.minimum);
            if (iss.origin === "array") return `must list at least ${min} item${min === 1 ? "" : "s"}`;
            if (iss.origin === "string") return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
            return `must be ${iss.inclusive ? "at least" : "more than"} ${min}; got ${quote(input)}`;
        }
        case "too_big": {
            const max = Number(iss.maximum);
            if (iss.origin === "array") return `must list at most ${max} item${max === 1 ? "" : "s"}`;
            if (iss.origin === "string") return `must be at most ${max} characters`;
            return `must be ${iss.inclusive ? "at most" : "less than"} ${max}; got ${quote(input)}`;
        }
        case "invalid_value":
            return `must be one of ${iss.values.map((v) => String(v)).join(", ")}; got ${quote(input)}`;
        case "unrecognized_keys":
            return unknownKeyMessage(iss.keys[0], knownKeys(iss.inst), input && typeof input === "object" ? Object.keys(input) : []);
        case "not_multiple_of":
            return `must be a multiple of ${String(iss.divisor)}; got ${quote(input)}`;
        default:
            return `is not valid; got ${quote(input)}`;
    }
};

/**
 * The one line for a failed section: `<file>: <key><path>: <message>`. An unknown key comes
 * first, because a misspelled key also leaves its intended key missing.
 */
export function describeIssue(file: string, key: string, error: z.ZodError): string {
    const issue = error.issues.find((i) => i.code === "unrecognized_keys") ?? error.issues[0];
    const path = issue.path as (string | number)[];
    return issue.code === "unrecognized_keys" ? `${at(file, key, [...path, issue.keys[0]])}: ${issue.message}` : `${at(file, key, path)}: ${issue.message}`;
}

/**
 * Parses IAM-style policy documents (identity, trust, bucket, endpoint and key policies) into one
 * normalized shape with arrays everywhere, so policies ask one question of every way a user can
 * write a document: JSON string or object, single statement or array, `Action`/`NotAction`,
 * `Resource`/`NotResource`, `Principal`/`NotPrincipal` as `"*"`, string, array or map.
 *
 * Parsing never throws for the document's content: a document that is unknown (preview) or
 * malformed comes back as a non-`ok` result that says why, so a policy can report "cannot be
 * judged" instead of crashing or silently passing. (A secret document arrives as its plaintext, as
 * under the analyzer; reading a ciphertext-only one throws the evaluator's SecretNotInExportError.)
 */
import { describeUnjudgeable, unjudgeableReason } from "./resource-props";

export type Effect = "Allow" | "Deny";

/** Principal map with arrays; `Principal: "*"` normalizes to `{ AWS: ["*"] }` (AWS treats them alike). */
export type NormalizedPrincipal = Record<string, string[]>;

/** Condition block: operator -> condition key -> values (all as strings, keys as written). */
export type NormalizedCondition = Record<string, Record<string, string[]>>;

export interface NormalizedStatement {
    Sid?: string;
    Effect: Effect;
    /** Exactly one of Action / NotAction is set on a well-formed statement. */
    Action?: string[];
    NotAction?: string[];
    Resource?: string[];
    NotResource?: string[];
    Principal?: NormalizedPrincipal;
    NotPrincipal?: NormalizedPrincipal;
    Condition: NormalizedCondition;
}

export interface NormalizedDocument {
    Version?: string;
    Id?: string;
    Statement: NormalizedStatement[];
}

export type ParsedDocument =
    | { ok: true; document: NormalizedDocument }
    /** `unknown`: value not known until apply; `invalid`: malformed. */
    | { ok: false; kind: "unknown" | "invalid" | "missing"; reason: string };

function toStringArray(value: unknown, field: string): string[] {
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => {
        if (typeof v === "string") return v;
        if (typeof v === "number" || typeof v === "boolean") return String(v);
        throw new Error(`${field} must be a string or a list of strings`);
    });
}

function normalizePrincipal(value: unknown, field: string): NormalizedPrincipal | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") {
        if (value === "*") return { AWS: ["*"] };
        throw new Error(`${field} must be "*" or a map such as {"AWS": [...]} or {"Service": [...]}`);
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`${field} must be "*" or a map such as {"AWS": [...]} or {"Service": [...]}`);
    }
    const out: NormalizedPrincipal = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toStringArray(v, `${field}.${k}`);
    return out;
}

function normalizeCondition(value: unknown): NormalizedCondition {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) throw new Error("Condition must be a map of operators");
    const out: NormalizedCondition = {};
    for (const [op, block] of Object.entries(value as Record<string, unknown>)) {
        if (typeof block !== "object" || block === null || Array.isArray(block)) {
            throw new Error(`Condition.${op} must be a map of condition keys`);
        }
        out[op] = {};
        for (const [key, v] of Object.entries(block as Record<string, unknown>)) {
            out[op][key] = toStringArray(v, `Condition.${op}.${key}`);
        }
    }
    return out;
}

function normalizeStatement(raw: unknown, index: number): NormalizedStatement {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new Error(`Statement[${index}] is not an object`);
    }
    const s = raw as Record<string, unknown>;
    if (s.Effect !== "Allow" && s.Effect !== "Deny") {
        throw new Error(`Statement[${index}].Effect must be "Allow" or "Deny", got ${JSON.stringify(s.Effect)}`);
    }
    const out: NormalizedStatement = { Effect: s.Effect, Condition: normalizeCondition(s.Condition) };
    if (typeof s.Sid === "string") out.Sid = s.Sid;
    if (s.Action !== undefined) out.Action = toStringArray(s.Action, `Statement[${index}].Action`);
    if (s.NotAction !== undefined) out.NotAction = toStringArray(s.NotAction, `Statement[${index}].NotAction`);
    if (s.Resource !== undefined) out.Resource = toStringArray(s.Resource, `Statement[${index}].Resource`);
    if (s.NotResource !== undefined) out.NotResource = toStringArray(s.NotResource, `Statement[${index}].NotResource`);
    const principal = normalizePrincipal(s.Principal, `Statement[${index}].Principal`);
    if (principal) out.Principal = principal;
    const notPrincipal = normalizePrincipal(s.NotPrincipal, `Statement[${index}].NotPrincipal`);
    if (notPrincipal) out.NotPrincipal = notPrincipal;
    if (!out.Action && !out.NotAction) throw new Error(`Statement[${index}] has neither Action nor NotAction`);
    return out;
}

/** Parsed JSON documents by text: several policies judge the same document of a resource. */
const parsedByText = new Map<string, ParsedDocument>();
const MAX_CACHED = 10000;

function deepFreeze<T>(value: T): T {
    if (value && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}

/**
 * Parses a policy document given as a JSON string or an already-parsed object.
 * Never throws; see {@link ParsedDocument}. A string's result is cached and frozen: read-only.
 */
export function parsePolicyDocument(value: unknown): ParsedDocument {
    if (typeof value !== "string") return parse(value);
    let parsed = parsedByText.get(value);
    if (!parsed) {
        if (parsedByText.size >= MAX_CACHED) parsedByText.clear();
        parsedByText.set(value, (parsed = deepFreeze(parse(value))));
    }
    return parsed;
}

function parse(value: unknown): ParsedDocument {
    if (value === undefined || value === null || value === "") {
        return { ok: false, kind: "missing", reason: "no policy document" };
    }
    const why = unjudgeableReason(value);
    if (why) return { ok: false, kind: why, reason: describeUnjudgeable(why) };
    let raw: unknown = value;
    if (typeof value === "string") {
        try {
            raw = JSON.parse(value);
        } catch (e) {
            return { ok: false, kind: "invalid", reason: `not valid JSON (${(e as Error).message.split("\n")[0]})` };
        }
    }
    const deep = unjudgeableReason(raw, true);
    if (deep) return { ok: false, kind: deep, reason: describeUnjudgeable(deep) };
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        return { ok: false, kind: "invalid", reason: "a policy document must be a JSON object with a Statement" };
    }
    const doc = raw as Record<string, unknown>;
    if (doc.Statement === undefined) return { ok: false, kind: "invalid", reason: "the document has no Statement" };
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    try {
        const statements = list.map(normalizeStatement);
        const document: NormalizedDocument = { Statement: statements };
        if (typeof doc.Version === "string") document.Version = doc.Version;
        if (typeof doc.Id === "string") document.Id = doc.Id;
        return { ok: true, document };
    } catch (e) {
        return { ok: false, kind: "invalid", reason: (e as Error).message };
    }
}

// ---- statement helpers ----------------------------------------------------------------------

/** Allow statements are the ones that grant; Deny statements only ever narrow. */
export function isAllow(statement: NormalizedStatement): boolean {
    return statement.Effect === "Allow";
}

/** All principal values of one kind (`AWS`, `Service`, `Federated`, `CanonicalUser`). */
export function principalValues(statement: NormalizedStatement, kind: string): string[] {
    return statement.Principal?.[kind] ?? [];
}

/**
 * True when the statement applies to everyone: `Principal: "*"`, `{AWS: "*"}` (or any principal
 * kind given as `"*"`), or a `NotPrincipal` (which grants to all but the listed).
 */
export function principalIsPublic(statement: NormalizedStatement): boolean {
    if (statement.NotPrincipal) return true;
    if (!statement.Principal) return false;
    return Object.values(statement.Principal).some((values) => values.includes("*"));
}

/**
 * Condition keys that tie a statement to our own network, accounts or organization. A value for
 * one of them under a positive operator makes a `Principal: "*"` statement not public.
 */
export const RESTRICTING_CONDITION_KEYS: readonly string[] = [
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:userid",
    "kms:calleraccount",
];

// Operators under which a condition narrows who matches. `...IfExists` is excluded on purpose:
// a request without the key passes it, so it restricts nothing. `ForAllValues:` is excluded
// because an empty key set satisfies it vacuously.
const RESTRICTING_OPERATORS = new Set([
    "stringequals",
    "stringequalsignorecase",
    "stringlike",
    "arnequals",
    "arnlike",
    "foranyvalue:stringequals",
    "foranyvalue:stringequalsignorecase",
    "foranyvalue:stringlike",
]);

function isWildcardOnly(value: string): boolean {
    return /^[*?]*$/.test(value);
}

/** An ARN-valued condition only restricts when its account (or, for S3, its bucket) is concrete. */
function isConcreteValue(value: string): boolean {
    if (isWildcardOnly(value)) return false;
    if (value.startsWith("arn:")) {
        const parts = value.split(":");
        const account = parts[4] ?? "";
        if (account !== "" && isWildcardOnly(account)) return false;
        if (account === "" && isWildcardOnly(parts.slice(5).join(":"))) return false;
    }
    return true;
}

/**
 * True when the statement carries a condition that restricts it to specific VPC endpoints, VPCs,
 * accounts, organizations or source ARNs with concrete (non-wildcard) values.
 * @param extraKeys further condition keys (lower-case) a caller accepts as restricting.
 */
export function hasRestrictingCondition(statement: NormalizedStatement, extraKeys: readonly string[] = []): boolean {
    const keys = new Set([...RESTRICTING_CONDITION_KEYS, ...extraKeys.map((k) => k.toLowerCase())]);
    for (const [op, block] of Object.entries(statement.Condition)) {
        if (!RESTRICTING_OPERATORS.has(op.toLowerCase())) continue;
        for (const [key, values] of Object.entries(block)) {
            const k = key.toLowerCase();
            if (!keys.has(k)) continue;
            if (values.length > 0 && values.every(isConcreteValue)) return true;
        }
    }
    return false;
}

/** Values of a condition key under an operator, matched case-insensitively (as AWS does for keys). */
export function conditionValues(statement: NormalizedStatement, operator: string, key: string): string[] | undefined {
    const op = Object.keys(statement.Condition).find((o) => o.toLowerCase() === operator.toLowerCase());
    if (!op) return undefined;
    const k = Object.keys(statement.Condition[op]).find((c) => c.toLowerCase() === key.toLowerCase());
    return k === undefined ? undefined : statement.Condition[op][k];
}

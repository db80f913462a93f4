/** The config sections' schemas walked field by field, for tests that must cover every field. */
import * as assert from "assert";
import { z } from "zod";
import { computeSchema } from "../../infra/config/compute";
import { networkSchema, onPremSchema } from "../../infra/config/network";
import { operationsSchema } from "../../infra/config/operations";
import { operatorsSchema } from "../../infra/config/operators";
import { storageSchema } from "../../infra/config/storage";
import { auditSchema } from "../../infra/config/audit";
import { flowSchema } from "../../infra/config/flow";

/**
 * A schema as the generic z.ZodType the walk below needs. Through `unknown`, so that the compiler
 * does not prove each section's full schema type assignable to z.ZodType: that proof costs about
 * 0.4 s of every type-check, and the walk only reads what every schema has.
 */
const generic = (schema: unknown): z.ZodType => schema as z.ZodType;

export const SECTIONS: Record<string, z.ZodType> = {
    "spot-grid:network": generic(networkSchema),
    "spot-grid:onPrem": generic(onPremSchema),
    "spot-grid:compute": generic(computeSchema),
    "spot-grid:storage": generic(storageSchema),
    "spot-grid:operators": generic(operatorsSchema),
    "spot-grid:operations": generic(operationsSchema),
    "spot-grid:audit": generic(auditSchema),
    "spot-grid:flow": generic(flowSchema),
};

/** The schema under optional/default wrappers. */
export function unwrap(s: z.ZodType): z.ZodType {
    let cur: unknown = s;
    while ((cur instanceof z.ZodOptional || cur instanceof z.ZodDefault) && cur.def.innerType) cur = cur.def.innerType;
    return generic(cur);
}

export interface Field {
    /** `spot-grid:network` etc. */
    key: string;
    path: (string | number)[];
    schema: z.ZodType;
}

function fieldsOf(key: string, s: z.ZodType, path: (string | number)[] = []): Field[] {
    const inner = unwrap(s);
    const here = path.length ? [{ key, path, schema: inner }] : [];
    if (inner instanceof z.ZodObject) return [...here, ...Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([k, v]) => fieldsOf(key, v, [...path, k]))];
    if (inner instanceof z.ZodArray) return [...here, ...fieldsOf(key, inner.element as z.ZodType, [...path, 0])];
    return here;
}

/** Every field (maps included) of every section, list elements as index 0. */
export function configFields(): Field[] {
    return Object.entries(SECTIONS).flatMap(([key, schema]) => fieldsOf(key, schema));
}

/** `spot-grid:compute.schedule.desired`, `spot-grid:onPrem.cidrs[0]`. */
export function dotted(key: string, path: (string | number)[]): string {
    return key + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
}

/** Words of the messages that look like keys but are units. */
const NOT_KEYS = new Set(["vCPU", "vCPUs"]);

/** Words in a message that look like config keys (camelCase, or a full `spot-grid:` key). */
function keysIn(message: string): { words: string[]; fullKeys: string[] } {
    const body = message.replace(/^Pulumi\.[\w-]+\.yaml: [\w:.[\]-]+: /, "");
    const fullKeys = [...body.matchAll(/\bspot-grid:[A-Za-z]+(?:\.[A-Za-z]+|\[\d+\])*/g)].map((m) => m[0].replace(/\[\d+\]/g, "[0]"));
    const words = [...body.replace(/\bspot-grid:[\w.[\]]+/g, "").matchAll(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g)].map((m) => m[0]).filter((w) => !NOT_KEYS.has(w));
    return { words, fullKeys };
}

const FIELDS = configFields();
/** Top-level keys that are plain values, not sections. */
const PLAIN_KEYS = ["spot-grid:owner", "spot-grid:costCentre"];
const KEY_NAMES = new Set([...FIELDS.flatMap((f) => f.path.filter((p): p is string => typeof p === "string")), ...PLAIN_KEYS.map((k) => k.split(":")[1])]);
const FULL_KEYS = new Set([...FIELDS.map((f) => dotted(f.key, f.path)), ...Object.keys(SECTIONS), ...PLAIN_KEYS]);

/** The advice names only keys the config accepts. */
export function assertAdviceAccepted(message: string): void {
    const { words, fullKeys } = keysIn(message);
    for (const w of words) assert.ok(KEY_NAMES.has(w), `'${w}' in the advice is not a config key: ${message}`);
    for (const k of fullKeys) assert.ok(FULL_KEYS.has(k), `'${k}' in the advice is not a config key: ${message}`);
}

/**
 * One stack's configuration: parse and validate the raw `config:` map of `Pulumi.<stack>.yaml`
 * (or the engine's view of it) into a typed {@link StackConfig}. Pure: no Pulumi runtime needed.
 */
import { z } from "zod";
import { ipv4CidrsOverlap } from "../../components/lib/cidr";
import { checkComponentRules } from "./component-checks";
import { computeSchema, ComputeConfig } from "./compute";
import { auditSchema, AuditConfig, checkAuditor } from "./audit";
import { at, ConfigError } from "./errors";
import { describeIssue, plainWords, quote, unknownKeyMessage } from "./messages";
import { networkSchema, NetworkConfig, onPremSchema, OnPremConfig } from "./network";
import { operationsSchema, OperationsConfig } from "./operations";
import { flowSchema, FlowConfig } from "./flow";
import { operatorsSchema, OperatorsConfig } from "./operators";
import { findUnofferedInstanceType } from "./instance-offerings";
import { closestRegion, regionInfo } from "./regions";
import { storageSchema, StorageConfig, STACK_NAME_PATTERN } from "./storage";
import { closest } from "./suggest";

export { quote };

export const PROJECT = "spot-grid";

export interface StackConfig {
    readonly stack: string;
    /** The stack file the values came from, for messages. */
    readonly file: string;
    readonly region: string;
    readonly owner: string;
    readonly costCentre: string;
    readonly network: NetworkConfig;
    readonly onPrem: OnPremConfig;
    readonly compute: ComputeConfig;
    readonly storage: StorageConfig;
    readonly operators: OperatorsConfig;
    readonly operations: OperationsConfig;
    readonly audit: AuditConfig;
    readonly flow: FlowConfig;
}

/** The project's config keys (without the `spot-grid:` namespace) and their schemas. */
const sections = {
    owner: z.string().min(1, { message: "must name the owning team" }),
    costCentre: z.string().min(1, { message: "must name the cost centre" }),
    network: networkSchema,
    onPrem: onPremSchema,
    compute: computeSchema,
    storage: storageSchema,
    operators: operatorsSchema,
    operations: operationsSchema,
    audit: auditSchema,
    flow: flowSchema,
} as const;

type SectionName = keyof typeof sections;
const OPTIONAL_SECTIONS: ReadonlySet<SectionName> = new Set(["storage", "operators", "operations", "audit", "flow"]);

/** Keys the program reads: the sections and the provider's region. */
const KNOWN_KEYS: readonly string[] = ["aws:region", ...Object.keys(sections).map((k) => `${PROJECT}:${k}`)];

/**
 * A key that is not one the program reads but is a plausible typo of one (`aws:regoin`,
 * `spot-grid:netwrok`, `spot-grd:network`), or any unknown `spot-grid:` key. Other namespaces
 * (provider settings such as `aws:profile`) are left to their owners.
 */
function checkUnknownKeys(file: string, values: Record<string, unknown>): void {
    for (const key of Object.keys(values)) {
        if (KNOWN_KEYS.includes(key)) continue;
        const hint = closest(key, KNOWN_KEYS, 2, (k) => !(k in values));
        if (hint) throw new ConfigError(`${at(file, key)}: unknown key; did you mean ${hint}?`);
        const [ns, name = ""] = key.split(":");
        if (ns === PROJECT) {
            const present = Object.keys(values).map((k) => k.slice(PROJECT.length + 1));
            throw new ConfigError(`${at(file, key)}: ${unknownKeyMessage(name, Object.keys(sections), present, `${PROJECT}:`)}`);
        }
    }
}

/**
 * Parses one stack's config. `raw` maps full keys (`aws:region`, `spot-grid:network`, ...) to values
 * as YAML or the engine gives them (objects, or JSON text for structured values).
 * @throws ConfigError naming the file, the key and the fix.
 */
export function parseStackConfig(stack: string, raw: Record<string, unknown>, file = `Pulumi.${stack}.yaml`): StackConfig {
    if (!STACK_NAME_PATTERN.test(stack)) {
        throw new ConfigError(`${file}: stack name ${quote(stack)} must be lower-case letters, digits and dashes (it becomes part of bucket and role names)`);
    }
    const values = normalizeRaw(raw);
    checkUnknownKeys(file, values);
    const region = values["aws:region"];
    if (typeof region !== "string" || region.length === 0) {
        throw new ConfigError(`${at(file, "aws:region")}: missing; set it to the stack's AWS region, e.g. ap-south-1`);
    }
    if (!regionInfo(region)) {
        const hint = closestRegion(region);
        throw new ConfigError(`${at(file, "aws:region")}: unknown region ${quote(region)}${hint ? `; did you mean ${hint}?` : "; use an AWS region code such as ap-south-1"}`);
    }
    const parsed: Partial<Record<SectionName, unknown>> = {};
    // By name, not `Object.entries(sections) as [SectionName, z.ZodType][]`: proving every section's
    // schema type comparable to z.ZodType costs about half a second of each type-check.
    for (const name of Object.keys(sections) as SectionName[]) {
        const key = `${PROJECT}:${name}`;
        const value = values[key];
        if (value === undefined && !OPTIONAL_SECTIONS.has(name)) {
            throw new ConfigError(`${at(file, key)}: missing; see the README's "Stack configuration" for its fields`);
        }
        const result = sections[name].safeParse(value ?? {}, { error: plainWords });
        if (!result.success) throw new ConfigError(describeIssue(file, key, result.error));
        parsed[name] = result.data;
    }
    const config = { stack, file, region, ...(parsed as Omit<StackConfig, "stack" | "file" | "region">) };
    validateStackSemantics(config);
    return config;
}

/** Checks that need several fields at once (or the region table). */
function validateStackSemantics(c: StackConfig): void {
    const azs = regionInfo(c.region)!.azSuffixes.length;
    if (c.network.availabilityZones > azs) {
        throw new ConfigError(
            `${at(c.file, "spot-grid:network", ["availabilityZones"])}: ${c.network.availabilityZones} is more than the ${azs} AZs of ${c.region}; use at most ${azs}`,
        );
    }
    c.onPrem.cidrs.forEach((onPrem, i) => {
        if (ipv4CidrsOverlap(c.network.cidr, onPrem)) {
            throw new ConfigError(
                `${at(c.file, "spot-grid:network", ["cidr"])}: ${c.network.cidr} overlaps the on-prem range ${onPrem} (spot-grid:onPrem.cidrs[${i}]); pick a VPC block outside every on-prem range`,
            );
        }
    });
    const unoffered = c.compute.instanceTypes && findUnofferedInstanceType(c.region, c.compute.instanceTypes);
    if (unoffered) throw new ConfigError(`${at(c.file, "spot-grid:compute", ["instanceTypes", unoffered.index])}: ${unoffered.reason}`);
    if (c.storage.replicateTo.includes(c.stack)) {
        throw new ConfigError(`${at(c.file, "spot-grid:storage", ["replicateTo"])}: a stack cannot replicate to itself (${quote(c.stack)}); list peer stacks only`);
    }
    const breakGlass = c.storage.breakGlassRoleArn;
    const operatorAccounts = [c.operators.deployerRoleArn, c.operators.previewRoleArn, c.operators.driftRoleArn].filter((a): a is string => !!a).map((a) => a.split(":")[4]);
    if (breakGlass && operatorAccounts.length > 0 && breakGlass.split(":")[4] !== operatorAccounts[0]) {
        throw new ConfigError(
            `${at(c.file, "spot-grid:storage", ["breakGlassRoleArn"])}: ${breakGlass} is in another account than the operator roles (${operatorAccounts[0]}); the break-glass role must be a role of the stack's own account`,
        );
    }
    const validator = c.flow.validatorRoleArn;
    if (validator && operatorAccounts.length > 0 && validator.split(":")[4] !== operatorAccounts[0]) {
        throw new ConfigError(
            `${at(c.file, "spot-grid:flow", ["validatorRoleArn"])}: ${validator} is in another account than the operator roles (${operatorAccounts[0]}); the validator must be a role of the stack's own account (or leave it unset for the workers' role)`,
        );
    }
    const seen = new Set<string>();
    for (const peer of c.storage.replicateTo) {
        if (seen.has(peer)) throw new ConfigError(`${at(c.file, "spot-grid:storage", ["replicateTo"])}: ${quote(peer)} is listed twice; list each peer once`);
        seen.add(peer);
    }
    checkAuditor(c);
    checkComponentRules(c);
}

/** Structured values arrive as JSON text from the engine and as objects from YAML. */
function normalizeRaw(raw: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
        if (typeof value === "string" && /^\s*[[{]/.test(value)) {
            try {
                out[key] = JSON.parse(value);
                continue;
            } catch {
                // Not JSON after all: keep the text, the schema will say what is wrong.
            }
        }
        out[key] = value;
    }
    return out;
}

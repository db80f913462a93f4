/**
 * Runs policy packs over a `pulumi stack export` document the way @pulumi/policy's analyzer does
 * under `pulumi preview --policy-pack` (node_modules/@pulumi/policy/server.js), fed the way the
 * engine feeds it (pulumi/pkg resource/deploy/step_generator.go and analyze_snapshot.go):
 * - resource policies run on every registered resource's inputs (the stack, providers and
 *   components included; reads, `external` in state, are not analyzed), with the provider handed
 *   over as `args.provider`; stack policies run on every resource's outputs with parents and
 *   dependencies linked; `args.name` is everything after the URN's third `::` (URN.Name());
 * - props are what the analyzer hands a policy (./state-values): secrets as plaintext, top-level
 *   `__` keys dropped, behind the unknown-checking proxy when they hold an unknown value (the
 *   proxy only throws on those; plain props read the same, faster). A secret the export holds only as
 *   ciphertext cannot be judged: reading it ends that policy's run on that resource (or stack)
 *   with one advisory per policy, resource and property that says to export with --show-secrets,
 *   never a mandatory verdict;
 * - config = schema defaults + user config, enforcement level from config, then the policy, then
 *   the pack; `disabled` skips; `remediate` reports as mandatory; an unknown value becomes the
 *   analyzer's advisory "can't run during preview"; `notApplicable()` is recorded;
 * - a reported message is the policy's description, a newline, then the message
 *   (makeReportViolationFun); a resource policy's violation is on the resource it judged, a stack
 *   policy's on the URN it names if that resource is in the stack, else on the stack itself.
 *
 * Work is linear in resources: the provider index, each resource's description (name, proxy) and
 * the stack-policy arguments are built once; a policy's config and validation list once per
 * policy; synchronous policies are not awaited (one microtask per resource and policy adds up at
 * 10k resources); stack policies share one `resources` array, so the index of
 * policies/lib/resource-graph is built once per stack.
 */
import type { EnforcementLevel, Policy, PolicyProviderResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { PackDefinition } from "./pack";
import { validatedTypes } from "./policy-kit";
import { NotApplicableError, ResourceDescription, resourceArgs, stackArgs } from "./policy-args";
import { UnknownValueError } from "./resource-props";
import { ExportedResource, StackExport, urnName } from "./stack-export";
import { policyProps, SecretNotInExportError } from "./state-values";

export type ReportedLevel = "advisory" | "mandatory";

export interface Violation {
    policy: string;
    urn: string;
    message: string;
    enforcementLevel: ReportedLevel;
    pack: string;
    severity?: string;
}

export interface NotApplicable {
    policy: string;
    pack: string;
    urn?: string;
    reason: string;
}

export interface EvaluationResult {
    violations: Violation[];
    notApplicable: NotApplicable[];
    /** Packs that ran, by name. */
    packs: string[];
    resourcesAnalyzed: number;
}

/** Policy config as in a Pulumi policy config file: policy name (or `all`) -> level or settings. */
export type PolicyConfig = Record<string, unknown>;

export interface EvaluateOptions {
    /** Pack names or directories to run; all when absent. */
    packs?: string[];
    config?: PolicyConfig;
    /** The packs to choose from; defaults to policies/registry's allPacks. */
    available?: PackDefinition[];
}

/** Bad `--pack` or policy config: the user's input, reported in one line. */
export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

const LEVELS = new Set(["advisory", "mandatory", "remediate", "disabled"]);

function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
    return typeof (p as ResourceValidationPolicy).validateResource === "function" || Array.isArray((p as ResourceValidationPolicy).validateResource);
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

interface PreparedPolicy {
    policy: Policy;
    pack: PackDefinition;
    level: EnforcementLevel;
    config: Record<string, unknown>;
}

function levelOf(value: unknown, where: string): EnforcementLevel | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !LEVELS.has(value)) {
        throw new PolicyConfigError(`policy config: ${where} has enforcement level ${JSON.stringify(value)}; use one of advisory, mandatory, remediate, disabled`);
    }
    return value as EnforcementLevel;
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    boolean: (v) => typeof v === "boolean",
    number: (v) => typeof v === "number",
    integer: (v) => Number.isInteger(v),
    array: (v) => Array.isArray(v),
    object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
};

/** Schema defaults merged with the user's settings, type-checked against the schema's properties. */
function policyConfig(policy: Policy, user: Record<string, unknown>): Record<string, unknown> {
    const props = (policy.configSchema?.properties ?? {}) as Record<string, { type?: unknown; default?: unknown }>;
    const merged: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(props)) if (schema.default !== undefined) merged[k] = structuredClone(schema.default);
    for (const [k, v] of Object.entries(user)) {
        if (k === "enforcementLevel") continue;
        const schema = props[k];
        if (!schema) {
            const known = Object.keys(props);
            throw new PolicyConfigError(`policy config: '${policy.name}' has no setting '${k}'; ${known.length ? `it accepts ${known.join(", ")}` : "it takes only enforcementLevel"}`);
        }
        const check = typeof schema.type === "string" ? JSON_TYPES[schema.type] : undefined;
        if (check && !check(v)) throw new PolicyConfigError(`policy config: '${policy.name}.${k}' must be of type ${schema.type}, got ${JSON.stringify(v)}`);
        merged[k] = v;
    }
    return merged;
}

/** Chooses packs by name or directory; an unknown name is a PolicyConfigError naming the known ones. */
export function selectPacks(available: PackDefinition[], wanted?: string[]): PackDefinition[] {
    if (!wanted || wanted.length === 0) return available;
    return wanted.map((w) => {
        const p = available.find((a) => a.name === w || a.dir === w);
        if (!p) throw new PolicyConfigError(`unknown pack '${w}'; use one of ${available.map((a) => a.dir).join(", ")}`);
        return p;
    });
}

function prepare(packs: PackDefinition[], config: PolicyConfig, available: PackDefinition[]): PreparedPolicy[] {
    const knownNames = new Set(available.flatMap((p) => p.policies.map((x) => x.name)));
    for (const name of Object.keys(config)) {
        if (name !== "all" && !knownNames.has(name)) throw new PolicyConfigError(`policy config: no policy named '${name}'; check the spelling against the README policy table`);
    }
    const settings = (name: string): Record<string, unknown> => {
        const c = config[name];
        if (c === undefined) return {};
        if (typeof c === "string") return { enforcementLevel: c };
        if (typeof c !== "object" || c === null || Array.isArray(c)) {
            throw new PolicyConfigError(`policy config: '${name}' must be an enforcement level or an object of settings`);
        }
        return c as Record<string, unknown>;
    };
    const all = levelOf(settings("all").enforcementLevel, "'all'");
    return packs.flatMap((pack) =>
        pack.policies.map((policy) => {
            const own = settings(policy.name);
            const level = levelOf(own.enforcementLevel, `'${policy.name}'`) ?? all ?? policy.enforcementLevel ?? pack.enforcementLevel ?? "advisory";
            return { policy, pack, level, config: policyConfig(policy, own) };
        }),
    );
}

function reportedLevel(level: EnforcementLevel): ReportedLevel {
    return level === "advisory" ? "advisory" : "mandatory";
}

function splitProviderRef(ref: string): { urn: string; id: string } {
    const i = ref.lastIndexOf("::");
    return { urn: ref.slice(0, i), id: ref.slice(i + 2) };
}

/** The engine analyzes every resource the program registers; reads (`external`) are not registered. */
function isAnalyzedByResourcePolicies(r: ExportedResource): boolean {
    return r.external !== true;
}

function policyFrom(policy: PreparedPolicy): string {
    return `policy '${policy.policy.name}' from policy pack '${policy.pack.name}@v${policy.pack.version}'`;
}

function preview(policy: PreparedPolicy, e: Error): string {
    return `can't run ${policyFrom(policy)} during preview: ${e.message}`;
}

/** The one advisory for a secret whose plaintext the export lacks (`on`: the resource it is filed on). */
function cannotJudgeSecret(policy: PreparedPolicy, e: SecretNotInExportError, on: string): string {
    const of = e.urn === on ? "" : ` of '${urnName(e.urn)}'`;
    return `cannot be judged: ${policyFrom(policy)} reads .${e.path.join(".")}${of}, a secret this export holds only as ciphertext; export the stack with 'pulumi stack export --show-secrets' and check that file`;
}

/** The root stack's URN (pulumi/sdk resource.DefaultRootStackURN): where the engine files stack-level findings. */
function rootStackUrn(resources: readonly ExportedResource[]): string {
    const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    if (stack) return stack.urn;
    const [head = "urn:pulumi:stack", project = "project"] = (resources[0]?.urn ?? "").split("::");
    return `${head}::${project}::pulumi:pulumi:Stack::${project}-${head.replace(/^urn:pulumi:/, "")}`;
}

/** A report as @pulumi/policy's makeReportViolationFun builds it: string (description, then message) or object. */
interface Reported {
    policy: string;
    message: string;
    urn?: string;
    level?: EnforcementLevel;
    severity?: string;
}

function reported(p: PreparedPolicy, message: unknown, urn: unknown): Reported {
    const description = p.policy.description;
    if (typeof message === "object" && message !== null) {
        const info = message as { name?: string; message?: string; description?: string; urn?: string; enforcementLevel?: EnforcementLevel; severity?: string };
        return {
            policy: info.name || p.policy.name,
            message: info.message || info.description || description,
            urn: info.urn,
            level: info.enforcementLevel,
            severity: info.severity || p.policy.severity,
        };
    }
    return { policy: p.policy.name, message: message ? `${description}\n${String(message)}` : description, urn: typeof urn === "string" ? urn : undefined, severity: p.policy.severity };
}

/** Evaluates the packs over an export document. Never throws for anything in the document. */
export async function evaluateStackExport(doc: StackExport, opts: EvaluateOptions = {}): Promise<EvaluationResult> {
    const available = opts.available ?? (require("../registry") as { allPacks: PackDefinition[] }).allPacks;
    const packs = selectPacks(available, opts.packs);
    const policies = prepare(packs, opts.config ?? {}, available).filter((p) => p.level !== "disabled");
    const resources = doc.deployment.resources ?? [];
    const violations: Violation[] = [];
    const notApplicable: NotApplicable[] = [];

    const providers = new Map<string, PolicyProviderResource>();
    for (const r of resources) {
        if (!r.type.startsWith("pulumi:providers:")) continue;
        providers.set(r.urn, { type: r.type, urn: r.urn, name: urnName(r.urn), props: policyProps(r.inputs, r.urn) });
    }
    const stackUrn = rootStackUrn(resources);
    const inStack = new Set(resources.map((r) => r.urn));
    const unjudgedSecrets = new Set<string>();

    /** What a validation that threw means: preview-unknown or unreadable secret (advisory), not applicable, or a crash. */
    const settle = (p: PreparedPolicy, urn: string | undefined, e: unknown): void => {
        if (e instanceof UnknownValueError) {
            violations.push({ policy: p.policy.name, urn: urn ?? stackUrn, message: preview(p, e), enforcementLevel: "advisory", pack: p.pack.name, severity: p.policy.severity });
        } else if (e instanceof SecretNotInExportError) {
            // On the judged resource (resource policies), else on the resource holding the secret.
            const on = urn ?? e.urn;
            const key = `${p.pack.name}\0${p.policy.name}\0${on}\0${e.urn}\0${e.path.join(".")}`;
            if (unjudgedSecrets.has(key)) return;
            unjudgedSecrets.add(key);
            violations.push({ policy: p.policy.name, urn: on, message: cannotJudgeSecret(p, e, on), enforcementLevel: "advisory", pack: p.pack.name, severity: p.policy.severity });
        } else if (e instanceof NotApplicableError) {
            notApplicable.push({ policy: p.policy.name, pack: p.pack.name, urn, reason: e.reason ?? "" });
        } else {
            // The engine would abort the whole preview; offline we name the failing policy and
            // fail the check (mandatory) rather than crash or pass.
            const message = `policy '${p.policy.name}' failed with an error, so this resource could not be judged: ${(e as Error)?.message ?? String(e)}`;
            violations.push({ policy: p.policy.name, urn: urn ?? stackUrn, message, enforcementLevel: "mandatory", pack: p.pack.name, severity: p.policy.severity });
        }
    };

    /**
     * Runs one validation; returns a promise only when the policy returned one (async policies).
     * `urn` is the judged resource (resource policies), or undefined for a stack policy.
     */
    const record = (p: PreparedPolicy, urn: string | undefined, run: (report: (message: string, urn?: string) => void) => unknown): Promise<void> | undefined => {
        const report = (message: unknown, reportedUrn?: unknown) => {
            const r = reported(p, message, reportedUrn);
            const on = urn ?? (r.urn && inStack.has(r.urn) ? r.urn : stackUrn);
            violations.push({ policy: r.policy, urn: on, message: r.message, enforcementLevel: reportedLevel(r.level ?? p.level), pack: p.pack.name, severity: r.severity });
        };
        let result: unknown;
        try {
            result = run(report);
        } catch (e) {
            settle(p, urn, e);
            return undefined;
        }
        if (typeof (result as PromiseLike<unknown> | undefined)?.then !== "function") return undefined;
        return Promise.resolve(result).then(
            () => undefined,
            (e: unknown) => settle(p, urn, e),
        );
    };

    const resourceValidations = policies
        .filter((p) => isResourcePolicy(p.policy))
        .flatMap((p) => {
            const rp = p.policy as ResourceValidationPolicy;
            const validations = (Array.isArray(rp.validateResource) ? rp.validateResource : [rp.validateResource]).filter((v) => !!v);
            const getConfig = (() => p.config) as ResourceValidationArgs["getConfig"];
            return validations.map((validate) => ({ prepared: p, validate, getConfig, types: validatedTypes(validate) }));
        });
    // The validations that can judge a type, in pack and policy order. A validation built with
    // validateTypes returns at once for any other type, so skipping it changes no verdict; it only
    // spares the call (most of the per-resource cost of a large stack).
    const forType = new Map<string, typeof resourceValidations>();
    const validationsFor = (type: string): typeof resourceValidations => {
        let list = forType.get(type);
        if (!list) {
            list = resourceValidations.filter((v) => !v.types || v.types.has(type));
            forType.set(type, list);
        }
        return list;
    };
    let analyzed = 0;
    for (const r of resources) {
        if (!isAnalyzedByResourcePolicies(r)) continue;
        analyzed++;
        const validations = validationsFor(r.type);
        if (validations.length === 0) continue; // nothing judges this type: no props to build
        const description: ResourceDescription = {
            type: r.type,
            urn: r.urn,
            name: urnName(r.urn),
            props: policyProps(r.inputs, r.urn),
            protect: r.protect,
            retainOnDelete: r.retainOnDelete,
            parent: r.parent,
            provider: r.provider ? providers.get(splitProviderRef(r.provider).urn) : undefined,
        };
        // One set of arguments per resource; each policy gets a shallow copy with its own config.
        const base = resourceArgs(description);
        for (const { prepared: p, validate, getConfig } of validations) {
            const args: ResourceValidationArgs = { ...base, getConfig };
            const pending = record(p, r.urn, (report) => validate(args, report));
            if (pending) await pending;
        }
    }

    const stackPolicies = policies.filter((p) => isStackPolicy(p.policy));
    if (stackPolicies.length > 0) {
        const described: ResourceDescription[] = resources.map((r) => ({
            type: r.type,
            urn: r.urn,
            name: urnName(r.urn),
            props: policyProps(r.outputs, r.urn),
            protect: r.protect,
            retainOnDelete: r.retainOnDelete,
            parent: r.parent,
            provider: r.provider ? providers.get(splitProviderRef(r.provider).urn) : undefined,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
        }));
        const shared = stackArgs(described);
        for (const p of stackPolicies) {
            const args = { ...shared, getConfig: (() => p.config) as typeof shared.getConfig };
            const pending = record(p, undefined, (report) => (p.policy as StackValidationPolicy).validateStack(args, report));
            if (pending) await pending;
        }
    }

    return { violations, notApplicable, packs: packs.map((p) => p.name), resourcesAnalyzed: analyzed };
}

export function hasMandatoryViolations(result: EvaluationResult): boolean {
    return result.violations.some((v) => v.enforcementLevel === "mandatory");
}

/** Human-readable report: one block per violation, then a summary line. */
export function formatViolationsText(result: Pick<EvaluationResult, "violations">): string {
    const lines: string[] = [];
    for (const v of result.violations) {
        lines.push(`[${v.enforcementLevel}] ${v.policy}${v.urn ? `  ${v.urn}` : ""}`);
        lines.push(`    ${v.message.replace(/\n/g, "\n    ")}`);
    }
    const mandatory = result.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const advisory = result.violations.length - mandatory;
    lines.push(result.violations.length === 0 ? "No policy violations." : `${mandatory} mandatory, ${advisory} advisory violation(s).`);
    return lines.join("\n") + "\n";
}

/**
 * Builds the arguments CrossGuard hands a policy, the way @pulumi/policy's analyzer server does
 * (node_modules/@pulumi/policy/server.js), so that policies run identically under
 * `pulumi preview --policy-pack`, in the offline evaluator and in unit tests.
 */
import type {
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
} from "@pulumi/policy";
import { urnName } from "./stack-export";

/** Thrown by `args.notApplicable()`; the evaluator records it instead of a violation. */
export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "not applicable");
        this.name = "NotApplicableError";
    }
}

/** What we know of one resource, independent of where it came from (engine, export, test). */
export interface ResourceDescription {
    type: string;
    urn?: string;
    name?: string;
    /** Resource policies see inputs; stack policies see outputs. */
    props: Record<string, unknown>;
    protect?: boolean;
    retainOnDelete?: boolean;
    parent?: string;
    provider?: PolicyProviderResource;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

function resourceClassType(resourceClass: unknown): string | undefined {
    // Pulumi resource classes carry a static `__pulumiType`; isInstance checks compare it.
    const t = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
    return typeof t === "string" ? t : undefined;
}

/** True when `type` is the Pulumi type token of `resourceClass` (as the analyzer's isTypeOf). */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
    return resourceClassType(resourceClass) === type;
}

/** As server.js getResourceOptions: `parent` only when there is one. */
function options(r: ResourceDescription): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: r.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (r.parent) opts.parent = r.parent;
    return opts;
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

export function defaultUrn(type: string, name: string): string {
    return `urn:pulumi:stack::project::${type}::${name}`;
}

/** Arguments for a resource policy's `validateResource`. */
export function resourceArgs(r: ResourceDescription, config: object = {}): ResourceValidationArgs {
    const urn = r.urn ?? defaultUrn(r.type, r.name ?? "resource");
    const props = r.props;
    const args = {
        type: r.type,
        props,
        urn,
        name: r.name ?? urnName(urn),
        opts: options(r),
        stackTags: new Map(),
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: (<T extends object>() => config as T) as ResourceValidationArgs["getConfig"],
        notApplicable: throwNotApplicable,
    } as { -readonly [K in keyof ResourceValidationArgs]: ResourceValidationArgs[K] };
    if (r.provider) args.provider = r.provider; // as server.js: only when there is one
    return args as ResourceValidationArgs;
}

/** Arguments for a stack policy's `validateStack`: parents and dependencies linked to objects. */
export function stackArgs(resources: ResourceDescription[], config: object = {}): StackValidationArgs {
    const built: PolicyResource[] = resources.map((r) => {
        const urn = r.urn ?? defaultUrn(r.type, r.name ?? "resource");
        const props = r.props;
        const resource = {
            type: r.type,
            props,
            urn,
            name: r.name ?? urnName(urn),
            opts: options(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls: unknown) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        } as { -readonly [K in keyof PolicyResource]: PolicyResource[K] };
        if (r.provider) resource.provider = r.provider; // as server.js: only when there is one
        return resource as PolicyResource;
    });
    const byUrn = new Map(built.map((b) => [b.urn, b]));
    resources.forEach((r, i) => {
        const b = built[i] as { -readonly [K in keyof PolicyResource]: PolicyResource[K] };
        if (r.parent && byUrn.has(r.parent)) b.parent = byUrn.get(r.parent);
        b.dependencies = (r.dependencies ?? []).map((d) => byUrn.get(d)).filter((d): d is PolicyResource => !!d);
        for (const [k, v] of Object.entries(r.propertyDependencies ?? {})) {
            b.propertyDependencies[k] = v.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => !!d);
        }
    });
    return {
        resources: built,
        stackTags: new Map(),
        getConfig: (<T extends object>() => config as T) as StackValidationArgs["getConfig"],
        notApplicable: throwNotApplicable,
    };
}

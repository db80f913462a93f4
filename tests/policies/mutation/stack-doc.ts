/**
 * Editing a copy of a real plan export the way a careless engineer's change would show up in
 * state: resource policies read `inputs` and stack policies read `outputs`, so every edit is
 * applied to both, and added resources carry both (outputs plus an id), a parent, the stack's
 * provider and, where they point at another resource, the engine's property dependencies.
 *
 * Targets are located by type and role (the data bucket by its tag, the worker security group
 * through the launch template, ...), never by a name that a component owner may change; a
 * missing target fails with a message that says which resource the mutation needs.
 */
import type { ExportedResource, StackExport } from "../../../policies/lib/stack-export";

/** The plan has no resource the mutation needs (component not wired yet, or renamed its role). */
export class MissingTarget extends Error {
    constructor(message: string) {
        super(message);
        this.name = "MissingTarget";
    }
}

type Props = Record<string, unknown>;

export const DATA_ROLE_TAG = "spot-grid:role";
export const REPLICA_TAG = "spot-grid:replica-of";

function tagsOf(r: ExportedResource): Props {
    const t = (r.outputs?.tags ?? r.inputs?.tags) as Props | undefined;
    return t && typeof t === "object" ? t : {};
}

/** One stack's export (a deep copy), with lookups by role and edits that keep inputs and outputs consistent. */
export class StackDoc {
    readonly stack: string;

    constructor(readonly doc: StackExport) {
        const root = this.resources.find((r) => r.type === "pulumi:pulumi:Stack");
        if (!root) throw new MissingTarget("the export has no pulumi:pulumi:Stack resource");
        this.stack = root.urn.split("::")[0].replace(/^urn:pulumi:/, "");
    }

    get resources(): ExportedResource[] {
        return this.doc.deployment.resources;
    }

    /** Custom resources of a type token. */
    ofType(type: string): ExportedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The first resource of `type` matching `where`; throws MissingTarget describing `what`. */
    find(type: string, what: string, where: (r: ExportedResource) => boolean = () => true): ExportedResource {
        const hit = this.ofType(type).find(where);
        if (!hit) {
            const have = this.ofType(type).map((r) => r.urn.split("::").pop());
            throw new MissingTarget(`stack ${this.stack} has no ${what} (${type}${have.length ? `; it has ${have.join(", ")}` : "; none in the plan"}) to mutate`);
        }
        return hit;
    }

    /** The bucket tagged `spot-grid:role=<role>` that is not a replica. */
    bucket(role: string): ExportedResource {
        return this.find("aws:s3/bucket:Bucket", `bucket tagged ${DATA_ROLE_TAG}=${role}`, (r) => tagsOf(r)[DATA_ROLE_TAG] === role && !(REPLICA_TAG in tagsOf(r)));
    }

    /** The resource of `type` whose `field` points at `target` (engine dependency or equal id/name/arn). */
    linkedTo(type: string, field: string, target: ExportedResource, what = `${type.split(":").pop()} of ${target.urn.split("::").pop()}`): ExportedResource {
        const ids = [target.id, target.outputs?.id, target.outputs?.arn, target.outputs?.bucket].filter((v) => typeof v === "string" && v !== "");
        return this.find(type, what, (r) => (r.propertyDependencies?.[field] ?? []).includes(target.urn) || ids.includes(r.inputs?.[field] as string));
    }

    /** Applies `change` to the resource's inputs and to its outputs, as a real update would. */
    edit(r: ExportedResource, change: (props: Props) => void): ExportedResource {
        r.inputs ??= {};
        change(r.inputs);
        r.outputs ??= {};
        change(r.outputs);
        return r;
    }

    /** Removes the resource (and nothing else: references to it dangle, as after a deleted line of code). */
    remove(r: ExportedResource): void {
        const i = this.resources.indexOf(r);
        if (i < 0) throw new Error(`${r.urn} is not in this export`);
        this.resources.splice(i, 1);
    }

    /** The stack's default AWS provider reference, `<urn>::<id>`, from any resource that has one. */
    private provider(): string | undefined {
        return this.resources.find((r) => r.type.startsWith("aws:") && r.provider)?.provider;
    }

    /**
     * Adds a resource at the top of the stack, as a hand-written `new aws.X(name, props)` in the
     * program would appear: inputs = props, outputs = props + id (+ computed outputs), optional
     * property dependencies on other resources' URNs.
     */
    add(type: string, name: string, props: Props, opts: { outputs?: Props; propertyDependencies?: Record<string, string[]>; protect?: boolean } = {}): ExportedResource {
        const root = this.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
        const id = `${name}-0a1b2c3d`;
        const r: ExportedResource = {
            urn: `urn:pulumi:${this.stack}::spot-grid::${type}::${name}`,
            custom: true,
            id,
            type,
            inputs: structuredClone(props),
            outputs: { id, ...structuredClone(props), ...(opts.outputs ?? {}) },
            parent: root.urn,
            provider: this.provider(),
            dependencies: [...new Set(Object.values(opts.propertyDependencies ?? {}).flat())],
            propertyDependencies: opts.propertyDependencies ?? {},
            protect: opts.protect,
        };
        if (this.resources.some((x) => x.urn === r.urn)) throw new Error(`${r.urn} already exists`);
        this.resources.push(r);
        return r;
    }
}

/** Parses a JSON policy document property, applies `change` and writes it back as JSON. */
export function editDocument(props: Props, field: string, change: (doc: { Version?: string; Statement: Props[] }) => void): void {
    const raw = props[field];
    const doc = typeof raw === "string" ? JSON.parse(raw) : structuredClone(raw);
    if (!Array.isArray(doc.Statement)) doc.Statement = doc.Statement ? [doc.Statement] : [];
    change(doc);
    props[field] = typeof raw === "string" ? JSON.stringify(doc) : doc;
}

/** Reads `obj.a.b[0].c`-style paths; throws MissingTarget naming the path when a step is absent. */
export function at<T = unknown>(obj: unknown, path: (string | number)[], what: string): T {
    let cur: unknown = obj;
    for (const k of path) {
        if (cur === null || typeof cur !== "object" || !(k in (cur as object))) {
            throw new MissingTarget(`${what}: no ${path.join(".")} in the planned resource`);
        }
        cur = (cur as Record<string | number, unknown>)[k];
    }
    return cur as T;
}

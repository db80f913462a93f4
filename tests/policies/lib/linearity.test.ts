/**
 * Policy evaluation grows linearly with the number of resources, shown by COUNTING work, never by
 * timing it: every read of a resource (the export's resource list and records, each stack policy's
 * `args.resources` and every resource's `props`) goes through a counting proxy, for a synthetic
 * stack of N groups and of 10N groups. Linear work gives a ratio of about 10; a policy that
 * rescans the stack per bucket gives about 100 (the meter is checked on such a policy too).
 */
import * as assert from "assert";
import type { Policy, StackValidationPolicy } from "@pulumi/policy";
import { evaluateStackExport } from "../../../policies/lib/evaluator";
import { ResourceDescription, stackArgs } from "../../../policies/lib/policy-args";
import { indexStats, refersTo, resetIndexStats } from "../../../policies/lib/resource-graph";
import { unknownCheckingProxy } from "../../../policies/lib/resource-props";
import { BUCKET_KEYS } from "../../../policies/lib/s3-forms";
import type { StackExport } from "../../../policies/lib/stack-export";
import { allPacks } from "../../../policies/registry";
import { syntheticStack } from "./synthetic-stack";

const SMALL = 20;
const LARGE = SMALL * 10;
/** Allowed growth of work for 10x the resources (10 plus slack for fixed per-stack costs). */
const MAX_RATIO = 11;

interface Meter {
    reads: number;
}

/** A proxy that counts every property read, key listing and descriptor lookup. */
function counted<T extends object>(target: T, meter: Meter): T {
    return new Proxy(target, {
        get(t, key, receiver) {
            meter.reads++;
            return Reflect.get(t, key, receiver);
        },
        ownKeys(t) {
            meter.reads++;
            return Reflect.ownKeys(t);
        },
        getOwnPropertyDescriptor(t, key) {
            meter.reads++;
            return Reflect.getOwnPropertyDescriptor(t, key);
        },
    });
}

/** The export with its resource list, each record and its inputs/outputs behind counting proxies. */
function countedExport(doc: StackExport, meter: Meter): StackExport {
    const resources = doc.deployment.resources.map((r) =>
        counted({ ...r, inputs: r.inputs && counted(r.inputs, meter), outputs: r.outputs && counted(r.outputs, meter) }, meter),
    );
    return { version: doc.version, deployment: { ...doc.deployment, resources: counted(resources, meter) } };
}

/** Stack-policy arguments as the evaluator builds them, with every resource read counted. */
function countedStackArgs(doc: StackExport, meter: Meter, config: object) {
    const described: ResourceDescription[] = doc.deployment.resources.map((r) => ({
        type: r.type,
        urn: r.urn,
        props: counted(unknownCheckingProxy({ ...(r.outputs ?? {}) }), meter),
        protect: r.protect,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
    }));
    const args = stackArgs(described, config);
    return { ...args, resources: counted(args.resources, meter) };
}

function defaults(policy: Policy): object {
    const props = (policy.configSchema?.properties ?? {}) as Record<string, { default?: unknown }>;
    return Object.fromEntries(Object.entries(props).filter(([, s]) => s.default !== undefined).map(([k, s]) => [k, s.default]));
}

async function stackPolicyReads(policy: StackValidationPolicy, groups: number): Promise<number> {
    const meter: Meter = { reads: 0 };
    const args = countedStackArgs(syntheticStack(groups), meter, defaults(policy));
    meter.reads = 0; // count the policy's work only
    await policy.validateStack(args, () => undefined);
    return meter.reads;
}

const stackPolicies = allPacks.flatMap((pack) => pack.policies.filter((p): p is StackValidationPolicy => typeof (p as StackValidationPolicy).validateStack === "function"));

describe("policy evaluation is linear in resources (counted, not timed)", () => {
    it("the meter catches a policy that rescans the stack per bucket", async () => {
        // The shape s3-versioning had before the shared index: refersTo over the stack per bucket.
        const quadratic: StackValidationPolicy = {
            name: "quadratic",
            description: "rescans per bucket",
            validateStack: (args) => {
                const configs = args.resources.filter((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning");
                for (const b of args.resources.filter((r) => r.type === "aws:s3/bucket:Bucket")) configs.filter((c) => refersTo(c, "bucket", b, BUCKET_KEYS));
            },
        };
        const ratio = (await stackPolicyReads(quadratic, LARGE)) / (await stackPolicyReads(quadratic, SMALL));
        assert.ok(ratio > 50, `expected the meter to show quadratic growth, got x${ratio.toFixed(1)}`);
    });

    it("the synthetic stack passes every stack policy (so the counts are of the real, full path)", async () => {
        const result = await evaluateStackExport(syntheticStack(SMALL));
        const stackNames = new Set(stackPolicies.map((p) => p.name));
        const bad = result.violations.filter((v) => stackNames.has(v.policy));
        assert.strictEqual(bad.length, 0, bad.slice(0, 10).map((v) => `${v.policy} ${v.urn}: ${v.message}`).join("\n"));
    });

    for (const policy of stackPolicies) {
        it(`${policy.name}: reads grow at most x${MAX_RATIO} for x10 resources`, async () => {
            const small = await stackPolicyReads(policy, SMALL);
            const large = await stackPolicyReads(policy, LARGE);
            assert.ok(small > 0, "the policy read nothing: the synthetic stack does not exercise it");
            assert.ok(large / small <= MAX_RATIO, `${policy.name}: ${small} reads for ${SMALL} groups, ${large} for ${LARGE} (x${(large / small).toFixed(1)})`);
        });
    }

    it("the evaluator's own reads of the export grow at most x11 for x10 resources", async () => {
        const reads = async (groups: number) => {
            const meter: Meter = { reads: 0 };
            await evaluateStackExport(countedExport(syntheticStack(groups), meter));
            return meter.reads;
        };
        const small = await reads(SMALL);
        const large = await reads(LARGE);
        assert.ok(large / small <= MAX_RATIO, `${small} reads for ${SMALL} groups, ${large} for ${LARGE} (x${(large / small).toFixed(1)})`);
    });

    it("the shared stack index visits each resource a bounded number of times per evaluation", async () => {
        const visits = async (groups: number) => {
            resetIndexStats();
            await evaluateStackExport(syntheticStack(groups));
            return indexStats();
        };
        const small = await visits(SMALL);
        const large = await visits(LARGE);
        assert.ok(small.visited > 0, "no stack policy used the index");
        assert.ok(large.visited / small.visited <= MAX_RATIO, `index visited ${small.visited} then ${large.visited}`);
        assert.ok(large.lookups / small.lookups <= MAX_RATIO, `index lookups ${small.lookups} then ${large.lookups}`);
    });
});

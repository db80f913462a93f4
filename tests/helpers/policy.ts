/**
 * Calls policies directly (no PolicyPack, no gRPC server) with the same arguments the analyzer
 * builds, and asserts on what they report. Every failure prints every violation.
 */
import * as assert from "assert";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { NotApplicableError, ResourceDescription, resourceArgs, stackArgs } from "../../policies/lib/policy-args";

export interface Reported {
    message: string;
    urn?: string;
}

/** Result of one policy run: the violations, or the not-applicable reason. */
export interface PolicyRun {
    violations: Reported[];
    notApplicable?: string;
}

/** Runs a resource policy against one resource's inputs. */
export async function runResourcePolicy(
    policy: ResourceValidationPolicy,
    resource: ResourceDescription,
    config: object = {},
): Promise<PolicyRun> {
    const violations: Reported[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    try {
        for (const v of validations) {
            if (!v) continue;
            await v(resourceArgs(resource, config), (message: string, urn?: string) => violations.push({ message, urn }));
        }
    } catch (e) {
        if (e instanceof NotApplicableError) return { violations, notApplicable: e.reason ?? "" };
        throw e;
    }
    return { violations };
}

/** Runs a stack policy against a set of resources (props = outputs). */
export async function runStackPolicy(
    policy: StackValidationPolicy,
    resources: ResourceDescription[],
    config: object = {},
): Promise<PolicyRun> {
    const violations: Reported[] = [];
    try {
        await policy.validateStack(stackArgs(resources, config), (message: string, urn?: string) =>
            violations.push({ message, urn }),
        );
    } catch (e) {
        if (e instanceof NotApplicableError) return { violations, notApplicable: e.reason ?? "" };
        throw e;
    }
    return { violations };
}

function describe(run: PolicyRun): string {
    if (run.violations.length === 0) return "no violations";
    return run.violations.map((v) => `  - ${v.message}${v.urn ? ` [${v.urn}]` : ""}`).join("\n");
}

/** Asserts at least one violation whose message matches `pattern` (and, if given, names `urn`). */
export function assertHasViolation(run: PolicyRun, pattern: RegExp, urn?: string): void {
    const hit = run.violations.find((v) => pattern.test(v.message) && (urn === undefined || v.urn === urn));
    assert.ok(hit, `expected a violation matching ${pattern}${urn ? ` on ${urn}` : ""}, got:\n${describe(run)}`);
}

/** Asserts the policy reported nothing. */
export function assertNoViolations(run: PolicyRun): void {
    assert.strictEqual(run.violations.length, 0, `expected no violations, got:\n${describe(run)}`);
}

/** A test URN in the mumbai stack. */
export function urn(type: string, name: string): string {
    return `urn:pulumi:mumbai::spot-grid::${type}::${name}`;
}

/** A resource description with a URN, so stack tests can link and assert on it. */
export function res(type: string, name: string, props: Record<string, unknown>, extra: Partial<ResourceDescription> = {}): ResourceDescription {
    return { type, name, urn: urn(type, name), props, ...extra };
}

/** Deep copy with one path changed (`undefined` deletes). */
export function withProp<R extends ResourceDescription>(r: R, path: (string | number)[], value: unknown): R {
    const copy = JSON.parse(JSON.stringify(r)) as R;
    let cur: any = copy.props;
    for (const k of path.slice(0, -1)) cur = cur[k];
    const last = path[path.length - 1];
    if (value === undefined) delete cur[last];
    else cur[last] = value;
    return copy;
}

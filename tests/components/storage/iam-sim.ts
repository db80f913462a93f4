/**
 * A thin layer over @cloud-copilot/iam-simulate (AGPL: tests only) that evaluates a request the
 * way AWS does for a same-account role: identity policies plus the resource policy (bucket
 * policy or key policy), explicit deny wins, either may allow.
 *
 * Two things the library needs from us:
 * - `aws:PrincipalArn` / `aws:PrincipalAccount` are not derived from the principal: we set them.
 * - It drops `kms:EncryptionContext:<key>` keys from the request (its variable-key matcher only
 *   knows `/`-separated keys such as `aws:PrincipalTag/x`). Requests are first validated with
 *   `runSimulation` (policies, action, resource, every other context key); only when nothing but
 *   encryption-context keys were dropped do we re-run the same request through the library's core
 *   `authorize` with the full context. Any other dropped key fails the test: a key that does not
 *   apply to the action would otherwise silently change the result.
 */
import * as path from "path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, loadPolicy, validateEndpointPolicy, validateIdentityPolicy, validateResourcePolicy, ValidatedPolicy } from "@cloud-copilot/iam-policy";
import type { PolicyDocument } from "../../../components/lib/policy-document";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export interface SimRequest {
    /** Role ARN of the caller (`arn:aws:iam::<account>:role/<name>`), or a service principal. */
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    /** Account that owns the resource. */
    readonly accountId: string;
    readonly context?: Record<string, string | string[]>;
    readonly identityPolicies: readonly PolicyDocument[];
    readonly resourcePolicy?: PolicyDocument;
    /** Policies of the VPC endpoints the request passes through: a boundary, each must allow it. */
    readonly endpointPolicies?: readonly PolicyDocument[];
}

// The core engine is not exported by the package's `exports` map; load it by file path.
const dist = path.dirname(require.resolve("@cloud-copilot/iam-simulate"));
const core = require(path.join(dist, "core_engine", "CoreSimulatorEngine.js"));
const { AwsRequestImpl } = require(path.join(dist, "request", "request.js"));
const { RequestContextImpl } = require(path.join(dist, "requestContext.js"));
const { DiscoveryContextKeyConstraints } = require(path.join(dist, "context_keys", "discoveryContextKeyConstraints.js"));

const ENCRYPTION_CONTEXT = /^kms:encryptioncontext:/i;

function contextFor(req: SimRequest): Record<string, string | string[]> {
    const ctx: Record<string, string | string[]> = { "aws:SecureTransport": "true", ...(req.context ?? {}) };
    const iam = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(req.principal);
    if (iam) {
        ctx["aws:PrincipalArn"] ??= req.principal;
        ctx["aws:PrincipalAccount"] ??= iam[1];
        ctx["aws:PrincipalIsAWSService"] ??= "false";
    } else {
        ctx["aws:PrincipalIsAWSService"] ??= "true";
        ctx["aws:PrincipalServiceName"] ??= req.principal;
    }
    return ctx;
}

/**
 * The library validates every policy of every request again; a suite asks thousands of questions
 * of a few dozen documents. A document is validated once, with the validator the library would use
 * for its place (identity, resource, endpoint), and handed over as the library's ValidatedPolicy,
 * which it then reuses. Keyed by content, so a document changed in place is validated anew.
 */
const validated = new Map<string, ValidatedPolicy>();
function validatedOnce(policy: PolicyDocument, validate: (p: unknown) => ReturnType<typeof validateIdentityPolicy>): ValidatedPolicy {
    const key = `${validate.name}\0${JSON.stringify(policy)}`;
    let v = validated.get(key);
    if (!v) validated.set(key, (v = createValidatedPolicy(structuredClone(policy), validate)));
    return v;
}

export async function decide(req: SimRequest): Promise<Decision> {
    const contextVariables = contextFor(req);
    const simulation = {
        request: { principal: req.principal, action: req.action, resource: { resource: req.resource, accountId: req.accountId }, contextVariables },
        identityPolicies: req.identityPolicies.map((policy, i) => ({ name: `identity-${i}`, policy: validatedOnce(policy, validateIdentityPolicy) })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: req.resourcePolicy && validatedOnce(req.resourcePolicy, validateResourcePolicy),
        vpcEndpointPolicies: req.endpointPolicies?.map((policy, i) => ({ name: `endpoint-${i}`, policy: validatedOnce(policy, validateEndpointPolicy) })),
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") throw new Error(`simulation rejected: ${JSON.stringify(result.errors)}`);
    if (result.resultType !== "single") throw new Error(`expected one resource, got ${result.resultType}`);
    const ignored = result.result.ignoredContextKeys ?? [];
    const unexpected = ignored.filter((k) => !ENCRYPTION_CONTEXT.test(k));
    if (unexpected.length > 0) throw new Error(`context keys do not apply to ${req.action}: ${unexpected.join(", ")}`);
    if (ignored.length === 0) return result.overallResult as Decision;
    return authorizeWithFullContext(req, contextVariables);
}

function authorizeWithFullContext(req: SimRequest, contextVariables: Record<string, string | string[]>): Decision {
    const analysis = core.authorize({
        request: new AwsRequestImpl(req.principal, { resource: req.resource, accountId: req.accountId }, req.action, new RequestContextImpl(contextVariables)),
        sessionPolicy: undefined,
        identityPolicies: req.identityPolicies.map((p, i) => loadPolicy(p, { name: `identity-${i}` })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: req.resourcePolicy ? loadPolicy(req.resourcePolicy, { name: "resource" }) : undefined,
        permissionBoundaries: undefined,
        vpcEndpointPolicies: req.endpointPolicies?.map((p, i) => loadPolicy(p, { name: `endpoint-${i}` })),
        simulationParameters: { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
        serviceSettings: { s3: {} },
    });
    return analysis.result as Decision;
}

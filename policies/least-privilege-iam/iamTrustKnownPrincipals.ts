/**
 * iam-trust-known-principals: no policy document trusts a role by an ARN that the stack neither
 * creates nor receives as config. A role named only by a string (`arn:aws:iam::<acct>:role/<name>`)
 * that nothing created is a name anyone allowed `iam:CreateRole` could create later; in an
 * `aws:PrincipalArn` condition (which IAM, KMS and S3 do not validate) that role would then get
 * whatever the statement grants or exempts (e.g. the data from the internet).
 *
 * A role ARN is known when it is:
 * - the ARN of an `aws.iam.Role` in the stack (created, or read with `Role.get`);
 * - in the outputs of a StackReference (a stack deployed earlier created it);
 * - listed in the stack's `configuredPrincipalArns` output (principals received as config; the
 *   program verifies they exist: infra/principals.ts) or in this policy's `knownPrincipalArns`;
 * - a service-linked role (`role/aws-service-role/...`): only AWS creates those.
 * In a preview, a role the stack creates has no ARN yet: a document naming it by a string ARN is
 * judged at `up`, when the ARN is known (its name and path match: `role<path><name>`); a
 * `configuredPrincipalArns` not known yet makes a finding "can't run during preview".
 * Documents checked: role trust policies, KMS key policies, S3 bucket policies, SNS topic policies,
 * SQS queue policies and KMS key-policy resources; both `Principal` entries and the values of
 * `aws:PrincipalArn` conditions.
 *
 * Severity: critical. Enforcement: mandatory. Anchor: none (ours).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { NormalizedDocument, parsePolicyDocument } from "../lib/iam-document";
import { peek, peekOrPending, PENDING } from "../lib/resource-graph";
import { asList, prop } from "../lib/resource-props";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const SERVICE_LINKED = /^arn:aws[a-z-]*:iam::\d{12}:role\/aws-service-role\//;

/** Where each resource type keeps its policy documents (output property names). */
const DOCUMENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
    "aws:iam/role:Role": ["assumeRolePolicy"],
    "aws:kms/key:Key": ["policy"],
    "aws:kms/keyPolicy:KeyPolicy": ["policy"],
    "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
    "aws:sns/topicPolicy:TopicPolicy": ["policy"],
    "aws:sqs/queuePolicy:QueuePolicy": ["policy"],
};

export const CONFIGURED_PRINCIPALS_OUTPUT = "configuredPrincipalArns";

export interface IamTrustKnownPrincipalsConfig {
    /** Further principals known to exist (e.g. a platform team's roles, when the stack cannot list them). */
    knownPrincipalArns?: string[];
}

/** Every role ARN (or ARN pattern) a document trusts: Principal.AWS entries and aws:PrincipalArn condition values. */
export function trustedRoleArns(doc: NormalizedDocument): string[] {
    const found: string[] = [];
    for (const s of doc.Statement) {
        for (const p of [...(s.Principal?.AWS ?? []), ...(s.NotPrincipal?.AWS ?? [])]) if (ROLE_ARN.test(p)) found.push(p);
        for (const block of Object.values(s.Condition)) {
            for (const [key, values] of Object.entries(block)) {
                if (key.toLowerCase() !== "aws:principalarn") continue;
                // A pattern (`role/team-*`) matches names nobody has created yet: reported like a name.
                for (const v of values) if (ROLE_ARN.test(v)) found.push(v);
            }
        }
    }
    return [...new Set(found)];
}

/** An IAM path as the role's ARN holds it (`/` when unset). */
function pathOf(path: unknown): string {
    return typeof path === "string" && path !== "" ? path : "/";
}

/** Strings anywhere in a value (StackReference outputs are nested). */
function strings(value: unknown, out: Set<string>): void {
    if (typeof value === "string") out.add(value);
    else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
    else if (value && typeof value === "object") Object.values(value as Record<string, unknown>).forEach((v) => strings(v, out));
}

export const iamTrustKnownPrincipals: StackValidationPolicy = {
    name: "iam-trust-known-principals",
    description: "Policies trust only roles the stack creates, reads from a deployed stack, or receives as (verified) config; never a role name nothing created.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: {
        properties: {
            knownPrincipalArns: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Role ARNs known to exist besides those the stack creates or lists in its configuredPrincipalArns output.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const known = new Set<string>(args.getConfig<IamTrustKnownPrincipalsConfig>().knownPrincipalArns ?? []);
        /** `role<path><name>` of the stack's roles whose ARN a preview does not know yet. */
        const pendingRoles = new Set<string>();
        let stack: PolicyResource | undefined;
        for (const r of args.resources) {
            if (r.type === "aws:iam/role:Role") {
                const arn = peekOrPending(r.props, "arn");
                if (typeof arn === "string") known.add(arn);
                const name = peek(r.props, "name");
                if (arn === PENDING && typeof name === "string") pendingRoles.add(`role${pathOf(peek(r.props, "path"))}${name}`);
            } else if (r.type === "pulumi:pulumi:StackReference") {
                strings(peek(r.props, "outputs"), known);
            } else if (r.type === "pulumi:pulumi:Stack") {
                stack = r;
                for (const v of asList(peek(r.props, CONFIGURED_PRINCIPALS_OUTPUT))) if (typeof v === "string") known.add(v);
            }
        }
        for (const r of args.resources) {
            const fields = DOCUMENT_FIELDS[r.type];
            if (!fields) continue;
            for (const field of fields) {
                const parsed = parsePolicyDocument(peek(r.props, field));
                if (!parsed.ok) continue; // unknown at preview, missing, or malformed: other policies judge those
                for (const arn of trustedRoleArns(parsed.document)) {
                    if (known.has(arn) || SERVICE_LINKED.test(arn) || pendingRoles.has(arn.slice(arn.indexOf(":role/") + 1))) continue;
                    // The finding rests on the configured principals: unknown in a preview, it can't run.
                    if (stack) prop(stack.props, CONFIGURED_PRINCIPALS_OUTPUT);
                    reportViolation(
                        `'${r.name}' (${r.type}) ${field} trusts ${arn}, a role this stack neither creates nor receives as config: anyone allowed iam:CreateRole could create that name later. Reference the role's ARN output, or pass an existing role as config (listed in the stack output ${CONFIGURED_PRINCIPALS_OUTPUT}).`,
                        r.urn,
                    );
                }
            }
        }
    },
};

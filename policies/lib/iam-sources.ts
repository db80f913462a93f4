/**
 * Where IAM documents and managed-policy attachments live in @pulumi/aws 7.x resources, so the
 * IAM policies judge every way a user can grant permissions: inline on a role, role/user/group
 * policies, standalone managed policies, and the attachment resources.
 */
import { asList, known, prop } from "./resource-props";

export interface DocumentSource {
    /** Property path, for messages and UnknownValueError. */
    readonly path: string[];
    readonly value: unknown;
    /** `trust`: a role's assume-role policy; `identity`: what the principal may do. */
    readonly kind: "identity" | "trust";
}

const POLICY_FIELD_TYPES = new Set([
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
]);

export const IAM_DOCUMENT_TYPES = ["aws:iam/role:Role", ...POLICY_FIELD_TYPES] as const;

/** The policy documents a resource carries (none for types that carry none). */
export function iamDocumentsOf(type: string, props: Record<string, unknown>): DocumentSource[] {
    if (POLICY_FIELD_TYPES.has(type)) return [{ path: ["policy"], value: known(props.policy, ["policy"]), kind: "identity" }];
    if (type !== "aws:iam/role:Role") return [];
    const docs: DocumentSource[] = [];
    const trust = known(props.assumeRolePolicy, ["assumeRolePolicy"]);
    if (trust !== undefined) docs.push({ path: ["assumeRolePolicy"], value: trust, kind: "trust" });
    asList(props.inlinePolicies, ["inlinePolicies"]).forEach((p, i) => {
        const value = prop(p, "policy");
        if (value !== undefined && value !== "") docs.push({ path: ["inlinePolicies", `${i}`, "policy"], value, kind: "identity" });
    });
    return docs;
}

const SINGLE_ARN_TYPES = new Set([
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
]);

const ARN_LIST_TYPES = new Set([
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
]);

export const MANAGED_ATTACHMENT_TYPES = ["aws:iam/role:Role", ...SINGLE_ARN_TYPES, ...ARN_LIST_TYPES] as const;

/** Managed-policy ARNs a resource attaches, with the property each came from. */
export function managedPolicyArnsOf(type: string, props: Record<string, unknown>): { path: string; arn: unknown }[] {
    if (SINGLE_ARN_TYPES.has(type)) return [{ path: "policyArn", arn: known(props.policyArn, ["policyArn"]) }];
    const field = type === "aws:iam/role:Role" ? "managedPolicyArns" : ARN_LIST_TYPES.has(type) ? "policyArns" : undefined;
    if (!field) return [];
    return asList(props[field], [field]).map((arn, i) => ({ path: `${field}[${i}]`, arn: known(arn, [field, `${i}`]) }));
}

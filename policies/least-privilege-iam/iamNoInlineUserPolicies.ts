import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, known } from "../lib/resource-props";
import { resourceLabel, validateTypes } from "../lib/policy-kit";

export const USER_POLICY_TYPES = [
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/userPoliciesExclusive:UserPoliciesExclusive",
    "aws:iam/policyAttachment:PolicyAttachment",
] as const;

/**
 * No permissions are granted to IAM users directly (inline user policies or managed-policy
 * attachments to users): workloads use roles, people use federated roles or groups, so access
 * is temporary and reviewable in one place.
 *
 * Severity: medium. CKV_AWS_40.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
 */
export const iamNoInlineUserPolicies: ResourceValidationPolicy = {
    name: "iam-no-inline-user-policies",
    description: "IAM users get no policies (inline or attached); workloads use roles.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: validateTypes(USER_POLICY_TYPES, (args, report) => {
        if (args.type === "aws:iam/policyAttachment:PolicyAttachment") {
            const users = asList(known(args.props.users, ["users"]), ["users"]);
            if (users.length === 0) return;
            report(`${resourceLabel(args)} must not attach policies to IAM users: it attaches to ${users.join(", ")}; attach the policy to a role (workloads) or group instead.`);
            return;
        }
        report(`${resourceLabel(args)} must not grant permissions to an IAM user directly: give the workload a role (or put people in a group) and attach the policy there.`);
    }),
};

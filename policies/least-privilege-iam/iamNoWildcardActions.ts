import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAllow } from "../lib/iam-document";
import { hasWildcard, isServiceWideWildcard } from "../lib/iam-actions";
import { IAM_DOCUMENT_TYPES, iamDocumentsOf } from "../lib/iam-sources";
import { judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";

export interface IamNoWildcardActionsConfig {
    /** Partial wildcards a team may use, exactly as written (e.g. `ec2:Describe*`). */
    allowedPartialWildcards?: string[];
}

/**
 * IAM policies allow named actions: never `*` or `service:*`, never `NotAction` in an `Allow`,
 * and partial wildcards (`s3:Get*`) only where the allow-list in config names them. Deny
 * statements may use wildcards (they only narrow). Trust policies are judged by iam-trust-scoped.
 *
 * Severity: high. CKV_AWS_49, CKV_AWS_63, AwsSolutions-IAM5.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export const iamNoWildcardActions: ResourceValidationPolicy = {
    name: "iam-no-wildcard-actions",
    description: "IAM policies allow named actions only: no '*', 'service:*' or NotAction; partial wildcards only from a configured allow-list.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            allowedPartialWildcards: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Partial action wildcards a team may use (e.g. 'ec2:Describe*'); service-wide wildcards are never allowed.",
            },
        },
    },
    validateResource: validateTypes(IAM_DOCUMENT_TYPES, (args, report) => {
        const allowed = new Set((args.getConfig<IamNoWildcardActionsConfig>().allowedPartialWildcards ?? []).map((a) => a.toLowerCase()));
        const say = (p: string) => report(`${resourceLabel(args)} must allow only named actions: ${p}.`);
        for (const source of iamDocumentsOf(args.type, args.props)) {
            if (source.kind !== "identity") continue;
            const where = source.path.join(".");
            const doc = judgeableDocument(source.value, source.path, say);
            for (const [i, s] of (doc?.Statement ?? []).entries()) {
                if (!isAllow(s)) continue;
                if (s.NotAction) say(`${where} Statement[${i}] uses NotAction in an Allow, granting every other action; list the actions instead`);
                for (const action of s.Action ?? []) {
                    if (isServiceWideWildcard(action)) {
                        say(`${where} Statement[${i}] allows "${action}"; list the specific actions needed`);
                    } else if (hasWildcard(action) && !allowed.has(action.toLowerCase())) {
                        say(`${where} Statement[${i}] allows the partial wildcard "${action}"; list the actions, or add it to allowedPartialWildcards in this policy's config`);
                    }
                }
            }
        }
    }),
};

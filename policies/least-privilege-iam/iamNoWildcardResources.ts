import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAllow } from "../lib/iam-document";
import { actionsThatSupportResourceScope } from "../lib/iam-actions";
import { IAM_DOCUMENT_TYPES, iamDocumentsOf } from "../lib/iam-sources";
import { judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";

export interface IamNoWildcardResourcesConfig {
    /** Actions a team may grant on `*` even though AWS lets them be scoped. */
    allowedActionsOnAnyResource?: string[];
}

const SHOWN = 5;

function listSome(actions: string[]): string {
    const shown = actions.slice(0, SHOWN).join(", ");
    return actions.length > SHOWN ? `${shown} and ${actions.length - SHOWN} more` : shown;
}

/**
 * `Resource: "*"` (or `NotResource`) only for actions that support no resource-level
 * permissions, decided from AWS's own action data: `ec2:DescribeInstances` and
 * `sts:GetCallerIdentity` on `*` pass, `s3:GetObject` on `*` does not. Wildcard actions are
 * expanded first; actions AWS's data does not know are findings too (we cannot show they need `*`).
 *
 * Severity: high. CKV_AWS_355, CKV_AWS_356.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const iamNoWildcardResources: ResourceValidationPolicy = {
    name: "iam-no-wildcard-resources",
    description: "IAM policies use Resource \"*\" only for actions that support no resource-level permissions (per AWS's action data).",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            allowedActionsOnAnyResource: {
                type: "array",
                items: { type: "string" },
                // cloudwatch:PutMetricData lists one optional resource type (an OTLP "dataset") in
                // AWS's data, yet publishing ordinary metrics only works on "*"; scope it with the
                // cloudwatch:namespace condition instead.
                default: ["cloudwatch:PutMetricData"],
                description: "Actions (exactly as written in policies) that may be granted on Resource \"*\" although AWS supports scoping them.",
            },
        },
    },
    validateResource: validateTypes(IAM_DOCUMENT_TYPES, async (args, report) => {
        const allowed = new Set((args.getConfig<IamNoWildcardResourcesConfig>().allowedActionsOnAnyResource ?? []).map((a) => a.toLowerCase()));
        const say = (p: string) => report(`${resourceLabel(args)} must scope actions to named resources: ${p}.`);
        for (const source of iamDocumentsOf(args.type, args.props)) {
            if (source.kind !== "identity") continue;
            const where = source.path.join(".");
            const doc = judgeableDocument(source.value, source.path, say);
            for (const [i, s] of (doc?.Statement ?? []).entries()) {
                if (!isAllow(s)) continue;
                const onAny = s.NotResource !== undefined || (s.Resource ?? []).includes("*");
                if (!onAny) continue;
                const on = s.NotResource ? "every resource but those in NotResource" : 'Resource "*"';
                if (s.NotAction) {
                    say(`${where} Statement[${i}] allows every action but those in NotAction on ${on}; list actions and their resource ARNs`);
                    continue;
                }
                const report_ = await actionsThatSupportResourceScope((s.Action ?? []).filter((a) => !allowed.has(a.toLowerCase())));
                if (report_.everything) say(`${where} Statement[${i}] allows "*" on ${on}; list actions and their resource ARNs`);
                if (report_.scopable.length > 0) {
                    say(`${where} Statement[${i}] allows ${listSome(report_.scopable)} on ${on}, but AWS supports resource-level permissions for them; name the resource ARNs`);
                }
                if (report_.unknown.length > 0) {
                    say(`${where} Statement[${i}] allows ${report_.unknown.join(", ")} on ${on}, which AWS's action data does not know (misspelt or new), so it cannot be shown to need "*"; fix the action name or name the resource ARNs`);
                }
            }
        }
    }),
};

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAllow } from "../lib/iam-document";
import { IAM_DOCUMENT_TYPES, iamDocumentsOf, MANAGED_ATTACHMENT_TYPES, managedPolicyArnsOf } from "../lib/iam-sources";
import { judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";

/** AWS-managed policies that amount to administrator access for our purposes. */
export const ADMIN_EQUIVALENT_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess"] as const;

export interface IamNoAdminConfig {
    /** Further managed-policy ARNs the organization treats as admin-equivalent. */
    extraAdminPolicyArns?: string[];
}

function isAdminEquivalentArn(arn: string, extra: string[]): boolean {
    if (extra.includes(arn)) return true;
    const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:job-function\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(arn);
    return !!m && (ADMIN_EQUIVALENT_POLICIES as readonly string[]).includes(m[1]);
}

/**
 * No identity grants administrator access: no `Allow` of `*` (or `*:*`), no `Allow` with
 * `NotAction` on every resource (everything but a few actions), and no attachment of
 * AdministratorAccess, PowerUserAccess, IAMFullAccess, AmazonS3FullAccess or a configured ARN.
 *
 * Severity: critical. CKV_AWS_1, CKV_AWS_62, CKV_AWS_274, CKV2_AWS_40, CKV2_AWS_56.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const iamNoAdmin: ResourceValidationPolicy = {
    name: "iam-no-admin",
    description: "No IAM policy grants administrator access (*:*, NotAction on *, or admin-equivalent AWS-managed policies).",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: {
        properties: {
            extraAdminPolicyArns: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "Managed-policy ARNs to treat as admin-equivalent in addition to the AWS-managed defaults.",
            },
        },
    },
    validateResource: validateTypes([...new Set([...IAM_DOCUMENT_TYPES, ...MANAGED_ATTACHMENT_TYPES])], (args, report) => {
        const extra = args.getConfig<IamNoAdminConfig>().extraAdminPolicyArns ?? [];
        const say = (p: string) => report(`${resourceLabel(args)} must not grant administrator access: ${p}.`);
        for (const { path, arn } of managedPolicyArnsOf(args.type, args.props)) {
            if (typeof arn === "string" && isAdminEquivalentArn(arn, extra)) {
                say(`${path} attaches ${arn}; attach a policy that names only the actions and resources the workload needs`);
            }
        }
        for (const source of iamDocumentsOf(args.type, args.props)) {
            if (source.kind !== "identity") continue;
            const where = source.path.join(".");
            const doc = judgeableDocument(source.value, source.path, say);
            for (const [i, s] of (doc?.Statement ?? []).entries()) {
                if (!isAllow(s)) continue;
                if ((s.Action ?? []).some((a) => a === "*" || a === "*:*")) {
                    say(`${where} Statement[${i}] allows Action "*"; list the specific actions needed`);
                } else if (s.NotAction && (s.Resource ?? []).includes("*")) {
                    say(`${where} Statement[${i}] allows every action except ${s.NotAction.join(", ")} on "*"; replace NotAction with the specific actions needed`);
                }
            }
        }
    }),
};

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hasRestrictingCondition, isAllow, principalIsPublic } from "../lib/iam-document";
import { iamDocumentsOf } from "../lib/iam-sources";
import { judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";

export interface IamTrustScopedConfig {
    /** When set, AWS principals in trust policies must belong to one of these account ids. */
    trustedAccounts?: string[];
}

function accountOf(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/**
 * Role trust policies name who may assume the role: specific services, accounts or roles, never
 * `Principal: "*"` (unless a condition ties it to our organization or accounts), never an AWS
 * principal with a wildcard account, and federated principals only with conditions (audience,
 * subject). With `trustedAccounts` set, AWS principals must be in those accounts.
 *
 * Severity: critical. CKV_AWS_60, CKV_AWS_61.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export const iamTrustScoped: ResourceValidationPolicy = {
    name: "iam-trust-scoped",
    description: "Role trust policies name specific services, accounts or roles; no Principal \"*\" and no unconditioned federation.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: {
        properties: {
            trustedAccounts: {
                type: "array",
                items: { type: "string", pattern: "^\\d{12}$" },
                default: [],
                description: "If non-empty, AWS principals in trust policies must be in these accounts.",
            },
        },
    },
    validateResource: validateTypes(["aws:iam/role:Role"], (args, report) => {
        const trusted = args.getConfig<IamTrustScopedConfig>().trustedAccounts ?? [];
        const say = (p: string) => report(`${resourceLabel(args)} must trust only named principals: ${p}.`);
        for (const source of iamDocumentsOf(args.type, args.props)) {
            if (source.kind !== "trust") continue;
            const doc = judgeableDocument(source.value, source.path, say);
            for (const [i, s] of (doc?.Statement ?? []).entries()) {
                if (!isAllow(s)) continue;
                const at = `assumeRolePolicy Statement[${i}]`;
                if (principalIsPublic(s)) {
                    if (!hasRestrictingCondition(s)) say(`${at} trusts Principal "*" (or uses NotPrincipal); name the service or account principals`);
                    continue;
                }
                for (const p of s.Principal?.AWS ?? []) {
                    const account = accountOf(p);
                    if (p.includes("*") || account === undefined) say(`${at} trusts the AWS principal "${p}", which names no specific account; use arn:aws:iam::<account>:role/<name>`);
                    else if (trusted.length > 0 && !trusted.includes(account)) say(`${at} trusts account ${account}, which is not in trustedAccounts; trust only ${trusted.join(", ")}`);
                }
                if ((s.Principal?.Service ?? []).some((v) => v.includes("*"))) say(`${at} trusts a wildcard service principal; name the service (e.g. ec2.amazonaws.com)`);
                if ((s.Principal?.Federated ?? []).length > 0 && Object.keys(s.Condition).length === 0) {
                    say(`${at} trusts a federated principal with no condition; add conditions on the token's audience and subject`);
                }
            }
        }
    }),
};

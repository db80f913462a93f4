import type { ResourceValidationPolicy } from "@pulumi/policy";
import { conditionValues, isAllow, NormalizedStatement } from "../lib/iam-document";
import { IAM_DOCUMENT_TYPES, iamDocumentsOf } from "../lib/iam-sources";
import { judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";

function globMatches(pattern: string, value: string): boolean {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return re.test(value);
}

/** True when the statement's actions (or NotAction's complement) include iam:PassRole. */
export function grantsPassRole(s: NormalizedStatement): boolean {
    if (s.NotAction) return !s.NotAction.some((a) => globMatches(a, "iam:PassRole"));
    return (s.Action ?? []).some((a) => globMatches(a, "iam:PassRole"));
}

/** A role ARN with a concrete account and role name (no wildcard anywhere). */
function isNamedRoleArn(arn: string): boolean {
    return /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn);
}

function passedToService(s: NormalizedStatement): string[] {
    return ["StringEquals", "StringLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"].flatMap(
        (op) => conditionValues(s, op, "iam:PassedToService") ?? [],
    );
}

/**
 * `iam:PassRole` (granted by name, by a wildcard such as `iam:*`, or by `NotAction`) is allowed
 * only on named role ARNs and only with an `iam:PassedToService` condition naming the services,
 * so a workload cannot hand a more powerful role to a service of its choice.
 *
 * Severity: high. Trivy AWS-0342, CKV_AWS_286.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export const iamPassroleScoped: ResourceValidationPolicy = {
    name: "iam-passrole-scoped",
    description: "iam:PassRole only on named role ARNs and with an iam:PassedToService condition.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateTypes(IAM_DOCUMENT_TYPES, (args, report) => {
        const say = (p: string) => report(`${resourceLabel(args)} must scope iam:PassRole: ${p}.`);
        for (const source of iamDocumentsOf(args.type, args.props)) {
            if (source.kind !== "identity") continue;
            const where = source.path.join(".");
            const doc = judgeableDocument(source.value, source.path, say);
            for (const [i, s] of (doc?.Statement ?? []).entries()) {
                if (!isAllow(s) || !grantsPassRole(s)) continue;
                const unnamed = s.NotResource ? ["NotResource"] : (s.Resource ?? []).filter((r) => !isNamedRoleArn(r));
                if (unnamed.length > 0 || (s.Resource ?? []).length === 0) {
                    say(`${where} Statement[${i}] allows it on ${unnamed.join(", ") || "no Resource"}; list the exact role ARNs (arn:aws:iam::<account>:role/<name>)`);
                }
                const services = passedToService(s);
                if (services.length === 0 || services.some((v) => /^[*?]+$/.test(v))) {
                    say(`${where} Statement[${i}] has no iam:PassedToService condition naming the services; add "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}`);
                }
            }
        }
    }),
};

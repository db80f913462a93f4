/**
 * sqs-no-public-access: no queue policy allows `Principal: "*"` (or `{"AWS": "*"}`, or a
 * NotPrincipal) without a condition that restricts it to our VPC endpoints, accounts, organization
 * or a source ARN (`aws:SourceVpce`, `aws:SourceAccount`, `aws:SourceArn`, ...). Such a statement
 * lets anyone on the internet send to, read or purge the queue. Deny statements with Principal "*"
 * are how policies refuse things and are fine. Judged on `sqs.QueuePolicy` and on the inline
 * `policy` of `sqs.Queue`.
 *
 * Severity: critical. Enforcement: mandatory. Anchors: CKV_AWS_168, AWS Security Hub SQS.3.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hasRestrictingCondition, isAllow, principalIsPublic } from "../lib/iam-document";
import { judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";

export const sqsNoPublicAccess: ResourceValidationPolicy = {
    name: "sqs-no-public-access",
    description: "SQS queue policies allow Principal \"*\" only with a restricting condition (VPC endpoint, account, organization, source ARN).",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateTypes(["aws:sqs/queuePolicy:QueuePolicy", "aws:sqs/queue:Queue"], (args, report) => {
        const doc = judgeableDocument(args.props.policy, ["policy"], (m) => report(`${resourceLabel(args)}: ${m}. Give it a valid JSON policy document.`));
        if (!doc) return;
        doc.Statement.forEach((s, i) => {
            if (isAllow(s) && principalIsPublic(s) && !hasRestrictingCondition(s)) {
                report(
                    `${resourceLabel(args)} queue policy Statement[${i}]${s.Sid ? ` (${s.Sid})` : ""} allows Principal "*" with no restricting condition, so anyone can use the queue. Name the principals, or add a condition such as aws:SourceVpce, aws:SourceArn with aws:SourceAccount, or aws:PrincipalOrgID.`,
                );
            }
        });
    }),
};

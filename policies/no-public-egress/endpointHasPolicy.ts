/**
 * endpoint-has-policy: every VPC endpoint carries a policy that scopes it. Without `policy`, AWS
 * attaches the default full-access policy (any principal, any action, any resource), so a stolen
 * credential from any account could move data out through our endpoint. A policy that still
 * grants `*` actions (or NotAction) on `*` resources to `*` principals without a restricting
 * condition (source VPC/VPCE, principal or resource account/organization) is the default in
 * disguise and fails too. Gateway Load Balancer endpoints cannot have a policy, nor can the AWS
 * services recorded in policies/lib/endpoint-policy-support.ts: not applicable.
 *
 * Severity: high. Enforcement: mandatory. Anchor: none (ours).
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hasRestrictingCondition, isAllow, parsePolicyDocument, principalIsPublic } from "../lib/iam-document";
import { awsEndpointService, SERVICES_WITHOUT_ENDPOINT_POLICY } from "../lib/endpoint-policy-support";
import { known, UNKNOWN } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
/** Condition keys that scope an endpoint policy to our accounts/organization's resources. */
const ENDPOINT_RESTRICTING_KEYS = ["aws:resourceaccount", "s3:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths"];

export const endpointHasPolicy: ResourceValidationPolicy = {
    name: "endpoint-has-policy",
    description: "VPC endpoints carry a policy that scopes principals, actions or resources (not the default full-access policy).",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([VPC_ENDPOINT], (args, reportViolation) => {
        if (args.type !== VPC_ENDPOINT) return;
        const type = known(args.props.vpcEndpointType, ["vpcEndpointType"]) ?? "Gateway";
        if (type === "GatewayLoadBalancer") args.notApplicable("Gateway Load Balancer endpoints do not support endpoint policies");
        const serviceName = known(args.props.serviceName, ["serviceName"]);
        const service = typeof serviceName === "string" ? awsEndpointService(serviceName) : undefined;
        if (service !== undefined && SERVICES_WITHOUT_ENDPOINT_POLICY.has(service)) {
            args.notApplicable(`${service} endpoints do not support endpoint policies (AWS allows full access through them)`);
        }
        const raw = known(args.props.policy, ["policy"]);
        const parsed = parsePolicyDocument(raw);
        if (!parsed.ok) {
            if (parsed.kind === "missing") {
                reportViolation(`VPC endpoint '${args.name}' has no policy, so AWS applies the full-access default. Set 'policy' to allow only the actions and resources (our buckets, our accounts) the grid needs.`);
            } else if (parsed.kind === "unknown") {
                known(UNKNOWN, ["policy"]);
            } else {
                reportViolation(`VPC endpoint '${args.name}' policy cannot be judged: ${parsed.reason}. Give it a valid JSON policy document.`);
            }
            return;
        }
        parsed.document.Statement.forEach((s, i) => {
            if (!isAllow(s) || !principalIsPublic(s)) return;
            const allActions = s.NotAction !== undefined || (s.Action ?? []).includes("*");
            const allResources = s.NotResource !== undefined || (s.Resource ?? []).includes("*");
            if (allActions && allResources && !hasRestrictingCondition(s, ENDPOINT_RESTRICTING_KEYS)) {
                reportViolation(
                    `VPC endpoint '${args.name}' policy Statement[${i}]${s.Sid ? ` (${s.Sid})` : ""} allows all actions on all resources to any principal, like the default full-access policy. Name the actions and resources, or add a condition such as aws:PrincipalOrgID or aws:ResourceAccount.`,
                );
            }
        });
    }),
};

/**
 * The interface endpoints this project knows how to build: service key -> the IAM prefix its
 * endpoint policy is scoped to and why a private Spot grid needs it. Pure data + validation.
 *
 * S3 is not listed: it always gets a gateway endpoint (instances) and an interface endpoint
 * (on-prem uploads), built by ServiceEndpoints itself.
 * Service names: https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html
 */

export interface InterfaceEndpointService {
    /** The key in config and in resource names, e.g. `ssmmessages`, `ecr.api`. */
    readonly service: string;
    /** IAM action prefix the endpoint serves, e.g. `cloudwatch` for `monitoring`. */
    readonly iamPrefix: string;
    /** Why the grid needs it (shown in docs and error messages). */
    readonly purpose: string;
    /**
     * Whether the service accepts a VPC endpoint policy (`VpcEndpointPolicySupported` of
     * DescribeVpcEndpointServices). Where it does not, AWS allows full access through the endpoint
     * whatever we send, so we set no `policy` and the endpoint-has-policy check is not applicable;
     * must agree with policies/lib/endpoint-policy-support.ts (a test compares them).
     * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html ("Not all AWS
     * services support endpoint policies")
     */
    readonly policySupported: boolean;
    /** Where {@link policySupported} comes from: the AWS page that documents the endpoint policy, or why we record none. */
    readonly policySource: string;
}

/**
 * When the support column was last checked against AWS's documentation. Refresh with
 * `aws ec2 describe-vpc-endpoint-services --region <region> --service-names com.amazonaws.<region>.<service>
 * --query 'ServiceDetails[].[ServiceName,VpcEndpointPolicySupported]'` in each stack's region.
 */
export const ENDPOINT_POLICY_SUPPORT_CHECKED = "2026-11-29";

/**
 * Systems Manager documents an endpoint policy for `com.amazonaws.<region>.ssm` only; for the two
 * agent message channels no AWS page describes one, and AWS's own data-perimeter examples give
 * policies for ssm, sts and ec2 but none for them. Recorded as unsupported: a policy sent to a
 * service that ignores it only gives a false sense of scope. Checked {@link ENDPOINT_POLICY_SUPPORT_CHECKED}.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html
 * https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/vpc_endpoint_policies
 */
const SSM_MESSAGE_CHANNELS = "undocumented: Systems Manager documents an endpoint policy for the ssm endpoint only (systems-manager-setting-up-messageAPIs.html)";

// Non-default services (ecr.*, secretsmanager, sqs, sns, events, elasticloadbalancing): support is
// recorded from each service's PrivateLink page and was not re-checked with the command above in
// this change; check it before adding one of them to a stack.
const entries: InterfaceEndpointService[] = [
    { service: "ec2", iamPrefix: "ec2", purpose: "Spot fleet and instance APIs (launch, describe, tags)", policySupported: true, policySource: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/interface-vpc-endpoints.html#endpoint-policy" },
    { service: "ssm", iamPrefix: "ssm", purpose: "Systems Manager: operator access without SSH or bastions", policySupported: true, policySource: "https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/vpc_endpoint_policies/ssm_endpoint_policy.json; AWS CLI reference describe-vpc-endpoint-services example (com.amazonaws.us-east-1.ssm: VpcEndpointPolicySupported true)" },
    { service: "ssmmessages", iamPrefix: "ssmmessages", purpose: "Session Manager data channel", policySupported: false, policySource: SSM_MESSAGE_CHANNELS },
    { service: "ec2messages", iamPrefix: "ec2messages", purpose: "SSM Agent command channel", policySupported: false, policySource: SSM_MESSAGE_CHANNELS },
    { service: "sts", iamPrefix: "sts", purpose: "role credentials (AssumeRole) for workers and tools", policySupported: true, policySource: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html" },
    { service: "logs", iamPrefix: "logs", purpose: "CloudWatch Logs from workers", policySupported: true, policySource: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch-logs-and-interface-VPC.html" },
    { service: "monitoring", iamPrefix: "cloudwatch", purpose: "CloudWatch metrics from workers", policySupported: true, policySource: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-interface-VPC.html" },
    { service: "kms", iamPrefix: "kms", purpose: "SSE-KMS data keys for S3 objects and EBS", policySupported: true, policySource: "https://docs.aws.amazon.com/kms/latest/developerguide/vpce-connect.html (\"A VPC endpoint policy must give the principal permission\")" },
    { service: "autoscaling", iamPrefix: "autoscaling", purpose: "Auto Scaling lifecycle hooks and Spot rebalancing", policySupported: true, policySource: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-vpc-endpoints.html#create-vpce-policy-asg" },
    { service: "ecr.api", iamPrefix: "ecr", purpose: "container image registry API", policySupported: true, policySource: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-vpc-endpoint-policy" },
    { service: "ecr.dkr", iamPrefix: "ecr", purpose: "container image pulls (layers come from S3 via the gateway)", policySupported: true, policySource: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-vpc-endpoint-policy" },
    { service: "secretsmanager", iamPrefix: "secretsmanager", purpose: "application secrets", policySupported: true, policySource: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html" },
    // Private DNS: in the VPC, and for on-prem through the inbound resolver (on-prem forwards
    // sqs.<region>.amazonaws.com to it), like the S3 interface endpoint's names.
    { service: "sqs", iamPrefix: "sqs", purpose: "the work flow's queues (workers in the VPC; on-prem job submission and results over the VPN)", policySupported: true, policySource: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-internetwork-traffic-privacy.html" },
    { service: "sns", iamPrefix: "sns", purpose: "notifications", policySupported: true, policySource: "https://docs.aws.amazon.com/sns/latest/dg/sns-vpc-endpoint.html" },
    { service: "events", iamPrefix: "events", purpose: "EventBridge (Spot interruption rules)", policySupported: true, policySource: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eventbridge-and-interface-VPC.html" },
    { service: "elasticloadbalancing", iamPrefix: "elasticloadbalancing", purpose: "load balancer registration", policySupported: true, policySource: "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/load-balancer-vpc-endpoints.html" },
];

/** Every service key we can build an interface endpoint for. */
export const INTERFACE_ENDPOINT_CATALOGUE: ReadonlyMap<string, InterfaceEndpointService> = new Map(entries.map((e) => [e.service, e]));

/**
 * What private Spot workers and their operators need when the config names nothing (issue 3):
 * launch/scale (ec2, autoscaling), credentials (sts), operate without SSH (ssm, ssmmessages,
 * ec2messages), observe (logs, monitoring), decrypt (kms); and the work flow's queues (sqs, issue
 * 11), which on-prem also reaches over the VPN.
 */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly string[] = ["ec2", "ssm", "ssmmessages", "ec2messages", "sts", "logs", "monitoring", "kms", "autoscaling", "sqs"];

/** Interface endpoints the work flow cannot do without (config refuses a list without them). */
export const REQUIRED_INTERFACE_ENDPOINTS: readonly string[] = ["sqs"];

/** `com.amazonaws.<region>.<service>`: the AWS service name for an endpoint in a commercial region. */
export function endpointServiceName(region: string, service: string): string {
    return `com.amazonaws.${region}.${service}`;
}

/** A problem with one entry of a list input: its index and what is wrong. */
export interface ListProblem {
    readonly index: number;
    readonly reason: string;
}

/** The first bad entry of a list of interface endpoint services, or undefined. */
export function findInterfaceEndpointProblem(services: readonly string[]): ListProblem | undefined {
    const seen = new Set<string>();
    for (const [index, s] of services.entries()) {
        if (s === "s3") {
            return { index, reason: `"s3" is always built (gateway for the VPC, interface for on-prem uploads); remove it from the list` };
        }
        if (!INTERFACE_ENDPOINT_CATALOGUE.has(s)) {
            return { index, reason: `${JSON.stringify(s)} is not a known service; use one of ${[...INTERFACE_ENDPOINT_CATALOGUE.keys()].join(", ")}` };
        }
        if (seen.has(s)) return { index, reason: `${JSON.stringify(s)} is listed twice; list each service once` };
        seen.add(s);
    }
    return undefined;
}

/** Checks a list of interface endpoint services; returns one message naming the input and entry, or undefined. */
export function validateInterfaceEndpoints(services: readonly string[]): string | undefined {
    const p = findInterfaceEndpointProblem(services);
    return p && `interfaceEndpoints[${p.index}] ${p.reason}`;
}

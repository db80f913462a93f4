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
}

const entries: InterfaceEndpointService[] = [
    { service: "ec2", iamPrefix: "ec2", purpose: "Spot fleet and instance APIs (launch, describe, tags)" },
    { service: "ssm", iamPrefix: "ssm", purpose: "Systems Manager: operator access without SSH or bastions" },
    { service: "ssmmessages", iamPrefix: "ssmmessages", purpose: "Session Manager data channel" },
    { service: "ec2messages", iamPrefix: "ec2messages", purpose: "SSM Agent command channel" },
    { service: "sts", iamPrefix: "sts", purpose: "role credentials (AssumeRole) for workers and tools" },
    { service: "logs", iamPrefix: "logs", purpose: "CloudWatch Logs from workers" },
    { service: "monitoring", iamPrefix: "cloudwatch", purpose: "CloudWatch metrics from workers" },
    { service: "kms", iamPrefix: "kms", purpose: "SSE-KMS data keys for S3 objects and EBS" },
    { service: "autoscaling", iamPrefix: "autoscaling", purpose: "Auto Scaling lifecycle hooks and Spot rebalancing" },
    { service: "ecr.api", iamPrefix: "ecr", purpose: "container image registry API" },
    { service: "ecr.dkr", iamPrefix: "ecr", purpose: "container image pulls (layers come from S3 via the gateway)" },
    { service: "secretsmanager", iamPrefix: "secretsmanager", purpose: "application secrets" },
    { service: "sqs", iamPrefix: "sqs", purpose: "job queues" },
    { service: "sns", iamPrefix: "sns", purpose: "notifications" },
    { service: "events", iamPrefix: "events", purpose: "EventBridge (Spot interruption rules)" },
    { service: "elasticloadbalancing", iamPrefix: "elasticloadbalancing", purpose: "load balancer registration" },
];

/** Every service key we can build an interface endpoint for. */
export const INTERFACE_ENDPOINT_CATALOGUE: ReadonlyMap<string, InterfaceEndpointService> = new Map(entries.map((e) => [e.service, e]));

/**
 * What private Spot workers and their operators need when the config names nothing (issue 3):
 * launch/scale (ec2, autoscaling), credentials (sts), operate without SSH (ssm, ssmmessages,
 * ec2messages), observe (logs, monitoring), decrypt (kms).
 */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly string[] = ["ec2", "ssm", "ssmmessages", "ec2messages", "sts", "logs", "monitoring", "kms", "autoscaling"];

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

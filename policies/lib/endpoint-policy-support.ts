/**
 * AWS services whose VPC endpoints take no endpoint policy: AWS allows full access through them
 * whatever is sent, so "has no policy" is not a finding there. The same record as the component
 * catalogue's `policySupported: false` entries (components/network/endpoint-catalogue.ts, with the
 * citations and the date checked); tests/policies/no-public-egress/endpointHasPolicy.test.ts
 * proves the two agree. Policies do not import components, hence the copy.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
export const SERVICES_WITHOUT_ENDPOINT_POLICY: ReadonlySet<string> = new Set(["ssmmessages", "ec2messages"]);

/** `com.amazonaws.<region>.<service>` -> `<service>` (`ecr.api` keeps its dot); undefined for other names. */
export function awsEndpointService(serviceName: string): string | undefined {
    const m = /^com\.amazonaws\.[a-z]{2}(?:-[a-z]+)+-\d+\.(.+)$/.exec(serviceName);
    return m?.[1];
}

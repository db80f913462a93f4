/** Compliant resources per type for the no-public-egress tests; each test changes one thing. */
import type { ResourceDescription } from "../../../policies/lib/policy-args";

export const T = {
    igw: "aws:ec2/internetGateway:InternetGateway",
    eigw: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    igwAttachment: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
    nat: "aws:ec2/natGateway:NatGateway",
    eip: "aws:ec2/eip:Eip",
    vgw: "aws:ec2/vpnGateway:VpnGateway",
    tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
    route: "aws:ec2/route:Route",
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    subnet: "aws:ec2/subnet:Subnet",
    instance: "aws:ec2/instance:Instance",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    spotFleet: "aws:ec2/spotFleetRequest:SpotFleetRequest",
    bucket: "aws:s3/bucket:Bucket",
    bucketV2: "aws:s3/bucketV2:BucketV2",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    accountPab: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
    acl: "aws:s3/bucketAcl:BucketAcl",
    aclV2: "aws:s3/bucketAclV2:BucketAclV2",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    vpc: "aws:ec2/vpc:Vpc",
} as const;

export function urn(type: string, name: string): string {
    return `urn:pulumi:mumbai::spot-grid::${type}::${name}`;
}

/** A resource description with a URN, so stack tests can link and assert on it. */
export function res(type: string, name: string, props: Record<string, unknown>, extra: Partial<ResourceDescription> = {}): ResourceDescription {
    return { type, name, urn: urn(type, name), props, ...extra };
}

/** Deep copy with one path changed (`undefined` deletes). */
export function withProp<R extends ResourceDescription>(r: R, path: (string | number)[], value: unknown): R {
    const copy = JSON.parse(JSON.stringify(r)) as R;
    let cur: any = copy.props;
    for (const k of path.slice(0, -1)) cur = cur[k];
    const last = path[path.length - 1];
    if (value === undefined) delete cur[last];
    else cur[last] = value;
    return copy;
}

export const ONPREM = "172.16.0.0/12";
export const S3_PREFIX_LIST = "pl-78a54011";

export const bucketName = "spot-grid-mumbai-data-1a2b3c";

export const endpointPolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${bucketName}/*` },
    ],
});

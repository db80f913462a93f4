/** Compliant resources per type for the no-public-egress tests; each test changes one thing. */
import { res, urn, withProp } from "../../helpers/policy";

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

export { res, urn, withProp };

export const ONPREM = "172.16.0.0/12";
export const S3_PREFIX_LIST = "pl-78a54011";

export const bucketName = "spot-grid-mumbai-data-1a2b3c";

export const endpointPolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${bucketName}/*` },
    ],
});

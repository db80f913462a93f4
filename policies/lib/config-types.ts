/**
 * The AWS Config resource types of what the packs judge: a configuration recorder that leaves one
 * of them out lets a console change to such a resource go unrecorded and unjudged by AWS Config.
 * Keyed by the Config type; each lists the @pulumi/aws types the packs judge that it records.
 * Supported types: https://docs.aws.amazon.com/config/latest/developerguide/resource-config-reference.html
 */

/** Regional types: every recorder records them. */
export const JUDGED_REGIONAL_CONFIG_TYPES: Readonly<Record<string, readonly string[]>> = {
    "AWS::S3::Bucket": ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    "AWS::S3::AccountPublicAccessBlock": ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"],
    "AWS::EC2::VPC": ["aws:ec2/vpc:Vpc"],
    "AWS::EC2::Subnet": ["aws:ec2/subnet:Subnet"],
    "AWS::EC2::SecurityGroup": ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
    "AWS::EC2::RouteTable": ["aws:ec2/routeTable:RouteTable", "aws:ec2/route:Route"],
    "AWS::EC2::InternetGateway": ["aws:ec2/internetGateway:InternetGateway"],
    "AWS::EC2::EgressOnlyInternetGateway": ["aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway"],
    "AWS::EC2::NatGateway": ["aws:ec2/natGateway:NatGateway"],
    "AWS::EC2::EIP": ["aws:ec2/eip:Eip"],
    "AWS::EC2::VPCEndpoint": ["aws:ec2/vpcEndpoint:VpcEndpoint"],
    "AWS::EC2::FlowLog": ["aws:ec2/flowLog:FlowLog"],
    "AWS::EC2::Instance": ["aws:ec2/instance:Instance"],
    "AWS::EC2::Volume": ["aws:ebs/volume:Volume"],
    "AWS::EC2::LaunchTemplate": ["aws:ec2/launchTemplate:LaunchTemplate"],
    "AWS::EC2::SpotFleet": ["aws:ec2/spotFleetRequest:SpotFleetRequest"],
    "AWS::AutoScaling::AutoScalingGroup": ["aws:autoscaling/group:Group"],
    "AWS::KMS::Key": ["aws:kms/key:Key"],
    "AWS::SNS::Topic": ["aws:sns/topic:Topic"],
    "AWS::CloudTrail::Trail": ["aws:cloudtrail/trail:Trail"],
};

/** Global (IAM) types: recorded once per account, by the recorder of the stack that holds the account's trail. */
export const JUDGED_GLOBAL_CONFIG_TYPES: Readonly<Record<string, readonly string[]>> = {
    "AWS::IAM::Role": ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
    "AWS::IAM::Policy": ["aws:iam/policy:Policy"],
    "AWS::IAM::User": ["aws:iam/user:User", "aws:iam/userPolicy:UserPolicy", "aws:iam/userPolicyAttachment:UserPolicyAttachment"],
};

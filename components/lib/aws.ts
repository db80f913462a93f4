/**
 * The parts of `@pulumi/aws` the program uses, imported per service. The package's root index
 * loads all ~260 service modules at startup and makes tsc and eslint parse ~2.7k declaration
 * files; importing `@pulumi/aws/<service>` loads and parses only what is listed here.
 *
 * Use as `import * as aws from "../lib/aws"` (same names as the root: `aws.s3.Bucket`,
 * `aws.getCallerIdentityOutput`). A service that is missing here is a type error: add its line.
 * Never import the root `@pulumi/aws` in program code, tools or tests.
 */
export * as appautoscaling from "@pulumi/aws/appautoscaling";
export * as autoscaling from "@pulumi/aws/autoscaling";
export * as cfg from "@pulumi/aws/cfg";
export * as cloudtrail from "@pulumi/aws/cloudtrail";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as route53 from "@pulumi/aws/route53";
export * as s3 from "@pulumi/aws/s3";
export * as sns from "@pulumi/aws/sns";
export * as sqs from "@pulumi/aws/sqs";
export * as vpc from "@pulumi/aws/vpc";

export { Provider, ProviderArgs } from "@pulumi/aws/provider";
export { getAvailabilityZones, getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
export { getCallerIdentity, getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { getPartition, getPartitionOutput } from "@pulumi/aws/getPartition";
export { getRegion, getRegionOutput } from "@pulumi/aws/getRegion";
export { Region } from "@pulumi/aws/types/enums";
export type * as types from "@pulumi/aws/types";

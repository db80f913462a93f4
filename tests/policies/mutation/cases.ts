/**
 * The mutations: one careless change each, to a copy of a real plan export, with the policy that
 * must catch it, the resource it must be reported against and the enforcement level. `edit`
 * mutations change a resource the plan has; `add` mutations add what a careless engineer would
 * hand-write into the program (an internet gateway, an IAM user policy, a Spot Fleet request).
 */
import type { ExportedResource } from "../../../policies/lib/stack-export";
import { AUDIT_MUTATIONS } from "./audit-cases";
import { at, editDocument, MissingTarget, StackDoc } from "./stack-doc";
import { FLOW_MUTATIONS } from "./flow-cases";

export type Concern = "encryption" | "iam" | "egress" | "data-protection";

export interface Applied {
    /** The resource the violation must be reported against. */
    readonly urn: string;
    /** `edit`: an existing plan resource was changed or removed; `add`: a resource was added. */
    readonly how: "edit" | "add";
}

export interface Mutation {
    readonly id: string;
    readonly concern: Concern;
    /** What the careless engineer did. */
    readonly change: string;
    readonly policy: string;
    readonly level: "mandatory" | "advisory";
    /** Stack to mutate. @default "mumbai" (the primary: the only stack that replicates out) */
    readonly stack?: string;
    readonly apply: (d: StackDoc) => Applied;
}

type Props = Record<string, unknown>;
const edited = (r: ExportedResource): Applied => ({ urn: r.urn, how: "edit" });
const added = (r: ExportedResource): Applied => ({ urn: r.urn, how: "add" });

// ---- locating targets by role ------------------------------------------------------------------

export const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const VPC = "aws:ec2/vpc:Vpc";
const ASG = "aws:autoscaling/group:Group";

export const dataBucket = (d: StackDoc) => d.bucket("data");
export const dataSse = (d: StackDoc) => d.linkedTo(SSE, "bucket", dataBucket(d), "default encryption of the data bucket");

/** The KMS key that encrypts the data bucket (its SSE configuration's kmsMasterKeyId). */
function dataKey(d: StackDoc): ExportedResource {
    const keyArn = at<string>(dataSse(d).inputs, ["rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"], "data key");
    return d.find("aws:kms/key:Key", `KMS key ${keyArn} of the data bucket`, (k) => k.outputs?.arn === keyArn || (dataSse(d).propertyDependencies?.rules ?? []).includes(k.urn));
}

export const launchTemplate = (d: StackDoc) => d.find(LAUNCH_TEMPLATE, "worker launch template");
const workerGroup = (d: StackDoc) => d.find(ASG, "worker Auto Scaling group", (g) => !!g.inputs?.mixedInstancesPolicy);

/** The workers' security group: the one the launch template's network interface uses. */
function workersSg(d: StackDoc): ExportedResource {
    const ids = at<string[]>(launchTemplate(d).inputs, ["networkInterfaces", 0, "securityGroups"], "worker security group");
    return d.find(SECURITY_GROUP, `worker security group ${ids.join(", ")}`, (sg) => ids.includes(sg.outputs?.id as string));
}

/** The workers' role: trusted by EC2, and carrying the data-access policy. */
function workerRole(d: StackDoc): ExportedResource {
    return d.find(ROLE, "worker role (trusted by ec2.amazonaws.com)", (r) => String(r.inputs?.assumeRolePolicy ?? "").includes("ec2.amazonaws.com"));
}

/** The CloudWatch log group the VPC flow log writes to. */
export function flowLogGroup(d: StackDoc): ExportedResource {
    const flow = d.find("aws:ec2/flowLog:FlowLog", "VPC flow log");
    const groupUrns = flow.propertyDependencies?.logDestination ?? [];
    return d.find("aws:cloudwatch/logGroup:LogGroup", "flow-log log group", (g) => groupUrns.includes(g.urn) || String(flow.inputs?.logDestination ?? "").endsWith(`:log-group:${g.inputs?.name}`));
}

/** An inline policy of the worker role. */
export function workerPolicy(d: StackDoc): ExportedResource {
    const role = workerRole(d);
    return d.find(ROLE_POLICY, `inline policy of the worker role ${role.inputs?.name}`, (p) => p.inputs?.role === role.inputs?.name || (p.propertyDependencies?.role ?? []).includes(role.urn));
}

const addStatement = (statement: Props) => (props: Props) => editDocument(props, "policy", (doc) => doc.Statement.push(statement));

// ---- the mutations -----------------------------------------------------------------------------

const encryption: Mutation[] = [
    {
        id: "sse-aes256",
        concern: "encryption",
        change: "switches the data bucket's default encryption to AES256 (SSE-S3) and drops the KMS key",
        // SSE-S3 is judged by the stack policy: it is allowed on server access log targets only.
        policy: "s3-bucket-kms-encryption-present",
        level: "mandatory",
        apply: (d) => {
            d.edit(dataSse(d), (p) => {
                const byDefault = at<Props>(p, ["rules", 0, "applyServerSideEncryptionByDefault"], "sse");
                byDefault.sseAlgorithm = "AES256";
                delete byDefault.kmsMasterKeyId;
            });
            return edited(dataBucket(d));
        },
    },
    {
        id: "sse-aws-managed-key",
        concern: "encryption",
        change: "keeps aws:kms on the data bucket but drops kmsMasterKeyId (AWS-managed aws/s3 key)",
        policy: "s3-bucket-kms-encryption",
        level: "mandatory",
        apply: (d) => edited(d.edit(dataSse(d), (p) => delete at<Props>(p, ["rules", 0, "applyServerSideEncryptionByDefault"], "sse").kmsMasterKeyId)),
    },
    {
        id: "sse-bucket-key-off",
        concern: "encryption",
        change: "turns the S3 Bucket Key off on the data bucket",
        policy: "s3-bucket-kms-encryption",
        level: "mandatory",
        apply: (d) => edited(d.edit(dataSse(d), (p) => (at<Props>(p, ["rules", 0], "sse").bucketKeyEnabled = false))),
    },
    {
        id: "sse-config-removed",
        concern: "encryption",
        change: "deletes the data bucket's BucketServerSideEncryptionConfiguration",
        policy: "s3-bucket-kms-encryption-present",
        level: "mandatory",
        apply: (d) => {
            d.remove(dataSse(d));
            return edited(dataBucket(d));
        },
    },
    {
        id: "key-rotation-off",
        concern: "encryption",
        change: "sets enableKeyRotation false on the data key",
        policy: "kms-key-rotation",
        level: "mandatory",
        apply: (d) => edited(d.edit(dataKey(d), (p) => (p.enableKeyRotation = false))),
    },
    {
        id: "key-policy-principal-star",
        concern: "encryption",
        change: "adds an Allow kms:* to Principal \"*\" without a condition to the data key's policy",
        policy: "kms-key-rotation",
        level: "mandatory",
        apply: (d) => edited(d.edit(dataKey(d), addStatement({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }))),
    },
    {
        id: "launch-template-ebs-unencrypted",
        concern: "encryption",
        change: "sets encrypted \"false\" on the launch template's root volume",
        policy: "ebs-encrypted",
        level: "mandatory",
        apply: (d) => edited(d.edit(launchTemplate(d), (p) => (at<Props>(p, ["blockDeviceMappings", 0, "ebs"], "root volume").encrypted = "false"))),
    },
    {
        id: "launch-template-ebs-aws-managed-key",
        concern: "encryption",
        change: "points the launch template's root volume at the AWS-managed alias/aws/ebs key",
        policy: "ebs-encrypted",
        level: "mandatory",
        apply: (d) => edited(d.edit(launchTemplate(d), (p) => (at<Props>(p, ["blockDeviceMappings", 0, "ebs"], "root volume").kmsKeyId = "alias/aws/ebs"))),
    },
    {
        id: "log-group-without-kms",
        concern: "encryption",
        change: "creates the VPC flow-log group without kmsKeyId",
        policy: "logs-encrypted",
        level: "mandatory",
        apply: (d) => edited(d.edit(flowLogGroup(d), (p) => delete p.kmsKeyId)),
    },
    {
        id: "sns-topic-without-kms",
        concern: "encryption",
        change: "drops kmsMasterKeyId from the interruption-alert SNS topic",
        policy: "logs-encrypted",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.find("aws:sns/topic:Topic", "alert SNS topic"), (p) => delete p.kmsMasterKeyId)),
    },
    {
        id: "replication-without-sse-kms-objects",
        concern: "encryption",
        change: "drops sourceSelectionCriteria.sseKmsEncryptedObjects from the first replication rule",
        policy: "replication-encrypted",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.linkedTo(REPLICATION, "bucket", dataBucket(d)), (p) => delete at<Props>(p, ["rules", 0], "replication rule").sourceSelectionCriteria)),
    },
    {
        id: "replication-without-replica-key",
        concern: "encryption",
        change: "drops the destination encryptionConfiguration (replicaKmsKeyId) from a replication rule",
        policy: "replication-encrypted",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.linkedTo(REPLICATION, "bucket", dataBucket(d)), (p) => delete at<Props>(p, ["rules", 0, "destination"], "replication destination").encryptionConfiguration)),
    },
    {
        id: "bucket-policy-without-tls-deny",
        concern: "encryption",
        change: "removes the aws:SecureTransport deny from the data bucket policy",
        policy: "s3-deny-insecure-transport",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(d.linkedTo(BUCKET_POLICY, "bucket", dataBucket(d)), (p) =>
                    editDocument(p, "policy", (doc) => {
                        const before = doc.Statement.length;
                        doc.Statement = doc.Statement.filter((s) => !JSON.stringify(s.Condition ?? {}).includes("aws:SecureTransport"));
                        if (doc.Statement.length === before) throw new MissingTarget("the data bucket policy has no aws:SecureTransport statement to remove");
                    }),
                ),
            ),
    },
    {
        id: "bucket-policy-removed",
        concern: "encryption",
        change: "deletes the data bucket's BucketPolicy",
        policy: "s3-deny-insecure-transport-present",
        level: "mandatory",
        apply: (d) => {
            d.remove(d.linkedTo(BUCKET_POLICY, "bucket", dataBucket(d)));
            return edited(dataBucket(d));
        },
    },
];

const iam: Mutation[] = [
    {
        id: "role-policy-s3-star",
        concern: "iam",
        change: "widens the worker data policy to Action \"s3:*\"",
        policy: "iam-no-wildcard-actions",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(workerPolicy(d), (p) =>
                    editDocument(p, "policy", (doc) => {
                        doc.Statement[0].Action = "s3:*";
                    }),
                ),
            ),
    },
    {
        id: "role-policy-partial-wildcard",
        concern: "iam",
        change: "uses \"s3:Get*\" in the worker data policy",
        policy: "iam-no-wildcard-actions",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(workerPolicy(d), (p) =>
                    editDocument(p, "policy", (doc) => {
                        const s = doc.Statement.find((x) => JSON.stringify(x.Action).includes("s3:GetObject")) ?? doc.Statement[0];
                        s.Action = ["s3:Get*"];
                    }),
                ),
            ),
    },
    {
        id: "role-policy-star-star",
        concern: "iam",
        change: "adds Allow \"*:*\" on \"*\" to a worker policy",
        policy: "iam-no-admin",
        level: "mandatory",
        apply: (d) => edited(d.edit(workerPolicy(d), addStatement({ Sid: "Debug", Effect: "Allow", Action: "*:*", Resource: "*" }))),
    },
    {
        id: "role-policy-not-action",
        concern: "iam",
        change: "adds Allow NotAction iam:* on \"*\" (everything but IAM) to a worker policy",
        policy: "iam-no-admin",
        level: "mandatory",
        apply: (d) => edited(d.edit(workerPolicy(d), addStatement({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))),
    },
    {
        id: "role-policy-get-object-any-bucket",
        concern: "iam",
        change: "grants s3:GetObject on Resource \"*\"",
        policy: "iam-no-wildcard-resources",
        level: "mandatory",
        apply: (d) => edited(d.edit(workerPolicy(d), addStatement({ Sid: "ReadAnything", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }))),
    },
    {
        id: "replica-key-trusts-peer-role-by-name",
        concern: "iam",
        change: "lets the replica key's named users include the primary's replication role by name (created later, in another stack)",
        policy: "iam-trust-known-principals",
        level: "mandatory",
        stack: "hyderabad",
        apply: (d) =>
            edited(
                d.edit(d.find("aws:kms/key:Key", "the replica's data key (tagged data-key)", (k) => (k.inputs?.tags as any)?.["spot-grid:role"] === "data-key"), (p) =>
                    editDocument(p, "policy", (doc) => {
                        const use = doc.Statement.find((s) => s.Sid === "NamedRolesUseKeyThroughS3")!;
                        const arns = (use.Condition as any).ArnEquals["aws:PrincipalArn"] as string[];
                        arns.push("arn:aws:iam::111122223333:role/spot-grid-replication-ap-south-1");
                    }),
                ),
            ),
    },
    {
        id: "bucket-policy-exempts-break-glass-by-name",
        concern: "iam",
        change: "exempts a conventional break-glass role that nobody created from the data bucket's endpoint rule",
        policy: "iam-trust-known-principals",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(d.linkedTo(BUCKET_POLICY, "bucket", dataBucket(d)), (p) =>
                    editDocument(p, "policy", (doc) => {
                        const deny = doc.Statement.find((s) => s.Sid === "DenyObjectAccessOutsideVpcEndpoints")!;
                        const c = deny.Condition as any;
                        c.ArnNotEquals = { "aws:PrincipalArn": [...(c.ArnNotEquals?.["aws:PrincipalArn"] ?? []), "arn:aws:iam::111122223333:role/spot-grid-break-glass"] };
                    }),
                ),
            ),
    },
    {
        id: "role-policy-passrole-any",
        concern: "iam",
        change: "grants iam:PassRole on \"*\" with no iam:PassedToService",
        policy: "iam-passrole-scoped",
        level: "mandatory",
        apply: (d) => edited(d.edit(workerPolicy(d), addStatement({ Sid: "PassAnyRole", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }))),
    },
    {
        id: "trust-policy-principal-star",
        concern: "iam",
        change: "lets Principal \"*\" assume the worker role (and drops the condition)",
        policy: "iam-trust-scoped",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(workerRole(d), (p) =>
                    editDocument(p, "assumeRolePolicy", (doc) => {
                        doc.Statement[0].Principal = "*";
                        delete doc.Statement[0].Condition;
                    }),
                ),
            ),
    },
    {
        id: "role-managed-s3-full-access",
        concern: "iam",
        change: "adds AmazonS3FullAccess to the worker role's managedPolicyArns",
        policy: "iam-no-admin",
        level: "mandatory",
        apply: (d) => edited(d.edit(workerRole(d), (p) => (p.managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]))),
    },
    {
        id: "attach-administrator-access",
        concern: "iam",
        change: "attaches AdministratorAccess to the worker role with a RolePolicyAttachment",
        policy: "iam-no-admin",
        level: "mandatory",
        apply: (d) => {
            const role = workerRole(d);
            return added(
                d.add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "workers-admin", { role: role.inputs?.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { propertyDependencies: { role: [role.urn] } }),
            );
        },
    },
    {
        id: "iam-user-inline-policy",
        concern: "iam",
        change: "creates an IAM user for a batch job with an inline UserPolicy",
        policy: "iam-no-inline-user-policies",
        level: "mandatory",
        apply: (d) => {
            const user = d.add("aws:iam/user:User", "batch-uploader", { name: "spot-grid-batch-uploader" }, { outputs: { arn: "arn:aws:iam::111122223333:user/spot-grid-batch-uploader" } });
            const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: `${dataBucket(d).outputs?.arn}/raw/*` }] });
            return added(d.add("aws:iam/userPolicy:UserPolicy", "batch-uploader-policy", { user: "spot-grid-batch-uploader", policy }, { propertyDependencies: { user: [user.urn] } }));
        },
    },
];

function sgRuleBase(d: StackDoc): { securityGroupId: string; deps: Record<string, string[]> } {
    const sg = workersSg(d);
    return { securityGroupId: String(sg.outputs?.id), deps: { securityGroupId: [sg.urn] } };
}

const egress: Mutation[] = [
    {
        id: "internet-gateway",
        concern: "egress",
        change: "adds an InternetGateway to the VPC",
        policy: "no-internet-gateway",
        level: "mandatory",
        apply: (d) => {
            const vpc = d.find(VPC, "VPC");
            return added(d.add("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: vpc.outputs?.id }, { propertyDependencies: { vpcId: [vpc.urn] } }));
        },
    },
    {
        id: "nat-gateway",
        concern: "egress",
        change: "adds a (public, by default) NatGateway in a private subnet",
        policy: "no-internet-gateway",
        level: "mandatory",
        apply: (d) => {
            const subnet = d.find("aws:ec2/subnet:Subnet", "subnet");
            return added(d.add("aws:ec2/natGateway:NatGateway", "nat", { subnetId: subnet.outputs?.id }, { propertyDependencies: { subnetId: [subnet.urn] } }));
        },
    },
    {
        id: "elastic-ip",
        concern: "egress",
        change: "allocates an Elastic IP (for a NAT gateway)",
        policy: "no-internet-gateway",
        level: "mandatory",
        apply: (d) => added(d.add("aws:ec2/eip:Eip", "nat-eip", { domain: "vpc" }, { outputs: { publicIp: "203.0.113.10" } })),
    },
    {
        id: "route-table-default-route-to-igw",
        concern: "egress",
        change: "adds an inline 0.0.0.0/0 route to igw-0abc... on a private route table",
        policy: "no-default-route-to-internet",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.find("aws:ec2/routeTable:RouteTable", "private route table"), (p) => (p.routes = [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc1234def567890" }]))),
    },
    {
        id: "route-to-stack-internet-gateway",
        concern: "egress",
        change: "adds an InternetGateway and an aws.ec2.Route 0.0.0.0/0 to it in a private route table",
        policy: "no-default-route-to-internet-resolved",
        level: "mandatory",
        apply: (d) => {
            const vpc = d.find(VPC, "VPC");
            const table = d.find("aws:ec2/routeTable:RouteTable", "private route table");
            const igw = d.add("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: vpc.outputs?.id }, { outputs: { id: "igw-0abc1234def567890" }, propertyDependencies: { vpcId: [vpc.urn] } });
            return added(
                d.add(
                    "aws:ec2/route:Route",
                    "default-route",
                    { routeTableId: table.outputs?.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc1234def567890" },
                    { propertyDependencies: { routeTableId: [table.urn], gatewayId: [igw.urn] } },
                ),
            );
        },
    },
    {
        id: "sg-inline-egress-public-dns",
        concern: "egress",
        change: "adds inline egress to 8.8.8.8/32 (udp 53) on the workers' security group",
        policy: "sg-no-public-egress",
        level: "mandatory",
        apply: (d) => edited(d.edit(workersSg(d), (p) => (p.egress = [...((p.egress as unknown[]) ?? []), { protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["8.8.8.8/32"] }]))),
    },
    {
        id: "sg-rule-egress-public-dns",
        concern: "egress",
        change: "adds an aws.ec2.SecurityGroupRule egress to 8.8.8.8/32 on the workers' security group",
        policy: "sg-no-public-egress",
        level: "mandatory",
        apply: (d) => {
            const { securityGroupId, deps } = sgRuleBase(d);
            return added(d.add("aws:ec2/securityGroupRule:SecurityGroupRule", "workers-dns", { type: "egress", securityGroupId, protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["8.8.8.8/32"] }, { propertyDependencies: deps }));
        },
    },
    {
        id: "vpc-egress-rule-public-dns",
        concern: "egress",
        change: "adds an aws.vpc.SecurityGroupEgressRule to 8.8.8.8/32 on the workers' security group",
        policy: "sg-no-public-egress",
        level: "mandatory",
        apply: (d) => {
            const { securityGroupId, deps } = sgRuleBase(d);
            return added(d.add("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "workers-dns-v2", { securityGroupId, ipProtocol: "udp", fromPort: 53, toPort: 53, cidrIpv4: "8.8.8.8/32" }, { propertyDependencies: deps }));
        },
    },
    {
        id: "sg-inline-egress-ipv6-any",
        concern: "egress",
        change: "adds inline egress to ::/0 on the workers' security group",
        policy: "sg-no-public-egress",
        level: "mandatory",
        apply: (d) => edited(d.edit(workersSg(d), (p) => (p.egress = [...((p.egress as unknown[]) ?? []), { protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }]))),
    },
    {
        id: "sg-ingress-from-anywhere",
        concern: "egress",
        change: "opens SSH ingress from 0.0.0.0/0 on the workers' security group",
        policy: "sg-no-public-ingress",
        level: "mandatory",
        apply: (d) => edited(d.edit(workersSg(d), (p) => (p.ingress = [...((p.ingress as unknown[]) ?? []), { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }]))),
    },
    {
        id: "subnet-maps-public-ip",
        concern: "egress",
        change: "sets mapPublicIpOnLaunch true on a private subnet",
        policy: "no-public-ip",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.find("aws:ec2/subnet:Subnet", "subnet"), (p) => (p.mapPublicIpOnLaunch = true))),
    },
    {
        id: "launch-template-public-ip",
        concern: "egress",
        change: "sets associatePublicIpAddress \"true\" on the launch template's network interface",
        policy: "no-public-ip",
        level: "mandatory",
        apply: (d) => edited(d.edit(launchTemplate(d), (p) => (at<Props>(p, ["networkInterfaces", 0], "network interface").associatePublicIpAddress = "true"))),
    },
    {
        id: "public-access-block-flag-off",
        concern: "egress",
        change: "sets restrictPublicBuckets false on the data bucket's public access block",
        policy: "s3-no-public-access",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.linkedTo(PAB, "bucket", dataBucket(d)), (p) => (p.restrictPublicBuckets = false))),
    },
    {
        id: "public-access-block-removed",
        concern: "egress",
        change: "deletes the data bucket's BucketPublicAccessBlock",
        policy: "s3-no-public-access-present",
        level: "mandatory",
        apply: (d) => {
            d.remove(d.linkedTo(PAB, "bucket", dataBucket(d)));
            return edited(dataBucket(d));
        },
    },
    {
        id: "bucket-policy-allow-everyone",
        concern: "egress",
        change: "adds Allow s3:GetObject to Principal \"*\" (no condition) to the data bucket policy",
        policy: "s3-no-public-access",
        level: "mandatory",
        apply: (d) => {
            const bucket = dataBucket(d);
            return edited(d.edit(d.linkedTo(BUCKET_POLICY, "bucket", bucket), addStatement({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucket.outputs?.arn}/*` })));
        },
    },
    {
        id: "bucket-acl-public-read",
        concern: "egress",
        change: "adds an aws.s3.BucketAcl with the public-read canned ACL to the data bucket",
        policy: "s3-no-public-access",
        level: "mandatory",
        apply: (d) => {
            const bucket = dataBucket(d);
            return added(d.add("aws:s3/bucketAcl:BucketAcl", "data-acl", { bucket: bucket.outputs?.bucket, acl: "public-read" }, { propertyDependencies: { bucket: [bucket.urn] } }));
        },
    },
    {
        id: "endpoint-without-policy",
        concern: "egress",
        change: "drops the policy of the S3 gateway endpoint (AWS's full-access default)",
        policy: "endpoint-has-policy",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.find("aws:ec2/vpcEndpoint:VpcEndpoint", "S3 gateway endpoint", (e) => e.inputs?.vpcEndpointType === "Gateway"), (p) => delete p.policy)),
    },
    {
        id: "endpoint-full-access-policy",
        concern: "egress",
        change: "writes the full-access policy (* to * for *) on an interface endpoint",
        policy: "endpoint-has-policy",
        level: "mandatory",
        apply: (d) =>
            edited(
                // sts: a service that takes an endpoint policy (the SSM message channels do not; not applicable there).
                d.edit(d.find("aws:ec2/vpcEndpoint:VpcEndpoint", "sts interface endpoint", (e) => e.inputs?.vpcEndpointType === "Interface" && String(e.inputs?.serviceName).endsWith(".sts")), (p) => {
                    p.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });
                }),
            ),
    },
    {
        id: "default-sg-with-rule",
        concern: "egress",
        change: "adds an allow-all egress rule to the VPC's DefaultSecurityGroup",
        policy: "default-sg-closed",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.find("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default security group"), (p) => (p.egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }]))),
    },
];

const dataProtection: Mutation[] = [
    {
        id: "versioning-suspended",
        concern: "data-protection",
        change: "suspends versioning on the data bucket",
        policy: "s3-versioning",
        level: "mandatory",
        apply: (d) => {
            const bucket = dataBucket(d);
            d.edit(d.linkedTo("aws:s3/bucketVersioning:BucketVersioning", "bucket", bucket), (p) => (at<Props>(p, ["versioningConfiguration"], "versioning").status = "Suspended"));
            return edited(bucket);
        },
    },
    {
        id: "replication-removed",
        concern: "data-protection",
        change: "deletes the primary data bucket's BucketReplicationConfig",
        policy: "s3-replicated",
        level: "mandatory",
        stack: "mumbai",
        apply: (d) => {
            const bucket = dataBucket(d);
            d.remove(d.linkedTo(REPLICATION, "bucket", bucket));
            return edited(bucket);
        },
    },
    {
        id: "lifecycle-expires-current",
        concern: "data-protection",
        change: "adds a lifecycle rule expiring current raw/ objects after 365 days",
        policy: "s3-lifecycle",
        level: "mandatory",
        apply: (d) => {
            const bucket = dataBucket(d);
            d.edit(d.linkedTo("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "bucket", bucket), (p) =>
                (p.rules as unknown[]).push({ id: "expire-raw", status: "Enabled", filter: { prefix: "raw/" }, expiration: { days: 365 } }),
            );
            return edited(bucket);
        },
    },
    {
        id: "access-logging-removed",
        concern: "data-protection",
        change: "deletes the data bucket's BucketLogging",
        policy: "s3-access-logging",
        level: "mandatory",
        // Not mumbai: the account trail there records every data bucket's S3 data events, which
        // the policy accepts instead of server access logs.
        stack: "ohio",
        apply: (d) => {
            const bucket = d.find("aws:s3/bucket:Bucket", "the data bucket (a replica in ohio)", (b) => (b.inputs?.tags as Props | undefined)?.["spot-grid:role"] === "data");
            d.remove(d.linkedTo("aws:s3/bucketLogging:BucketLogging", "bucket", bucket));
            return edited(bucket);
        },
    },
    {
        id: "bucket-not-protected",
        concern: "data-protection",
        change: "drops protect from the data bucket",
        policy: "stateful-protected",
        level: "mandatory",
        apply: (d) => {
            const bucket = dataBucket(d);
            bucket.protect = false;
            return edited(bucket);
        },
    },
    {
        id: "key-not-protected",
        concern: "data-protection",
        change: "drops protect from the data key",
        policy: "stateful-protected",
        level: "mandatory",
        apply: (d) => {
            const key = dataKey(d);
            key.protect = false;
            return edited(key);
        },
    },
    {
        id: "flow-logs-removed",
        concern: "data-protection",
        change: "deletes the VPC's FlowLogs (to CloudWatch Logs and to the log archive)",
        policy: "vpc-flow-logs",
        level: "mandatory",
        apply: (d) => {
            const vpc = d.find(VPC, "VPC");
            for (const flow of d.ofType("aws:ec2/flowLog:FlowLog").filter((f) => (f.propertyDependencies?.vpcId ?? []).includes(vpc.urn))) d.remove(flow);
            return edited(vpc);
        },
    },
    {
        id: "imds-optional",
        concern: "data-protection",
        change: "sets httpTokens \"optional\" (IMDSv1) on the launch template",
        policy: "imdsv2-required",
        level: "mandatory",
        apply: (d) => edited(d.edit(launchTemplate(d), (p) => (at<Props>(p, ["metadataOptions"], "metadata options").httpTokens = "optional"))),
    },
    {
        id: "imds-hop-limit-2",
        concern: "data-protection",
        change: "raises httpPutResponseHopLimit to 2 on the launch template",
        policy: "imdsv2-required",
        level: "mandatory",
        apply: (d) => edited(d.edit(launchTemplate(d), (p) => (at<Props>(p, ["metadataOptions"], "metadata options").httpPutResponseHopLimit = 2))),
    },
    {
        id: "single-instance-type",
        concern: "data-protection",
        change: "narrows the workers' mixed instances policy to one instance type",
        policy: "spot-diversified",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(workerGroup(d), (p) => {
                    const lt = at<Props>(p, ["mixedInstancesPolicy", "launchTemplate"], "mixed instances launch template");
                    lt.overrides = [{ instanceType: "c6i.4xlarge" }];
                }),
            ),
    },
    {
        id: "spot-lowest-price",
        concern: "data-protection",
        change: "switches the Spot allocation strategy to lowest-price",
        policy: "spot-diversified",
        level: "mandatory",
        apply: (d) => edited(d.edit(workerGroup(d), (p) => (at<Props>(p, ["mixedInstancesPolicy", "instancesDistribution"], "instances distribution").spotAllocationStrategy = "lowest-price"))),
    },
    {
        id: "spot-fleet-request",
        concern: "data-protection",
        change: "adds an aws.ec2.SpotFleetRequest using the worker launch template",
        policy: "no-legacy-spot-api",
        level: "advisory",
        apply: (d) => {
            const lt = launchTemplate(d);
            return added(
                d.add(
                    "aws:ec2/spotFleetRequest:SpotFleetRequest",
                    "extra-capacity",
                    {
                        iamFleetRole: "arn:aws:iam::111122223333:role/aws-ec2-spot-fleet-tagging-role",
                        targetCapacity: 10,
                        allocationStrategy: "priceCapacityOptimized",
                        launchTemplateConfigs: [{ launchTemplateSpecification: { id: lt.outputs?.id, version: "1" }, overrides: [{ instanceType: "c6i.4xlarge" }] }],
                    },
                    { propertyDependencies: { launchTemplateConfigs: [lt.urn] } },
                ),
            );
        },
    },
    {
        id: "user-data-access-key",
        concern: "data-protection",
        change: "puts an AWS access key id into the launch template's user data",
        policy: "no-secrets-in-user-data",
        level: "mandatory",
        apply: (d) => {
            const script = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\naws s3 sync s3://spot-grid-static /opt/static\n";
            return edited(d.edit(launchTemplate(d), (p) => (p.userData = Buffer.from(script).toString("base64"))));
        },
    },
    {
        id: "ami-from-ssm-parameter",
        concern: "data-protection",
        change: "boots the launch template from an SSM parameter instead of a pinned AMI id",
        policy: "ami-owner-pinned",
        level: "advisory",
        apply: (d) => edited(d.edit(launchTemplate(d), (p) => (p.imageId = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"))),
    },
];

// ---- settings aimed at a bucket the stack does not create ------------------------------------------
// A program may configure an existing bucket by name. Each setting is judged on its own, so a
// careless one is caught even though its bucket is not in the plan.

const EXISTING_BUCKET = "trading-archive-111122223333";
const EXISTING_BUCKET_ARN = `arn:aws:s3:::${EXISTING_BUCKET}`;

const aimedElsewhere: Mutation[] = [
    {
        id: "existing-bucket-versioning-suspended",
        concern: "data-protection",
        change: "adds an aws.s3.BucketVersioning with status Suspended for an existing bucket named by hand",
        policy: "s3-versioning",
        level: "mandatory",
        apply: (d) => added(d.add("aws:s3/bucketVersioning:BucketVersioning", "archive-versioning", { bucket: EXISTING_BUCKET, versioningConfiguration: { status: "Suspended" } })),
    },
    {
        id: "existing-bucket-sse-s3",
        concern: "encryption",
        change: "adds SSE-S3 (AES256) default encryption for an existing bucket named by hand",
        policy: "s3-bucket-kms-encryption-present",
        level: "mandatory",
        apply: (d) => added(d.add(SSE, "archive-sse", { bucket: EXISTING_BUCKET, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })),
    },
    {
        id: "existing-bucket-public-access-block-off",
        concern: "egress",
        change: "adds a public access block with blockPublicPolicy off for an existing bucket named by hand",
        policy: "s3-no-public-access",
        level: "mandatory",
        apply: (d) => added(d.add(PAB, "archive-pab", { bucket: EXISTING_BUCKET, blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true })),
    },
    {
        id: "existing-bucket-policy-without-tls",
        concern: "encryption",
        change: "adds a bucket policy without the TLS deny for an existing bucket named by hand",
        policy: "s3-deny-insecure-transport",
        level: "mandatory",
        apply: (d) => {
            const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "TeamReads", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: `${EXISTING_BUCKET_ARN}/*` }] });
            return added(d.add(BUCKET_POLICY, "archive-policy", { bucket: EXISTING_BUCKET, policy }));
        },
    },
    {
        id: "existing-bucket-lifecycle-expires",
        concern: "data-protection",
        change: "adds a lifecycle that expires current objects after 30 days for an existing bucket named by hand",
        policy: "s3-lifecycle",
        level: "mandatory",
        apply: (d) =>
            added(
                d.add("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "archive-lifecycle", {
                    bucket: EXISTING_BUCKET,
                    rules: [{ id: "purge", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, transitions: [{ days: 1, storageClass: "GLACIER" }], expiration: { days: 30 } }],
                }),
            ),
    },
    {
        id: "existing-bucket-logs-into-itself",
        concern: "data-protection",
        change: "adds server access logging for an existing bucket named by hand, into that same bucket",
        policy: "s3-access-logging",
        level: "mandatory",
        apply: (d) => added(d.add("aws:s3/bucketLogging:BucketLogging", "archive-logging", { bucket: EXISTING_BUCKET, targetBucket: EXISTING_BUCKET, targetPrefix: "logs/" })),
    },
    {
        id: "existing-bucket-replication-skips-kms",
        concern: "encryption",
        change: "adds replication for an existing bucket named by hand that does not select SSE-KMS objects",
        policy: "replication-encrypted",
        level: "mandatory",
        apply: (d) =>
            added(
                d.add(REPLICATION, "archive-replication", {
                    bucket: EXISTING_BUCKET,
                    role: "arn:aws:iam::111122223333:role/archive-replication",
                    rules: [{ id: "dr", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: "arn:aws:s3:::trading-archive-dr-111122223333", encryptionConfiguration: { replicaKmsKeyId: "arn:aws:kms:ap-south-2:111122223333:key/2222bbbb-2222-4222-8222-222222222222" } } }],
                }),
            ),
    },
];

export const MUTATIONS: readonly Mutation[] = [...encryption, ...iam, ...egress, ...dataProtection, ...aimedElsewhere, ...AUDIT_MUTATIONS, ...FLOW_MUTATIONS];


/** IAM fixtures: a role's compliant documents; each test changes one thing. */
export const ROLE = "aws:iam/role:Role";
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

export const EC2_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };

export function doc(...statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const S3_READ = { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::spot-grid-mumbai-data/processed/*" };

export function rolePolicy(policy: unknown, name = "workers-s3") {
    return { type: ROLE_POLICY, name, props: { role: "workers", policy } };
}

export function role(props: Record<string, unknown> = {}, name = "workers") {
    return { type: ROLE, name, props: { assumeRolePolicy: JSON.stringify(EC2_TRUST), ...props } };
}

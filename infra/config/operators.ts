/**
 * `spot-grid:operators`: the roles that operate the stack from outside the VPC (deployer, pull-request
 * preview, nightly drift). They keep the management plane of every bucket and key the stack deploys
 * (docs/identity.md); they never get object access from outside the endpoints.
 *
 * Defaults: the deployer is the role that runs `pulumi up` (the caller identity; it exists by
 * definition). Preview and drift have no default: a name no deploy created could be created later
 * by anyone allowed iam:CreateRole, so the stack names only roles it is given, and the program
 * verifies each exists (infra/principals.ts). Without them the plan warns in one line.
 */
import { z } from "zod";

/** A role ARN (not an assumed-role session ARN: policies match the role, `aws:PrincipalArn`). */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,128}$/;

const roleArn = (what: string, example: string) =>
    z.string().regex(ROLE_ARN, { error: (iss) => `${JSON.stringify(iss.input)} is not an IAM role ARN; give the ${what}'s role, like ${example} (not an assumed-role/ session ARN)` });

export const operatorsSchema = z
    .object({
        /** Runs `pulumi up`. @default the deploying caller's role */
        deployerRoleArn: roleArn("deployer", "arn:aws:iam::111122223333:role/spot-grid-deployer").optional(),
        /** `pulumi preview` in pull requests (the workflows' AWS_PREVIEW_ROLE_ARN). @default none (the plan warns) */
        previewRoleArn: roleArn("pull-request preview", "arn:aws:iam::111122223333:role/spot-grid-preview").optional(),
        /** Nightly drift detection (the workflows' AWS_DRIFT_ROLE_ARN). @default none (the plan warns) */
        driftRoleArn: roleArn("drift detection", "arn:aws:iam::111122223333:role/spot-grid-drift").optional(),
    })
    .strict()
    .superRefine((o, ctx) => {
        const accounts = new Set(Object.values(o).filter((v): v is string => !!v).map((arn) => arn.split(":")[4]));
        if (accounts.size > 1) {
            ctx.addIssue({ code: "custom", path: [], message: `the operator roles are in different accounts (${[...accounts].sort().join(", ")}); they must be roles of the stack's own account` });
        }
    });

export type OperatorsConfig = z.infer<typeof operatorsSchema>;

/**
 * `spot-grid:storage`: the data buckets, where they replicate, who may bypass the VPC endpoints,
 * who uploads, and how long old data is kept.
 */
import { z } from "zod";
import { quote } from "./messages";
import { DEFAULT_LOG_LIFECYCLE, validateDataLifecycle, validateLogLifecycle } from "../../components/storage/lifecycle";

export const STACK_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,128}$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,128}$/;
const days = () =>
    z
        .number()
        .int({ error: (iss) => `must be a whole number of days; got ${quote(iss.input)}` })
        .min(1, { error: (iss) => `must be at least 1 day; got ${quote(iss.input)}` });

export const storageSchema = z
    .object({
        /** Peer stack names whose data buckets receive this stack's replicas (deployed before this one). */
        replicateTo: z
            .array(z.string().regex(STACK_NAME_PATTERN, { message: "must be a stack name like hyderabad" }))
            .default([]),
        /**
         * Break-glass admin role, exempt from the VPC-endpoint rule of the bucket policies and a user
         * of the region key, so a broken endpoint never locks everyone out. A role of the stack's
         * account that exists: the program verifies it (infra/principals.ts). Default: none; no
         * policy names a break-glass role nobody created (a role of that name could be created later).
         */
        breakGlassRoleArn: z.string().regex(ROLE_ARN, { message: "must be an IAM role ARN like arn:aws:iam::111122223333:role/spot-grid-break-glass" }).optional(),
        /**
         * The on-prem uploader's AWS principal (role or user) allowed to assume the uploader role.
         * Set it in the stack where daily uploads land (mumbai); unset means no uploader role.
         */
        uploaderPrincipalArn: z.string().regex(PRINCIPAL_ARN, { message: "must be an IAM role or user ARN like arn:aws:iam::111122223333:role/onprem-uploader" }).optional(),
        /** Days before raw/ and processed/ move to Glacier Instant Retrieval. @default 90 */
        archiveAfterDays: days().optional(),
        /** Days before raw/ and processed/ move to Glacier Deep Archive. @default 365 */
        deepArchiveAfterDays: days().optional(),
        /** Days an overwritten or deleted version stays before moving to Glacier. @default 30 */
        noncurrentArchiveAfterDays: days().optional(),
        /** Days an overwritten or deleted version is kept in total. @default 365 */
        noncurrentVersionExpirationDays: days().optional(),
        /** Days before an unfinished multipart upload is aborted. @default 7 */
        abortIncompleteMultipartUploadDays: days().optional(),
        /** Days after which server access logs are deleted; unset keeps them archived for audit. @default never */
        logRetentionDays: days().optional(),
        /**
         * Pulumi `protect` on keys and buckets: `pulumi destroy` refuses to run while it is on.
         * Set false only for throw-away stacks. Buckets and keys are retained on delete regardless.
         * @default true
         */
        protect: z.boolean().default(true),
        /**
         * S3 Replication Time Control on the replication rules (15-minute SLA, billed per GB).
         * false: plain replication, metrics and alarms kept. A rule from or to a Region listed in
         * components/storage/replication-rules.ts RTC_UNSUPPORTED_REGIONS goes without RTC whatever
         * this says, and the plan warns. @default true
         */
        replicationTimeControl: z.boolean().default(true),
    })
    .strict()
    .superRefine((s, ctx) => {
        // Cross-field rules come from the component's own validation, so config and code agree.
        for (const message of validateDataLifecycle(s)) {
            ctx.addIssue({ code: "custom", message, path: [message.split(/[ (]/)[0]] });
        }
        if (validateLogLifecycle({ retentionDays: s.logRetentionDays }).length > 0) {
            ctx.addIssue({
                code: "custom",
                message: `${s.logRetentionDays} is not more than the ${DEFAULT_LOG_LIFECYCLE.deepArchiveAfterDays} days after which logs move to Deep Archive (billed for at least 180 days); keep logs longer or leave it unset`,
                path: ["logRetentionDays"],
            });
        }
    });

export type StorageConfig = z.infer<typeof storageSchema>;

/** Stacks that replicate *into* `stack` (their replication roles write its bucket and use its key). */
export function replicationSources<T extends { stack: string; region: string; storage: { replicateTo: readonly string[] } }>(stacks: readonly T[], stack: string): T[] {
    return stacks.filter((s) => s.storage.replicateTo.includes(stack));
}

/**
 * spot-grid-data-protection: data protection and hardened compute. Buckets are versioned,
 * replicated across regions, archived rather than expired, access-logged and protected from
 * deletion (KMS keys too); VPCs keep flow logs; CloudTrail records every Region and signs its
 * logs, AWS Config records what the packs judge, and audit log archives are locked; instances
 * require IMDSv2, carry no secrets in user data and boot pinned AMIs; Spot capacity is diversified. Mandatory by default; advisory where the
 * catalogue says (no-legacy-spot-api) or where the judgement is a heuristic (ami-owner-pinned).
 */
import type { PackDefinition } from "../lib/pack";
import { amiOwnerPinned } from "./amiOwnerPinned";
import { cloudtrailLogValidation } from "./cloudtrailLogValidation";
import { cloudtrailMultiRegion } from "./cloudtrailMultiRegion";
import { configRecordsJudgedTypes } from "./configRecordsJudgedTypes";
import { imdsv2Required } from "./imdsv2Required";
import { noLegacySpotApi } from "./noLegacySpotApi";
import { noSecretsInUserData } from "./noSecretsInUserData";
import { s3AccessLogging } from "./s3AccessLogging";
import { s3Lifecycle } from "./s3Lifecycle";
import { s3ArchiveObjectLock } from "./s3ArchiveObjectLock";
import { s3NotificationTargets } from "./s3NotificationTargets";
import { s3Replicated } from "./s3Replicated";
import { sqsDeadLetterQueue } from "./sqsDeadLetterQueue";
import { s3Versioning } from "./s3Versioning";
import { spotDiversified } from "./spotDiversified";
import { statefulProtected } from "./statefulProtected";
import { vpcFlowLogs } from "./vpcFlowLogs";

export const pack: PackDefinition = {
    name: "spot-grid-data-protection",
    dir: "data-protection",
    version: "0.1.0",
    description: "Versioned, replicated, archived, logged and protected buckets; notifications to encrypted targets of our account; dead-letter queues; VPC flow logs; a multi-region, validated trail; AWS Config; locked log archives; IMDSv2, no secrets in user data, pinned AMIs and diversified Spot.",
    enforcementLevel: "mandatory",
    policies: [
        s3Versioning,
        s3Replicated,
        s3Lifecycle,
        s3AccessLogging,
        s3NotificationTargets,
        sqsDeadLetterQueue,
        statefulProtected,
        vpcFlowLogs,
        imdsv2Required,
        spotDiversified,
        noLegacySpotApi,
        amiOwnerPinned,
        noSecretsInUserData,
        // Audit trail and detective guardrails (issue 13).
        cloudtrailMultiRegion,
        cloudtrailLogValidation,
        configRecordsJudgedTypes,
        s3ArchiveObjectLock,
    ],
};

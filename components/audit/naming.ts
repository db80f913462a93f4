/**
 * Physical names of the audit layer. Fixed, so the archive's bucket and key policies can name the
 * trail, its log group and the delivery prefixes before any of them exists (the trail itself waits
 * for those policies: CloudTrail checks the bucket and key when the trail is created).
 */
import { PROJECT } from "../lib/naming";

/** Key prefixes inside the log archive, one per delivering service. Never change (they move logs). */
export const ARCHIVE_PREFIXES = {
    cloudTrail: "cloudtrail",
    config: "config",
    flowLogs: "vpc-flow-logs",
} as const;

/** The one account trail: a trail name is unique per Region, and the multi-region trail lives in the audit home's Region. */
export const ACCOUNT_TRAIL_NAME = `${PROJECT}-account-trail`;

/** Metric namespace of the CIS metric filters (one namespace groups them, as the benchmark suggests). */
export const CIS_METRIC_NAMESPACE = `${PROJECT}/cis`;

export function auditNames(stack: string) {
    return {
        archiveKeyAlias: `alias/${PROJECT}-${stack}-audit`,
        trail: ACCOUNT_TRAIL_NAME,
        trailLogGroup: `/${PROJECT}/audit/cloudtrail`,
        trailDeliveryTopic: `${PROJECT}-${stack}-trail-deliveries`,
        /** One configuration recorder and delivery channel per Region and account. */
        recorder: PROJECT,
        deliveryChannel: PROJECT,
        /** EventBridge rule names start `spot-grid-<stack>-`: the operations topic admits exactly those. */
        complianceRule: `${PROJECT}-${stack}-config-compliance`,
        configRule: (rule: string) => `${PROJECT}-${stack}-${rule}`,
        cisAlarm: (id: string) => `${PROJECT}-${stack}-cis-${id}`,
        cisMetric: (id: string) => `cis-${id}`,
    };
}

/** `arn:<p>:cloudtrail:<home region>:<account>:trail/<name>`: the trail's ARN, known before it exists. */
export function trailArn(partition: string, region: string, accountId: string, name = ACCOUNT_TRAIL_NAME): string {
    return `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${name}`;
}


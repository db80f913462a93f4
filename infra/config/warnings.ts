/**
 * One-line warnings about a valid config that leaves something unattended. The program logs them
 * (pulumi.log.warn) and `npm run plan` prints them before the verdicts.
 */
import { RTC_SUPPORT_CHECKED, RTC_UNSUPPORTED_REGIONS } from "../../components/storage/replication-rules";
import { auditWarnings } from "./audit";
import { INSTANCE_TYPE_OFFERINGS } from "./instance-offerings";
import type { StackConfig } from "./stack";

/**
 * @param peers the other stacks (replication destinations are looked up by name), for checks that
 *   need a peer's region. @param rtcUnsupported Regions without S3 RTC (injectable for tests).
 */
export function stackWarnings(c: StackConfig, peers: readonly StackConfig[] = [], rtcUnsupported: ReadonlySet<string> = RTC_UNSUPPORTED_REGIONS): string[] {
    const warnings: string[] = [];
    if (c.operations.subscriptions.length === 0) {
        warnings.push(`${c.file}: spot-grid:operations.subscriptions is empty: alarms of ${c.stack} reach nobody; add an email, https, sqs or lambda subscription`);
    }
    const missing = (["previewRoleArn", "driftRoleArn"] as const).filter((k) => !c.operators[k]);
    if (missing.length > 0) {
        warnings.push(
            `${c.file}: spot-grid:operators.${missing.join(" and ")} not set: the ${missing.map((k) => (k === "previewRoleArn" ? "pull-request preview" : "drift")).join(" and ")} job cannot read ${c.stack}'s buckets; set the roles the workflows assume`,
        );
    }
    if (c.network.vpn.tunnelInsideCidrs === undefined) {
        warnings.push(
            `${c.file}: spot-grid:network.vpn.tunnelInsideCidrs not set: AWS picks ${c.stack}'s tunnel /30s at random and they may clash with another region's on the same firewall; set two unique /30s from 169.254.0.0/16 before the first deploy`,
        );
    }
    if (c.compute.instanceTypes && !INSTANCE_TYPE_OFFERINGS[c.region]) {
        warnings.push(
            `${c.file}: spot-grid:compute.instanceTypes not checked against ${c.region}'s per-AZ offerings before deploying (no dated table for it in infra/config/instance-offerings.ts; preview and up check them in the deploying account); record one with aws ec2 describe-instance-type-offerings --location-type availability-zone-id`,
        );
    }
    if (c.storage.replicationTimeControl) {
        for (const peer of c.storage.replicateTo) {
            const region = peers.find((p) => p.stack === peer)?.region;
            const without = [c.region, region].filter((r): r is string => r !== undefined && rtcUnsupported.has(r));
            if (without.length > 0) {
                warnings.push(
                    `${c.file}: spot-grid:storage.replicationTimeControl: S3 RTC is not offered in ${without.join(" and ")} (as of ${RTC_SUPPORT_CHECKED}); replication to ${peer} runs without the 15-minute SLA, with metrics and alarms`,
                );
            }
        }
    }
    warnings.push(...auditWarnings(c, peers));
    return warnings;
}

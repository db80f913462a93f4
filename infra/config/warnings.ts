/**
 * One-line warnings about a valid config that leaves something unattended. The program logs them
 * (pulumi.log.warn) and `npm run plan` prints them before the verdicts.
 */
import type { StackConfig } from "./stack";

export function stackWarnings(c: StackConfig): string[] {
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
    return warnings;
}

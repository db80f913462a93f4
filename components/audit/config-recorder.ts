/**
 * ConfigRecorder: AWS Config in one region. The configuration recorder records the types the packs
 * judge (and, in the audit home, IAM), through AWS Config's service-linked role; the delivery
 * channel delivers configuration history and daily snapshots to the log archive, encrypted with
 * the archive key; the managed rules judge the same invariants as the packs, in AWS, whoever made
 * the change and however; and every compliance change of those rules reaches the operations topic
 * through EventBridge.
 *
 * One recorder and one delivery channel per account and Region: a stack that shares its Region
 * with another recorder (an AWS Control Tower landing zone, say) must not create a second one.
 * https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../lib/policy-document";
import { complianceEventPattern, configServiceLinkedRoleArn, recordedTypes, rulesFor } from "./config-rules";
import { ARCHIVE_PREFIXES, auditNames } from "./naming";
import { PROJECT } from "../lib/naming";

export interface ConfigRecorderArgs {
    readonly stack: string;
    readonly ctx: pulumi.Input<AccountContext>;
    /** The audit home records IAM (global types) and runs the account-wide rules. */
    readonly auditHome: boolean;
    /** The stack replicates its data bucket (the replication rule judges only sources). */
    readonly replicates: boolean;
    readonly archiveBucketName: pulumi.Input<string>;
    readonly archiveKeyArn: pulumi.Input<string>;
    /** Compliance changes notify it. */
    readonly alarmTopicArn: pulumi.Input<string>;
    /** The archive's bucket policy and key: the delivery channel checks them when created. */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class ConfigRecorder extends pulumi.ComponentResource {
    readonly recorderName: string;
    readonly ruleNames: string[];

    constructor(name: string, args: ConfigRecorderArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:audit:ConfigRecorder", name, {}, opts);
        const names = auditNames(args.stack);
        const ctx = pulumi.output(args.ctx);
        const parent = { parent: this };

        const recorder = new aws.cfg.Recorder(
            `${name}-recorder`,
            {
                name: names.recorder,
                roleArn: ctx.apply((c) => configServiceLinkedRoleArn(c.partition, c.accountId)),
                recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: recordedTypes(args.auditHome) },
                recordingMode: { recordingFrequency: "CONTINUOUS" },
            },
            parent,
        );
        const channel = new aws.cfg.DeliveryChannel(
            `${name}-delivery`,
            {
                name: names.deliveryChannel,
                s3BucketName: args.archiveBucketName,
                s3KeyPrefix: ARCHIVE_PREFIXES.config,
                s3KmsKeyArn: args.archiveKeyArn,
                snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
            },
            // A delivery channel needs its recorder first; S3 delivery needs the bucket policy and key.
            { ...parent, dependsOn: [recorder, ...(args.dependsOn ?? [])] },
        );
        const status = new aws.cfg.RecorderStatus(`${name}-status`, { name: recorder.name, isEnabled: true }, { ...parent, dependsOn: [channel] });

        this.ruleNames = [];
        for (const r of rulesFor({ auditHome: args.auditHome, replicates: args.replicates })) {
            const ruleName = names.configRule(r.key);
            new aws.cfg.Rule(
                `${name}-${r.key}`,
                {
                    name: ruleName,
                    description: `spot-grid: AWS Config's ${r.rule.rule}, the detective twin of the pack polic${r.rule.policies.length === 1 ? "y" : "ies"} ${r.rule.policies.join(", ")}`,
                    source: { owner: "AWS", sourceIdentifier: r.rule.identifier },
                    ...(r.scope ? { scope: { tagKey: r.scope.tagKey, tagValue: r.scope.tagValue } } : {}),
                    ...(r.rule.inputParameters ? { inputParameters: JSON.stringify(r.rule.inputParameters) } : {}),
                },
                // A rule evaluates only what the recorder records.
                { ...parent, dependsOn: [status] },
            );
            this.ruleNames.push(ruleName);
        }

        const compliance = new aws.cloudwatch.EventRule(
            `${name}-compliance`,
            {
                name: names.complianceRule,
                description: `spot-grid ${args.stack}: an AWS Config rule of the stack found a resource non-compliant, or compliant again`,
                eventPattern: complianceEventPattern(`${PROJECT}-${args.stack}-`),
            },
            parent,
        );
        new aws.cloudwatch.EventTarget(`${name}-compliance-sns`, { rule: compliance.name, targetId: "operations", arn: args.alarmTopicArn }, parent);

        this.recorderName = names.recorder;
        this.registerOutputs({ recorderName: this.recorderName, ruleNames: this.ruleNames });
    }
}

/**
 * config-records-judged-types: AWS Config records every resource type these packs judge, so the
 * invariants they enforce before a deploy are also judged in AWS after any change, including one
 * made in the console or by a `pulumi up` without the packs. A configuration recorder must:
 * - record each judged regional type (`recordingGroup.allSupported`, or the types listed in
 *   `resourceTypes`, or not excluded by `exclusionByResourceTypes`);
 * - in the stack that holds the account's multi-region trail, record the judged IAM types too
 *   (global types are recorded once per account; AWS advises one Region);
 * - be switched on (an `aws.cfg.RecorderStatus` with `isEnabled: true` names it) and deliver (an
 *   `aws.cfg.DeliveryChannel` in the stack).
 * A stack that creates judged resources and no recorder is reported too (`requireRecorder`, on
 * by default: turn it off where the account's recorder lives in another stack).
 *
 * Severity: high. Enforcement: mandatory. Anchors: CIS 3.3 (3.5 in v1.4) "AWS Config is enabled
 * in all regions", Security Hub Config.1.
 * https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { JUDGED_GLOBAL_CONFIG_TYPES, JUDGED_REGIONAL_CONFIG_TYPES } from "../lib/config-types";
import { peek, stackIndex } from "../lib/resource-graph";
import { asList, asRecord, isTrue, prop } from "../lib/resource-props";

const RECORDER = "aws:cfg/recorder:Recorder";
const STATUS = "aws:cfg/recorderStatus:RecorderStatus";
const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
const TRAIL = "aws:cloudtrail/trail:Trail";

const JUDGED_PULUMI_TYPES = [...Object.values(JUDGED_REGIONAL_CONFIG_TYPES), ...Object.values(JUDGED_GLOBAL_CONFIG_TYPES)].flat();

/** What a recording group records: a predicate over Config types. */
function recordedBy(group: Record<string, unknown>): { regional: (t: string) => boolean; global: (t: string) => boolean } {
    const listed = new Set(asList(group.resourceTypes).map(String));
    if (isTrue(group.allSupported)) return { regional: () => true, global: () => isTrue(group.includeGlobalResourceTypes) };
    const strategy = asRecord(asList(group.recordingStrategies)[0])?.useOnly;
    if (strategy === "EXCLUSION_BY_RESOURCE_TYPES") {
        const excluded = new Set(asList(asRecord(asList(group.exclusionByResourceTypes)[0])?.resourceTypes).map(String));
        return { regional: (t) => !excluded.has(t), global: (t) => !excluded.has(t) };
    }
    return { regional: (t) => listed.has(t), global: (t) => listed.has(t) };
}

export const configRecordsJudgedTypes: StackValidationPolicy = {
    name: "config-records-judged-types",
    description: "An enabled AWS Config recorder with a delivery channel records every resource type the packs judge (IAM too where the account trail is).",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireRecorder: { type: "boolean", default: true, description: "Report a stack that creates judged resources but no configuration recorder." },
        },
    },
    validateStack: (args, reportViolation) => {
        const requireRecorder = args.getConfig<{ requireRecorder?: boolean }>().requireRecorder ?? true;
        const index = stackIndex(args.resources);
        const recorders = index.ofType(RECORDER);
        if (recorders.length === 0) {
            if (requireRecorder && index.ofType(JUDGED_PULUMI_TYPES).length > 0) {
                reportViolation("This stack creates resources the packs judge but no AWS Config recorder, so a change made outside the pipeline is never recorded or judged in AWS; add an aws.cfg.Recorder (with a RecorderStatus and a DeliveryChannel), or set requireRecorder false where another stack records this account and Region.");
            }
            return;
        }
        // Values judged below are read with prop: one unknown in a preview is "can't run during
        // preview", never a group that records nothing or a recorder that is off.
        const holdsAccountTrail = index.ofType(TRAIL).some((t) => isTrue(prop(t.props, "isMultiRegionTrail")));
        const channels = index.ofType(CHANNEL);
        for (const recorder of recorders) {
            const group = asRecord(asList(prop(recorder.props, "recordingGroup"))[0]) ?? { allSupported: true };
            const recorded = recordedBy(group);
            const missing = Object.keys(JUDGED_REGIONAL_CONFIG_TYPES).filter((t) => !recorded.regional(t));
            if (holdsAccountTrail) missing.push(...Object.keys(JUDGED_GLOBAL_CONFIG_TYPES).filter((t) => !recorded.global(t)));
            if (missing.length > 0) {
                reportViolation(`Config recorder '${recorder.name}' does not record ${missing.sort().join(", ")}, which the packs judge; add them to recordingGroup.resourceTypes (or record all supported types).`, recorder.urn);
            }
            const statuses = index.referrers([STATUS], "name", recorder, ["name", "id"]);
            if (!statuses.some((s) => isTrue(peek(s.props, "isEnabled")))) {
                statuses.forEach((s) => prop(s.props, "isEnabled"));
                reportViolation(`Config recorder '${recorder.name}' is never switched on: no aws.cfg.RecorderStatus with isEnabled true names it; add one (after the delivery channel).`, recorder.urn);
            }
            if (channels.length === 0) {
                reportViolation(`Config recorder '${recorder.name}' has no delivery channel, so nothing it records is kept; add an aws.cfg.DeliveryChannel to the log archive.`, recorder.urn);
            }
        }
    },
};

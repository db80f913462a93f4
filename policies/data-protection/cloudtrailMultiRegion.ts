/**
 * cloudtrail-multi-region: a trail records the whole account: it is logging (`enableLogging` not
 * false), in every Region (`isMultiRegionTrail`), with global service events such as IAM and STS
 * (`includeGlobalServiceEvents` not false), and with every management event, read and write (basic
 * `eventSelectors` must include management events for `All`; advanced selectors must select
 * `eventCategory = Management` without narrowing it to read-only or write-only). A trail that
 * records less lets a change go unrecorded: who changed what is the first question of an audit.
 *
 * Severity: high. Enforcement: mandatory. Anchors: CIS 3.1, CKV_AWS_67, AWS Config's
 * cloudtrail-enabled and multi-region-cloudtrail-enabled.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../lib/policy-kit";
import { asList, asRecord, known } from "../lib/resource-props";

export const TRAIL = "aws:cloudtrail/trail:Trail";

/** Why the trail's selectors miss management events, or undefined when they record them all. */
export function managementEventsGap(props: Record<string, unknown>): string | undefined {
    const basic = asList(known(props.eventSelectors, ["eventSelectors"])).map((s) => asRecord(s) ?? {});
    const advanced = asList(known(props.advancedEventSelectors, ["advancedEventSelectors"])).map((s) => asRecord(s) ?? {});
    if (advanced.length > 0) {
        const management = advanced.filter((s) =>
            asList(s.fieldSelectors).some((f) => {
                const r = asRecord(f) ?? {};
                return r.field === "eventCategory" && asList(r.equals).includes("Management");
            }),
        );
        if (management.length === 0) return "its advancedEventSelectors select no management events (eventCategory = Management)";
        const narrowed = management.every((s) => asList(s.fieldSelectors).some((f) => (asRecord(f) ?? {}).field === "readOnly"));
        if (narrowed) return "its advancedEventSelectors record management events of one kind only (a readOnly field selector)";
        return undefined;
    }
    if (basic.length > 0) {
        const all = basic.some((s) => s.includeManagementEvents !== false && (s.readWriteType === undefined || s.readWriteType === "All"));
        if (!all) return "its eventSelectors do not include management events for readWriteType All";
    }
    return undefined;
}

export const cloudtrailMultiRegion: ResourceValidationPolicy = {
    name: "cloudtrail-multi-region",
    description: "CloudTrail trails log, in every Region, with global service events and every management event (read and write).",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([TRAIL], (args, report) => {
        const p = args.props;
        const label = `Trail '${args.name}'`;
        if (known(p.enableLogging, ["enableLogging"]) === false) report(`${label} is not logging (enableLogging false); set enableLogging true.`);
        if (known(p.isMultiRegionTrail, ["isMultiRegionTrail"]) !== true) report(`${label} records one Region only; set isMultiRegionTrail true so every Region's API calls are recorded.`);
        if (known(p.includeGlobalServiceEvents, ["includeGlobalServiceEvents"]) === false) report(`${label} leaves out global service events (IAM, STS); set includeGlobalServiceEvents true.`);
        const gap = managementEventsGap(p);
        if (gap) report(`${label} misses management events: ${gap}; record every management event, read and write.`);
    }),
};

import * as assert from "assert";
import { RECORDED_GLOBAL_TYPES, RECORDED_REGIONAL_TYPES } from "../../../components/audit/config-rules";
import { configRecordsJudgedTypes } from "../../../policies/data-protection/configRecordsJudgedTypes";
import { JUDGED_GLOBAL_CONFIG_TYPES, JUDGED_REGIONAL_CONFIG_TYPES } from "../../../policies/lib/config-types";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { res, withProp } from "./fixtures";

const REGIONAL = Object.keys(JUDGED_REGIONAL_CONFIG_TYPES);
const GLOBAL = Object.keys(JUDGED_GLOBAL_CONFIG_TYPES);
const recorder = res("aws:cfg/recorder:Recorder", "config-recorder", { id: "spot-grid", name: "spot-grid", recordingGroup: { allSupported: false, resourceTypes: [...REGIONAL].sort() } });
const status = res("aws:cfg/recorderStatus:RecorderStatus", "config-status", { id: "spot-grid", name: "spot-grid", isEnabled: true });
const channel = res("aws:cfg/deliveryChannel:DeliveryChannel", "config-delivery", { id: "spot-grid", name: "spot-grid", s3BucketName: "archive" });
const vpc = res("aws:ec2/vpc:Vpc", "grid", { id: "vpc-0a1b" });
const trail = res("aws:cloudtrail/trail:Trail", "account-trail", { isMultiRegionTrail: true });
const withTypes = (types: string[]) => withProp(recorder, ["recordingGroup", "resourceTypes"], types);

describe("config-records-judged-types", () => {
    it("the recorder the audit home plans records every judged type (regional, and IAM there)", () => {
        for (const t of REGIONAL) assert.ok(RECORDED_REGIONAL_TYPES.includes(t), `${t} is judged but not recorded`);
        for (const t of GLOBAL) assert.ok(RECORDED_GLOBAL_TYPES.includes(t), `${t} is judged but not recorded in the audit home`);
    });
    it("stays quiet on an enabled, delivering recorder of every judged regional type", async () => assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, status, channel])));
    it("stays quiet on a recorder of all supported types", async () =>
        assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [vpc, withProp(recorder, ["recordingGroup"], { allSupported: true, includeGlobalResourceTypes: true }), status, channel, trail])));
    it("stays quiet on an exclusion list that excludes nothing judged", async () =>
        assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [
            vpc,
            withProp(recorder, ["recordingGroup"], { allSupported: false, recordingStrategies: [{ useOnly: "EXCLUSION_BY_RESOURCE_TYPES" }], exclusionByResourceTypes: [{ resourceTypes: ["AWS::EC2::NetworkInterface"] }] }),
            status,
            channel,
        ])));
    it("stays quiet on a stack with nothing judged and no recorder", async () => assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [res("aws:cloudwatch/logMetricFilter:LogMetricFilter", "f", {})])));
    it("fires on a recorder that drops a judged type, naming it", async () =>
        assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc, withTypes(REGIONAL.filter((t) => t !== "AWS::EC2::SecurityGroup")), status, channel]), /does not record AWS::EC2::SecurityGroup, which the packs judge/, recorder.urn));
    it("fires on an exclusion of a judged type", async () =>
        assertHasViolation(
            await runStackPolicy(configRecordsJudgedTypes, [vpc, withProp(recorder, ["recordingGroup"], { recordingStrategies: [{ useOnly: "EXCLUSION_BY_RESOURCE_TYPES" }], exclusionByResourceTypes: [{ resourceTypes: ["AWS::KMS::Key"] }] }), status, channel]),
            /does not record AWS::KMS::Key/,
        ));
    it("requires IAM in the stack that holds the account's multi-region trail", async () => {
        assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc, trail, recorder, status, channel]), /does not record AWS::IAM::Policy, AWS::IAM::Role, AWS::IAM::User/);
        assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [vpc, trail, withTypes([...REGIONAL, ...GLOBAL]), status, channel]));
    });
    it("fires on all supported types without the global ones where the account trail is", async () =>
        assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc, trail, withProp(recorder, ["recordingGroup"], { allSupported: true }), status, channel]), /AWS::IAM::Role/));
    it("fires on a recorder that is never switched on", async () => {
        assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, channel]), /never switched on/, recorder.urn);
        assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, withProp(status, ["isEnabled"], false), channel]), /never switched on/);
        assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, withProp(status, ["name"], "another"), channel]), /never switched on/);
    });
    it("stays quiet when the status names the recorder only by dependency (name unknown in preview)", async () =>
        assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, { ...status, props: { ...status.props, name: undefined }, propertyDependencies: { name: [recorder.urn!] } }, channel])));
    it("fires on a recorder without a delivery channel", async () => assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, status]), /has no delivery channel/));
    it("fires on a stack of judged resources without a recorder, unless told another stack records", async () => {
        assertHasViolation(await runStackPolicy(configRecordsJudgedTypes, [vpc]), /no AWS Config recorder/);
        assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [vpc], { requireRecorder: false }));
    });
    // Found by the preview lane (tests/policies/preview-conformance.test.ts): unknown values were read as missing.
    it("says it can't run during preview, never 'does not record' or 'never switched on', when the group or the switch is unknown", async () => {
        await assert.rejects(runStackPolicy(configRecordsJudgedTypes, [vpc, trail, withProp(recorder, ["recordingGroup"], UNKNOWN), status, channel]), UnknownValueError);
        await assert.rejects(runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, withProp(status, ["isEnabled"], UNKNOWN), channel]), UnknownValueError);
        await assert.rejects(runStackPolicy(configRecordsJudgedTypes, [vpc, withProp(trail, ["isMultiRegionTrail"], UNKNOWN), recorder, status, channel]), UnknownValueError);
    });
    it("stays quiet when one status is unknown and another known one switches the recorder on", async () =>
        assertNoViolations(await runStackPolicy(configRecordsJudgedTypes, [vpc, recorder, withProp(status, ["isEnabled"], UNKNOWN), res(status.type, "config-status-2", { id: "spot-grid", name: "spot-grid", isEnabled: true }), channel])));
});

import { cloudtrailLogValidation } from "../../../policies/data-protection/cloudtrailLogValidation";
import { cloudtrailMultiRegion } from "../../../policies/data-protection/cloudtrailMultiRegion";
import { cloudtrailKms } from "../../../policies/encryption/cloudtrailKms";
import { UNKNOWN } from "../../../policies/lib/resource-props";
import * as assert from "assert";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res, withProp } from "./fixtures";

const TRAIL = "aws:cloudtrail/trail:Trail";
const CMK = "arn:aws:kms:ap-south-1:111122223333:key/0a1b2c3d-1111-4222-a333-444455556666";

/** The account trail as the audit home plans it. */
const trail = res(TRAIL, "account-trail", {
    name: "spot-grid-account-trail",
    s3BucketName: "spot-grid-mumbai-audit-ap-south-1-111122223333",
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogging: true,
    enableLogFileValidation: true,
    kmsKeyId: CMK,
    advancedEventSelectors: [
        { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
        { name: "data", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] },
    ],
});

describe("cloudtrail-multi-region", () => {
    it("stays quiet on the account trail (advanced selectors with management events)", async () => assertNoViolations(await runResourcePolicy(cloudtrailMultiRegion, trail)));
    it("stays quiet with no selectors at all (a trail records every management event by default)", async () =>
        assertNoViolations(await runResourcePolicy(cloudtrailMultiRegion, withProp(trail, ["advancedEventSelectors"], undefined))));
    it("stays quiet on basic selectors that include management events for All", async () =>
        assertNoViolations(await runResourcePolicy(cloudtrailMultiRegion, withProp(withProp(trail, ["advancedEventSelectors"], undefined), ["eventSelectors"], [{ includeManagementEvents: true, readWriteType: "All" }]))));
    it("ignores other resource types", async () => assertNoViolations(await runResourcePolicy(cloudtrailMultiRegion, res("aws:s3/bucket:Bucket", "b", {}))));
    it("fires on a single-region trail", async () =>
        assertHasViolation(await runResourcePolicy(cloudtrailMultiRegion, withProp(trail, ["isMultiRegionTrail"], false)), /records one Region only; set isMultiRegionTrail true/));
    it("fires when isMultiRegionTrail is left unset (the provider's default is false)", async () =>
        assertHasViolation(await runResourcePolicy(cloudtrailMultiRegion, withProp(trail, ["isMultiRegionTrail"], undefined)), /records one Region only/));
    it("fires on a trail that is not logging", async () => assertHasViolation(await runResourcePolicy(cloudtrailMultiRegion, withProp(trail, ["enableLogging"], false)), /is not logging/));
    it("fires when global service events are left out", async () =>
        assertHasViolation(await runResourcePolicy(cloudtrailMultiRegion, withProp(trail, ["includeGlobalServiceEvents"], false)), /global service events \(IAM, STS\)/));
    it("fires on advanced selectors with data events only", async () =>
        assertHasViolation(await runResourcePolicy(cloudtrailMultiRegion, withProp(trail, ["advancedEventSelectors"], [(trail.props.advancedEventSelectors as unknown[])[1]])), /select no management events/));
    it("fires on management events narrowed to write-only", async () =>
        assertHasViolation(
            await runResourcePolicy(cloudtrailMultiRegion, withProp(trail, ["advancedEventSelectors", 0, "fieldSelectors", 1], { field: "readOnly", equals: ["false"] })),
            /of one kind only/,
        ));
    it("fires on basic selectors without management events", async () =>
        assertHasViolation(
            await runResourcePolicy(cloudtrailMultiRegion, withProp(withProp(trail, ["advancedEventSelectors"], undefined), ["eventSelectors"], [{ includeManagementEvents: false, readWriteType: "All" }])),
            /do not include management events/,
        ));
    it("fires on basic selectors recording write events only", async () =>
        assertHasViolation(
            await runResourcePolicy(cloudtrailMultiRegion, withProp(withProp(trail, ["advancedEventSelectors"], undefined), ["eventSelectors"], [{ includeManagementEvents: true, readWriteType: "WriteOnly" }])),
            /readWriteType All/,
        ));
});

describe("cloudtrail-log-validation", () => {
    it("stays quiet when log file validation is on", async () => assertNoViolations(await runResourcePolicy(cloudtrailLogValidation, trail)));
    it("fires when it is off", async () => assertHasViolation(await runResourcePolicy(cloudtrailLogValidation, withProp(trail, ["enableLogFileValidation"], false)), /does not validate its log files/));
    it("fires when it is unset (the default is off)", async () => assertHasViolation(await runResourcePolicy(cloudtrailLogValidation, withProp(trail, ["enableLogFileValidation"], undefined)), /set enableLogFileValidation true/));
    it("is 'can't run during preview' on an unknown value, not a pass", async () => {
        await assert.rejects(runResourcePolicy(cloudtrailLogValidation, withProp(trail, ["enableLogFileValidation"], UNKNOWN)), /can't be known during preview/);
    });
});

describe("cloudtrail-kms", () => {
    it("stays quiet on a customer-managed key", async () => assertNoViolations(await runResourcePolicy(cloudtrailKms, trail)));
    it("stays quiet on a customer-managed key's alias", async () => assertNoViolations(await runResourcePolicy(cloudtrailKms, withProp(trail, ["kmsKeyId"], "alias/spot-grid-mumbai-audit"))));
    it("fires without a key (SSE-S3)", async () => assertHasViolation(await runResourcePolicy(cloudtrailKms, withProp(trail, ["kmsKeyId"], undefined)), /kmsKeyId is not set/));
    it("fires on the AWS-managed key", async () => assertHasViolation(await runResourcePolicy(cloudtrailKms, withProp(trail, ["kmsKeyId"], "alias/aws/cloudtrail")), /AWS-managed alias\/aws\/cloudtrail/));
});

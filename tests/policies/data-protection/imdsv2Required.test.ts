import * as assert from "assert";
import { imdsv2Required } from "../../../policies/data-protection/imdsv2Required";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res, withProp } from "./fixtures";

describe("imdsv2-required", () => {
    const md = { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 };
    const lt = res("aws:ec2/launchTemplate:LaunchTemplate", "workers", { imageId: "ami-0123456789abcdef0", metadataOptions: md });
    const inst = res("aws:ec2/instance:Instance", "probe", { ami: "ami-0123456789abcdef0", metadataOptions: md });
    it("passes a launch template with IMDSv2 and hop limit 1", async () => assertNoViolations(await runResourcePolicy(imdsv2Required, lt)));
    it("passes an instance with IMDSv2", async () => assertNoViolations(await runResourcePolicy(imdsv2Required, inst)));
    it("passes a disabled metadata endpoint", async () => assertNoViolations(await runResourcePolicy(imdsv2Required, withProp(lt, ["metadataOptions"], { httpEndpoint: "disabled" }))));
    it("passes hop limit 2 when configured", async () => assertNoViolations(await runResourcePolicy(imdsv2Required, withProp(lt, ["metadataOptions", "httpPutResponseHopLimit"], 2), { maxHopLimit: 2 })));
    it("fires on missing metadataOptions (IMDSv1 default)", async () => assertHasViolation(await runResourcePolicy(imdsv2Required, withProp(lt, ["metadataOptions"], undefined)), /Launch template 'workers' has no metadataOptions/));
    it("fires on an instance without metadataOptions", async () => assertHasViolation(await runResourcePolicy(imdsv2Required, withProp(inst, ["metadataOptions"], undefined)), /Instance 'probe'/));
    it("fires on httpTokens optional", async () => assertHasViolation(await runResourcePolicy(imdsv2Required, withProp(lt, ["metadataOptions", "httpTokens"], "optional")), /httpTokens "optional"/));
    it("fires on hop limit 2", async () => assertHasViolation(await runResourcePolicy(imdsv2Required, withProp(lt, ["metadataOptions", "httpPutResponseHopLimit"], 2)), /httpPutResponseHopLimit 2/));
    it("fires on hop limit unset (AMI may default to 2)", async () => assertHasViolation(await runResourcePolicy(imdsv2Required, withProp(lt, ["metadataOptions", "httpPutResponseHopLimit"], undefined)), /httpPutResponseHopLimit null/));
    it("an unknown httpTokens is not judgeable during preview", async () => await assert.rejects(runResourcePolicy(imdsv2Required, withProp(lt, ["metadataOptions", "httpTokens"], UNKNOWN)), UnknownValueError));
});

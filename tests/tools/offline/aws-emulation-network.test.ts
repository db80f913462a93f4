/** Network details of the AWS emulation that the network components rely on (issue 3). */
import * as assert from "assert";
import { AwsEmulator } from "../../../tools/offline/aws-emulation";

const em = new AwsEmulator({ stack: "mumbai", region: "ap-south-1" });
const endpoint = (name: string, inputs: Record<string, unknown>) =>
    em.newResource({ type: "aws:ec2/vpcEndpoint:VpcEndpoint", name, inputs, custom: true, provider: "" } as any);

describe("offline engine: AWS emulation of VPC endpoints (network)", () => {
    it("an S3 interface endpoint's DNS name is a wildcard for bucket names, as AWS lists it", () => {
        const r = endpoint("s3i", { serviceName: "com.amazonaws.ap-south-1.s3", vpcEndpointType: "Interface", subnetIds: ["subnet-1"] });
        assert.match(r.state.dnsEntries[0].dnsName, /^\*\.vpce-[0-9a-f]{17}-[0-9a-f]{8}\.s3\.ap-south-1\.vpce\.amazonaws\.com$/);
    });
    it("other interface endpoints' names have no wildcard", () => {
        const r = endpoint("ssm", { serviceName: "com.amazonaws.ap-south-1.ssm", vpcEndpointType: "Interface", subnetIds: ["subnet-1"] });
        assert.match(r.state.dnsEntries[0].dnsName, /^vpce-[0-9a-f]{17}-[0-9a-f]{8}\.ssm\.ap-south-1\.vpce\.amazonaws\.com$/);
    });
    it("a gateway endpoint has S3's prefix list and no DNS names", () => {
        const r = endpoint("s3g", { serviceName: "com.amazonaws.ap-south-1.s3", vpcEndpointType: "Gateway" });
        assert.match(r.state.prefixListId, /^pl-[0-9a-f]{8}$/);
        assert.deepStrictEqual(r.state.dnsEntries, []);
    });
});

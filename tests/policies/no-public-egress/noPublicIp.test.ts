import { noPublicIp } from "../../../policies/no-public-egress/noPublicIp";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res, T, withProp } from "./fixtures";

describe("no-public-ip", () => {
    const subnet = res(T.subnet, "private-a", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/20", mapPublicIpOnLaunch: false, assignIpv6AddressOnCreation: false });
    const instance = res(T.instance, "bastion", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", associatePublicIpAddress: false });
    const lt = res(T.launchTemplate, "workers", { imageId: "ami-0123456789abcdef0", networkInterfaces: [{ associatePublicIpAddress: "false", deviceIndex: 0 }] });
    const fleet = res(T.spotFleet, "legacy", { launchSpecifications: [{ ami: "ami-0123456789abcdef0", instanceType: "c6i.large", associatePublicIpAddress: false }] });

    it("stays quiet on a private subnet", async () => assertNoViolations(await runResourcePolicy(noPublicIp, subnet)));
    it("stays quiet on a subnet with the flags unset (AWS default false)", async () => assertNoViolations(await runResourcePolicy(noPublicIp, res(T.subnet, "s", { vpcId: "vpc-1" }))));
    it("stays quiet on an instance without a public IP", async () => assertNoViolations(await runResourcePolicy(noPublicIp, instance)));
    it("stays quiet on a launch template with associatePublicIpAddress \"false\"", async () => assertNoViolations(await runResourcePolicy(noPublicIp, lt)));
    it("stays quiet on a spot fleet launch spec without a public IP", async () => assertNoViolations(await runResourcePolicy(noPublicIp, fleet)));

    it("fires on mapPublicIpOnLaunch=true", async () => assertHasViolation(await runResourcePolicy(noPublicIp, withProp(subnet, ["mapPublicIpOnLaunch"], true)), /Subnet 'private-a' has mapPublicIpOnLaunch=true/));
    it("fires on assignIpv6AddressOnCreation=true", async () => assertHasViolation(await runResourcePolicy(noPublicIp, withProp(subnet, ["assignIpv6AddressOnCreation"], true)), /assignIpv6AddressOnCreation=true/));
    it("fires on an instance associatePublicIpAddress=true", async () => assertHasViolation(await runResourcePolicy(noPublicIp, withProp(instance, ["associatePublicIpAddress"], true)), /Instance 'bastion'/));
    it("fires on a launch template associatePublicIpAddress \"true\" (aws 7.x string)", async () =>
        assertHasViolation(await runResourcePolicy(noPublicIp, withProp(lt, ["networkInterfaces", 0, "associatePublicIpAddress"], "true")), /networkInterfaces\[0\]\.associatePublicIpAddress is "true"/));
    it("fires on a launch template associatePublicIpAddress true (boolean)", async () =>
        assertHasViolation(await runResourcePolicy(noPublicIp, withProp(lt, ["networkInterfaces", 0, "associatePublicIpAddress"], true)), /Launch template 'workers'/));
    it("fires on a spot fleet launch spec with a public IP", async () =>
        assertHasViolation(await runResourcePolicy(noPublicIp, withProp(fleet, ["launchSpecifications", 0, "associatePublicIpAddress"], true)), /launchSpecifications\[0\]/));
});

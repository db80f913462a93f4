import * as zlib from "zlib";
import { noSecretsInUserData } from "../../../policies/data-protection/noSecretsInUserData";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res } from "./fixtures";

describe("no-secrets-in-user-data", () => {
    const LT = "aws:ec2/launchTemplate:LaunchTemplate";
    const INST = "aws:ec2/instance:Instance";
    const clean = "#!/bin/bash\nset -eu\nDB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id grid/db --query SecretString --output text)\nexport TOKEN=\"${TOKEN_FROM_SSM}\"\n/opt/grid/start.sh\n";
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const key = ["AKIA", "IOSFODNN7EXAMPLE"].join("");

    it("passes clean base64 user data in a launch template", async () => assertNoViolations(await runResourcePolicy(noSecretsInUserData, res(LT, "w", { userData: b64(clean) }))));
    it("passes clean plain user data on an instance", async () => assertNoViolations(await runResourcePolicy(noSecretsInUserData, res(INST, "i", { userData: clean }))));
    it("fires on an access key id in base64 launch-template user data", async () =>
        assertHasViolation(await runResourcePolicy(noSecretsInUserData, res(LT, "w", { userData: b64(`${clean}export AWS_ACCESS_KEY_ID=${key}\n`) })), /Launch template 'w' userData contains an AWS access key id/));
    it("fires on gzip+base64 user data", async () =>
        assertHasViolation(await runResourcePolicy(noSecretsInUserData, res(LT, "w", { userData: zlib.gzipSync(`aws_access_key_id = ${key}\n`).toString("base64") })), /access key id/));
    it("fires on aws_secret_access_key in plain instance user data", async () =>
        assertHasViolation(await runResourcePolicy(noSecretsInUserData, res(INST, "i", { userData: "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n" })), /aws_secret_access_key/));
    it("fires on userDataBase64 with a private key", async () =>
        assertHasViolation(await runResourcePolicy(noSecretsInUserData, res(INST, "i", { userDataBase64: b64("cat > /root/.ssh/id <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----\nEOF\n") })), /userDataBase64 contains a private key/));
    it("fires on a literal password", async () =>
        assertHasViolation(await runResourcePolicy(noSecretsInUserData, res(INST, "i", { userData: "#cloud-config\nchpasswd:\n  list: |\n    db_password: Hunter2Hunter2\n" })), /literal password or secret/));
    it("fires on a Spot Fleet launch specification", async () =>
        assertHasViolation(await runResourcePolicy(noSecretsInUserData, res("aws:ec2/spotFleetRequest:SpotFleetRequest", "f", { launchSpecifications: [{ userData: b64(`password="s3cr3tpass"`) }] })), /launchSpecifications\[0\]\.userData/));
});

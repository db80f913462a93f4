import * as assert from "assert";
import { encodeUserData, findSecretInUserData, MAX_USER_DATA_BYTES, validateUserData } from "../../../components/compute/user-data";

describe("components/compute/user-data", () => {
    const clean = [
        "#!/bin/bash\nset -euo pipefail\nsystemctl enable --now grid-worker\n",
        '#!/bin/bash\nTOKEN=$(curl -sX PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600")\n' +
            'curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/instance-id\n',
        '#!/bin/bash\nDB_PASSWORD=$(aws ssm get-parameter --name /grid/db --with-decryption --query Parameter.Value --output text)\n',
        "#!/bin/bash\nexport API_TOKEN=${GRID_TOKEN}\n",
    ];
    clean.forEach((script, i) => it(`accepts clean script ${i + 1}`, () => assert.doesNotThrow(() => validateUserData(script))));

    const dirty: [string, string, RegExp][] = [
        ["access key id", "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n", /an AWS access key id on line 1/],
        ["secret key", "#!/bin/bash\n\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", /an AWS secret access key on line 3/],
        ["private key", "cat > /root/.ssh/id_rsa <<EOF\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n", /a private key on line 2/],
        ["password", "#!/bin/bash\nDB_PASSWORD=hunter2hunter2\n", /a password, secret or token assignment on line 2/],
        ["url credentials", "git clone https://deploy:s3cr3tvalue@git.example.com/grid.git\n", /credentials in a URL/],
        ["github token", "echo ghp_abcdefghijklmnopqrstuvwxyz0123456789 > ~/.token\n", /a GitHub token/],
    ];
    for (const [what, script, re] of dirty) {
        it(`rejects ${what}, saying where and what to do instead`, () => {
            assert.throws(() => validateUserData(script), (e: Error) => re.test(e.message) && /never put credentials in user data/.test(e.message) && /Parameter Store under \/spot-grid\/<stack>\//.test(e.message) && !/Secrets Manager/.test(e.message));
        });
    }

    it("rejects user data over EC2's 16 KiB", () => {
        assert.throws(() => validateUserData("#".repeat(MAX_USER_DATA_BYTES + 1)), /16384/);
        assert.strictEqual(findSecretInUserData("#".repeat(MAX_USER_DATA_BYTES)), undefined);
    });

    it("encodes base64 for the launch template", () => {
        assert.strictEqual(Buffer.from(encodeUserData("#!/bin/bash\necho hi\n"), "base64").toString(), "#!/bin/bash\necho hi\n");
    });
});

import * as assert from "assert";
import { registerPlainResources } from "../../../tools/offline/bare-sdk";

describe("offline engine: bench baseline", () => {
    it("registers exactly the requested number of plain resources under the stack", async () => {
        // The stack resource plus N plain resources: the bench compares plans against this count.
        assert.strictEqual(await registerPlainResources(25, "us-east-2"), 26);
    });
});

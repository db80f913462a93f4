/**
 * Where a region's worker image comes from: the customer's AMI id, a lookup by name with the
 * owners pinned (never "newest image called X from anyone": CKV_AWS_386), or an encrypted copy
 * of the primary region's golden AMI made with this region's key, so every region runs the same
 * image.
 *
 * Pure: no Pulumi.
 */

/** `ami-` then 8 or 17 hex digits, as EC2 issues them. */
export const AMI_ID_PATTERN = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** A 12-digit account id, or the aliases EC2 accepts for owners. */
const OWNER_PATTERN = /^(\d{12}|self|amazon|aws-marketplace)$/;

export type AmiSource =
    /** The customer's AMI in this region. */
    | { readonly kind: "id"; readonly amiId: string }
    /** The newest AMI whose name matches, owned by one of `owners`. */
    | { readonly kind: "lookup"; readonly namePattern: string; readonly owners: readonly string[] }
    /** An encrypted copy of `sourceAmiId` from `sourceRegion`, made with this region's key. */
    | { readonly kind: "copy"; readonly sourceAmiId: string; readonly sourceRegion: string };

/**
 * Checks an AMI source.
 * @throws naming the input, the value and what is allowed.
 */
export function validateAmiSource(s: AmiSource): void {
    switch (s.kind) {
        case "id":
            if (!AMI_ID_PATTERN.test(s.amiId)) {
                throw new Error(`SpotFleet: ami.amiId ${JSON.stringify(s.amiId)} is not an AMI id; use ami- and 8 or 17 hex digits, e.g. ami-0123456789abcdef0`);
            }
            return;
        case "lookup":
            if (s.namePattern.trim() === "") throw new Error("SpotFleet: ami.namePattern is empty; give the AMI name or a pattern such as trading-worker-*");
            if (s.owners.length === 0) {
                throw new Error("SpotFleet: ami.owners is empty; an AMI lookup must pin the owning account ids (anyone can publish an AMI with any name)");
            }
            for (const o of s.owners) {
                if (!OWNER_PATTERN.test(o)) {
                    throw new Error(`SpotFleet: ami.owners contains ${JSON.stringify(o)}; use 12-digit account ids (or self, amazon, aws-marketplace)`);
                }
            }
            return;
        case "copy":
            if (!AMI_ID_PATTERN.test(s.sourceAmiId)) {
                throw new Error(`SpotFleet: ami.sourceAmiId ${JSON.stringify(s.sourceAmiId)} is not an AMI id; use ami- and 8 or 17 hex digits`);
            }
            if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(s.sourceRegion)) {
                throw new Error(`SpotFleet: ami.sourceRegion ${JSON.stringify(s.sourceRegion)} is not a region code like ap-south-1`);
            }
            return;
        default:
            throw new Error(`SpotFleet: ami.kind ${JSON.stringify((s as { kind: unknown }).kind)} is unknown; use id, lookup or copy`);
    }
}

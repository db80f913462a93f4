/**
 * ami-owner-pinned: workers boot only the company's own AMIs.
 *
 * Limitation: the catalogue asks that AMI LOOKUPS name owners (`aws.ec2.getAmi({ owners })`), but a
 * lookup is an invoke, and CrossGuard sees resources, never invokes. What is visible is the AMI a
 * resource ends up with, so this policy judges that instead: `ami`/`imageId` of instances, Spot
 * requests, launch templates and launch configurations, and `sourceAmiId` of `ec2.AmiCopy`, must
 * be a literal AMI id (`ami-` + 8 or 17 hex digits), optionally restricted to `allowedAmiIds`. An
 * SSM-parameter reference (`resolve:ssm:...`) lets whoever owns the parameter choose the image and
 * fails. The owner of an id cannot be seen offline, hence advisory.
 *
 * Severity: medium. Enforcement: advisory (heuristic). Anchor: CKV_AWS_386.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/finding-an-ami.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, asRecord, known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
const FIELDS: Record<string, [string, string]> = {
    "aws:ec2/instance:Instance": ["Instance", "ami"],
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": ["Spot instance request", "ami"],
    "aws:ec2/launchTemplate:LaunchTemplate": ["Launch template", "imageId"],
    "aws:ec2/launchConfiguration:LaunchConfiguration": ["Launch configuration", "imageId"],
    "aws:ec2/amiCopy:AmiCopy": ["AMI copy", "sourceAmiId"],
};
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";

export const amiOwnerPinned: ResourceValidationPolicy = {
    name: "ami-owner-pinned",
    description: "Instances and launch templates use a literal AMI id (optionally from an allow-list), not an SSM parameter or other indirection.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            allowedAmiIds: { type: "array", items: { type: "string" }, default: [], description: "If non-empty, the only AMI ids allowed (the company's golden images)." },
        },
    },
    validateResource: validateTypes([...Object.keys(FIELDS), SPOT_FLEET], (args, reportViolation) => {
        const allowed = args.getConfig<{ allowedAmiIds?: string[] }>().allowedAmiIds ?? [];
        const check = (label: string, field: string, value: unknown) => {
            if (value === undefined || value === null || value === "") return; // a launch template may leave it to the launcher
            const id = String(value);
            if (!AMI_ID.test(id)) {
                reportViolation(`${label} '${args.name}' ${field} is ${JSON.stringify(id)}, not an AMI id; use the id of a company AMI (looked up with getAmi({ owners: [<account>] })).`);
            } else if (allowed.length > 0 && !allowed.includes(id)) {
                reportViolation(`${label} '${args.name}' ${field} ${id} is not in allowedAmiIds; use an approved company AMI.`);
            }
        };
        const spec = FIELDS[args.type];
        if (spec) {
            check(spec[0], spec[1], known(args.props[spec[1]], [spec[1]]));
            return;
        }
        if (args.type === SPOT_FLEET) {
            asList(known(args.props.launchSpecifications, ["launchSpecifications"])).forEach((s, i) =>
                check("Spot fleet request", `launchSpecifications[${i}].ami`, known(asRecord(s)?.ami, ["launchSpecifications", String(i), "ami"])),
            );
        }
    }),
};

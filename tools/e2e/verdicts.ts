/**
 * Policy verdicts in one shape, whoever judged: the real analyzer (policy events in the engine's
 * `--event-log`), `npm run policy:check` or `npm run plan` (their JSON). Compared as sets of
 * (policy, resource, level).
 */
export interface Verdict {
    policy: string;
    /** The resource's URN; "" for a stack-level verdict about no one resource. */
    urn: string;
    level: "advisory" | "mandatory";
    message: string;
}

/** The analyzer reports remediations as mandatory, like our evaluator. */
function level(l: string | undefined): Verdict["level"] {
    return l === "advisory" ? "advisory" : "mandatory";
}

/** Policy events of an engine event log (one JSON event per line, `--event-log FILE`). */
export function verdictsFromEventLog(text: string, stackUrn?: string): Verdict[] {
    const out: Verdict[] = [];
    for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        let event: { policyEvent?: { resourceUrn?: string; policyName: string; enforcementLevel: string; message: string } };
        try {
            event = JSON.parse(line);
        } catch {
            continue; // a partly written last line
        }
        const p = event.policyEvent;
        if (!p) continue;
        const urn = p.resourceUrn && p.resourceUrn !== stackUrn ? p.resourceUrn : "";
        out.push({ policy: p.policyName, urn, level: level(p.enforcementLevel), message: p.message.replace(/\s+/g, " ").trim() });
    }
    return out;
}

/** Violations from `policy:check --format json` or one stack of `plan --format json`. */
export function verdictsFromJson(violations: readonly { policy: string; urn?: string; enforcementLevel: string; message: string }[], stackUrn?: string): Verdict[] {
    return violations.map((v) => ({ policy: v.policy, urn: v.urn && v.urn !== stackUrn ? v.urn : "", level: level(v.enforcementLevel), message: v.message.replace(/\s+/g, " ").trim() }));
}

export const key = (v: Verdict): string => `${v.level} ${v.policy} ${v.urn || "(stack)"}`;

/** The "can't run during preview" advisories the analyzer gives for values unknown before `up`. */
export function isPreviewUnknown(v: Verdict): boolean {
    return v.level === "advisory" && /can't run policy .* during preview/.test(v.message);
}

export interface VerdictDiff {
    onlyLeft: string[];
    onlyRight: string[];
}

export function compareVerdicts(left: readonly Verdict[], right: readonly Verdict[]): VerdictDiff {
    const [l, r] = [new Set(left.map(key)), new Set(right.map(key))];
    return { onlyLeft: [...l].filter((k) => !r.has(k)).sort(), onlyRight: [...r].filter((k) => !l.has(k)).sort() };
}

export const mandatory = (vs: readonly Verdict[]): Verdict[] => vs.filter((v) => v.level === "mandatory");

/** The policy packs that analyzed resources in a run (their summary events), by name. */
export function packsThatRan(eventLog: string): string[] {
    const packs = new Set<string>();
    for (const line of eventLog.split("\n")) {
        if (!line.includes("policyAnalyzeSummaryEvent")) continue;
        try {
            const name = (JSON.parse(line) as { policyAnalyzeSummaryEvent?: { policyPackName?: string } }).policyAnalyzeSummaryEvent?.policyPackName;
            if (name) packs.add(name);
        } catch {
            // partial line
        }
    }
    return [...packs].sort();
}

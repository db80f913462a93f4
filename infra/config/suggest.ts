/**
 * "Did you mean ...?" for config mistakes: the nearest known name to a typo.
 */

/**
 * Edit distance with adjacent transpositions counting one edit (optimal string alignment), so
 * `regoin` is one edit from `region`, as a reader would count it.
 */
export function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/** How far a typo may be from a name and still be suggested: 2 edits, a third of long names. */
function tolerance(name: string): number {
    return Math.max(2, Math.floor(name.length / 3));
}

/**
 * The candidate nearest to `input` (case-insensitive), or undefined when none is close enough
 * to be a plausible typo. Ties go to a candidate `preferred` accepts (e.g. a key not set yet),
 * then to the candidates' order.
 */
export function closest(input: string, candidates: Iterable<string>, maxDistance?: number, preferred: (name: string) => boolean = () => false): string | undefined {
    let best: { name: string; d: number; preferred: boolean } | undefined;
    for (const name of candidates) {
        const d = editDistance(input.toLowerCase(), name.toLowerCase());
        if (d > (maxDistance ?? tolerance(name))) continue;
        const p = preferred(name);
        if (!best || d < best.d || (d === best.d && p && !best.preferred)) best = { name, d, preferred: p };
    }
    return best?.name;
}

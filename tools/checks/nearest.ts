// Near-miss names: normalising metric and model names, and finding the closest known name for a tip.

/** Case, punctuation and spacing do not make two names different: "Top-1 Accuracy" = "top 1 accuracy". */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Case, spaces, hyphens and underscores do not make two model names different ("ResNet-50" =
 * "resnet 50"); other punctuation does ("BERT+" is not "BERT").
 */
export function normaliseModel(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Levenshtein distance, or `limit + 1` as soon as it is sure to exceed `limit`
 * (so scanning many candidates stays cheap).
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Known names, normalised once, for suggesting the closest one to a misspelt name: equal once
 * normalised, or within a small edit distance (about one typo per four characters).
 */
export class NameIndex {
  private readonly entries: { name: string; key: string }[];

  constructor(names: Iterable<string>) {
    this.entries = [...names].map((name) => ({ name, key: normaliseName(name) }));
  }

  /** The closest known name when it is a plausible near miss; ties go to the first name given. */
  nearest(name: string): string | undefined {
    const wanted = normaliseName(name);
    const limit = Math.max(1, Math.min(3, Math.floor(wanted.length / 4)));
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const entry of this.entries) {
      const d = editDistance(wanted, entry.key, limit);
      if (d < bestDistance) {
        best = entry.name;
        bestDistance = d;
        if (d === 0) break;
      }
    }
    return best;
  }
}

export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  return new NameIndex(candidates).nearest(name);
}

// Counts in text people read: "1 file", "2 files", never "1 files".

/** The word for `n` things: "file" for 1, "files" otherwise; `plural` for words that do not take an s. */
export function noun(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural;
}

/** "1 paper", "2 papers"; "1 entity", "2 entities" with `plural`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${noun(n, singular, plural)}`;
}

// Counts in text people read: "1 file", "2 files", never "1 files".

/** "1 paper", "2 papers"; `plural` for the words that do not take an s ("1 entity", "2 entities"). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

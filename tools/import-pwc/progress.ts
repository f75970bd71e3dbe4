// Progress of a long import: a bar with counts and rate on a terminal, plain lines elsewhere (CI logs).

export interface ProgressUpdate {
  bytesRead: number;
  totalBytes: number;
  entries: number;
}

export interface Progress {
  /** A file starts being read. */
  start(label: string): void;
  update(update: ProgressUpdate): void;
  /** The file has been read. */
  done(entries: number): void;
  /** A step without a byte count (mapping, checking, writing). */
  step(text: string): void;
}

export const silentProgress: Progress = { start() {}, update() {}, done() {}, step() {} };

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

interface Clock {
  now(): number;
}

abstract class TimedProgress implements Progress {
  protected label = '';
  protected started = 0;
  protected last: ProgressUpdate = { bytesRead: 0, totalBytes: 0, entries: 0 };

  constructor(
    protected readonly write: (text: string) => void,
    protected readonly clock: Clock = { now: () => Date.now() },
  ) {}

  start(label: string): void {
    this.label = label;
    this.started = this.clock.now();
    this.last = { bytesRead: 0, totalBytes: 0, entries: 0 };
  }

  protected rate(entries: number): string {
    const seconds = Math.max((this.clock.now() - this.started) / 1000, 0.001);
    return `${count(entries / seconds)}/s`;
  }

  abstract update(update: ProgressUpdate): void;
  abstract done(entries: number): void;
  abstract step(text: string): void;
}

/** Redraws one line: "label [#####.....] 45% 12.3 MB/27.0 MB 123,456 entries 45,000/s". */
export class TerminalProgress extends TimedProgress {
  private drawn = 0;

  update(update: ProgressUpdate): void {
    this.last = update;
    const now = this.clock.now();
    if (now - this.drawn < 100 && update.bytesRead < update.totalBytes) return;
    this.drawn = now;
    const share = update.totalBytes > 0 ? Math.min(update.bytesRead / update.totalBytes, 1) : 0;
    const width = 24;
    const filled = Math.round(share * width);
    this.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ` +
        `${megabytes(update.bytesRead)}/${megabytes(update.totalBytes)} ${count(update.entries)} entries ${this.rate(update.entries)}\u001b[K`,
    );
  }

  done(entries: number): void {
    this.write(`\r${this.label}: ${count(entries)} entries in ${((this.clock.now() - this.started) / 1000).toFixed(1)} s (${this.rate(entries)})\u001b[K\n`);
  }

  step(text: string): void {
    this.write(`${text}\n`);
  }
}

/** One line every few seconds while a file is read, and one when it is done: readable in a CI log. */
export class PlainProgress extends TimedProgress {
  private printed = 0;

  constructor(write: (text: string) => void, clock?: Clock, private readonly every = 5000) {
    super(write, clock);
  }

  start(label: string): void {
    super.start(label);
    this.printed = this.started;
  }

  update(update: ProgressUpdate): void {
    this.last = update;
    const now = this.clock.now();
    if (now - this.printed < this.every) return;
    this.printed = now;
    const share = update.totalBytes > 0 ? Math.floor((100 * update.bytesRead) / update.totalBytes) : 0;
    this.write(`${this.label}: ${share}% (${megabytes(update.bytesRead)} of ${megabytes(update.totalBytes)}), ${count(update.entries)} entries, ${this.rate(update.entries)}\n`);
  }

  done(entries: number): void {
    this.write(`${this.label}: ${count(entries)} entries in ${((this.clock.now() - this.started) / 1000).toFixed(1)} s\n`);
  }

  step(text: string): void {
    this.write(`${text}\n`);
  }
}

/** A one-line progress display on a terminal, plain lines elsewhere (CI logs). */
export class Progress {
  private readonly tty = !!process.stdout.isTTY;
  private last = 0;

  show(line: string): void {
    if (this.tty) {
      process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns ?? 100) - 1)}`);
    } else if (Date.now() - this.last > 2000) {
      this.last = Date.now();
      console.log(`  … ${line}`);
    }
  }

  done(line: string): void {
    if (this.tty) process.stdout.write('\r\x1b[2K');
    console.log(`✓ ${line}`);
  }
}

/** A plain-text table with aligned columns. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

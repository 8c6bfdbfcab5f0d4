import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/** Stops an emulator's process (killed hard if it lingers) and removes its storage folder. */
export async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    const late = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(late);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Tries `ready` every 100 ms for up to 10 s. */
export async function waitFor(ready: () => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await ready();
      return;
    } catch (e) {
      if (i > 100) throw e; // the emulator did not start
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The emulator goes when its parent does, however the parent ends. */
export function killWithParent(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
}

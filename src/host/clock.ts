/** Thrown into the script when Apps Script would have killed the execution. */
export class ExecutionKilled extends Error {
  constructor(limitMs: number) {
    super(`Exceeded maximum execution time (${Math.round(limitMs / 1000)} s)`);
    this.name = 'ExecutionKilled';
  }
}

/**
 * Virtual time shared by the host's services and the Lever sandbox. Each Google service call
 * costs time; when an execution passes its limit, every later service call throws, so nothing
 * the script does after the kill reaches the sheet, the properties or Drive, as in Google.
 */
export class VirtualClock {
  private t: number;
  private deadline = Infinity;
  private limitMs = 0;
  killed = false;

  constructor(start: number) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  /** Moves time forward outside any execution (between trigger runs). */
  advance(ms: number): void {
    this.t += Math.max(0, Math.ceil(ms));
  }

  beginExecution(limitMs: number): void {
    this.limitMs = limitMs;
    this.deadline = this.t + limitMs;
    this.killed = false;
  }

  endExecution(): void {
    this.deadline = Infinity;
  }

  private killPending = false;

  /** Test fault: the execution dies at its next service call, as if its time ran out just then. */
  killAtNextCall(): void {
    this.killPending = true;
  }

  /** Test fault: forgets a kill that no service call has met yet. */
  cancelKill(): void {
    this.killPending = false;
  }

  /** Spends `ms` of the current execution; throws once it is over its limit. */
  spend(ms: number): void {
    if (this.killPending && this.deadline !== Infinity) {
      this.killPending = false;
      this.killed = true;
    }
    // Outside an execution (a test setting the scene) there is nothing to kill.
    if (this.killed && this.deadline !== Infinity) throw new ExecutionKilled(this.limitMs);
    this.t += Math.max(0, Math.ceil(ms));
    if (this.t > this.deadline) {
      this.killed = true;
      this.t = this.deadline;
      throw new ExecutionKilled(this.limitMs);
    }
  }
}

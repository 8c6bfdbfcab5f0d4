import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { EmuDocument, EmuUser, TRIGGER_MS_PER_DAY } from './accounts';
import { ExecutionKilled, VirtualClock } from './clock';
import { EmuCache } from './cache';
import { executionGlobals, type ExecutionWorld } from './globals';
import { EmuProperties } from './properties';
import { EmuSpreadsheet } from './workbook';
import type { EmuDrive } from './drive';
import type { EmuUrlFetch, Transport } from './urlfetch';
import { HOUR, type Trigger } from './triggers';
import { ScopeChecker } from './scopes';
import { CpuMeter } from './meter';

export { TRIGGER_MS_PER_DAY };

/** What the host reads from appsscript.json. */
export interface Manifest {
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  dependencies?: { enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }> };
}

/** Apps Script's limit for one execution. */
export const EXECUTION_LIMIT_MS = 6 * 60_000;

export interface HostOptions {
  /** Folder holding Code.js, Sidebar.html and appsscript.json (the build's dist/). */
  bundleDir: string;
  clock?: VirtualClock;
  /** URL prefix → who answers. */
  transports: Array<{ prefix: string; transport: Transport }>;
  /** The first user: runs the sidebar calls unless told otherwise, and owns the first spreadsheet. */
  userEmail?: string;
  timeZone?: string;
  /** Mirror Drive files to this folder on disk. */
  driveDir?: string;
  executionLimitMs?: number;
  /** Spend the add-on's own time on the virtual clock too (off by default: tests stay deterministic). */
  chargeCpu?: boolean;
  /** Replaces parts of the bundle's appsscript.json (tests of what a narrower manifest does). */
  manifest?: Partial<Manifest>;
}

export interface ExecutionResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: string;
  killed: boolean;
  elapsedMs: number;
}

/** The error a sidebar's withFailureHandler would receive. */
export class ScriptError extends Error {}

function assertTransportable(value: unknown, where: string): void {
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function') throw new ScriptError(`${where}: functions cannot be sent through google.script.run`);
      return;
    }
    if (Object.prototype.toString.call(v) === '[object Date]')
      throw new ScriptError(`${where}: Date objects cannot be sent through google.script.run`);
    if (seen.has(v)) throw new ScriptError(`${where}: circular objects cannot be sent through google.script.run`);
    seen.add(v);
    for (const x of Object.values(v as object)) walk(x);
  };
  walk(value);
}

/** Who runs an execution and from which spreadsheet (null: no document, as a time trigger). */
export interface RunAs {
  user?: string;
  spreadsheet?: string | null;
}

/**
 * A local Apps Script runtime: loads the very dist/Code.js into a fresh V8 context per execution,
 * with the Google services the add-on uses emulated, their limits and the 6-minute kill included.
 * Several users and spreadsheets share it, as a published add-on's script is shared: quotas and
 * triggers are counted per user across documents.
 */
export class AppsScriptHost implements ExecutionWorld {
  readonly clock: VirtualClock;
  readonly users = new Map<string, EmuUser>();
  readonly documents = new Map<string, EmuDocument>();
  readonly scriptProps: EmuProperties;
  readonly scriptCache: EmuCache;
  readonly outbox: Array<{ to: string; from: string; subject: string; body: string; at: number }> = [];
  readonly logs: string[] = [];
  triggers: Trigger[] = [];
  executions = 0;
  /** Set to simulate another execution holding every lock. */
  lockHeldElsewhere = false;
  scriptLockHeld = false;
  /** Set to simulate scopes that need re-authorization. */
  authorizationRequired = false;
  triggerSeq = 1;
  readonly manifest: Manifest;
  /** The manifest's scopes; every service method checks them. `scopes.used` shows what was needed. */
  readonly scopes: ScopeChecker;
  readonly bundleDir: string;
  /** The add-on's own time, apart from the services' (meter.ts). */
  readonly meter: CpuMeter;
  private readonly script: vm.Script;
  private readonly limitMs: number;
  private readonly defaultUser: EmuUser;
  private readonly defaultDocument: EmuDocument;
  private spreadsheetSeq = 1;

  constructor(private readonly options: HostOptions) {
    this.clock = options.clock ?? new VirtualClock(Date.now());
    this.meter = new CpuMeter(this.clock);
    this.meter.charge = options.chargeCpu ?? false;
    this.limitMs = options.executionLimitMs ?? EXECUTION_LIMIT_MS;
    this.bundleDir = options.bundleDir;
    const manifest = { ...(JSON.parse(readFileSync(join(options.bundleDir, 'appsscript.json'), 'utf8')) as Manifest), ...options.manifest };
    this.manifest = manifest;
    this.scopes = new ScopeChecker(new Set(manifest.oauthScopes ?? []));
    this.scriptProps = new EmuProperties(this.clock, 'script');
    this.scriptCache = new EmuCache(this.clock);
    this.defaultUser = this.addUser(options.userEmail ?? 'hiring.manager@company.example', options.driveDir ?? null);
    this.defaultDocument = this.documentOf(
      this.addSpreadsheet('Lever data', { owner: this.defaultUser.email, timeZone: options.timeZone }),
    );
    const code = readFileSync(join(options.bundleDir, 'Code.js'), 'utf8');
    this.script = new vm.Script(code, { filename: 'Code.js' });
  }

  addUser(email: string, driveDir: string | null = null): EmuUser {
    const user = new EmuUser(email, this.clock, this.options.transports, this.manifest.urlFetchWhitelist ?? [], this.scopes, driveDir);
    this.users.set(email, user);
    return user;
  }

  /** A new spreadsheet owned by `owner`, shared with `editors`. */
  addSpreadsheet(name: string, opts: { owner: string; editors?: string[]; timeZone?: string }): EmuSpreadsheet {
    const id = `emulated-spreadsheet-${this.spreadsheetSeq++}`;
    const ss = new EmuSpreadsheet(this.clock, name, opts.timeZone ?? 'Europe/Lisbon', id, new Set([opts.owner, ...(opts.editors ?? [])]));
    this.documents.set(id, new EmuDocument(ss, this.clock));
    return ss;
  }

  private documentOf(ss: EmuSpreadsheet): EmuDocument {
    return this.documents.get(ss.id) as EmuDocument;
  }

  user(email?: string): EmuUser {
    const u = email === undefined ? this.defaultUser : this.users.get(email);
    if (!u) throw new Error(`no user ${email} in the host`);
    return u;
  }

  /** The first spreadsheet (tests of one document use it). */
  get spreadsheet(): EmuSpreadsheet {
    return this.defaultDocument.spreadsheet;
  }
  get userProps(): EmuProperties {
    return this.defaultUser.props;
  }
  get docProps(): EmuProperties {
    return this.defaultDocument.props;
  }
  get drive(): EmuDrive {
    return this.defaultUser.drive;
  }
  get urlFetch(): EmuUrlFetch {
    return this.defaultUser.urlFetch;
  }

  openable(id: string, user: EmuUser): EmuSpreadsheet | null {
    const doc = this.documents.get(id);
    return doc && doc.spreadsheet.editors.has(user.email) ? doc.spreadsheet : null;
  }

  /**
   * Advanced services exist only when the manifest enables them, under their userSymbol; otherwise
   * the name is not defined at all ("ReferenceError: Drive is not defined"), as in Apps Script.
   */
  advancedServices(user: EmuUser): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const svc of this.manifest.dependencies?.enabledAdvancedServices ?? []) {
      if (svc.serviceId === 'drive' && svc.version === 'v3') out[svc.userSymbol] = user.drive.advanced(this.scopes);
    }
    return out;
  }

  /**
   * Runs one execution of a top-level function, as a menu, trigger or google.script.run would:
   * by default as the first user, from the first spreadsheet.
   */
  execute<T = unknown>(fn: string, args: unknown[] = [], as: RunAs = {}): ExecutionResult<T> {
    assertTransportable(args, `${fn} arguments`);
    const argsCopy = JSON.parse(JSON.stringify(args)) as unknown[];
    const user = this.user(as.user);
    const docId = as.spreadsheet === undefined ? this.defaultDocument.spreadsheet.id : as.spreadsheet;
    const doc = docId === null ? null : this.documents.get(docId);
    if (doc === undefined) throw new Error(`no spreadsheet ${docId} in the host`);
    if (doc && !doc.spreadsheet.editors.has(user.email)) throw new ScriptError(`${user.email} cannot open ${doc.spreadsheet.name}`);
    this.executions++;
    const start = this.clock.now();
    this.clock.beginExecution(this.limitMs);
    this.meter.begin();
    try {
      const ctx = this.context(user, doc);
      this.script.runInContext(ctx);
      const target = (ctx as Record<string, unknown>)[fn];
      if (typeof target !== 'function') throw new ScriptError(`Script function not found: ${fn}`);
      const value = (target as (...a: unknown[]) => T)(...argsCopy);
      if (this.clock.killed) throw new ExecutionKilled(this.limitMs);
      return { ok: true, value, killed: false, elapsedMs: this.clock.now() - start };
    } catch (e) {
      const killed = this.clock.killed || e instanceof ExecutionKilled || (e as Error)?.name === 'ExecutionKilled';
      const message = killed ? `Exceeded maximum execution time` : ((e as Error)?.message ?? String(e));
      this.logs.push(`[${fn}] ${killed ? 'killed' : 'error'}: ${message}`);
      return { ok: false, error: message, killed, elapsedMs: this.clock.now() - start };
    } finally {
      this.meter.end();
      this.clock.endExecution();
      // Locks end with the execution.
      user.lockHeld = false;
      if (doc) doc.lockHeld = false;
      this.scriptLockHeld = false;
    }
  }

  /** Calls a server function the way the sidebar's google.script.run does: JSON in and out, errors thrown. */
  call<T = unknown>(fn: string, ...args: unknown[]): T {
    return this.callAs<T>({}, fn, ...args);
  }

  /** `call` as another user or from another spreadsheet. */
  callAs<T = unknown>(as: RunAs, fn: string, ...args: unknown[]): T {
    const res = this.execute<T>(fn, args, as);
    if (!res.ok) throw new ScriptError(res.error);
    if (res.value !== undefined) assertTransportable(res.value, `${fn} result`);
    return res.value === undefined ? (undefined as T) : (JSON.parse(JSON.stringify(res.value)) as T);
  }

  /**
   * Fires every time-driven trigger whose time has come, like Google's scheduler: as the user who
   * made it, with no active document, within that user's daily trigger time.
   */
  fireDueTriggers(): ExecutionResult[] {
    const due = this.triggers.filter((t) => t.nextAt <= this.clock.now());
    return due.map((t) => {
      t.nextAt += t.everyHours * HOUR;
      const user = this.user(t.user);
      if (user.triggerMsLeft(this.clock.now()) <= 0) {
        const error = 'Service using too much computer time for one day';
        this.logs.push(`[${t.handler}] error: ${error}`);
        return { ok: false, error, killed: false, elapsedMs: 0 };
      }
      const event = { authMode: 'FULL', triggerUid: t.id, year: new Date(this.clock.now()).getUTCFullYear() };
      const res = this.execute(t.handler, [event], { user: t.user, spreadsheet: null });
      user.triggerMsToday += res.elapsedMs;
      return res;
    });
  }

  /** Moves the clock forward hour by hour, firing triggers on the way; `between` runs after each hour. */
  runHours(hours: number, between?: (hour: number) => void): ExecutionResult[] {
    const results: ExecutionResult[] = [];
    for (let h = 0; h < hours; h++) {
      this.clock.advance(HOUR);
      between?.(h);
      results.push(...this.fireDueTriggers());
    }
    return results;
  }

  private context(user: EmuUser, doc: EmuDocument | null): vm.Context {
    const clock = this.clock;
    const RealDate = Date;
    // Date reads the virtual clock, so the script's notion of "now" matches the services'.
    const VDate = function (this: unknown, ...a: unknown[]) {
      if (!new.target) return new RealDate(clock.now()).toString();
      return a.length ? new (RealDate as unknown as new (...x: unknown[]) => Date)(...a) : new RealDate(clock.now());
    } as unknown as DateConstructor;
    Object.assign(VDate, { now: () => clock.now(), UTC: RealDate.UTC, parse: RealDate.parse });
    (VDate as unknown as { prototype: Date }).prototype = RealDate.prototype;
    return vm.createContext(
      { Date: VDate, ...this.meter.wrapAll(executionGlobals(this, { user, doc })) },
      { name: 'Apps Script (emulated)' },
    );
  }
}

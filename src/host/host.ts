import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { ExecutionKilled, VirtualClock } from './clock';
import { EmuCache } from './cache';
import { EmuDrive } from './drive';
import { EmuProperties } from './properties';
import { newRichTextValue } from './cells';
import { EmuSpreadsheet } from './spreadsheet';
import { EmuUrlFetch, type Transport } from './urlfetch';
import { emulateScriptApp, HOUR, type Trigger } from './triggers';
import { makeUtilities } from './utilities';
import { ScopeChecker } from './scopes';

/** What the host reads from appsscript.json. */
export interface Manifest {
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  dependencies?: { enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }> };
}

/** Apps Script's limit for one execution. */
export const EXECUTION_LIMIT_MS = 6 * 60_000;
const DAY = 24 * HOUR;
/** Triggers' total runtime per user per day on a consumer account (Workspace: 6 h). */
export const TRIGGER_MS_PER_DAY = 90 * 60_000;

export interface HostOptions {
  /** Folder holding Code.js, Sidebar.html and appsscript.json (the build's dist/). */
  bundleDir: string;
  clock?: VirtualClock;
  /** URL prefix → who answers. */
  transports: Array<{ prefix: string; transport: Transport }>;
  userEmail?: string;
  timeZone?: string;
  /** Mirror Drive files to this folder on disk. */
  driveDir?: string;
  executionLimitMs?: number;
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
    if (Object.prototype.toString.call(v) === '[object Date]') throw new ScriptError(`${where}: Date objects cannot be sent through google.script.run`);
    if (seen.has(v)) throw new ScriptError(`${where}: circular objects cannot be sent through google.script.run`);
    seen.add(v);
    for (const x of Object.values(v as object)) walk(x);
  };
  walk(value);
}

/**
 * A local Apps Script runtime: loads the very dist/Code.js into a fresh V8 context per execution,
 * with the Google services the add-on uses emulated, their limits and the 6-minute kill included.
 */
export class AppsScriptHost {
  readonly clock: VirtualClock;
  readonly spreadsheet: EmuSpreadsheet;
  readonly userProps: EmuProperties;
  readonly docProps: EmuProperties;
  readonly scriptProps: EmuProperties;
  readonly drive: EmuDrive;
  readonly cache: EmuCache;
  readonly urlFetch: EmuUrlFetch;
  readonly outbox: Array<{ to: string; subject: string; body: string; at: number }> = [];
  readonly logs: string[] = [];
  triggers: Trigger[] = [];
  executions = 0;
  /** Set to simulate another execution holding the document lock. */
  lockHeldElsewhere = false;
  /** Set to simulate scopes that need re-authorization. */
  authorizationRequired = false;
  private lockHeld = false;
  private readonly script: vm.Script;
  private readonly userEmail: string;
  private readonly limitMs: number;
  triggerSeq = 1;
  private triggerDay = -1;
  /** Trigger runtime spent today (virtual ms), against TRIGGER_MS_PER_DAY. */
  triggerMsToday = 0;
  readonly manifest: Manifest;
  /** The manifest's scopes; every service method checks them. `scopes.used` shows what was needed. */
  readonly scopes: ScopeChecker;

  constructor(private readonly options: HostOptions) {
    this.clock = options.clock ?? new VirtualClock(Date.now());
    this.limitMs = options.executionLimitMs ?? EXECUTION_LIMIT_MS;
    this.userEmail = options.userEmail ?? 'hiring.manager@company.example';
    this.spreadsheet = new EmuSpreadsheet(this.clock, 'Lever data', options.timeZone ?? 'Europe/Lisbon');
    this.userProps = new EmuProperties(this.clock, 'user');
    this.docProps = new EmuProperties(this.clock, 'document');
    this.scriptProps = new EmuProperties(this.clock, 'script');
    this.drive = new EmuDrive(this.clock, options.driveDir ?? null);
    this.cache = new EmuCache(this.clock);
    const manifest = { ...(JSON.parse(readFileSync(join(options.bundleDir, 'appsscript.json'), 'utf8')) as Manifest), ...options.manifest };
    this.manifest = manifest;
    this.scopes = new ScopeChecker(new Set(manifest.oauthScopes ?? []));
    this.urlFetch = new EmuUrlFetch(this.clock, options.transports, manifest.urlFetchWhitelist ?? [], this.scopes);
    const code = readFileSync(join(options.bundleDir, 'Code.js'), 'utf8');
    this.script = new vm.Script(code, { filename: 'Code.js' });
  }

  /** Runs one execution of a top-level function, as a menu, trigger or google.script.run would. */
  execute<T = unknown>(fn: string, args: unknown[] = []): ExecutionResult<T> {
    assertTransportable(args, `${fn} arguments`);
    const argsCopy = JSON.parse(JSON.stringify(args)) as unknown[];
    this.executions++;
    const start = this.clock.now();
    this.clock.beginExecution(this.limitMs);
    this.lockHeld = false;
    try {
      const ctx = this.context();
      this.script.runInContext(ctx);
      const target = (ctx as Record<string, unknown>)[fn];
      if (typeof target !== 'function') throw new ScriptError(`Script function not found: ${fn}`);
      const value = (target as (...a: unknown[]) => T)(...argsCopy);
      if (this.clock.killed) throw new ExecutionKilled(this.limitMs);
      return { ok: true, value, killed: false, elapsedMs: this.clock.now() - start };
    } catch (e) {
      const killed = this.clock.killed || e instanceof ExecutionKilled || (e as Error)?.name === 'ExecutionKilled';
      const message = killed ? `Exceeded maximum execution time` : (e as Error)?.message ?? String(e);
      this.logs.push(`[${fn}] ${killed ? 'killed' : 'error'}: ${message}`);
      return { ok: false, error: message, killed, elapsedMs: this.clock.now() - start };
    } finally {
      this.clock.endExecution();
      this.lockHeld = false;
    }
  }

  /** Calls a server function the way the sidebar's google.script.run does: JSON in and out, errors thrown. */
  call<T = unknown>(fn: string, ...args: unknown[]): T {
    const res = this.execute<T>(fn, args);
    if (!res.ok) throw new ScriptError(res.error);
    if (res.value !== undefined) assertTransportable(res.value, `${fn} result`);
    return res.value === undefined ? (undefined as T) : (JSON.parse(JSON.stringify(res.value)) as T);
  }

  /** Fires every time-driven trigger whose time has come, like Google's scheduler. */
  fireDueTriggers(): ExecutionResult[] {
    const due = this.triggers.filter((t) => t.nextAt <= this.clock.now());
    return due.map((t) => {
      t.nextAt += t.everyHours * HOUR;
      const day = Math.floor(this.clock.now() / DAY);
      if (day !== this.triggerDay) {
        this.triggerDay = day;
        this.triggerMsToday = 0;
      }
      if (this.triggerMsToday >= TRIGGER_MS_PER_DAY) {
        const error = 'Service using too much computer time for one day';
        this.logs.push(`[${t.handler}] error: ${error}`);
        return { ok: false, error, killed: false, elapsedMs: 0 };
      }
      const res = this.execute(t.handler);
      this.triggerMsToday += res.elapsedMs;
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

  private context(): vm.Context {
    const clock = this.clock;
    const RealDate = Date;
    // Date reads the virtual clock, so the script's notion of "now" matches the services'.
    const VDate = function (this: unknown, ...a: unknown[]) {
      if (!new.target) return new RealDate(clock.now()).toString();
      return a.length ? new (RealDate as unknown as new (...x: unknown[]) => Date)(...a) : new RealDate(clock.now());
    } as unknown as DateConstructor;
    Object.assign(VDate, { now: () => clock.now(), UTC: RealDate.UTC, parse: RealDate.parse });
    (VDate as unknown as { prototype: Date }).prototype = RealDate.prototype;
    const log = (...a: unknown[]) => void this.logs.push(a.map(String).join(' '));
    const globals = {
      Date: VDate,
      console: { log, info: log, warn: log, error: log },
      Logger: { log },
      SpreadsheetApp: this.spreadsheetApp(),
      PropertiesService: {
        getUserProperties: () => this.userProps,
        getDocumentProperties: () => this.docProps,
        getScriptProperties: () => this.scriptProps,
      },
      CacheService: { getDocumentCache: () => this.cache, getUserCache: () => this.cache, getScriptCache: () => this.cache },
      LockService: { getDocumentLock: () => this.lock(), getScriptLock: () => this.lock(), getUserLock: () => this.lock() },
      ScriptApp: emulateScriptApp(this),
      DriveApp: this.drive.driveApp(this.scopes),
      MailApp: {
        sendEmail: (to: string, subject: string, body: string) => {
          this.scopes.require('MailApp.sendEmail');
          clock.spend(100);
          if (this.outbox.length >= 100) throw new Error('Service invoked too many times for one day: email.');
          this.outbox.push({ to, subject, body, at: clock.now() });
        },
        getRemainingDailyQuota: () => (this.scopes.require('MailApp.getRemainingDailyQuota'), 100 - this.outbox.length),
      },
      Utilities: makeUtilities(clock),
      Session: {
        getEffectiveUser: () => this.sessionUser(),
        getActiveUser: () => this.sessionUser(),
        getScriptTimeZone: () => 'Etc/UTC',
      },
      HtmlService: {
        createHtmlOutputFromFile: (name: string) => {
          const html = readFileSync(join(this.options.bundleDir, `${name}.html`), 'utf8');
          let title = '';
          const out = { setTitle: (t: string) => ((title = t), out), getTitle: () => title, getContent: () => html, setWidth: () => out, setHeight: () => out };
          return out;
        },
      },
      UrlFetchApp: this.urlFetch,
      ...this.advancedServices(),
    };
    return vm.createContext(globals, { name: 'Apps Script (emulated)' });
  }

  /**
   * Advanced services exist only when the manifest enables them, under their userSymbol; otherwise
   * the name is not defined at all ("ReferenceError: Drive is not defined"), as in Apps Script.
   */
  private advancedServices(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const svc of this.manifest.dependencies?.enabledAdvancedServices ?? []) {
      if (svc.serviceId === 'drive' && svc.version === 'v3') out[svc.userSymbol] = this.drive.advanced(this.scopes);
    }
    return out;
  }

  /** Session's user: getEmail() needs the userinfo.email scope (Session reference, Authorization). */
  private sessionUser() {
    return {
      getEmail: () => {
        this.scopes.require('User.getEmail');
        return this.userEmail;
      },
    };
  }

  private spreadsheetApp() {
    const ss = this.spreadsheet;
    const scopes = this.scopes;
    return {
      getActiveSpreadsheet: () => (scopes.require('SpreadsheetApp.getActiveSpreadsheet'), ss),
      newRichTextValue,
      getActive: () => (scopes.require('SpreadsheetApp.getActive'), ss),
      openById: (id: string) => {
        scopes.require('SpreadsheetApp.openById');
        if (id !== ss.getId()) throw new Error('Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.');
        return ss;
      },
      flush: () => (scopes.require('SpreadsheetApp.flush'), ss.charge('SpreadsheetApp.flush', 50)),
      getUi: () => ({
        createAddonMenu: () => {
          const items: Array<[string, string]> = [];
          const menu = { addItem: (title: string, fn: string) => (items.push([title, fn]), menu), addSeparator: () => menu, addToUi: () => void ss.ui.menus.push({ title: 'Add-on', items }) };
          return menu;
        },
        showSidebar: (html: { getContent(): string; getTitle(): string }) => {
          scopes.require('Ui.showSidebar');
          ss.ui.sidebars.push({ title: html.getTitle(), html: html.getContent() });
        },
      }),
    };
  }

  private lock() {
    return {
      tryLock: (ms: number) => {
        if (this.lockHeldElsewhere) {
          this.clock.spend(ms);
          return false;
        }
        this.clock.spend(5);
        this.lockHeld = true;
        return true;
      },
      waitLock: (ms: number) => {
        if (this.lockHeldElsewhere) {
          this.clock.spend(ms);
          throw new Error('Lock timeout: another process was holding the lock for too long.');
        }
        this.lockHeld = true;
      },
      releaseLock: () => void (this.lockHeld = false),
      hasLock: () => this.lockHeld,
    };
  }
}

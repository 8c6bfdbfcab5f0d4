import { CHART_TYPES } from './charts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmuDocument, EmuUser } from './accounts';
import type { EmuCache } from './cache';
import { newRichTextValue } from './cells';
import type { VirtualClock } from './clock';
import type { EmuProperties } from './properties';
import type { ScopeChecker } from './scopes';
import type { EmuSpreadsheet } from './workbook';
import { emulateScriptApp, type TriggerHost } from './triggers';
import { makeUtilities } from './utilities';

/** What the globals of one execution are built from. */
export interface ExecutionWorld extends TriggerHost {
  readonly clock: VirtualClock;
  readonly scopes: ScopeChecker;
  readonly bundleDir: string;
  readonly logs: string[];
  readonly outbox: Array<{ to: string; from: string; subject: string; body: string; at: number }>;
  readonly scriptProps: EmuProperties;
  readonly scriptCache: EmuCache;
  lockHeldElsewhere: boolean;
  scriptLockHeld: boolean;
  advancedServices(user: EmuUser): Record<string, unknown>;
  /** A spreadsheet the user may open by id, or null. */
  openable(id: string, user: EmuUser): EmuSpreadsheet | null;
}

/** Where an execution runs: who runs it, and the document it was started from (none for a time trigger). */
export interface ExecutionPlace {
  user: EmuUser;
  doc: EmuDocument | null;
}

/**
 * MailApp counts recipients, not messages: 100 recipients a day for a consumer account (Quotas
 * page, "Email recipients per day"; Workspace's 1,500 is the laxer case), at most 50 in one
 * message (../shared/reference/apps-script.md §1.7). The stricter, consumer figures apply, over
 * the last 24 hours.
 */
const MAIL_PER_DAY = 100;
const MAIL_RECIPIENTS_PER_MESSAGE = 50;
const DAY_MS = 24 * 3600_000;

function lockOf(world: ExecutionWorld, holder: { lockHeld: boolean }) {
  return {
    tryLock: (ms: number) => {
      if (world.lockHeldElsewhere) {
        world.clock.spend(ms);
        return false;
      }
      world.clock.spend(5);
      holder.lockHeld = true;
      return true;
    },
    waitLock: (ms: number) => {
      if (world.lockHeldElsewhere) {
        world.clock.spend(ms);
        throw new Error('Lock timeout: another process was holding the lock for too long.');
      }
      holder.lockHeld = true;
    },
    releaseLock: () => void (holder.lockHeld = false),
    hasLock: () => holder.lockHeld,
  };
}

/**
 * The Google globals of one execution. A time-driven trigger runs with no document: Google does
 * not document that an add-on's clock trigger sees the active spreadsheet, document properties,
 * cache or lock (getTriggerSourceId() is null for clock triggers; public add-on libraries open
 * documents by id; 2026-11-30 audit), so here they are null, the stricter case.
 */
// eslint-disable-next-line max-lines-per-function -- a service surface: one entry per Google global
export function executionGlobals(world: ExecutionWorld, place: ExecutionPlace): Record<string, unknown> {
  const { clock, scopes } = world;
  const { user, doc } = place;
  // Every store this execution touches charges the running user's daily property quota.
  for (const props of [user.props, world.scriptProps, doc?.props]) if (props) props.quota = user.propertyQuota;
  const log = (...a: unknown[]) => void world.logs.push(a.map(String).join(' '));
  const sentRecipients = () =>
    world.outbox
      .filter((m) => m.from === user.email && m.at > clock.now() - DAY_MS)
      .reduce((n, m) => n + m.to.split(',').filter((a) => a.trim()).length, 0);
  const userOf = () => ({
    getEmail: () => {
      // Session reference: getEmail() "requires authorization with ... userinfo.email".
      scopes.require('User.getEmail');
      return user.email;
    },
  });
  return {
    console: { log, info: log, warn: log, error: log },
    Logger: { log },
    SpreadsheetApp: spreadsheetApp(world, place),
    // The Charts service needs no scope of its own; charts are reached through a sheet.
    Charts: { ChartType: CHART_TYPES },
    PropertiesService: {
      getUserProperties: () => user.props,
      getDocumentProperties: () => doc?.props ?? null,
      getScriptProperties: () => world.scriptProps,
    },
    CacheService: { getDocumentCache: () => doc?.cache ?? null, getUserCache: () => user.cache, getScriptCache: () => world.scriptCache },
    LockService: {
      getDocumentLock: () => (doc ? lockOf(world, doc) : null),
      getUserLock: () => lockOf(world, user),
      getScriptLock: () =>
        lockOf(world, {
          get lockHeld() {
            return world.scriptLockHeld;
          },
          set lockHeld(v) {
            world.scriptLockHeld = v;
          },
        }),
    },
    ScriptApp: emulateScriptApp(world, user.email, doc?.spreadsheet.id ?? null),
    DriveApp: user.drive.driveApp(scopes),
    MailApp: {
      sendEmail: (to: string, subject: string, body: string) => {
        scopes.require('MailApp.sendEmail');
        clock.spend(100);
        const recipients = String(to)
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean);
        if (recipients.length === 0 || recipients.some((a) => !/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(a)))
          throw new Error(`Exception: Invalid email: ${to}`);
        if (recipients.length > MAIL_RECIPIENTS_PER_MESSAGE) throw new Error('Exception: Too many recipients.');
        if (sentRecipients() + recipients.length > MAIL_PER_DAY) throw new Error('Service invoked too many times for one day: email.');
        world.outbox.push({ to, from: user.email, subject, body, at: clock.now() });
      },
      getRemainingDailyQuota: () => (scopes.require('MailApp.getRemainingDailyQuota'), Math.max(0, MAIL_PER_DAY - sentRecipients())),
    },
    Utilities: makeUtilities(clock),
    Session: {
      getEffectiveUser: userOf,
      getActiveUser: userOf,
      getScriptTimeZone: () => 'Etc/UTC',
      getTemporaryActiveUserKey: () => `key-${Buffer.from(user.email).toString('hex').slice(0, 24)}`,
    },
    HtmlService: {
      createHtmlOutputFromFile: (name: string) => {
        const html = readFileSync(join(world.bundleDir, `${name}.html`), 'utf8');
        let title = '';
        let content = html;
        const out = {
          setTitle: (t: string) => ((title = t), out),
          getTitle: () => title,
          getContent: () => content,
          append: (more: string) => ((content += more), out),
          setWidth: () => out,
          setHeight: () => out,
        };
        return out;
      },
    },
    UrlFetchApp: user.urlFetch,
    ...world.advancedServices(user),
  };
}

function spreadsheetApp(world: ExecutionWorld, place: ExecutionPlace) {
  const { scopes } = world;
  const ss = place.doc?.spreadsheet ?? null;
  return {
    DeveloperMetadataVisibility: { DOCUMENT: 'DOCUMENT', PROJECT: 'PROJECT' },
    DeveloperMetadataLocationType: { SPREADSHEET: 'SPREADSHEET', SHEET: 'SHEET', ROW: 'ROW', COLUMN: 'COLUMN' },
    getActiveSpreadsheet: () => (scopes.require('SpreadsheetApp.getActiveSpreadsheet'), ss),
    getActive: () => (scopes.require('SpreadsheetApp.getActive'), ss),
    newRichTextValue,
    openById: (id: string) => {
      scopes.require('SpreadsheetApp.openById');
      world.clock.spend(300);
      const found = world.openable(id, place.user);
      if (!found) throw new Error('Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.');
      return found;
    },
    flush: () => {
      scopes.require('SpreadsheetApp.flush');
      world.clock.spend(50);
    },
    getUi: () => {
      if (!ss) throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
      return {
        createAddonMenu: () => {
          const items: Array<[string, string]> = [];
          const menu = {
            addItem: (title: string, fn: string) => (items.push([title, fn]), menu),
            addSeparator: () => menu,
            addToUi: () => void ss.ui.menus.push({ title: 'Add-on', items }),
          };
          return menu;
        },
        showSidebar: (html: { getContent(): string; getTitle(): string }) => {
          scopes.require('Ui.showSidebar');
          ss.ui.sidebars.push({ title: html.getTitle(), html: html.getContent() });
        },
      };
    },
  };
}

import type { Platform, TriggerView, UserPlatform } from '../core/app/platform';
import { ConfigError } from '../core/errors';
import type { Destination } from '../core/ports';
import { documentLease, documentStore, tabStore } from './document-store';
import { driveDestination } from './drive';
import { urlFetchHttp } from './http';
import { documentLock, gasClock, gasCrypto, gasZoner, mailApp, propertiesStore, scriptTriggers, userCache } from './services';
import { GasWorkbook } from './sheet';

/** Wires the Apps Script services that belong to the running user. The only place that builds them. */
export function gasUserPlatform(): UserPlatform {
  const user: UserPlatform = {
    http: urlFetchHttp,
    clock: gasClock,
    userStore: propertiesStore(PropertiesService.getUserProperties()),
    cache: userCache(),
    triggers: scriptTriggers,
    mail: mailApp,
    crypto: gasCrypto,
    userEmail: () => Session.getEffectiveUser().getEmail(),
    log: (m) => console.log(m),
    newId: () => Utilities.getUuid().replace(/-/g, '').slice(0, 16),
    authorization() {
      const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
      // getAuthorizedScopes came with granular consent; older runtimes lack it.
      const scoped = info as unknown as { getAuthorizedScopes?: () => string[] };
      return {
        required: info.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED,
        scopes: typeof scoped.getAuthorizedScopes === 'function' ? scoped.getAuthorizedScopes() : null,
      };
    },
    openDocument(id) {
      let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
      try {
        ss = SpreadsheetApp.openById(id);
      } catch (e) {
        // A missing scope is the add-on's problem, not a sign that the spreadsheet is gone.
        if (/permission to call/i.test((e as Error).message)) throw e;
        return null; // deleted, no longer shared with this user, or Sheets did not answer
      }
      return documentPlatform(user, ss, null);
    },
  };
  return user;
}

function documentPlatform(user: UserPlatform, ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lock: Platform['lock']): Platform {
  const drives = new Map<string, Destination>();
  const docStore = documentStore(ss);
  return {
    ...user,
    documentId: ss.getId(),
    documentName: ss.getName(),
    docStore,
    jobStore: (sheetName) => tabStore(ss, docStore, sheetName),
    lease: documentLease(ss),
    workbook: new GasWorkbook(ss),
    destination: (_to, folder) => {
      const key = folder ?? '';
      if (!drives.has(key)) drives.set(key, driveDestination(ss.getId(), ss.getName(), folder));
      return drives.get(key)!;
    },
    lock,
    zone: gasZoner(ss.getSpreadsheetTimeZone()),
  };
}

/** What this execution can see of the document services: recorded by the trigger for the check. */
export function triggerView(): TriggerView {
  const seen = (f: () => unknown) => {
    try {
      return f() !== null && f() !== undefined;
    } catch (_) {
      return false;
    }
  };
  return {
    at: Date.now(),
    activeSpreadsheet: seen(() => SpreadsheetApp.getActiveSpreadsheet()),
    documentProperties: seen(() => PropertiesService.getDocumentProperties()),
    documentCache: seen(() => CacheService.getDocumentCache()),
    documentLock: seen(() => LockService.getDocumentLock()),
  };
}

/** The platform of a sidebar or menu call: the spreadsheet the add-on is open in. */
export function gasPlatform(): Platform {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new ConfigError('spreadsheet', 'Lever Sync works inside a spreadsheet: open it from Extensions → Lever Sync.');
  return documentPlatform(gasUserPlatform(), ss, documentLock());
}

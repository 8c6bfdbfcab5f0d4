/**
 * The bundle's entry points: the names Apps Script calls (menu, triggers, google.script.run).
 * Each one only wires the Apps Script platform into the core. docs/API.md describes them.
 */
import { quotaPlan, setAccountKind as setAccountKindCore } from '../core/app/plan';
import { getUsage as getUsageCore } from '../core/app/usage';
import { saveWebhook as saveWebhookCore, testWebhook as testWebhookCore } from '../core/app/webhook';
import { saveDestinationSecret as saveDestinationSecretCore, testDestination as testDestinationCore } from '../core/app/destinations';
import { runJobSlice as runJobSliceCore, runScheduledSyncs as runScheduledCore } from '../core/app/run';
import { cancelRun as cancelRunCore } from '../core/app/cancel';
import { USER_KEYS } from '../core/store/schema';
import {
  disconnect as disconnectCore,
  flushLedger,
  rpcError,
  saveConnection as saveConnectionCore,
  testConnection as testConnectionCore,
} from '../core/app/connection';
import { encodeRpcError } from '../shared/errors';
import {
  deleteJob as deleteJobCore,
  filterOptions,
  runLog,
  saveJob as saveJobCore,
  sidebarState,
  openJobTab,
  takeOverSchedule as takeOverCore,
  approveJob as approveJobCore,
} from '../core/app/jobs';
import { checkSpreadsheet as checkCore } from '../core/app/check';
import { listFields as listFieldsCore, previewJob as previewJobCore } from '../core/app/preview';
import { listTemplates as listTemplatesCore, saveJobFromTemplate as saveJobFromTemplateCore } from '../core/app/templates';
import type { Platform } from '../core/app/platform';
import type { ServerApi } from '../shared/rpc';
import { gasPlatform, gasUserPlatform, triggerView } from './platform';

const MENU_TITLE = 'Open Lever Sync';
const CHECK_TITLE = 'Check this spreadsheet';

/** Runs a sidebar call; a failure reaches the sidebar as {code, message, field}, without secrets. */
function rpc<T>(work: (p: Platform) => T): T {
  let p: Platform | null = null;
  try {
    p = gasPlatform();
    const out = work(p);
    flushLedger(p);
    return out;
  } catch (e) {
    if (p) flushLedger(p);
    // No `cause`: the original error may hold the key; only the redacted envelope may leave.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(encodeRpcError(rpcError(p, e)));
  }
}

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  // Runs in AuthMode.NONE before the add-on is used in this file: build the menu and nothing else.
  SpreadsheetApp.getUi().createAddonMenu().addItem(MENU_TITLE, 'showSidebar').addItem(CHECK_TITLE, 'showCheck').addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function showSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Lever Sync'));
}

/** Menu "Check this spreadsheet": the sidebar opens on the check, which runs and shows its report. */
export function showCheck(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar')
    .setTitle('Lever Sync')
    .append('<div id="lever-sync-start" data-view="check" hidden></div>');
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The hourly trigger handler. Skips (and asks once a day to re-authorize) when scopes changed. */
export function runScheduledSyncs(): void {
  const auth = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  if (auth.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED) {
    askToReauthorize(auth.getAuthorizationUrl());
    return;
  }
  runScheduledCore(gasUserPlatform(), triggerView());
}

/** At most one mail a day; a notice that cannot be sent (no scope yet, no quota) is only logged. */
function askToReauthorize(url: string): void {
  const props = PropertiesService.getUserProperties();
  const last = Number(props.getProperty(USER_KEYS.reauthMailedAt) ?? 0);
  if (Date.now() - last <= 24 * 3600_000) return;
  try {
    if (MailApp.getRemainingDailyQuota() > 0) {
      MailApp.sendEmail(
        Session.getEffectiveUser().getEmail(),
        'Lever Sync needs your permission again',
        `Scheduled Lever syncs are paused until you authorize the add-on again: ${url}`,
      );
    }
    props.setProperty(USER_KEYS.reauthMailedAt, String(Date.now()));
  } catch (e) {
    console.log(`Could not send the re-authorization notice: ${(e as Error).message}`);
  }
}

export const getSidebarState: ServerApi['getSidebarState'] = () => rpc((p) => sidebarState(p));
export const saveConnection: ServerApi['saveConnection'] = (input) => rpc((p) => saveConnectionCore(p, input));
export const testConnection: ServerApi['testConnection'] = () => rpc((p) => testConnectionCore(p));
export const saveJob: ServerApi['saveJob'] = (job) => rpc((p) => saveJobCore(p, job));
export const deleteJob: ServerApi['deleteJob'] = (id) => rpc((p) => deleteJobCore(p, id));
export const runJobSlice: ServerApi['runJobSlice'] = (id, options) => rpc((p) => runJobSliceCore(p, id, options));
export const cancelRun: ServerApi['cancelRun'] = (id) => rpc((p) => cancelRunCore(p, id));
export const listFields: ServerApi['listFields'] = (object) => rpc((p) => listFieldsCore(p, object));
export const previewJob: ServerApi['previewJob'] = (job) => rpc((p) => previewJobCore(p, job));
export const getRunLog: ServerApi['getRunLog'] = (limit) => rpc((p) => runLog(p, limit));
export const listFilterOptions: ServerApi['listFilterOptions'] = () => rpc((p) => filterOptions(p));
export const takeOverSchedule: ServerApi['takeOverSchedule'] = () => rpc((p) => takeOverCore(p));
export const checkSpreadsheet: ServerApi['checkSpreadsheet'] = () => rpc((p) => checkCore(p));
export const approveJob: ServerApi['approveJob'] = (id) => rpc((p) => approveJobCore(p, id));
export const disconnect: ServerApi['disconnect'] = () => rpc((p) => disconnectCore(p));
export const openTab: ServerApi['openTab'] = (id, options) => rpc((p) => openJobTab(p, id, options));
export const listTemplates: ServerApi['listTemplates'] = () => rpc(() => listTemplatesCore());
export const saveJobFromTemplate: ServerApi['saveJobFromTemplate'] = (name, options) =>
  rpc((p) => saveJobFromTemplateCore(p, name, options));
export const getQuotaPlan: ServerApi['getQuotaPlan'] = () => rpc((p) => quotaPlan(p));
export const setAccountKind: ServerApi['setAccountKind'] = (kind) => rpc((p) => setAccountKindCore(p, kind));
export const saveDestinationSecret: ServerApi['saveDestinationSecret'] = (input) => rpc((p) => saveDestinationSecretCore(p, input));
export const testDestination: ServerApi['testDestination'] = (exp) => rpc((p) => testDestinationCore(p, exp));
export const saveWebhook: ServerApi['saveWebhook'] = (input) => rpc((p) => saveWebhookCore(p, input));
export const testWebhook: ServerApi['testWebhook'] = () => rpc((p) => testWebhookCore(p));
export const getUsage: ServerApi['getUsage'] = () => rpc((p) => getUsageCore(p));

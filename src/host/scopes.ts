/**
 * Which OAuth scope each Apps Script method the add-on calls needs, and the check that refuses a
 * call the manifest's scopes do not cover, with Google's own wording. Where Google's reference is
 * vague the stricter reading is taken (see each note).
 */

const AUTH = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  currentOnly: `${AUTH}spreadsheets.currentonly`,
  spreadsheets: `${AUTH}spreadsheets`,
  containerUi: `${AUTH}script.container.ui`,
  externalRequest: `${AUTH}script.external_request`,
  scriptApp: `${AUTH}script.scriptapp`,
  driveFile: `${AUTH}drive.file`,
  drive: `${AUTH}drive`,
  driveReadonly: `${AUTH}drive.readonly`,
  sendMail: `${AUTH}script.send_mail`,
  userEmail: `${AUTH}userinfo.email`,
} as const;

const S = SCOPES;

/**
 * Method → the scopes that each allow it (any one will do). Sources: each method's
 * "Authorization" section in the Apps Script reference (developers.google.com/apps-script/reference),
 * and the editor add-on scopes page (spreadsheets.currentonly covers SpreadsheetApp on the open
 * document only: openById needs the full spreadsheets scope; public report: peterherrmann/BetterLog#29
 * quotes "You do not have permission to call SpreadsheetApp.openById. Required permissions:
 * https://www.googleapis.com/auth/spreadsheets").
 */
export const METHOD_SCOPES: Record<string, readonly string[]> = {
  'SpreadsheetApp.getActiveSpreadsheet': [S.currentOnly, S.spreadsheets],
  'SpreadsheetApp.getActive': [S.currentOnly, S.spreadsheets],
  'SpreadsheetApp.flush': [S.currentOnly, S.spreadsheets],
  'SpreadsheetApp.openById': [S.spreadsheets],
  'SpreadsheetApp.openByUrl': [S.spreadsheets],
  // Menus need no scope (onOpen runs in AuthMode.NONE); showing a sidebar needs container.ui.
  'Ui.showSidebar': [S.containerUi],
  'UrlFetchApp.fetch': [S.externalRequest],
  'UrlFetchApp.fetchAll': [S.externalRequest],
  'ScriptApp.newTrigger': [S.scriptApp],
  'ScriptApp.getUserTriggers': [S.scriptApp],
  'ScriptApp.getProjectTriggers': [S.scriptApp],
  'ScriptApp.deleteTrigger': [S.scriptApp],
  'MailApp.sendEmail': [S.sendMail],
  // The quota lookup is listed with the same scope as sending (stricter reading).
  'MailApp.getRemainingDailyQuota': [S.sendMail],
  // Session.getEffectiveUser().getEmail(): "requires authorization with ... userinfo.email".
  'User.getEmail': [S.userEmail],
  // Advanced Drive service (Drive API v3): drive.file sees only files this app created.
  'Drive.Files.create': [S.driveFile, S.drive],
  'Drive.Files.list': [S.driveFile, S.drive, S.driveReadonly],
  'Drive.Files.get': [S.driveFile, S.drive, S.driveReadonly],
  'Drive.Files.update': [S.driveFile, S.drive],
};

/**
 * Every DriveApp method (and those of the Folder and File objects it returns) needs the full
 * drive scope, reads also drive.readonly: drive.file is not enough. Source: the DriveApp reference
 * pages, and the error quoted in ../shared/reference/apps-script.md (2026-11-30 audit):
 * "You do not have permission to call DriveApp.… Required permissions: …drive.readonly || …drive".
 */
export const DRIVEAPP_SCOPES: readonly string[] = [S.driveReadonly, S.drive];

export class ScopeChecker {
  /** Scopes actually needed by the calls made so far (the first allowed scope of each call). */
  readonly used = new Set<string>();

  constructor(readonly granted: ReadonlySet<string>) {}

  /** Throws Google's "You do not have permission" error unless a granted scope allows `method`. */
  require(method: string, allowed: readonly string[] = METHOD_SCOPES[method] ?? []): void {
    if (allowed.length === 0) return;
    const ok = allowed.find((s) => this.granted.has(s));
    if (!ok) {
      throw new Error(`Exception: You do not have permission to call ${method}. Required permissions: ${allowed.join(' || ')}`);
    }
    this.used.add(ok);
  }
}

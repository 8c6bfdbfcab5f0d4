import type { Platform } from '../core/app/platform';
import { urlFetchHttp } from './http';
import { driveFiles } from './drive';
import { documentCache, documentLock, gasClock, gasCrypto, gasZoner, mailApp, propertiesStore, scriptTriggers } from './services';
import { GasWorkbook } from './sheet';

/** Wires the Apps Script services into the core's ports. The only place that builds them. */
export function gasPlatform(): Platform {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const docProps = PropertiesService.getDocumentProperties();
  let files: ReturnType<typeof driveFiles> | null = null;
  return {
    http: urlFetchHttp,
    clock: gasClock,
    userStore: propertiesStore(PropertiesService.getUserProperties()),
    docStore: propertiesStore(docProps),
    workbook: new GasWorkbook(ss),
    files: () => (files ??= driveFiles(ss.getId(), ss.getName())),
    lock: documentLock(),
    cache: documentCache(),
    triggers: scriptTriggers(ss),
    mail: mailApp,
    crypto: gasCrypto,
    zone: gasZoner(ss.getSpreadsheetTimeZone()),
    userEmail: () => Session.getEffectiveUser().getEmail(),
    log: (m) => console.log(m),
    newId: () => Utilities.getUuid().replace(/-/g, '').slice(0, 16),
  };
}

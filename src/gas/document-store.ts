import type { LeasePort } from '../core/app/platform';
import { JOB_KEYS, LEASE_KEY, METADATA_PREFIX } from '../core/store/schema';
import { InternalError } from '../core/errors';
import type { StorePort } from '../core/ports';

type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/** A place developer metadata can hang on: the spreadsheet, or one of its sheets. */
interface Location {
  getDeveloperMetadata(): Metadata[];
  addDeveloperMetadata(key: string, value: string, visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): unknown;
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;
}

const PREFIX = METADATA_PREFIX;

function finder(at: Location, key: string): Metadata[] {
  return at.createDeveloperMetadataFinder().withKey(key).withVisibility(SpreadsheetApp.DeveloperMetadataVisibility.PROJECT).find();
}

/**
 * A key-value store in developer metadata, visible to this script project only. Unlike document
 * properties it is reachable from any execution that can open the spreadsheet, including a time
 * trigger that opens it by id. Read once per execution, written through; `reload` reads afresh.
 * `locate()` finds the location (null while it does not exist: reads are empty, writes throw).
 */
// eslint-disable-next-line max-lines-per-function -- one store: its read cache and its four operations belong together
function metadataStore(locate: () => Location | null): StorePort & { exists(): boolean } {
  let items: Map<string, Metadata> | null = null;
  let from: Location | null = null;
  const load = (): Map<string, Metadata> => {
    if (!items) {
      items = new Map();
      from = locate();
      for (const m of from?.getDeveloperMetadata() ?? []) {
        const key = m.getKey();
        if (key.startsWith(PREFIX) && key !== LEASE_KEY && m.getVisibility() === SpreadsheetApp.DeveloperMetadataVisibility.PROJECT)
          items.set(key.slice(PREFIX.length), m);
      }
    }
    return items;
  };
  const put = (key: string, value: string): void => {
    const m = load().get(key);
    if (m) return void m.setValue(value);
    if (!from) throw new InternalError('No place to keep the sync state: its tab is missing.');
    from.addDeveloperMetadata(PREFIX + key, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    // addDeveloperMetadata returns its location, not the entry. Read the location's own entries
    // (a spreadsheet's finder would also search its sheets, where a tab may hold the same key).
    const added = from.getDeveloperMetadata().filter((x) => x.getKey() === PREFIX + key);
    load().set(key, added[added.length - 1]);
  };
  return {
    get: (key) => load().get(key)?.getValue() ?? null,
    set(key, value) {
      try {
        put(key, value);
      } catch {
        // The tab (and its metadata) went away during the execution: read again and retry once.
        items = null;
        put(key, value);
      }
    },
    delete(key) {
      const m = load().get(key);
      load().delete(key);
      try {
        m?.remove();
      } catch {
        // Already gone with its tab.
      }
    },
    keys: () => [...load().keys()],
    reload() {
      items = null;
    },
    exists() {
      if (items && !from && locate()) items = null; // the location appeared since the last read
      load();
      return from !== null;
    },
  };
}

/** What is shared by the spreadsheet's jobs: the jobs themselves, the schedule owner, the hashing salt. */
export function documentStore(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StorePort {
  return metadataStore(() => ss);
}

/**
 * One job's own data (sync state, custom columns). Each location holds at most 30,000
 * characters, so it lives on the job's tab, which has a budget of its own; a tab the user deletes
 * takes the sync state with it, and the next run is a full one. Until the tab exists (a first run
 * that failed, say) it stays in the spreadsheet's store, and moves to the tab at the next write.
 * No tab is ever made just to hold state.
 */
export function tabStore(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, shared: StorePort, sheetName: string): StorePort {
  const tab = metadataStore(() => ss.getSheetByName(sheetName));
  return {
    get: (key) => (tab.exists() ? tab.get(key) : null) ?? shared.get(key),
    set(key, value) {
      if (!tab.exists()) return shared.set(key, value);
      if (tab.get(JOB_KEYS.written) === null) tab.set(JOB_KEYS.written, '1');
      tab.set(key, value);
      if (shared.get(key) !== null) shared.delete(key);
    },
    delete(key) {
      if (tab.exists()) tab.delete(key);
      if (shared.get(key) !== null) shared.delete(key);
    },
    keys: () => [...new Set([...(tab.exists() ? tab.keys() : []), ...shared.keys()])],
    reload: () => tab.reload?.(),
  };
}

/**
 * The run lease, read from the document on every call: it is how executions see each other. Its
 * key is only ever on the spreadsheet itself, so the finder (which also searches sheets) is safe.
 */
export function documentLease(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): LeasePort {
  return {
    read: () => finder(ss, LEASE_KEY)[0]?.getValue() ?? null,
    write(value) {
      const [first, ...extra] = finder(ss, LEASE_KEY);
      for (const m of extra) m.remove();
      if (value === null) first?.remove();
      else if (first) first.setValue(value);
      else ss.addDeveloperMetadata(LEASE_KEY, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    },
  };
}

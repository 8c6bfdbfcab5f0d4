import { ConfigError } from '../core/errors';
import type { Destination, StoredFile } from '../core/ports';
import { signedBytes } from './services';

/**
 * Mirror files through the Advanced Drive service (v3). DriveApp would need the full `drive`
 * scope for every call; the Drive API works with `drive.file`, which lets the add-on see only the
 * files it created. So the folder is found again by a marker the add-on set on it, never by name.
 */

const FOLDER_MIME = 'application/vnd.google-apps.folder';
const MARKER = 'leverSyncExportsFor';
/** A named folder of a copy: which spreadsheet's and which name (two properties: Drive allows 124 bytes each). */
const FOLDER_FOR = 'leverSyncFolderFor';
const FOLDER_NAME = 'leverSyncFolderName';
const FILE_FIELDS = 'nextPageToken, files(id, name, size, createdTime, md5Checksum)';

type DriveFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;

function drive(): GoogleAppsScript.Drive {
  if (typeof Drive === 'undefined' || !Drive) {
    throw new ConfigError(
      'mirror',
      'the Drive API advanced service is not enabled for this script (appsscript.json, dependencies.enabledAdvancedServices): the copy to Drive cannot be written. Whoever deployed the add-on must enable it (docs/DEPLOY.md).',
    );
  }
  return Drive;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function listAll(q: string): DriveFile[] {
  const out: DriveFile[] = [];
  let pageToken: string | undefined;
  do {
    const page = drive().Files!.list({ q, fields: FILE_FIELDS, pageSize: 1000, ...(pageToken ? { pageToken } : {}) });
    out.push(...(page.files ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

function stored(f: DriveFile): StoredFile {
  return {
    id: String(f.id),
    name: String(f.name),
    size: Number(f.size ?? 0),
    createdAt: Date.parse(String(f.createdTime ?? '')) || 0,
    // Drive reports an MD5 for files with binary content: every copy the add-on writes.
    ...(f.md5Checksum ? { md5: String(f.md5Checksum) } : {}),
  };
}

/** Finds a folder by its marker properties, wherever the user moved it, or makes it. */
function markedFolder(marks: Record<string, string>, create: () => DriveFile): string {
  const has = Object.entries(marks).map(([k, v]) => `appProperties has { key='${k}' and value=${quote(v)} }`);
  const q = [`mimeType = '${FOLDER_MIME}'`, 'trashed = false', ...has].join(' and ');
  const found = drive().Files!.list({ q, fields: 'files(id)', pageSize: 1 }).files ?? [];
  return found.length ? String(found[0].id) : String(create().id);
}

/**
 * The add-on's export folder for one spreadsheet, in the Drive of the user running the sync, or
 * with `name` a folder of that name made inside it (for files some people share apart, such as
 * resumes for screeners). Either is found again by its marker after the user moves it anywhere in
 * their Drive: with drive.file, folders the add-on made are the only ones it can write to.
 */
export function driveDestination(spreadsheetId: string, spreadsheetName: string, name?: string): Destination {
  let folderId: string | null = null;
  const root = () =>
    markedFolder({ [MARKER]: spreadsheetId }, () =>
      drive().Files!.create({
        name: `Lever Sync exports – ${spreadsheetName}`,
        mimeType: FOLDER_MIME,
        appProperties: { [MARKER]: spreadsheetId },
      }),
    );
  const named = (n: string) => {
    const marks = { [FOLDER_FOR]: spreadsheetId, [FOLDER_NAME]: n };
    return markedFolder(marks, () => drive().Files!.create({ name: n, mimeType: FOLDER_MIME, parents: [root()], appProperties: marks }));
  };
  const folder = (): string => (folderId ??= name ? named(name) : root());
  const inFolder = (extra: string) => listAll(`${quote(folder())} in parents and trashed = false${extra}`);
  return {
    write(name, content, mimeType) {
      const blob = Utilities.newBlob(signedBytes(content) as GoogleAppsScript.Byte[], mimeType, name);
      const [existing, ...extra] = inFolder(` and name = ${quote(name)}`);
      // Same name: new content in the same file, so links people keep to it stay good.
      for (const f of extra) drive().Files!.update({ trashed: true }, String(f.id));
      const f = existing
        ? drive().Files!.update({}, String(existing.id), blob, { fields: 'id, name, size, createdTime, md5Checksum' })
        : drive().Files!.create({ name, mimeType, parents: [folder()] }, blob, { fields: 'id, name, size, createdTime, md5Checksum' });
      return stored(f);
    },
    list(prefix) {
      return inFolder('')
        .filter((f) => String(f.name).startsWith(prefix))
        .map(stored);
    },
    remove(id) {
      drive().Files!.update({ trashed: true }, id);
    },
    link(file) {
      return `https://drive.google.com/file/d/${encodeURIComponent(file.id)}/view`;
    },
  };
}

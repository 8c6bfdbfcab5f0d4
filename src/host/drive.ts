import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmuBlob } from './blob';
import type { VirtualClock } from './clock';
import { DRIVEAPP_SCOPES, type ScopeChecker } from './scopes';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

let nextId = 1;

/** One Drive item (file or folder) of one user's Drive. */
export class EmuFile {
  trashed = false;
  constructor(
    readonly id: string,
    public name: string,
    public blob: EmuBlob,
    readonly created: number,
    public parents: string[],
    readonly mimeType: string,
    /** Created by this add-on (what drive.file lets it see), or by the user in Drive's own UI. */
    readonly byApp: boolean,
    public appProperties: Record<string, string> = {},
  ) {}
  get isFolder(): boolean {
    return this.mimeType === FOLDER_MIME;
  }
}

/**
 * Drive's limits on custom file properties (Drive API Property reference: "Maximum of 124 bytes
 * size limit on (key + value) string in UTF-8 encoding for a single property", at most 30 private
 * properties per app).
 */
function checkAppProperties(props: Record<string, string>, method: string): void {
  const entries = Object.entries(props);
  const tooBig = entries.find(([k, v]) => Buffer.byteLength(k + v, 'utf8') > 124);
  if (tooBig || entries.length > 30)
    throw new Error(
      `GoogleJsonResponseException: API call to drive.files.${method} failed with error: The limit for property "${tooBig?.[0] ?? ''}" has been exceeded.`,
    );
}

/** A Drive v3 File resource with the fields Google returns when asked for them. */
type FileResource = Record<string, unknown>;

/** Drive v3 answers only `id, name, mimeType, kind` unless `fields` asks for more. */
const DEFAULT_FIELDS = ['kind', 'id', 'name', 'mimeType'];
const ALL_FIELDS = [...DEFAULT_FIELDS, 'parents', 'trashed', 'size', 'createdTime', 'appProperties', 'md5Checksum'];

function pickFields(f: EmuFile, fields: string[] | null): FileResource {
  const all: FileResource = {
    kind: 'drive#file',
    id: f.id,
    name: f.name,
    mimeType: f.mimeType,
    parents: [...f.parents],
    trashed: f.trashed,
    size: f.isFolder ? undefined : String(f.blob.raw().length),
    // Drive: "only applicable to files with binary content" (folders have none).
    md5Checksum: f.isFolder ? undefined : createHash('md5').update(f.blob.raw()).digest('hex'),
    createdTime: new Date(f.created).toISOString(),
    appProperties: { ...f.appProperties },
  };
  const want = fields ?? DEFAULT_FIELDS;
  return Object.fromEntries(want.filter((k) => all[k] !== undefined).map((k) => [k, all[k]]));
}

/** `fields` of a files.list call: "nextPageToken, files(id, name)" → the file fields named. */
function listFields(fields: unknown): string[] | null {
  if (typeof fields !== 'string' || !fields.trim()) return null;
  if (/(^|,)\s*files\s*(,|$)/.test(fields) || fields.trim() === '*') return ALL_FIELDS;
  const m = /files\(([^)]*)\)/.exec(fields);
  return m
    ? m[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
}

function getFields(fields: unknown): string[] | null {
  if (typeof fields !== 'string' || !fields.trim()) return null;
  return fields
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The subset of Drive's query language the add-on uses, parsed strictly: anything else is refused
 * as Google refuses a malformed q ("Invalid Value").
 */
function compileQuery(q: string): (f: EmuFile) => boolean {
  // Split on the top-level "and"s only (appProperties has { key=… and value=… } holds one).
  const clauses: string[] = [];
  let depth = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < q.length; i++) {
    if (q[i] === '\\') i++;
    else if (q[i] === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (q[i] === '{') depth++;
    else if (q[i] === '}') depth--;
    else if (depth === 0 && /^\s+and\s+/i.test(q.slice(i))) {
      const m = /^\s+and\s+/i.exec(q.slice(i))!;
      clauses.push(q.slice(start, i).trim());
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  clauses.push(q.slice(start).trim());
  const tests = clauses.map((c) => {
    let m = /^'([^']+)' in parents$/.exec(c);
    if (m) return (f: EmuFile) => f.parents.includes(m![1]);
    m = /^name\s*=\s*'((?:[^'\\]|\\.)*)'$/.exec(c);
    if (m) return (f: EmuFile) => f.name === m![1].replace(/\\(.)/g, '$1');
    m = /^mimeType\s*(=|!=)\s*'([^']+)'$/.exec(c);
    if (m) return (f: EmuFile) => (f.mimeType === m![2]) === (m![1] === '=');
    m = /^trashed\s*=\s*(true|false)$/.exec(c);
    if (m) return (f: EmuFile) => f.trashed === (m![1] === 'true');
    m = /^appProperties has \{\s*key\s*=\s*'([^']+)'\s+and\s+value\s*=\s*'([^']*)'\s*\}$/.exec(c);
    if (m) return (f: EmuFile) => f.appProperties[m![1]] === m![2];
    throw new Error(`GoogleJsonResponseException: API call to drive.files.list failed with error: Invalid Value (q: ${c})`);
  });
  return (f) => tests.every((t) => t(f));
}

/**
 * One user's Google Drive, through both doors an add-on might use:
 *  - the built-in DriveApp (`driveApp()`), which needs the full drive scope for every method;
 *  - the Advanced Drive service v3 (`advanced()`), which works with drive.file and then sees only
 *    what this add-on created (Drive API scope guide: drive.file is per-file access to files the
 *    app created or the user opened with it).
 * When given a directory, live files are mirrored to disk so people can open them.
 */
export class EmuDrive {
  readonly items: EmuFile[] = [];
  /** Test fault: every Drive API call fails as Drive does when it is having trouble. */
  failing = false;
  /** Test fault: the next upload keeps all but its last byte. */
  truncateNextUpload = false;
  /** Test hook: called at each Drive API call, before it takes effect (fault tests kill executions here). */
  onCall: ((method: string) => void) | null = null;

  constructor(
    readonly clock: VirtualClock,
    private readonly dir: string | null = null,
  ) {}

  /** Test helper: a folder or file the user made in Drive's own UI (invisible under drive.file). */
  userItem(name: string, mimeType = FOLDER_MIME, parents: string[] = ['root']): EmuFile {
    const f = new EmuFile(`user-${nextId++}`, name, EmuBlob.from(''), this.clock.now(), parents, mimeType, false);
    this.items.push(f);
    return f;
  }

  /** Every live (untrashed, not in a trashed folder) file, for tests and the CLI. */
  liveFiles(): EmuFile[] {
    const live = (f: EmuFile): boolean =>
      !f.trashed && f.parents.every((p) => p === 'root' || this.items.some((x) => x.id === p && live(x)));
    return this.items.filter((f) => !f.isFolder && live(f));
  }

  sync(): void {
    if (!this.dir) return;
    rmSync(this.dir, { recursive: true, force: true });
    for (const f of this.liveFiles()) {
      const folder = this.items.find((x) => x.id === f.parents[0]);
      const dir = join(this.dir, folder ? folder.name : '');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, f.name), f.blob.raw());
    }
  }

  /** DriveApp: present in every script, but each call needs the full drive scope. */
  driveApp(scopes: ScopeChecker): unknown {
    const guard = (name: string) => () => {
      scopes.require(`DriveApp.${name}`, DRIVEAPP_SCOPES);
      throw new Error(`DriveApp.${name} is not emulated: the add-on uses the Advanced Drive service.`);
    };
    return Object.fromEntries(
      [
        'createFolder',
        'createFile',
        'getFolderById',
        'getFileById',
        'getFilesByName',
        'getFoldersByName',
        'getFiles',
        'getFolders',
        'getRootFolder',
      ].map((n) => [n, guard(n)]),
    );
  }

  /** The Advanced Drive service v3, as `Drive` in scripts whose manifest enables it. */
  // eslint-disable-next-line max-lines-per-function -- a service surface: one entry per Drive API method
  advanced(scopes: ScopeChecker): unknown {
    const visible = (f: EmuFile) =>
      f.byApp ||
      !scopes.granted.has('https://www.googleapis.com/auth/drive.file') ||
      scopes.granted.has('https://www.googleapis.com/auth/drive');
    const fault = (method: string) => {
      this.onCall?.(method);
      if (this.failing) throw new Error(`GoogleJsonResponseException: API call to drive.files.${method} failed with error: Internal Error`);
    };
    const find = (id: string, method: string): EmuFile => {
      const f = this.items.find((x) => x.id === id);
      if (!f || !visible(f))
        throw new Error(`GoogleJsonResponseException: API call to drive.files.${method} failed with error: File not found: ${id}.`);
      return f;
    };
    const content = (media: unknown): EmuBlob => {
      const blob =
        media instanceof EmuBlob
          ? media
          : media && typeof (media as EmuBlob).getBytes === 'function'
            ? EmuBlob.from((media as EmuBlob).getBytes())
            : EmuBlob.from('');
      // A test's fault: the next upload is stored one byte short, as a cut upload would be.
      if (!this.truncateNextUpload || blob.raw().length === 0) return blob;
      this.truncateNextUpload = false;
      return EmuBlob.from(blob.raw().slice(0, -1), blob.getContentType() ?? undefined, blob.getName() ?? undefined);
    };
    return {
      Files: {
        create: (resource: FileResource, media?: unknown, optional?: { fields?: string }) => {
          scopes.require('Drive.Files.create');
          fault('create');
          this.clock.spend(400);
          const parents = (resource.parents as string[] | undefined) ?? ['root'];
          for (const p of parents) if (p !== 'root') find(p, 'create');
          const blob = content(media);
          if (blob.raw().length > 50 * 1024 * 1024)
            throw new Error('GoogleJsonResponseException: API call to drive.files.create failed with error: Request too large (50 MB).');
          checkAppProperties((resource.appProperties as Record<string, string> | undefined) ?? {}, 'create');
          const mime = String(resource.mimeType ?? blob.getContentType() ?? 'application/octet-stream');
          const f = new EmuFile(`file-${nextId++}`, String(resource.name ?? 'Untitled'), blob, this.clock.now(), parents, mime, true, {
            ...(resource.appProperties as Record<string, string> | undefined),
          });
          this.items.push(f);
          this.sync();
          return pickFields(f, getFields(optional?.fields));
        },
        list: (optional: { q?: string; fields?: string; pageSize?: number; pageToken?: string } = {}) => {
          scopes.require('Drive.Files.list');
          fault('list');
          this.clock.spend(200);
          const match = optional.q ? compileQuery(optional.q) : () => true;
          const size = Math.min(Math.max(1, optional.pageSize ?? 100), 1000);
          const start = Number(optional.pageToken ?? 0);
          const all = this.items.filter((f) => visible(f) && match(f));
          const page = all.slice(start, start + size);
          const out: FileResource = { kind: 'drive#fileList', files: page.map((f) => pickFields(f, listFields(optional.fields))) };
          if (start + size < all.length) out.nextPageToken = String(start + size);
          return out;
        },
        get: (id: string, optional?: { fields?: string }) => {
          scopes.require('Drive.Files.get');
          fault('get');
          this.clock.spend(100);
          return pickFields(find(id, 'get'), getFields(optional?.fields));
        },
        update: (resource: FileResource, id: string, media?: unknown, optional?: { fields?: string }) => {
          scopes.require('Drive.Files.update');
          fault('update');
          this.clock.spend(300);
          const f = find(id, 'update');
          if (typeof resource.trashed === 'boolean') f.trashed = resource.trashed;
          if (typeof resource.name === 'string') f.name = resource.name;
          if (resource.appProperties) {
            checkAppProperties({ ...f.appProperties, ...(resource.appProperties as Record<string, string>) }, 'update');
            f.appProperties = { ...f.appProperties, ...(resource.appProperties as Record<string, string>) };
          }
          if (media !== undefined && media !== null) f.blob = content(media);
          this.sync();
          return pickFields(f, getFields(optional?.fields));
        },
      },
    };
  }
}

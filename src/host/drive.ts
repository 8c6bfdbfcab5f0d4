import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EmuBlob } from './blob';
import type { VirtualClock } from './clock';

let nextId = 1;

export class EmuFile {
  trashed = false;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly blob: EmuBlob,
    readonly created: number,
    readonly folder: EmuFolder,
  ) {}
  getId() { return this.id; }
  getName() { return this.name; }
  getSize() { return this.blob.raw().length; }
  getDateCreated() { return new Date(this.created); }
  getBlob() { return this.blob; }
  getMimeType() { return this.blob.getContentType(); }
  isTrashed() { return this.trashed; }
  setTrashed(t: boolean) {
    this.trashed = t;
    this.folder.drive.sync();
    return this;
  }
}

function iterator<T>(items: T[]) {
  let i = 0;
  return { hasNext: () => i < items.length, next: () => items[i++] };
}

export class EmuFolder {
  files: EmuFile[] = [];
  trashed = false;
  constructor(
    readonly drive: EmuDrive,
    readonly id: string,
    readonly name: string,
  ) {}
  getId() { return this.id; }
  getName() { return this.name; }
  isTrashed() { return this.trashed; }
  setTrashed(t: boolean) { this.trashed = t; return this; }
  createFile(blob: EmuBlob) {
    this.drive.clock.spend(300);
    const size = blob.raw().length;
    if (size > 50 * 1024 * 1024) throw new Error('File too large (50 MB).');
    const f = new EmuFile(`file-${nextId++}`, blob.getName() ?? 'Untitled', blob, this.drive.clock.now(), this);
    this.files.push(f);
    this.drive.sync();
    return f;
  }
  getFiles() { return iterator(this.files.filter((f) => !f.trashed)); }
  getFilesByName(name: string) { return iterator(this.files.filter((f) => !f.trashed && f.name === name)); }
}

/**
 * DriveApp as the add-on sees it with drive.file: only folders and files it created. When given a
 * directory, the live (untrashed) files are mirrored to disk so people can open them.
 */
export class EmuDrive {
  folders: EmuFolder[] = [];
  constructor(
    readonly clock: VirtualClock,
    private readonly dir: string | null = null,
  ) {}

  createFolder(name: string) {
    this.clock.spend(200);
    const f = new EmuFolder(this, `folder-${nextId++}`, name);
    this.folders.push(f);
    return f;
  }
  getFolderById(id: string) {
    const f = this.folders.find((x) => x.id === id);
    if (!f) throw new Error(`No item with the given ID could be found, or you do not have permission to access it.`);
    return f;
  }
  getFileById(id: string) {
    for (const folder of this.folders) {
      const f = folder.files.find((x) => x.id === id);
      if (f) return f;
    }
    throw new Error(`No item with the given ID could be found, or you do not have permission to access it.`);
  }
  /** Every live file, for tests. */
  liveFiles(): EmuFile[] {
    return this.folders.filter((f) => !f.trashed).flatMap((f) => f.files.filter((x) => !x.trashed));
  }
  sync(): void {
    if (!this.dir) return;
    for (const folder of this.folders) {
      const dir = join(this.dir, folder.name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const f of folder.files.filter((x) => !x.trashed)) writeFileSync(join(dir, f.name), f.blob.raw());
    }
  }
}

import { ConfigError } from '../errors';
import { DOCUMENT_KEYS, USER_KEYS } from '../store/schema';
import type { StorePort } from '../ports';
import { listJobs } from './jobs-store';
import type { Platform, UserPlatform } from './platform';

/**
 * Scheduled runs of a spreadsheet belong to one person, its schedule owner: their hourly trigger
 * runs the jobs with their Lever key. One trigger per user serves every spreadsheet that user
 * owns the schedule of (a user has at most 20 triggers per script across documents), listed in
 * the user's registry. Other editors' saves never create triggers; any editor can take over.
 */

export const DISPATCHER = 'runScheduledSyncs';

const OWNER_KEY = DOCUMENT_KEYS.owner;
const REGISTRY_KEY = USER_KEYS.registry;

export interface ScheduleOwner {
  email: string;
  since: number;
}

export interface Registry {
  /** `misses`: trigger runs in a row that could not open it (dropped after a day of them). */
  docs: Array<{ id: string; name: string; misses?: number }>;
  /** Index of the spreadsheet the next trigger run starts with, so every one gets its turn. */
  next: number;
}

export function scheduleOwner(p: Platform): ScheduleOwner | null {
  const raw = p.docStore.get(OWNER_KEY);
  return raw ? (JSON.parse(raw) as ScheduleOwner) : null;
}

export function loadRegistry(store: StorePort): Registry {
  const raw = store.get(REGISTRY_KEY);
  const saved = raw ? (JSON.parse(raw) as Partial<Registry>) : {};
  return { docs: saved.docs ?? [], next: saved.next ?? 0 };
}

export function saveRegistry(store: StorePort, r: Registry): void {
  if (r.docs.length === 0) store.delete(REGISTRY_KEY);
  else store.set(REGISTRY_KEY, JSON.stringify(r));
}

/** Drops a spreadsheet from this user's registry; with none left, the trigger goes too. */
export function unregister(u: UserPlatform, docId: string): void {
  const r = loadRegistry(u.userStore);
  r.docs = r.docs.filter((d) => d.id !== docId);
  saveRegistry(u.userStore, r);
  if (r.docs.length === 0) u.triggers.remove(DISPATCHER);
}

function me(p: UserPlatform): string {
  const email = p.userEmail();
  if (!email)
    throw new ConfigError(
      'schedule',
      'Google did not give this add-on your account’s email address, so it cannot run jobs on a schedule for you. Reload the spreadsheet and allow the add-on again.',
    );
  return email;
}

export function isScheduled(p: Platform): boolean {
  return listJobs(p.docStore).some((j) => j.enabled && j.schedule.every !== 'manual');
}

/** Makes the running user the schedule owner of this spreadsheet and serves it from their trigger. */
export function claimSchedule(p: Platform): ScheduleOwner {
  const owner = { email: me(p), since: p.clock.now() };
  p.docStore.set(OWNER_KEY, JSON.stringify(owner));
  const r = loadRegistry(p.userStore);
  r.docs = [...r.docs.filter((d) => d.id !== p.documentId), { id: p.documentId, name: p.documentName }];
  saveRegistry(p.userStore, r);
  p.triggers.ensureHourly(DISPATCHER);
  return owner;
}

/** This user stops serving the spreadsheet: their claim (if it is theirs) and registry entry go. */
export function letGo(p: Platform): void {
  if (scheduleOwner(p)?.email === p.userEmail()) p.docStore.delete(OWNER_KEY);
  unregister(p, p.documentId);
}

/**
 * After jobs change: while any enabled job has a schedule, the spreadsheet has an owner (the
 * saver, when there was none) whose trigger serves it; with none, the owner's claim is dropped.
 * Returns the owner afterwards.
 */
export function reconcileSchedule(p: Platform): ScheduleOwner | null {
  const owner = scheduleOwner(p);
  const scheduled = isScheduled(p);
  if (!scheduled) {
    if (owner?.email !== p.userEmail()) return owner;
    letGo(p);
    return null;
  }
  if (!owner) return claimSchedule(p);
  // The owner's own saves also repair a trigger or registry entry that went missing.
  if (owner.email === p.userEmail()) return claimSchedule(p);
  return owner;
}

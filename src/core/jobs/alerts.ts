import { ConfigError } from '../errors';
import type { AlertSettings, Schedule } from './types';
import { integerIn, plainObject, rejectUnknownKeys } from './checks';

const MAX_RECIPIENTS = 10;
/** An address MailApp takes: no spaces or commas (it splits on commas), one @, a dot after it. */
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** A job's alerts; none when it keeps the default (the schedule owner mailed on failure and recovery). */
export function validateAlerts(value: unknown, schedule: Schedule): { alerts?: AlertSettings } {
  if (value === undefined || value === null) return {};
  const obj = plainObject(value, 'alerts');
  rejectUnknownKeys(obj, ['to', 'onRecovery', 'staleAfterHours', 'digest', 'webhook'], 'alerts');
  const flag = (v: unknown, field: string, dflt: boolean): boolean => {
    if (v === undefined) return dflt;
    if (typeof v !== 'boolean') throw new ConfigError(`alerts.${field}`, 'must be true or false.');
    return v;
  };
  const alerts: AlertSettings = {
    onRecovery: flag(obj.onRecovery, 'onRecovery', true),
    digest: flag(obj.digest, 'digest', false),
    webhook: flag(obj.webhook, 'webhook', false),
  };
  if (obj.to !== undefined && obj.to !== null) alerts.to = recipients(obj.to);
  if (obj.staleAfterHours !== undefined && obj.staleAfterHours !== null) alerts.staleAfterHours = staleness(obj.staleAfterHours, schedule);
  const isDefault = !alerts.to && alerts.onRecovery && !alerts.digest && !alerts.webhook && alerts.staleAfterHours === undefined;
  return isDefault ? {} : { alerts };
}

function recipients(value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(/[,;\s]+/).filter(Boolean) : value;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_RECIPIENTS)
    throw new ConfigError('alerts.to', `must list 1 to ${MAX_RECIPIENTS} email addresses (or leave it out for the schedule owner).`);
  const out = list.map((a) => (typeof a === 'string' ? a.trim().toLowerCase() : a));
  const bad = out.find((a) => typeof a !== 'string' || !EMAIL.test(a));
  if (bad !== undefined) throw new ConfigError('alerts.to', `${JSON.stringify(bad)} is not an email address.`);
  return [...new Set(out as string[])];
}

/** A threshold the schedule itself passes between two good runs would alert every time: refused. */
function staleness(value: unknown, schedule: Schedule): number {
  const hours = integerIn(value, 1, 720, 'alerts.staleAfterHours');
  const gap = { hour: 1, day: 24, week: 168 }[schedule.every as 'hour' | 'day' | 'week'];
  if (gap !== undefined && hours <= gap)
    throw new ConfigError(
      'alerts.staleAfterHours',
      `must be more than ${gap} hours: a job run every ${schedule.every} is that old between two good runs (give, say, ${gap * 2}).`,
    );
  return hours;
}

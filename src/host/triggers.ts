import type { VirtualClock } from './clock';
import type { ScopeChecker } from './scopes';

/** ScriptApp as an editor add-on sees it: hourly-at-most time triggers, one per user and document. */

export const HOUR = 3600_000;

export interface Trigger {
  id: string;
  handler: string;
  everyHours: number;
  nextAt: number;
}

/** The part of the host that ScriptApp reads and changes. */
export interface TriggerHost {
  readonly clock: VirtualClock;
  triggers: Trigger[];
  triggerSeq: number;
  authorizationRequired: boolean;
  readonly scopes: ScopeChecker;
}

export function emulateScriptApp(host: TriggerHost) {
  const wrap = (t: Trigger) => ({
    getHandlerFunction: () => t.handler,
    getUniqueId: () => t.id,
    getEventType: () => 'CLOCK',
    getTriggerSource: () => 'SPREADSHEETS',
    __id: t.id,
  });
  return {
    AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
    AuthorizationStatus: { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' },
    EventType: { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN' },
    getAuthorizationInfo: () => ({
      getAuthorizationStatus: () => (host.authorizationRequired ? 'REQUIRED' : 'NOT_REQUIRED'),
      getAuthorizationUrl: () => 'https://script.google.com/macros/authorize?emulated',
    }),
    getUserTriggers: () => (host.scopes.require('ScriptApp.getUserTriggers'), host.clock.spend(20), host.triggers.map(wrap)),
    getProjectTriggers: () => (host.scopes.require('ScriptApp.getProjectTriggers'), host.triggers.map(wrap)),
    deleteTrigger: (t: { __id: string }) => {
      host.scopes.require('ScriptApp.deleteTrigger');
      host.clock.spend(50);
      host.triggers = host.triggers.filter((x) => x.id !== t.__id);
    },
    newTrigger: (handler: string) => (host.scopes.require('ScriptApp.newTrigger'), {
      timeBased: () => {
        let everyHours = 0;
        const builder = {
          everyHours: (n: number) => ((everyHours = n), builder),
          everyMinutes: () => {
            throw new Error('Add-ons can only create time-based triggers that run at most once per hour.');
          },
          after: () => {
            throw new Error('Add-ons can only create time-based triggers that run at most once per hour.');
          },
          atHour: () => builder,
          everyDays: (n: number) => ((everyHours = n * 24), builder),
          inTimezone: () => builder,
          create: () => {
            host.clock.spend(100);
            if (everyHours < 1) throw new Error('Add-ons can only create time-based triggers that run at most once per hour.');
            // Editor add-ons: one trigger of each type per user per document.
            if (host.triggers.length >= 1) throw new Error('This add-on has already created a time-based trigger for this document and user.');
            const t: Trigger = { id: `trigger-${host.triggerSeq++}`, handler, everyHours, nextAt: host.clock.now() + everyHours * HOUR };
            host.triggers.push(t);
            return wrap(t);
          },
        };
        return builder;
      },
    }),
  };
}

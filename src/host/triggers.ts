import type { VirtualClock } from './clock';
import type { ScopeChecker } from './scopes';

export const HOUR = 3600_000;

/**
 * Installable triggers of the script. Limits, each from Google's docs:
 *  - 20 triggers per user per script, whatever document they were made in (quotas page,
 *    "Triggers: 20 / user / script");
 *  - an editor add-on's time-driven triggers run at most hourly, and each user has at most one
 *    of each type per document (editor add-on triggers page).
 */
export const TRIGGERS_PER_USER = 20;

export interface Trigger {
  id: string;
  handler: string;
  /** Who made it: it runs as them. */
  user: string;
  /** The document it was made from (null when made outside one). */
  documentId: string | null;
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

const HOURLY_ONLY = 'Add-ons can only create time-based triggers that run at most once per hour.';

// eslint-disable-next-line max-lines-per-function -- a service surface: one entry per ScriptApp method
export function emulateScriptApp(host: TriggerHost, user: string, documentId: string | null) {
  const wrap = (t: Trigger) => ({
    getHandlerFunction: () => t.handler,
    getUniqueId: () => t.id,
    getEventType: () => 'CLOCK',
    getTriggerSource: () => 'CLOCK',
    // Clock triggers have no source id (ScriptApp reference: "null for time-driven triggers").
    getTriggerSourceId: () => null,
    __id: t.id,
  });
  const mine = () => host.triggers.filter((t) => t.user === user);
  return {
    AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
    AuthorizationStatus: { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' },
    EventType: { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN' },
    getAuthorizationInfo: () => ({
      getAuthorizationStatus: () => (host.authorizationRequired ? 'REQUIRED' : 'NOT_REQUIRED'),
      getAuthorizationUrl: () => 'https://script.google.com/macros/authorize?emulated',
      // With granular consent a user may grant only some scopes; here: all, unless re-authorization is due.
      getAuthorizedScopes: () => (host.authorizationRequired ? [] : [...host.scopes.granted]),
    }),
    /** This user's triggers made from the given document. */
    getUserTriggers: (doc: { getId(): string }) => {
      host.scopes.require('ScriptApp.getUserTriggers');
      host.clock.spend(20);
      return mine()
        .filter((t) => t.documentId === doc.getId())
        .map(wrap);
    },
    /** "All installable triggers associated with the current project and current user." */
    getProjectTriggers: () => {
      host.scopes.require('ScriptApp.getProjectTriggers');
      host.clock.spend(20);
      return mine().map(wrap);
    },
    deleteTrigger: (t: { __id: string }) => {
      host.scopes.require('ScriptApp.deleteTrigger');
      host.clock.spend(50);
      host.triggers = host.triggers.filter((x) => !(x.id === t.__id && x.user === user));
    },
    newTrigger: (handler: string) => {
      host.scopes.require('ScriptApp.newTrigger');
      return {
        timeBased: () => {
          let everyHours = 0;
          const builder = {
            everyHours: (n: number) => ((everyHours = n), builder),
            everyMinutes: () => {
              throw new Error(HOURLY_ONLY);
            },
            after: () => {
              throw new Error(HOURLY_ONLY);
            },
            atHour: () => builder,
            everyDays: (n: number) => ((everyHours = n * 24), builder),
            inTimezone: () => builder,
            create: () => {
              host.clock.spend(100);
              if (everyHours < 1) throw new Error(HOURLY_ONLY);
              if (mine().length >= TRIGGERS_PER_USER)
                throw new Error('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
              if (mine().some((t) => t.documentId === documentId))
                throw new Error('This add-on has already created a time-based trigger for this document and user.');
              const t: Trigger = {
                id: `trigger-${host.triggerSeq++}`,
                handler,
                user,
                documentId,
                everyHours,
                nextAt: host.clock.now() + everyHours * HOUR,
              };
              host.triggers.push(t);
              return wrap(t);
            },
          };
          return builder;
        },
      };
    },
  };
}

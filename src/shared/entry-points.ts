/** Every top-level function of the shipped bundle. The build writes one forwarding stub per name. */
export const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'showSidebar',
  'showCheck',
  'runScheduledSyncs',
  'getSidebarState',
  'saveConnection',
  'testConnection',
  'saveJob',
  'deleteJob',
  'runJobSlice',
  'cancelRun',
  'listFields',
  'previewJob',
  'getRunLog',
  'listFilterOptions',
  'takeOverSchedule',
  'checkSpreadsheet',
  'approveJob',
  'getQuotaPlan',
  'setAccountKind',
  'disconnect',
  'openTab',
] as const;

export type EntryPoint = (typeof ENTRY_POINTS)[number];

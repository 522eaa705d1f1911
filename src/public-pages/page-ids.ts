/**
 * The ids and classes the family pages' scripts find their parts by, shared by the components
 * that draw the parts and the scripts that bring them to life. Free of imports: the scripts
 * carry it.
 */
export const pageIds = {
  /** The <template> holding the read-aloud controls. */
  listenTemplate: 'read-aloud-controls',
  search: { form: 'family-search', input: 'family-search-q', error: 'family-search-error', hint: 'family-search-hint', results: 'family-search-results' },
  settings: { form: 'family-display-settings', status: 'family-display-settings-status', reset: 'family-display-settings-reset' },
  /** The print header's date line (a class: one a page). */
  printDateClass: 'app-print-header__date',
} as const;

/**
 * Stand-ins in the words a script fills in on the page ("Printed on %date%"), written where the
 * translation has {{date}}: not in braces, so nothing on a built page looks like an unfilled
 * placeholder of the content.
 */
export const fillIn = { date: '%date%', query: '%query%', count: '%count%' } as const;

/** Every text a widget shows, German first; `lang="en"` on the element switches. */
const de = {
  loading: 'Daten werden geladen …',
  error: 'Die Daten konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  noApi: 'Kein API-Endpunkt angegeben (Attribut api).',
  empty: 'Keine Einträge gefunden.',
  notFound: 'Nicht gefunden.',
  state: 'Bundesland',
  memberSince: 'Engagierte Stadt seit',
  formerMember: 'Ehemalige Engagierte Stadt',
  programs: 'Programme',
  partners: 'Partnerschaften',
  contact: 'Koordinierungsstelle',
  website: 'Website',
  allStates: 'Alle Bundesländer',
  program: 'Programm',
  allPrograms: 'Alle Programme',
  filter: 'Filter',
  map: 'Karte der Engagierten Städte',
  cities: (n: number) => (n === 1 ? '1 Engagierte Stadt' : `${n} Engagierte Städte`),
  places: 'Orte',
  launched: 'Start',
  ended: 'Ende',
  runBy: 'Getragen von',
  since: 'seit',
  until: 'bis',
  status: { ACTIVE: 'aktiv', ENDED: 'beendet', UPCOMING: 'geplant', UNKNOWN: 'Zeitraum unbekannt' } as Record<string, string>,
};

export type Texts = typeof de;

const en: Texts = {
  loading: 'Loading data …',
  error: 'The data could not be loaded.',
  retry: 'Try again',
  noApi: 'No API endpoint given (attribute api).',
  empty: 'Nothing found.',
  notFound: 'Not found.',
  state: 'State',
  memberSince: 'Engagierte Stadt since',
  formerMember: 'Former Engagierte Stadt',
  programs: 'Programmes',
  partners: 'Partnerships',
  contact: 'Coordination office',
  website: 'Website',
  allStates: 'All states',
  program: 'Programme',
  allPrograms: 'All programmes',
  filter: 'Filter',
  map: 'Map of Engagierte Städte',
  cities: (n: number) => (n === 1 ? '1 Engagierte Stadt' : `${n} Engagierte Städte`),
  places: 'Places',
  launched: 'Launched',
  ended: 'Ended',
  runBy: 'Run by',
  since: 'since',
  until: 'until',
  status: { ACTIVE: 'active', ENDED: 'ended', UPCOMING: 'upcoming', UNKNOWN: 'period unknown' },
};

export type Lang = 'de' | 'en';

export function textsFor(lang: Lang): Texts {
  return lang === 'en' ? en : de;
}

/** German names of the states by ISO 3166-2 code; the names are German proper names in English too. */
export const STATES: Readonly<Record<string, string>> = {
  'DE-BW': 'Baden-Württemberg',
  'DE-BY': 'Bayern',
  'DE-BE': 'Berlin',
  'DE-BB': 'Brandenburg',
  'DE-HB': 'Bremen',
  'DE-HH': 'Hamburg',
  'DE-HE': 'Hessen',
  'DE-MV': 'Mecklenburg-Vorpommern',
  'DE-NI': 'Niedersachsen',
  'DE-NW': 'Nordrhein-Westfalen',
  'DE-RP': 'Rheinland-Pfalz',
  'DE-SL': 'Saarland',
  'DE-SN': 'Sachsen',
  'DE-ST': 'Sachsen-Anhalt',
  'DE-SH': 'Schleswig-Holstein',
  'DE-TH': 'Thüringen',
};

/** A PartialDate (`2015`, `2020-07`, `2020-07-01`) in the widget's language, at the precision it has. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const [y, m, d] = value.split('-').map(Number);
  if (!m) return String(y);
  const options: Intl.DateTimeFormatOptions = d ? { year: 'numeric', month: 'long', day: 'numeric' } : { year: 'numeric', month: 'long' };
  return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(Date.UTC(y!, m - 1, d || 1));
}

/** A period as `seit 2020`, `2015 – 2019` or `bis 2019`. */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined, t: Texts, lang: Lang): string {
  const s = formatDate(start, lang);
  const e = formatDate(end, lang);
  if (s && e) return `${s} – ${e}`;
  if (s) return `${t.since} ${s}`;
  return e ? `${t.until} ${e}` : '';
}

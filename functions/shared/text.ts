/**
 * Folds German place names for search so that spelling variants meet:
 * `Dessau-Roßlau`, `dessau-roßlau` and `dessau rosslau` all fold to
 * `dessau rosslau`; `Göppingen` and `goeppingen` both fold to `goeppingen`.
 *
 * Umlauts become their two-letter transliteration (ä → ae) because that is how
 * people type German names without a German keyboard; `looseFold` additionally
 * drops the umlaut entirely (ö → o) so `goppingen` still finds Göppingen.
 */
export function foldName(input: string): string {
  return collapse(
    input
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .replace(/ẞ/g, 'ss'),
  );
}

/** Like {@link foldName}, but umlauts lose their `e` (`göppingen` → `goppingen`). */
export function looseFold(input: string): string {
  return collapse(input.toLowerCase().replace(/ß/g, 'ss').replace(/ẞ/g, 'ss'));
}

function collapse(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when `query` matches `name` under either folding, as a substring. */
export function nameMatches(name: string, query: string): boolean {
  const q = foldName(query);
  if (q.length === 0) return true;
  if (foldName(name).includes(q)) return true;
  const loose = looseFold(query);
  return looseFold(name).includes(loose) || looseFold(foldName(name)).includes(loose);
}

/** A URL-safe slug from a German name (`Dessau-Roßlau` → `dessau-rosslau`). */
export function slugify(input: string): string {
  return foldName(input).replace(/ /g, '-');
}

import { WidgetMap } from './__generated__/documents';
import { WidgetElement, esc, webUrl } from './base';
import { STATES } from './i18n';
import outline from './outline-data';
import { project } from './project';

interface MapCity {
  slug: string;
  name: string;
  ags: string | null;
  state: string;
  website: string | null;
  location: { lat: number; lon: number } | null;
}

interface MapAnswer {
  cities: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: MapCity[] };
  programs: { slug: string; name: string; shortName: string | null }[];
}

/** Pages of 100 (the API's maximum); the network has about 120 places, so a filter never needs more than this. */
const MAX_PAGES = 5;

/**
 * `<engagierte-stadt-karte state="DE-ST" program="k2" city-link="/staedte/{slug}">`:
 * the current member places as dots over an outline of Germany, filterable by
 * state and programme, with the same places as a list. Each dot and list
 * entry links to `city-link` (with `{slug}`, `{ags}`, `{name}` filled in) or,
 * without it, to the place's website where the network data has one.
 */
export class KarteElement extends WidgetElement<MapAnswer> {
  static override observedAttributes = ['api', 'lang', 'state', 'program', 'city-link'];
  private programs: MapAnswer['programs'] = [];

  override attributeChangedCallback(name?: string): void {
    // The filter form is kept across reloads so focus stays in it; a new language needs a new one.
    if (name === 'lang' || name === 'api') this.root.innerHTML = '';
    super.attributeChangedCallback();
  }

  protected override css(): string {
    return `
fieldset{border:0;padding:0;margin:0 0 .75em;display:flex;flex-wrap:wrap;gap:.5em 1em}legend{font-weight:bold;padding:0}
label{display:flex;flex-direction:column}
svg{display:block;width:100%;max-width:var(--es-map-width,24em);height:auto;margin:.5em 0}
[part~=outline]{fill:var(--es-map-fill,none);stroke:var(--es-map-stroke,currentColor);stroke-width:1}
[part~=dot]{fill:var(--es-accent,currentColor);stroke:var(--es-background,#fff);stroke-width:1}
a:focus-visible [part~=dot],[part~=dot]:focus-visible{stroke:var(--es-color,currentColor);stroke-width:3}
svg a:focus-visible,svg [tabindex]:focus-visible{outline:var(--es-focus-outline,3px solid currentColor)}
`;
  }

  protected request() {
    const state = this.getAttribute('state') || null;
    const programId = this.getAttribute('program') || null;
    return { hash: WidgetMap, variables: { state, programId } };
  }

  protected override async fetchData(hash: string, variables: Record<string, unknown>): Promise<MapAnswer> {
    const first = await super.fetchData(hash, variables);
    let page = first;
    for (let i = 1; i < MAX_PAGES && page.cities.pageInfo.hasNextPage; i++) {
      page = await super.fetchData(hash, { ...variables, after: page.cities.pageInfo.endCursor });
      first.cities.nodes.push(...page.cities.nodes);
    }
    return first;
  }

  protected override frame(body: string): void {
    let results = this.root.querySelector('[part~=results]');
    if (!results) {
      super.frame(`${this.filterMarkup()}<div part="results"></div>`);
      results = this.root.querySelector('[part~=results]')!;
      this.root.querySelector('fieldset')!.addEventListener('change', (event) => {
        const select = event.target as HTMLSelectElement;
        if (select.value) this.setAttribute(select.name, select.value);
        else this.removeAttribute(select.name);
      });
    }
    results.innerHTML = body;
  }

  private filterMarkup(): string {
    const { t } = this;
    const state = this.getAttribute('state') ?? '';
    const options = (entries: [string, string][], selected: string) =>
      entries.map(([value, label]) => `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`).join('');
    return `<fieldset part="filter"><legend>${t.filter}</legend>
<label>${t.state}<select name="state">${options([['', t.allStates], ...Object.entries(STATES)], state)}</select></label>
<label>${t.program}<select name="program">${this.programOptions()}</select></label></fieldset>`;
  }

  private programOptions(): string {
    const selected = this.getAttribute('program') ?? '';
    const entries: [string, string][] = [['', this.t.allPrograms], ...this.programs.map((p): [string, string] => [p.slug, p.name])];
    // Until the programmes are loaded, the requested one is still shown as selected.
    if (selected && !this.programs.some((p) => p.slug === selected)) entries.push([selected, selected]);
    return entries.map(([value, label]) => `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(label)}</option>`).join('');
  }

  private href(city: MapCity): string | null {
    const template = this.getAttribute('city-link');
    if (!template) return webUrl(city.website);
    return template.replace(/\{(slug|ags|name)\}/g, (_, key: 'slug' | 'ags' | 'name') => encodeURIComponent(city[key] ?? ''));
  }

  protected view(data: MapAnswer): string | null {
    const { t } = this;
    if (this.programs.length === 0 && data.programs.length > 0) {
      this.programs = data.programs;
      const select = this.root.querySelector<HTMLSelectElement>('select[name=program]');
      if (select) select.innerHTML = this.programOptions();
    }
    const cities = data.cities.nodes;
    if (cities.length === 0) return null;
    const state = this.getAttribute('state');
    const label = `${t.map}${state ? `: ${STATES[state] ?? state}` : ''}`;
    const dots = cities
      .filter((c) => c.location)
      .map((c) => {
        const [x, y] = project(outline, c.location!.lat, c.location!.lon);
        const circle = `<circle part="dot" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5"`;
        const href = this.href(c);
        return href
          ? `<a href="${esc(href)}" aria-label="${esc(c.name)}" data-slug="${esc(c.slug)}">${circle}><title>${esc(c.name)}</title></circle></a>`
          : `${circle} tabindex="0" role="img" aria-label="${esc(c.name)}" data-slug="${esc(c.slug)}"><title>${esc(c.name)}</title></circle>`;
      })
      .join('');
    const items = cities
      .map((c) => {
        const href = this.href(c);
        const name = href ? `<a part="link" href="${esc(href)}">${esc(c.name)}</a>` : esc(c.name);
        return `<li part="item">${name} <span part="meta">(${esc(STATES[c.state] ?? c.state)})</span></li>`;
      })
      .join('');
    return `<p part="count" role="status">${esc(t.cities(data.cities.totalCount))}</p>
<svg part="map" viewBox="0 0 ${outline.width} ${outline.height}" role="group" aria-label="${esc(label)}"><path part="outline" aria-hidden="true" d="${outline.path}"/>${dots}</svg>
<h3>${esc(t.places)}</h3><ul part="list">${items}</ul>`;
  }
}

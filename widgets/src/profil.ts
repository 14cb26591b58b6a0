import { WidgetProfile } from './__generated__/documents';
import { WidgetElement, esc, webUrl } from './base';
import { STATES, formatPeriod } from './i18n';

interface Profile {
  city: {
    slug: string;
    name: string;
    state: string;
    memberStatus: string;
    website: string | null;
    memberships: { status: string; startDate: string | null; endDate: string | null; program: { slug: string; name: string; shortName: string | null } }[];
    partnerships: { slug: string; name: string; kind: string }[];
    coordinationOffice: { hostName: string | null; unit: string | null; email: string | null; phone: string | null } | null;
  } | null;
}

/** The network programme's own id: its memberships are the "member since" line, not a programme. */
const NETWORK = 'engagierte-stadt';

/**
 * `<engagierte-stadt-profil ags="15001000">` (or `city="dessau-rosslau"`): a
 * member place's card with its programmes, partnerships and coordination office.
 */
export class ProfilElement extends WidgetElement<Profile> {
  static override observedAttributes = ['api', 'lang', 'ags', 'city'];

  protected request() {
    const ags = this.getAttribute('ags');
    const id = this.getAttribute('city');
    if (!ags && !id) return null;
    return { hash: WidgetProfile, variables: ags ? { ags } : { id } };
  }

  protected view({ city }: Profile): string | null {
    if (!city) return null;
    const { t, language } = this;
    const network = city.memberships.filter((m) => m.program.slug === NETWORK);
    const programs = city.memberships.filter((m) => m.program.slug !== NETWORK);
    const since = network.find((m) => m.status === 'ACTIVE')?.startDate;
    const membership =
      city.memberStatus === 'CURRENT'
        ? `<dt>${t.memberSince}</dt><dd>${esc(formatPeriod(since, null, t, language).replace(`${t.since} `, '') || '–')}</dd>`
        : `<dt>${t.formerMember}</dt><dd>${esc(network.map((m) => formatPeriod(m.startDate, m.endDate, t, language)).join(', '))}</dd>`;
    const office = city.coordinationOffice;
    const contact = office
      ? `<h3>${t.contact}</h3><p part="contact">${[office.hostName, office.unit].filter(Boolean).map(esc).join('<br>')}${
          office.email ? `<br><a part="link" href="mailto:${esc(office.email)}">${esc(office.email)}</a>` : ''
        }${office.phone ? `<br><a part="link" href="tel:${esc(office.phone.replace(/[^\d+]/g, ''))}">${esc(office.phone)}</a>` : ''}</p>`
      : '';
    const list = (title: string, items: string[]) => (items.length ? `<h3>${title}</h3><ul part="list">${items.map((i) => `<li part="item">${i}</li>`).join('')}</ul>` : '');
    return `<h2 part="title">${esc(city.name)}</h2>
<dl><dt>${t.state}</dt><dd>${esc(STATES[city.state] ?? city.state)}</dd>${membership}</dl>
${list(
  t.programs,
  programs.map((m) => {
    const period = formatPeriod(m.startDate, m.endDate, t, language);
    return `${esc(m.program.name)}${period ? ` (${esc(period)})` : ''}`;
  }),
)}
${list(t.partners, city.partnerships.map((p) => esc(p.name)))}
${contact}
${webUrl(city.website) ? `<p><a part="link" href="${esc(webUrl(city.website))}">${t.website}: ${esc(city.name)}</a></p>` : ''}`;
  }
}

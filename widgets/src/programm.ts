import { WidgetProgram } from './__generated__/documents';
import { WidgetElement, esc, webUrl } from './base';
import { STATES, formatPeriod } from './i18n';

interface ProgramAnswer {
  program: {
    slug: string;
    name: string;
    shortName: string | null;
    description: string | null;
    website: string | null;
    memberships: {
      participantName: string;
      participantState: string | null;
      status: string;
      startDate: string | null;
      endDate: string | null;
      city: { slug: string; name: string } | null;
    }[];
  } | null;
}

/** `<engagierte-stadt-programm program="vielfaltsgestalter">`: a programme and its participating places. */
export class ProgrammElement extends WidgetElement<ProgramAnswer> {
  static override observedAttributes = ['api', 'lang', 'program'];

  protected request() {
    const id = this.getAttribute('program');
    return id ? { hash: WidgetProgram, variables: { id } } : null;
  }

  protected view({ program }: ProgramAnswer): string | null {
    if (!program) return null;
    const { t, language } = this;
    const items = program.memberships.map((m) => {
      const period = formatPeriod(m.startDate, m.endDate, t, language);
      const details = [m.participantState ? (STATES[m.participantState] ?? m.participantState) : '', period || t.status[m.status] || ''].filter(Boolean);
      return `<li part="item">${esc(m.participantName)}${details.length ? ` <span part="meta">(${esc(details.join(', '))})</span>` : ''}</li>`;
    });
    // Descriptions in the network data are written in English; say so to screen readers.
    return `<h2 part="title">${esc(program.name)}</h2>
${program.description ? `<p part="description" lang="en">${esc(program.description)}</p>` : ''}
<h3>${t.places}</h3>
${items.length ? `<ul part="list">${items.join('')}</ul>` : `<p part="status">${t.empty}</p>`}
${webUrl(program.website) ? `<p><a part="link" href="${esc(webUrl(program.website))}">${t.website}: ${esc(program.shortName ?? program.name)}</a></p>` : ''}`;
  }
}

import { WidgetCampaign } from './__generated__/documents';
import { WidgetElement, esc, webUrl } from './base';
import { STATES, formatDate } from './i18n';

interface CampaignAnswer {
  campaign: {
    slug: string;
    name: string;
    description: string | null;
    launchDate: string | null;
    endDate: string | null;
    website: string | null;
    partnership: { name: string } | null;
    cities: { slug: string; name: string; state: string }[];
  } | null;
}

/**
 * `<engagierte-stadt-gluecksbringer campaign="gluecksbringer">`: a campaign
 * with the places taking part. The API has no portraits yet; when it does,
 * they take the place of the city list here.
 */
export class GluecksbringerElement extends WidgetElement<CampaignAnswer> {
  static override observedAttributes = ['api', 'lang', 'campaign'];

  protected request() {
    const id = this.getAttribute('campaign');
    return id ? { hash: WidgetCampaign, variables: { id } } : null;
  }

  protected view({ campaign }: CampaignAnswer): string | null {
    if (!campaign) return null;
    const { t, language } = this;
    const facts = [
      campaign.partnership ? `<dt>${t.runBy}</dt><dd>${esc(campaign.partnership.name)}</dd>` : '',
      campaign.launchDate ? `<dt>${t.launched}</dt><dd>${esc(formatDate(campaign.launchDate, language))}</dd>` : '',
      campaign.endDate ? `<dt>${t.ended}</dt><dd>${esc(formatDate(campaign.endDate, language))}</dd>` : '',
    ].join('');
    return `<h2 part="title">${esc(campaign.name)}</h2>
${facts ? `<dl>${facts}</dl>` : ''}
${campaign.description ? `<p part="description" lang="en">${esc(campaign.description)}</p>` : ''}
<h3>${t.places}</h3>
${
  campaign.cities.length
    ? `<ul part="list">${campaign.cities.map((c) => `<li part="item">${esc(c.name)} <span part="meta">(${esc(STATES[c.state] ?? c.state)})</span></li>`).join('')}</ul>`
    : `<p part="status">${t.empty}</p>`
}
${webUrl(campaign.website) ? `<p><a part="link" href="${esc(webUrl(campaign.website))}">${t.website}: ${esc(campaign.name)}</a></p>` : ''}`;
  }
}

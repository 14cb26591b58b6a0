import { gql } from '../support/lambda';

const NOMINATE = `mutation ($input: NominationInput!) { nominate(campaignId: "Campaign:gluecksbringer", input: $input) { received } }`;

// A fictitious nominee; the seeded table is shared, but nomination items are in no list, export or feed.
const input = {
  nomineeName: 'Testperson Handler Zehnter',
  activity: 'Testehrenamt über den echten Handler',
  place: 'Lutherstadt Wittenberg, Testort',
  nominatorName: 'Testnominierende Handler',
  nominatorEmail: 'handler.test@example.org',
  nomineeMayBeContacted: true,
  fillTimeMs: 20_000,
};

describe('nominate through the real Lambda handler on the public resource', () => {
  it('is accepted from an anonymous caller and never cacheable', async () => {
    const response = await gql(NOMINATE, { input });
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ nominate: { received: true } });
    expect(String(response.headers['cache-control'])).toMatch(/no-store|max-age=0|private/);
  });

  it('answers a field error with BAD_USER_INPUT and field codes', async () => {
    const response = await gql(NOMINATE, { input: { ...input, nominatorEmail: 'ohne-at' } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'nominatorEmail', code: 'INVALID_EMAIL' }] });
    expect(JSON.stringify(response)).not.toContain('ohne-at');
  });
});

import { NominationStore, type NominationSubmission } from '../../functions/data';
import { freshTable } from '../data-layer/support';

function submission(nominee: string): NominationSubmission {
  return {
    campaignId: 'gluecksbringer',
    nomineeName: nominee,
    activity: 'Testtätigkeit im Testverein',
    place: 'Testort',
    organization: null,
    nominatorName: 'Testnominierende',
    nominatorEmail: 'test@example.org',
  };
}

describe('nomination retention', () => {
  it('hides a nomination from reads from the instant its retention ends, before TTL removes it', async () => {
    const { store } = await freshTable('retention');
    let now = new Date('2026-01-01T12:00:00Z');
    const nominations = new NominationStore(store, { retentionDays: 10, now: () => now });
    expect(await nominations.submit(submission('Testperson Alt'))).toEqual({ stored: true });
    now = new Date('2026-01-05T12:00:00Z');
    expect(await nominations.submit(submission('Testperson Neu'))).toEqual({ stored: true });

    now = new Date('2026-01-11T11:59:59Z');
    expect((await nominations.list('gluecksbringer')).map((n) => n.nomineeName)).toEqual(['Testperson Neu', 'Testperson Alt']);
    now = new Date('2026-01-11T12:00:00Z');
    expect((await nominations.list('gluecksbringer')).map((n) => n.nomineeName)).toEqual(['Testperson Neu']);
    expect((await nominations.list('gluecksbringer'))[0]).toMatchObject({ status: 'NEW', expires: '2026-01-15T12:00:00.000Z' });
  });

  it('treats an expired duplicate as gone: the same nomination may be sent again', async () => {
    const { store } = await freshTable('retention');
    let now = new Date('2026-01-01T12:00:00Z');
    const nominations = new NominationStore(store, { retentionDays: 10, now: () => now });
    expect(await nominations.submit(submission('Testperson Wieder'))).toEqual({ stored: true });
    expect(await nominations.submit(submission('Testperson Wieder'))).toEqual({ stored: false });
    now = new Date('2026-01-12T12:00:00Z');
    expect(await nominations.submit(submission('Testperson Wieder'))).toEqual({ stored: true });
    expect(await nominations.list('gluecksbringer')).toHaveLength(1);
  });
});

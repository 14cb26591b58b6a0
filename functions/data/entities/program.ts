import type { ProgramRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

export const PROGRAM_KINDS = ['NETWORK_PROGRAMME', 'FEDERAL_PROGRAMME', 'FOUNDATION_PROGRAMME', 'RECOGNITION', 'URBAN_DEVELOPMENT'] as const;

export const Program = standaloneEntity<'Program', ProgramRecord>('Program', (program) => {
  const p = new Problems(`program ${program.id}`);
  p.slug('id', program.id);
  p.text('name', program.name);
  p.oneOf('kind', program.kind, PROGRAM_KINDS);
  p.sourced(program.sourceUrls);
  p.url('website', program.website);
  p.dates(program.startDate, program.endDate);
  p.slugList('sponsorOrganizationIds', program.sponsorOrganizationIds);
  return p.list;
});

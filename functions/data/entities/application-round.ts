import type { ApplicationRoundRecord } from '../model';
import { Problems } from './entity';
import { standaloneEntity } from './standalone';

export const ApplicationRound = standaloneEntity<'ApplicationRound', ApplicationRoundRecord>('ApplicationRound', (round) => {
  const p = new Problems(`applicationRound ${round.id}`);
  p.slug('id', round.id);
  p.text('name', round.name);
  p.integer('year', round.year, false);
  for (const name of ['minPopulation', 'maxPopulation', 'minPartners', 'applicationCount', 'admittedCount'] as const) p.integer(name, round[name]);
  p.sourced(round.sourceUrls);
  p.dates(round.opensOn, round.closesOn, round.juryDate, round.admissionDate);
  return p.list;
});

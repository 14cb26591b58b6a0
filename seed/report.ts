/**
 * Prints how every member place and programme participant was matched to the
 * municipality table (`npx tsx seed/report.ts`), so each alias and each
 * non-match can be reviewed by a person.
 */
import { agsMatchReport } from './seed';

const { cities, participants } = agsMatchReport();
const line = (m: { name: string; state: string; ags: string | null; municipalityName: string | null; method: string }): string =>
  `${m.method.padEnd(18)} ${m.state}  ${(m.ags ?? '-').padEnd(8)}  ${m.name}${m.municipalityName && m.municipalityName !== m.name ? `  → ${m.municipalityName}` : ''}`;

console.log(`Member places (${cities.size}):`);
for (const match of cities.values()) if (match.method !== 'exact') console.log(`  ${line(match)}`);
console.log(`  … ${[...cities.values()].filter((m) => m.method === 'exact').length} more matched by exact name within their state`);
console.log(`\nProgramme participants (${participants.length} rows):`);
for (const match of participants) {
  console.log(`  ${line(match)}${match.cityId ? `  [member place ${match.cityId}]` : ''}  (${match.programme})`);
}

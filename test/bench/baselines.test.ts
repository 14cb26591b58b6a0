import { buildASTSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { typeDefs } from '../../functions/graphql/__generated__/typeDefs';
import { BASELINES, sdlFiles, sdlText } from '../../bench/naive/baselines';

const ROOT = join(__dirname, '..', '..');

describe('naive baselines of the cold-start benchmark', () => {
  it('lists a folder pattern as the folder’s files of that extension, sorted, and a missing folder as none', () => {
    const schema = readdirSync(join(ROOT, 'schema')).filter((f) => f.endsWith('.graphql'));
    expect(schema.length).toBeGreaterThan(1);
    expect(sdlFiles(['schema/*.graphql', 'schema/no-such-folder/*.graphql'])).toEqual(schema.sort().map((f) => join(ROOT, 'schema', f)));
    expect(() => sdlFiles(['schema/**'])).toThrow(/folder\/\*\.graphql/);
  });

  it('serves the public API the SDL the public handler is built from', () => {
    const publicBaseline = BASELINES.find((b) => b.matches('EngagierteStadt-test/Graphql/Function/Resource'));
    const print = (sdl: string) => printSchema(lexicographicSortSchema(buildASTSchema(parse(sdl))));
    expect(print(sdlText(publicBaseline!.sdl!))).toBe(print(typeDefs));
  });

  it('serves the partner function the public SDL and the private one (schema/private/, once it exists)', () => {
    const partner = BASELINES.find((b) => b.matches('EngagierteStadt-test/PartnerGraphql/Function/Resource'));
    const folder = join(ROOT, 'schema', 'private');
    const privateFiles = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.graphql')).sort().map((f) => join(folder, f)) : [];
    expect(sdlFiles(partner!.sdl!)).toEqual([...sdlFiles(['schema/*.graphql']), ...privateFiles]);
  });
});

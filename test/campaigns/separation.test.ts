import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { ESBUILD_OPTIONS, HANDLER_ENTRY } from '../../infra/bundling';
import { PARTNER_HANDLER_ENTRY } from '../../infra/stack';
import { buildPartnerSchema } from '../../functions/graphql/partner-schema';
import { buildSchema } from '../../functions/graphql/schema';
import { codes, gql } from '../support/lambda';

/** Names that belong to nominations, consent, moderation or erasure. */
const PRIVATE_NAME = /nominat|consent|guardian|moderat|erase|erasure|withdraw/i;

/**
 * Every output type and field reachable from the roots whose name is private,
 * except the public `nominate` mutation and its one-boolean receipt.
 */
function privateReach(schema: GraphQLSchema): string[] {
  const seen = new Map<string, GraphQLNamedType>();
  const visit = (type: GraphQLNamedType) => {
    if (seen.has(type.name)) return;
    seen.set(type.name, type);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
      if (isInterfaceType(type)) for (const impl of schema.getPossibleTypes(type)) visit(impl);
    }
    if (isUnionType(type)) for (const member of type.getTypes()) visit(member);
  };
  for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) visit(root);
  return [...seen.values()]
    .filter((t) => !isInputObjectType(t))
    .flatMap((type) => {
      const own = PRIVATE_NAME.test(type.name) && type.name !== 'NominationReceipt' ? [type.name] : [];
      const fields =
        isObjectType(type) || isInterfaceType(type)
          ? Object.keys(type.getFields()).filter((f) => PRIVATE_NAME.test(f) && !(type.name === 'Mutation' && f === 'nominate'))
          : [];
      return [...own, ...fields.map((f) => `${type.name}.${f}`)];
    })
    .sort();
}

describe('schema separation', () => {
  it('shows the public principal, through the real public handler, no type or field that could return nomination, consent or moderation data', async () => {
    const response = await gql<IntrospectionQuery>(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    const schema = buildClientSchema(response.data!);
    expect(privateReach(schema)).toEqual([]);
    // The walk reached the public mutation, so it does look at Mutation.
    expect(schema.getMutationType()?.getFields().nominate).toBeDefined();
  });

  it('fails as soon as the private SDL is merged into a schema the walk looks at', () => {
    const merged = privateReach(buildPartnerSchema({ validate: true }));
    expect(merged).toEqual(expect.arrayContaining(['Query.campaignNominations', 'Nomination', 'ConsentRecord', 'Mutation.withdrawConsent', 'Mutation.erasePerson']));
    expect(privateReach(buildSchema({ validate: true }))).toEqual([]);
  });

  it('refuses a moderation operation on the public resource before any resolver runs', async () => {
    const query = await gql('{ campaignNominations(campaignId: "gluecksbringer") { totalCount } }');
    expect(codes(query)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const mutation = await gql('mutation { erasePerson(portraitId: "gluecksbringer.aaaaaaaaaaaaaaaa") { portraitId } }');
    expect(codes(mutation)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('describes every type, field, argument and enum value of the private schema too', () => {
    const schema = buildPartnerSchema({ validate: true });
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  describe('bundles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'separation-bundle-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    async function inputsOf(entry: string): Promise<string[]> {
      const built = await build({ ...ESBUILD_OPTIONS, entryPoints: [entry], outfile: join(dir, `${Math.random()}.mjs`), metafile: true, logLevel: 'error' });
      const output = Object.values(built.metafile.outputs)[0]!;
      // Only inputs that contribute bytes: esbuild lists shaken-out files with 0.
      return Object.entries(output.inputs)
        .filter(([, use]) => use.bytesInOutput > 0)
        .map(([file]) => file);
    }
    const privateModule = /partnerTypeDefsDocument|resolvers\/moderation|partner-schema|data\/erasure/;

    it('the public function bundles neither the private SDL nor the private resolvers; the partner function does', async () => {
      const [publicInputs, partnerInputs] = await Promise.all([inputsOf(HANDLER_ENTRY), inputsOf(PARTNER_HANDLER_ENTRY)]);
      expect(publicInputs.filter((f) => privateModule.test(f))).toEqual([]);
      expect(partnerInputs.filter((f) => privateModule.test(f)).length).toBeGreaterThanOrEqual(3);
    });
  });
});

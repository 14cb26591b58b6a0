import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * A third party's typed client: graphql-codegen's client preset reads the
 * published schema.graphql and the operations in src/, and writes typed
 * documents to src/gql/. Run from the repository root:
 * `npx graphql-codegen --config examples/client/codegen.ts`.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/client/src/**/*.ts', '!examples/client/src/gql/**'],
  generates: {
    'examples/client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars: { PartialDate: 'string', URL: 'string', StateCode: 'string' } },
    },
  },
};

export default config;

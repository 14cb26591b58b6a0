import { compile, connectionFragments } from './relay-app';
import { connectionFields } from './published';

describe('a Relay app compiled against schema.graphql', () => {
  it('compiles its pages, the refetchable City fragment and a paginated fragment for every connection', () => {
    const result = compile();
    try {
      expect(result.output).toContain('Compilation completed');
      expect(result.status).toBe(0);
      // @refetchable on City: Relay refetches it through Query.node(id:).
      expect(result.artifact('CityHeaderRefetchQuery')).toMatch(/node\(id: \$id\)/);
      for (const page of ['CityPageQuery', 'DirectoryQuery', 'PartnershipPageQuery', 'CampaignPageQuery']) expect(result.artifact(page)).toBeDefined();

      const paginated = connectionFragments();
      // Every connection of the published schema has a fragment that pages it…
      expect([...new Set(paginated.map((f) => f.coordinate))].sort()).toEqual(connectionFields());
      for (const { fragment } of paginated) {
        // …that Relay can page with loadNext (first/after) and loadPrevious (last/before).
        const artifact = result.artifact(fragment);
        expect([fragment, artifact]).toEqual([fragment, expect.stringMatching(/"direction": "bidirectional"/)]);
        expect(artifact).toMatch(/"backward": \{\s*"count": "last",\s*"cursor": "before"\s*\}/);
        expect(artifact).toMatch(/"forward": \{\s*"count": "first",\s*"cursor": "after"\s*\}/);
      }
    } finally {
      result.cleanup();
    }
  });

  it('fails on a fragment that asks for a field the schema does not have', () => {
    const result = compile({
      'Broken.tsx': "import { graphql } from 'react-relay';\nexport const broken = graphql`fragment Broken_city on City { inhabitants }`;\n",
    });
    try {
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/inhabitants/);
    } finally {
      result.cleanup();
    }
  });
});

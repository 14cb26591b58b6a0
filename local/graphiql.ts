import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Route } from './http';

/**
 * GraphiQL served from node_modules: no CDN, because the machine and many
 * users' networks are offline.
 */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  '/graphiql/react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  '/graphiql/react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  '/graphiql/graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  '/graphiql/graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

/** A file inside a package, found through its package.json: the UMD builds are not in the packages' `exports`. */
export function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

const EXAMPLE = `# Dessau-Roßlau with its programmes and regional partners
{
  city(ags: "15001000") {
    name
    state
    memberStatus
    memberships { program { name } startDate endDate status }
    partnerships { name kind cities { name } }
  }
}
`;

export function graphiqlPage(endpoint: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Engagierte Stadt API · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.js"></script>
  <script src="/graphiql/react-dom.js"></script>
  <script src="/graphiql/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXAMPLE)} })
    );
  </script>
</body>
</html>`;
}

export function graphiqlRoutes(endpoint: string): Route[] {
  const page = graphiqlPage(endpoint);
  const routes: Route[] = [
    { path: '/', handle: (_req, res) => void res.writeHead(302, { location: '/graphiql' }).end() },
    { path: '/graphiql', handle: (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page) },
  ];
  for (const [path, asset] of Object.entries(ASSETS)) {
    let body: Buffer | undefined;
    routes.push({
      path,
      handle: (_req, res) => {
        body ??= readFileSync(packageFile(asset.pkg, asset.file));
        res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=3600' }).end(body);
      },
    });
  }
  return routes;
}

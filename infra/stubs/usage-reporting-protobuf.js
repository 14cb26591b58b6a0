// Stand-in for @apollo/usage-reporting-protobuf in the Lambda bundle. Only
// Apollo's usage-reporting and inline-trace plugins use it; the server turns
// both off explicitly, so the 200 KB protobuf module need not be compiled at
// every cold start. Anything that reaches it anyway fails loudly.
'use strict';
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === '__esModule') return false;
      throw new Error(`@apollo/usage-reporting-protobuf is not bundled (asked for ${String(name)}): usage reporting is disabled`);
    },
  },
);

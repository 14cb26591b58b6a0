// Stand-in for @apollo/utils.usagereporting in the Lambda bundle. Only Apollo's
// usage-reporting plugin uses it (operation signatures for Apollo's cloud), and
// the server turns that plugin off explicitly. It is CommonJS and requires
// `graphql` as a whole, and it brings lodash.sortby and five more helpers: code
// every cold start would compile for nothing. Anything that reaches it anyway
// fails loudly.
'use strict';
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === '__esModule') return false;
      throw new Error(`@apollo/utils.usagereporting is not bundled (asked for ${String(name)}): usage reporting is disabled`);
    },
  },
);

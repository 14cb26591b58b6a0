// Stand-in for sha.js in the Lambda bundle. @apollo/utils.createhash picks
// node:crypto only when `module.require` exists, which a bundled module lacks,
// so it would hash every query in pure JavaScript; node:crypto gives the same
// digests natively and needs no code in the bundle.
'use strict';
const { createHash } = require('node:crypto');

module.exports = function sha(kind) {
  return createHash(kind);
};

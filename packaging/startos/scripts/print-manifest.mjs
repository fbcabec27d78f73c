// Prints the manifest the built package (javascript/index.js) exports: what start-cli would pack,
// minus the images, which start-cli builds from the Dockerfile.
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const pkg = require('../javascript/index.js')
console.log(JSON.stringify(pkg.manifest, null, 2))

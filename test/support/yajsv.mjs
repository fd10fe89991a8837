#!/usr/bin/env node
/*
 * A stand-in for yajsv (github.com/neilpa/yajsv), the JSON-schema validator the ICPC Contest API's check-api.sh
 * calls, built on ajv, for test/api/ccs.test.ts. The same command line as check-api.sh uses:
 *
 *   yajsv [-q] -s SCHEMA [-r 'DIR/*.json']... DOCUMENT...
 *
 * -r names the schemas SCHEMA refers to (a glob of one `*` in the file name, expanded here as yajsv does).
 * Prints `DOCUMENT: pass` (unless -q) or `DOCUMENT: fail: <where> <what>` for each error. Exit status: 0 all
 * passed, 1 some failed, 4 usage or schema errors (check-api.sh stops on 4 and above).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

function usage(message) {
  console.error(`yajsv: ${message}`);
  process.exit(4);
}

let quiet = false;
let schemaFile = null;
const refGlobs = [];
const documents = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '-q') quiet = true;
  else if (arg === '-s') schemaFile = args[++i] ?? usage('-s needs a file');
  else if (arg === '-r') refGlobs.push(args[++i] ?? usage('-r needs a glob'));
  else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
  else documents.push(arg);
}
if (!schemaFile || documents.length === 0) usage('usage: yajsv [-q] -s schema.json [-r refs/*.json] document.json...');

/** DIR/*.json and the like: a `*` in the file name only. */
function expand(glob) {
  const dir = dirname(glob);
  const [before, after] = basename(glob).split('*');
  if (after === undefined) return [glob];
  return readdirSync(dir)
    .filter((name) => name.startsWith(before) && name.endsWith(after))
    .map((name) => join(dir, name));
}

// strict: false: the specification's schemas use keywords ajv does not know in places (they are ignored, as by
// yajsv). multipleOfPrecision: decimal multiples (0.001) are checked as decimals, not binary fractions.
const ajv = new Ajv2020({ strict: false, allErrors: true, multipleOfPrecision: 9 });
addFormats(ajv);
const files = new Set([resolve(schemaFile), ...refGlobs.flatMap(expand).map((f) => resolve(f))]);
let main;
try {
  for (const file of files) {
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    ajv.addSchema(schema, schema.$id ?? file);
    if (file === resolve(schemaFile)) main = schema.$id ?? file;
  }
} catch (error) {
  usage(`schema: ${error.message}`);
}
let validate;
try {
  validate = ajv.getSchema(main);
} catch (error) {
  usage(`schema ${schemaFile}: ${error.message}`);
}
if (!validate) usage(`schema ${schemaFile} did not compile`);

let failed = 0;
for (const document of documents) {
  let data;
  try {
    data = JSON.parse(readFileSync(document, 'utf8'));
  } catch (error) {
    console.log(`${document}: fail: not JSON: ${error.message}`);
    failed++;
    continue;
  }
  if (validate(data)) {
    if (!quiet) console.log(`${document}: pass`);
    continue;
  }
  failed++;
  for (const error of validate.errors ?? []) {
    console.log(`${document}: fail: ${error.instancePath || '/'} ${error.message}`);
  }
}
process.exit(failed > 0 ? 1 : 0);

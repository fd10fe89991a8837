#!/usr/bin/env node
// The `judge` command. A committed file, so that npm links it before the first build (it needs dist/).
'use strict';
require('../dist/main.js')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });

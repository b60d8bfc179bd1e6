// Compile an ink file with inkjs's own compiler and write the JSON: node ink_compile.js IN OUT
"use strict";
const fs = require("fs");
const { Compiler } = require("inkjs/full");

const source = fs.readFileSync(process.argv[2], "utf8");
const begin = performance.now();
const compiler = new Compiler(source);
const story = compiler.Compile();
const json = story.ToJson();
const seconds = (performance.now() - begin) / 1000;
fs.writeFileSync(process.argv[3], json);
const errors = compiler.errors ? compiler.errors.length : 0;
console.log(JSON.stringify({ compile_s: seconds, errors, loaded: Date.now() / 1000 }));

// Loads the browser files the way a page does (classic scripts sharing one
// global object, no module system) and searches a serialized index.
// argv: rules script path; stdin: {"index": {...}, "queries": [...]}
'use strict'
const fs = require('fs')
const path = require('path')
const vm = require('vm')

const root = path.resolve(__dirname, '..', '..', '..')
const page = vm.createContext({ console })
page.self = page
for (const file of [
  path.join(root, 'node_modules', 'lunr', 'lunr.js'),
  process.argv[2],
  path.join(root, 'plugins', 'sangrah_search', 'static', 'sangrah-lang.js')
]) {
  vm.runInContext(fs.readFileSync(file, 'utf8'), page, { filename: file })
}

const request = JSON.parse(fs.readFileSync(0, 'utf8'))
page.request = request
const answer = vm.runInContext(`(function () {
  var index = lunr.Index.load(request.index)
  return {
    globals: [typeof lunr, typeof SANGRAH_LANGUAGE_RULES, typeof sangrahLang],
    registered: Object.keys(lunr.Pipeline.registeredFunctions).filter(function (n) { return n.indexOf('sangrah-') === 0 }).sort(),
    tokenizerIsSangrahs: lunr.tokenizer === sangrahLang.pipeline.tokenizer,
    results: request.queries.map(function (q) {
      return index.search(q).map(function (r) { return [r.ref, r.score] })
    })
  }
})()`, page)
process.stdout.write(JSON.stringify(answer))

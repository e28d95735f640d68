// The page-free part of theme/static/js/search.js under node, with the lunr.js
// the site ships and sangrah's pipeline, answering JSON lines on stdin:
//   {"op": "load", "file": "<output>/search/index.js"}   a data file as the page gets it
//   {"op": "search", "q": "..."}                       core.search on the loaded index
//   {"op": "parse", "q": "..."} | {"op": "snippet", ...} | {"op": "edit1", "a": .., "b": ..}
'use strict'
const fs = require('fs')
const path = require('path')
const readline = require('readline')

const root = path.resolve(__dirname, '..', '..', '..')
const lunr = require(path.join(root, 'node_modules', 'lunr'))
const rules = JSON.parse(fs.readFileSync(path.join(root, 'plugins', 'sangrah_lang', 'language.json'), 'utf8'))
const lang = require(path.join(root, 'plugins', 'sangrah_search', 'static', 'sangrah-lang.js')).create(rules, lunr)
lang.registerWithLunr()
const core = require(path.join(root, 'theme', 'static', 'js', 'search.js'))

let index = null

// A data file is `sangrahSearch.receive(kind, key, version, 'json')`: run it
// with a receive() that hands the call back.
function readDataFile (file) {
  let got = null
  const source = fs.readFileSync(file, 'utf8')
  const run = new Function('sangrahSearch', source) // eslint-disable-line no-new-func
  run({ receive: function (kind, key, version, payload) { got = { kind, key, version, payload: JSON.parse(payload) } } })
  return got
}

const ops = {
  load (request) {
    const got = readDataFile(request.file)
    index = lunr.Index.load(got.payload)
    return { kind: got.kind, version: got.version, fields: index.fields }
  },
  read (request) {
    return readDataFile(request.file)
  },
  search (request) {
    const outcome = core.search(index, lunr, lang, request.q)
    return {
      refs: outcome.results.map(r => r.ref),
      scores: outcome.results.map(r => r.score),
      terms: Object.fromEntries(outcome.results.map(r => [r.ref, Object.keys(r.matchData.metadata).sort()])),
      fuzzy: outcome.fuzzy,
      tooShort: outcome.tooShort
    }
  },
  parse (request) {
    return core.parseQuery(request.q, lang, request.fields || ['title', 'entities', 'tags', 'body'])
  },
  snippet (request) {
    return core.snippet(request.text, request.spans, request.width)
  },
  spans (request) {
    // Match spans of a result of the loaded index, [start, length, term] in UTF-16 units:
    // from lunr.py's positions (how: "positions") or by the pipeline over the text ("terms").
    const hit = core.search(index, lunr, lang, request.q).results.find(r => r.ref === request.ref)
    if (!hit) return null
    const find = request.how === 'terms' ? core.termSpans : core.matchSpans
    return find(hit, request.field, request.text, lang)
  },
  edit1 (request) {
    return core.withinOneEdit(request.a, request.b)
  }
}

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', function (line) {
  let reply
  try {
    const request = JSON.parse(line)
    reply = { ok: ops[request.op](request) }
  } catch (error) {
    reply = { error: String(error && error.stack || error) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
})

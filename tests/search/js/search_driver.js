// The page-free part of theme/static/js/search.js under node, with the lunr.js
// the site ships and sangrah's pipeline, answering JSON lines on stdin:
//   {"op": "load", "file": "<output>/search/index.js"}   a data file as the page gets it
//   {"op": "search", "q": "..."}                       core.search on the loaded index
//   {"op": "loadSplit", "dir": "<output>/search"}       the split index as the page gets it
//   {"op": "searchSplit", "q": "..."}                  core.searchSplit on it (parts loaded as needed)
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
let split = null
let loadedParts = []

// A data file is `sangrahSearch.receive(kind, key, version, 'json')`: run it
// with a receive() that hands the call back.
function readDataFile (file) {
  let got = null
  const source = fs.readFileSync(file, 'utf8')
  const run = new Function('sangrahSearch', source) // eslint-disable-line no-new-func
  run({ receive: function (kind, key, version, payload) { got = { kind, key, version, payload: JSON.parse(payload) } } })
  return got
}

function outcomeOf (outcome) {
  return {
    refs: outcome.results.map(r => r.ref),
    scores: outcome.results.map(r => r.score),
    terms: Object.fromEntries(outcome.results.map(r => [r.ref, Object.keys(r.matchData.metadata).sort()])),
    fuzzy: outcome.fuzzy,
    tooShort: outcome.tooShort
  }
}

const PART_DIRS = { chunk: 'chunks', lexicon: 'lexicon', suffix: 'suffix' }

const ops = {
  loadSplit (request) {
    const got = readDataFile(path.join(request.dir, 'index.js'))
    loadedParts = []
    index = null
    split = core.createSplit(got.payload, lunr, function (kind, n) {
      const part = readDataFile(path.join(request.dir, PART_DIRS[kind], n + '.js'))
      if (part.kind !== kind || part.key !== n || part.version !== got.version) {
        return Promise.reject(new Error('wrong part ' + kind + ' ' + n))
      }
      loadedParts.push(kind + '/' + n)
      return Promise.resolve(part.payload)
    })
    return { kind: got.kind, version: got.version, fields: split.fields }
  },
  // lunr's fuzzy matches of each word: over the whole index's token set
  // (request.file) and as the split index (request.dir) finds them.
  fuzzyCompare (request) {
    const whole = lunr.Index.load(readDataFile(request.file).payload)
    ops.loadSplit({ dir: request.dir })
    const differ = []
    return request.words.reduce(function (previous, word) {
      return previous.then(function () {
        const expected = whole.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(word, 1)).toArray().sort()
        return split.fuzzyMatches(word).then(function (found) {
          if (JSON.stringify(found.slice().sort()) !== JSON.stringify(expected)) differ.push([word, expected, found])
        })
      })
    }, Promise.resolve()).then(function () { return { compared: request.words.length, differ: differ.slice(0, 10) } })
  },
  searchSplit (request) {
    const before = loadedParts.length
    return core.searchSplit(split, lunr, lang, request.q).then(function (outcome) {
      return Object.assign(outcomeOf(outcome), { loaded: loadedParts.slice(before) })
    })
  },
  load (request) {
    const got = readDataFile(request.file)
    split = null
    index = lunr.Index.load(got.payload)
    return { kind: got.kind, version: got.version, fields: index.fields }
  },
  read (request) {
    return readDataFile(request.file)
  },
  // On whichever was loaded last: a whole index (load) or a split one (loadSplit).
  search (request) {
    if (split) return ops.searchSplit(request)
    return outcomeOf(core.search(index, lunr, lang, request.q))
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
    const find = request.how === 'terms' ? core.termSpans : core.matchSpans
    const searched = split ? core.searchSplit(split, lunr, lang, request.q) : Promise.resolve(core.search(index, lunr, lang, request.q))
    return searched.then(function (outcome) {
      const hit = outcome.results.find(r => r.ref === request.ref)
      return hit ? find(hit, request.field, request.text, lang) : null
    })
  },
  edit1 (request) {
    return core.withinOneEdit(request.a, request.b)
  }
}

const lines = readline.createInterface({ input: process.stdin })
// One request at a time (the caller waits for each answer); an op may answer with a promise.
let queue = Promise.resolve()
lines.on('line', function (line) {
  queue = queue.then(function () {
    const request = JSON.parse(line)
    return ops[request.op](request)
  }).then(function (ok) {
    return { ok: ok }
  }, function (error) {
    return { error: String(error && error.stack || error) }
  }).then(function (reply) {
    process.stdout.write(JSON.stringify(reply) + '\n')
  })
})

// Drives sangrah-lang.js for the Python tests: one process, many requests.
// Each stdin line is a JSON request; each stdout line the JSON answer.
//   {"op": "stages", "texts": [...]}      every stage's output for each text
//   {"op": "to_utf16", "items": [[text, start, length], ...]}
//   {"op": "classify"}                     per code point classes, as strings
//   {"op": "query_terms", "terms": [...]}  the search pipeline on query terms
//   {"op": "lex", "queries": [...]}        the terms of lunr's query lexer
//   {"op": "search", "index": {...}, "queries": [...]}  lunr.Index.load + search
//   {"op": "load_error", "index": {...}, "unregister": [...]}
//   {"op": "porter", "words": [...]}       lunr.js's own Porter stemmer
//   {"op": "is_lunr_stop_word", "words": [...]}  lunr.js's own stop word filter
'use strict'
const path = require('path')
const readline = require('readline')

const root = path.resolve(__dirname, '..', '..', '..')
const lunr = require(path.join(root, 'node_modules', 'lunr'))
const rules = require(path.join(root, 'plugins', 'sangrah_lang', 'language.json'))
const sangrahLang = require(path.join(root, 'plugins', 'sangrah_search', 'static', 'sangrah-lang.js'))
  .create(rules, lunr)
sangrahLang.registerWithLunr()
const searchPipeline = new lunr.Pipeline()
searchPipeline.add(
  lunr.Pipeline.registeredFunctions['sangrah-normalizer'],
  lunr.Pipeline.registeredFunctions['sangrah-trimmer'],
  lunr.Pipeline.registeredFunctions['sangrah-stemmer'])

// The terms lunr.js's query lexer finds in a query, lower-cased as its
// parser does, and case-folded as the search pipeline's first step then
// does: lower-casing can decompose (İ -> i + U+0307) and leave two marks out
// of canonical order, which the fold composes again, as the index side's
// fold did (found by hypothesis: "İ्").
function lex (query) {
  const lexer = new lunr.QueryLexer(query)
  lexer.run()
  return lexer.lexemes.filter(l => l.type === lunr.QueryLexer.TERM).map(l => sangrahLang.foldCase(l.str.toLowerCase()))
}

function stages (text) {
  const normalized = sangrahLang.normalize(text)
  const spans = sangrahLang.tokenSpans(text)
  const tokens = spans.map(s => s[0])
  const trimmed = tokens.map(t => sangrahLang.trim(t))
  const kept = trimmed.filter(t => t && !sangrahLang.isStopWord(t))
  return {
    normalize: normalized,
    tokenize: tokens,
    positions: spans.map(s => [s[1], s[2]]),
    trim: trimmed,
    stop: trimmed.filter(t => t).map(t => sangrahLang.isStopWord(t)),
    stem: kept.map(t => sangrahLang.stem(t)),
    analyze: sangrahLang.analyze(text)
  }
}

function classify () {
  // One character per code point (surrogates included, as '-'), so the
  // strings line up with Python's by index.
  const wordByProperty = /[\p{L}\p{Mn}\p{Mc}\p{Nd}]/u
  const ignorable = /\p{Default_Ignorable_Code_Point}/u
  const unassigned = /\p{Cn}/u
  const assigned = []
  const word = []
  const tokenChar = []
  const property = []
  const separator = []
  for (let cp = 0; cp <= 0x10FFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      word.push('-'); tokenChar.push('-'); property.push('-'); separator.push('-'); assigned.push('-')
      continue
    }
    const ch = String.fromCodePoint(cp)
    word.push(sangrahLang.isWordChar(ch) ? '1' : '0')
    tokenChar.push(sangrahLang.isTokenChar(ch) ? '1' : '0')
    property.push(wordByProperty.test(ch) && !ignorable.test(ch) ? '1' : '0')
    assigned.push(unassigned.test(ch) ? '0' : '1')
    if (cp <= 0xFFFF) separator.push(sangrahLang.separator.test(ch) ? '1' : '0')
  }
  return {
    word: word.join(''),
    token: tokenChar.join(''),
    property: property.join(''),
    separator: separator.join(''),
    assigned: assigned.join(''),
    unicode: process.versions.unicode
  }
}

// The message lunr.Index.load throws for this index (null if it loads),
// with the named pipeline functions unregistered for the attempt.
function loadError (index, unregister) {
  const saved = {}
  unregister.forEach(name => {
    saved[name] = lunr.Pipeline.registeredFunctions[name]
    delete lunr.Pipeline.registeredFunctions[name]
  })
  try {
    lunr.Index.load(index)
    return null
  } catch (error) {
    return error.message
  } finally {
    Object.assign(lunr.Pipeline.registeredFunctions, saved)
  }
}

function answer (request) {
  switch (request.op) {
    case 'stages':
      return request.texts.map(stages)
    case 'to_utf16':
      return request.items.map(([text, start, length]) => sangrahLang.codePointSpanToUtf16(text, start, length))
    case 'classify':
      return classify()
    case 'query_terms':
      return request.terms.map(term => searchPipeline.runString(term))
    case 'lex':
      return request.queries.map(lex)
    case 'search': {
      const index = lunr.Index.load(request.index)
      return request.queries.map(query => index.search(query).map(result => ({
        ref: result.ref, score: result.score, metadata: result.matchData.metadata
      })))
    }
    case 'load_error':
      return loadError(request.index, request.unregister || [])
    case 'porter':
      return request.words.map(w => lunr.stemmer(new lunr.Token(w)).toString())
    case 'is_lunr_stop_word':
      return request.words.map(w => lunr.stopWordFilter(new lunr.Token(w)) === undefined)
    default:
      throw new Error('unknown op ' + request.op)
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
lines.on('line', line => {
  let reply
  try {
    reply = { ok: answer(JSON.parse(line)) }
  } catch (error) {
    reply = { error: String(error && error.stack ? error.stack : error) }
  }
  process.stdout.write(JSON.stringify(reply) + '\n')
})

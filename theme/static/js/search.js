/*
 * search.js: the archive's search box (every page) and search page (search/).
 *
 * Nothing is loaded until a visitor reaches for the search box; then, once:
 * lunr.js, the language rules and sangrah-lang.js (the same pipeline the
 * index was built with) and the manifest of the split index. Each query then
 * loads the parts of the index its words need (createSplit: posting chunks,
 * term lists; plugins/sangrah_search/split.py says what each holds) and runs
 * lunr's own search on a partial lunr.Index of what is loaded: the same
 * scores as one whole index. The results on screen load their document files
 * (title, URL, date, body for the snippet). All of them are classic scripts
 * inserted into the page, because fetch() is refused when the site is opened
 * from disk (file://). Where they are, and why they carry ?v=:
 * plugins/sangrah_search/output.py.
 *
 * Text from the archive (titles, summaries, bodies) only ever enters the
 * page as text nodes: a title that reads like markup stays text.
 *
 * In node, require() gives the part without a page (query → lunr clauses →
 * results, snippets), which the tests and the benchmark run:
 *   const core = require('theme/static/js/search.js')
 *   core.search(index, lunr, sangrahLang, 'રશિયાએ')          // a whole lunr.Index
 *   const split = core.createSplit(manifest, lunr, loadPart)  // the split index
 *   core.searchSplit(split, lunr, sangrahLang, 'રશિયાએ')     // a promise of the same outcome
 */
(function (root, factory) {
  'use strict'
  var core = factory()
  if (typeof module === 'object' && module.exports) {
    module.exports = core
  } else if (root.document) {
    root.sangrahSearch = core.browser(root)
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict'

  // ---------------------------------------------------------------------
  // Queries (no page needed)
  // ---------------------------------------------------------------------

  // A word being typed matches every indexed word it begins, from this many
  // code points on (one letter would expand to a good part of the index).
  var MIN_PREFIX = 2
  // Words this long get a second chance with one edit when nothing matches;
  // shorter ones are within one edit of too many unrelated words.
  var MIN_FUZZY = 4
  // The word as typed (stemmed) counts most; words it begins count less.
  var BOOST = { exact: 10, stemPrefix: 2, prefix: 1, fuzzy: 1 }
  // A prefix stands for at most this many indexed words (the shortest: the
  // closest to what is typed). Two letters can begin thousands of words, and
  // every one costs a pass over its documents.
  var MAX_EXPANSION = 40

  function codePointLength (text) {
    return Array.from(text).length
  }

  function startsWith (text, prefix) {
    return text.slice(0, prefix.length) === prefix
  }

  // Query syntax kept from lunr: +word (must), -word (must not), field:word.
  // Everything else is cut by the same tokenizer as the index, so a query is
  // split exactly where the text was (hyphens, danda, quotes, apostrophes).
  function parseQuery (text, lang, fields) {
    var normalized = lang.normalize(String(text || ''))
    var typing = normalized.length > 0 && !/\s$/.test(normalized)
    var terms = []
    normalized.split(/\s+/).forEach(function (chunk) {
      if (!chunk) return
      var presence = 'should'
      if (chunk.charAt(0) === '+') {
        presence = 'must'
        chunk = chunk.slice(1)
      } else if (chunk.charAt(0) === '-') {
        presence = 'not'
        chunk = chunk.slice(1)
      }
      var field = null
      var colon = chunk.indexOf(':')
      if (colon > 0 && fields.indexOf(chunk.slice(0, colon).toLowerCase()) !== -1) {
        field = chunk.slice(0, colon).toLowerCase()
        chunk = chunk.slice(colon + 1)
      }
      lang.tokenize(chunk).forEach(function (token) {
        // The search adds its own wildcards; a typed * is dropped.
        var word = lang.trim(token.split('*').join(''))
        if (!word) return
        var stop = lang.isStopWord(word)
        terms.push({
          text: word,
          stem: lang.stem(word),
          field: field,
          presence: presence,
          stop: stop,
          // Stop words are not in the index: requiring one would find nothing.
          required: presence === 'must' || (presence === 'should' && !stop),
          prefix: false,
          fuzzy: false
        })
      })
    })
    terms.forEach(function (term, i) {
      var last = typing && i === terms.length - 1
      // A stop word may still be the start of a word being typed ("no" → north).
      term.prefix = term.presence !== 'not' && codePointLength(term.text) >= MIN_PREFIX && (!term.stop || last)
      term.fuzzy = term.presence !== 'not' && !term.stop && codePointLength(term.stem) >= MIN_FUZZY
    })
    return terms
  }

  // Shortest first, then in string order: the expansion order.
  function shorterFirst (a, b) {
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
  }

  // The indexed words that begin with `prefix`, shortest first, without
  // `except` (the exact stem has a clause of its own: lunr would otherwise
  // walk its documents twice). `lexicon.prefixed(prefix)` gives the
  // indexed words a prefix begins: all of them, or at least the
  // MAX_EXPANSION + 1 shortest (a split index ships no more for a prefix
  // that begins hundreds).
  function expand (lexicon, prefix, except) {
    return lexicon.prefixed(prefix).filter(function (word) { return word !== except })
      .sort(shorterFirst)
      .slice(0, MAX_EXPANSION)
  }

  // A whole index knows its words: its token set.
  function indexLexicon (index, lunr) {
    return {
      prefixed: function (prefix) {
        return index.tokenSet.intersect(lunr.TokenSet.fromString(prefix + '*')).toArray()
      }
    }
  }

  // The index words each prefix clause of `term` stands for, by clause:
  // [[word, boost], ...] (the exact stem excluded, see expand).
  function expansions (lexicon, term) {
    var found = []
    if (!term.prefix) return found
    var seen = {}
    seen[term.stem] = true
    var stemPrefix = term.stem !== term.text && codePointLength(term.stem) >= MIN_PREFIX
    // Words the stem begins rank above words only the typed text begins.
    var groups = [[stemPrefix ? term.stem : null, BOOST.stemPrefix], [term.text, BOOST.prefix]]
    groups.forEach(function (group) {
      if (group[0] === null) return
      expand(lexicon, group[0], term.stem).forEach(function (word) {
        if (seen[word] === true) return
        seen[word] = true
        found.push([word, group[1]])
      })
    })
    return found
  }

  // The prefixes whose words `term`'s clauses expand to (for a split index to load first).
  function prefixesOf (term) {
    if (!term.prefix) return []
    var stemPrefix = term.stem !== term.text && codePointLength(term.stem) >= MIN_PREFIX
    return stemPrefix ? [term.stem, term.text] : [term.text]
  }

  function addClauses (query, index, lunr, term, fuzzy, lexicon) {
    function clause (text, options) {
      // lunr takes a present-but-undefined `fields` for "no fields".
      if (term.field) options.fields = [term.field]
      query.term(text, options)
    }
    if (term.presence === 'not') {
      clause(term.text, { presence: lunr.Query.presence.PROHIBITED })
      return
    }
    var optional = lunr.Query.presence.OPTIONAL
    // The word through the search pipeline: normalized, trimmed, stemmed,
    // so રશિયાએ looks for રશિયા as the index has it.
    clause(term.text, { boost: BOOST.exact, presence: optional })
    expansions(lexicon, term).forEach(function (expansion) {
      clause(expansion[0], { boost: expansion[1], usePipeline: false, presence: optional })
    })
    if (fuzzy && term.fuzzy) {
      clause(term.stem, { boost: BOOST.fuzzy, usePipeline: false, editDistance: 1, presence: optional })
      if (term.stem !== term.text) {
        clause(term.text, { boost: BOOST.fuzzy, usePipeline: false, editDistance: 1, presence: optional })
      }
    }
  }

  // Levenshtein distance at most one (UTF-16 units, as lunr.js counts).
  function withinOneEdit (a, b) {
    if (a === b) return true
    if (Math.abs(a.length - b.length) > 1) return false
    var i = 0
    while (i < a.length && i < b.length && a.charAt(i) === b.charAt(i)) i++
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        // lunr.js also counts a swap of two neighbours as one edit.
        (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2))
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
  }

  // Did this result match this query word (by any of its clauses)?
  // lunr reports the index terms a result matched; each must be traced back
  // to a query word, because lunr cannot say "(word or its prefix) and
  // (other word or its prefix)" by itself.
  function satisfies (term, matched, fuzzy) {
    var keys = Object.keys(matched)
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i]
      if (term.field && !matched[key][term.field]) continue
      if (keySatisfies(term, key, fuzzy)) return true
    }
    return false
  }

  function keySatisfies (term, key, fuzzy) {
    if (key === term.stem) return true
    if (term.prefix && (startsWith(key, term.text) || startsWith(key, term.stem))) return true
    return Boolean(fuzzy && term.fuzzy && (withinOneEdit(key, term.stem) || withinOneEdit(key, term.text)))
  }

  function runQuery (index, lunr, terms, fuzzy, lexicon) {
    var hits = index.query(function (query) {
      terms.forEach(function (term) { addClauses(query, index, lunr, term, fuzzy, lexicon) })
    })
    var required = terms.filter(function (term) { return term.required })
    var memos = required.map(function () { return Object.create(null) })
    return hits.filter(function (hit) {
      return required.every(function (term, t) {
        if (!hit.eachMatch) return satisfies(term, hit.matchData.metadata, fuzzy)
        // A split index's result: the same test, term by term, memoized
        // (the same few terms come back in thousands of results).
        var memo = memos[t]
        return hit.eachMatch(function (key, field) {
          if (term.field && field !== term.field) return false
          var known = memo[key]
          if (known === undefined) known = memo[key] = keySatisfies(term, key, fuzzy)
          return known
        })
      })
    })
  }

  // Every word that is not a stop word must match (its exact stem, or an
  // indexed word it begins); results come ranked by lunr. When nothing
  // matches, once more allowing one edit per word (fuzzy: true says so).
  //
  // In three steps, so that a split index can load what each step needs
  // in between (searchSplit): firstPass, then retry if wantsRetry, then finish.
  function search (index, lunr, lang, text, lexicon) {
    lexicon = lexicon || indexLexicon(index, lunr)
    var outcome = firstPass(index, lunr, lang, text, lexicon)
    if (wantsRetry(outcome)) retry(index, lunr, outcome, lexicon)
    return finish(outcome)
  }

  function firstPass (index, lunr, lang, text, lexicon) {
    var terms = parseQuery(text, lang, index.fields)
    var outcome = { terms: terms, results: [], fuzzy: false, tooShort: false }
    if (wanted(terms).length) outcome.results = runQuery(index, lunr, terms, false, lexicon)
    return outcome
  }

  function wanted (terms) {
    return terms.filter(function (term) { return term.presence !== 'not' })
  }

  function wantsRetry (outcome) {
    return !outcome.results.length && wanted(outcome.terms).some(function (term) { return term.fuzzy })
  }

  function retry (index, lunr, outcome, lexicon) {
    outcome.results = runQuery(index, lunr, outcome.terms, true, lexicon)
    outcome.fuzzy = outcome.results.length > 0
  }

  function finish (outcome) {
    var words = wanted(outcome.terms)
    // Nothing but excluded words, or one letter typed so far, is not a
    // question yet: no "nothing found".
    outcome.tooShort = !words.length || (!outcome.results.length &&
      words.every(function (term) { return codePointLength(term.text) < MIN_PREFIX }))
    return outcome
  }

  // ---------------------------------------------------------------------
  // The split index (plugins/sangrah_search/split.py): parts loaded per query
  // ---------------------------------------------------------------------

  // The last i with sorted[i] <= key (0 when key sorts first).
  function lastAtOrBefore (sorted, key) {
    var low = 0
    var high = sorted.length - 1
    var found = 0
    while (low <= high) {
      var middle = (low + high) >> 1
      if (sorted[middle] <= key) {
        found = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    return found
  }

  function reversed (text) {
    return Array.from(text).reverse().join('')
  }

  function endsWith (text, suffix) {
    return suffix.length <= text.length && text.slice(text.length - suffix.length) === suffix
  }

  // The ranges of index words that hold every word one edit (lunr's edit:
  // insert, delete, substitute, swap two neighbours) from `word`. With
  // h = half its length: an edit after the first h letters keeps them; an
  // edit inside them keeps the last letters from h on; swapping letters h-1
  // and h gives a word beginning with the first h-1 letters and letter h.
  function fuzzyRanges (word) {
    var letters = Array.from(word)
    var h = letters.length >> 1
    return {
      prefixes: [letters.slice(0, h).join(''), letters.slice(0, h - 1).concat(letters[h]).join('')],
      suffixes: [letters.slice(h).join('')]
    }
  }

  // A result of a split index: like lunr's ({ref, score, matchData}), with
  // matchData made when first read (most results are counted, never shown),
  // and eachMatch(fn(term, field)) for the AND check without it.
  function SplitHit (ref, score) {
    this.ref = ref
    this.score = score
    this.slots = null
    this.split = null
    this.made = null
  }

  SplitHit.prototype.eachMatch = function (fn) {
    var split = this.split
    for (var s = 0; s < this.slots.length; s++) {
      for (var e = split.head[this.slots[s]]; e !== -1; e = split.next[e]) {
        var found = split.terms[split.term[e]]
        if (fn(found[0], split.fields[found[2]], found[1].fields[found[2]], split.at[e])) return true
      }
    }
    return false
  }

  Object.defineProperty(SplitHit.prototype, 'matchData', {
    enumerable: true,
    get: function () {
      if (!this.made) {
        var metadata = Object.create(null)
        this.eachMatch(function (term, field, posting, at) {
          var fields = metadata[term] || (metadata[term] = Object.create(null))
          fields[field] = posting.spans ? { position: posting.spans[at].slice() } : {}
        })
        this.made = { metadata: metadata }
      }
      return this.made
    }
  })

  // A split index: `manifest` as search/index.js holds it; `load(kind, n)`
  // a promise of the payload of part n ('chunk', 'lexicon', 'suffix').
  // `prepare(terms, fuzzy)` loads what a query needs; then `index()` is a
  // lunr.Index of every term loaded so far and `lexicon` answers expand().
  function createSplit (manifest, lunr, load) {
    var pipeline = lunr.Pipeline.load(manifest.pipeline)
    var parts = {} // kind:n → promise of payload
    var chunks = {} // n → payload, once loaded
    var ranges = {} // 'p:prefix' / 'h:prefix' / 's:suffix' → [words]
    var postings = Object.create(null) // word → { index, fields: [{ documents, scores, spans }] }
    var terms = []
    var built = null

    function part (kind, n) {
      var key = kind + ':' + n
      if (!parts[key]) {
        parts[key] = load(kind, n).then(function (payload) {
          if (kind === 'chunk') chunks[n] = payload
          return payload
        }, function (error) {
          delete parts[key] // a failed part may be asked for again
          throw error
        })
      }
      return parts[key]
    }

    // Words of shards `first`, `first` + 1, ... that `wordTest` passes,
    // while the next shard's first word (its bound) passes `boundTest`: a
    // range of sorted words never leaves off and restarts.
    function gather (kind, bounds, first, wordTest, boundTest) {
      var words = []
      function from (n) {
        return part(kind, n).then(function (shard) {
          shard.terms.forEach(function (word) { if (wordTest(word)) words.push(word) })
          if (n + 1 < bounds.length && boundTest(bounds[n + 1])) return from(n + 1)
          return words
        })
      }
      return bounds.length ? from(first) : Promise.resolve(words)
    }

    function remember (key, words) {
      ranges[key] = words
      return words
    }

    // Every index word `prefix` begins (whole: for the fuzzy retry), or
    // only the shortest when the shard has them ready (heads: for expand).
    function prefixRange (prefix, headsWanted) {
      var key = (headsWanted ? 'h:' : 'p:') + prefix
      if (ranges[key]) return Promise.resolve(ranges[key])
      if (!manifest.lexicon.length) return Promise.resolve(remember(key, []))
      var first = lastAtOrBefore(manifest.lexicon, prefix)
      var test = function (word) { return startsWith(word, prefix) }
      return part('lexicon', first).then(function (shard) {
        if (headsWanted && shard.heads[prefix]) return shard.heads[prefix]
        return gather('lexicon', manifest.lexicon, first, test, test)
      }).then(function (words) { return remember(key, words) })
    }

    // Every index word that ends with `suffix` (suffix shards: words
    // sorted by their spelling backwards; their bounds spelt backwards).
    function suffixRange (suffix) {
      var key = 's:' + suffix
      if (ranges[key]) return Promise.resolve(ranges[key])
      if (!manifest.suffixes.length) return Promise.resolve(remember(key, []))
      var backwards = reversed(suffix)
      var first = lastAtOrBefore(manifest.suffixes, backwards)
      return gather('suffix', manifest.suffixes, first,
        function (word) { return endsWith(word, suffix) },
        function (bound) { return startsWith(bound, backwards) }
      ).then(function (words) { return remember(key, words) })
    }

    var lexicon = {
      prefixed: function (prefix) {
        var words = ranges['h:' + prefix] || ranges['p:' + prefix]
        if (!words) throw new Error('sangrah search: words of "' + prefix + '" not loaded')
        return words
      }
    }

    function chunkOf (word) {
      return lastAtOrBefore(manifest.chunks, word)
    }

    // Put a loaded word into the partial index: per field, its documents
    // (ascending), their field-vector values and their match metadata.
    function materialize (word) {
      if (postings[word] || !manifest.chunks.length) return
      var entry = chunks[chunkOf(word)].terms[word]
      if (!entry) return
      var positions = entry[1 + 2 * manifest.fields.length]
      postings[word] = {
        index: entry[0],
        fields: manifest.fields.map(function (field, f) {
          var deltas = entry[1 + 2 * f]
          var thousandths = entry[2 + 2 * f]
          var spans = positions[field]
          var documents = new Int32Array(deltas.length)
          var scores = new Float64Array(deltas.length)
          var ref = 0
          for (var i = 0; i < deltas.length; i++) {
            ref += deltas[i]
            documents[i] = ref
            // Thousandths back to lunr's 3-decimal value: the same double.
            scores[i] = thousandths[i] / 1000
          }
          return { documents: documents, scores: scores, spans: spans || null }
        })
      }
      terms.push(word)
      built = null
    }

    // lunr.Index.prototype.query (lunr 2.3.9) for the clauses search.js
    // makes (optional and prohibited, any fields, pipeline, edit
    // distance), with the same arithmetic in the same order, so the same
    // doubles, but without an object per matching (document, field):
    //
    // - the query vector of each field is a lunr.Vector, filled by the
    //   same upserts in the same order (so the same magnitude);
    // - a document's dot product with it is the sum, in ascending term
    //   number, of (query value × document value) over the terms both
    //   have: lunr.Vector.dot adds the same products in the same order, from 0;
    // - a document's score adds its fields' similarities in the order lunr
    //   first met each (document, field), and results keep lunr's order
    //   before its stable sort by score.
    //
    // tests/search/test_split_ranking.py holds it to lunr's own query on one
    // whole index, to the bit.
    function query (build) {
      var fields = manifest.fields
      var fieldCount = fields.length
      var documentCount = manifest.documents
      var q = new lunr.Query(fields)
      build.call(q, q)
      var queryVectors = fields.map(function () { return new lunr.Vector() })
      var byField = fields.map(function () { return [] }) // term data per field, for the dot products
      var seenTermField = Object.create(null)
      // The (document, field) pairs in the order lunr meets them ("slots"),
      // each with a chain of the (term, field, position in posting) it matched.
      var slotOf = new Int32Array(documentCount * fieldCount).fill(-1)
      var slotFieldRef = []
      var slotHead = []
      var slotTail = []
      var entryTerm = [] // index into matchedTerms
      var entryAt = [] // position in that term's field posting
      var entryNext = []
      var matchedTerms = [] // [word, data, field number]
      var prohibited = new Uint8Array(documentCount)
      q.clauses.forEach(function (clause) {
        if (clause.presence === lunr.Query.presence.REQUIRED) throw new Error('sangrah search: required clauses are not supported')
        var words = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term]
        words.forEach(function (word) {
          clause.term = word
          var expanded = index().tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()
          expanded.forEach(function (term) {
            var data = postings[term]
            clause.fields.forEach(function (field) {
              var f = fields.indexOf(field)
              var documents = data.fields[f].documents
              if (clause.presence === lunr.Query.presence.PROHIBITED) {
                for (var p = 0; p < documents.length; p++) prohibited[documents[p]] = 1
                return
              }
              queryVectors[f].upsert(data.index, clause.boost, function (a, b) { return a + b })
              var key = term + '/' + field
              if (seenTermField[key]) return
              seenTermField[key] = true
              byField[f].push(data)
              var termNumber = matchedTerms.push([term, data, f]) - 1
              for (var i = 0; i < documents.length; i++) {
                var fieldRef = documents[i] * fieldCount + f
                var entry = entryTerm.push(termNumber) - 1
                entryAt.push(i)
                entryNext.push(-1)
                var slot = slotOf[fieldRef]
                if (slot === -1) {
                  slot = slotOf[fieldRef] = slotFieldRef.push(fieldRef) - 1
                  slotHead.push(entry)
                } else {
                  entryNext[slotTail[slot]] = entry
                }
                slotTail[slot] = entry
              }
            })
          })
        })
      })
      // Dot products: per field, the terms in ascending term number.
      var sums = fields.map(function (field, f) {
        var sum = new Float64Array(documentCount)
        var vector = queryVectors[f]
        var weights = {}
        for (var e = 0; e < vector.elements.length; e += 2) weights[vector.elements[e]] = vector.elements[e + 1]
        byField[f].slice().sort(function (a, b) { return a.index - b.index }).forEach(function (data) {
          var weight = weights[data.index]
          var posting = data.fields[f]
          for (var i = 0; i < posting.documents.length; i++) sum[posting.documents[i]] += weight * posting.scores[i]
        })
        return sum
      })
      var magnitudes = queryVectors.map(function (vector) { return vector.magnitude() })
      var results = []
      var matchOf = new Int32Array(documentCount).fill(-1)
      var firstSlots = [] // per result, its slots in order
      for (var slot = 0; slot < slotFieldRef.length; slot++) {
        var fieldRef = slotFieldRef[slot]
        var document = Math.floor(fieldRef / fieldCount)
        if (prohibited[document]) continue
        var f = fieldRef - document * fieldCount
        // lunr.Vector.similarity: dot / magnitude, 0 for NaN.
        var score = sums[f][document] / magnitudes[f] || 0
        var at = matchOf[document]
        if (at === -1) {
          matchOf[document] = results.length
          results.push(new SplitHit(String(document), score))
          firstSlots.push([slot])
        } else {
          results[at].score += score
          firstSlots[at].push(slot)
        }
      }
      var matches = { head: slotHead, next: entryNext, term: entryTerm, at: entryAt, terms: matchedTerms, fields: fields }
      results.forEach(function (hit, r) {
        hit.slots = firstSlots[r]
        hit.split = matches
      })
      return results.sort(function (a, b) { return b.score - a.score })
    }

    // Load the chunks of `words` and put them into the partial index.
    function need (words) {
      if (!manifest.chunks.length) return Promise.resolve()
      var numbers = {}
      words.forEach(function (word) { numbers[chunkOf(word)] = true })
      return Promise.all(Object.keys(numbers).map(function (n) { return part('chunk', Number(n)) }))
        .then(function () { words.forEach(materialize) })
    }

    // The index words lunr's fuzzy clause for `word` will find: among the
    // candidates, decided by lunr's own edit-distance automaton.
    function fuzzyMatches (word) {
      var where = fuzzyRanges(word)
      var lists = where.prefixes.map(function (prefix) { return prefixRange(prefix, false) })
        .concat(where.suffixes.map(suffixRange))
      return Promise.all(lists).then(function (found) {
        var unique = {}
        found.forEach(function (list) { list.forEach(function (w) { unique[w] = true }) })
        var candidates = lunr.TokenSet.fromArray(Object.keys(unique).sort())
        return candidates.intersect(lunr.TokenSet.fromFuzzyString(word, 1)).toArray()
      })
    }

    // Load what the clauses of `parsed` (parseQuery's terms) name: the
    // exact words, the words prefixes expand to, and with `fuzzy` the
    // words one edit away.
    function prepare (parsed, fuzzy) {
      var words = []
      var prefixLists = [] // for expand()
      var matches = [] // fuzzy matches, words to load
      parsed.forEach(function (term) {
        // The exact clause goes through the index's search pipeline.
        pipeline.runString(term.text).forEach(function (word) { words.push(word) })
        if (term.presence === 'not') return
        prefixesOf(term).forEach(function (prefix) { prefixLists.push(prefixRange(prefix, true)) })
        if (fuzzy && term.fuzzy) {
          var typed = term.stem !== term.text ? [term.stem, term.text] : [term.stem]
          typed.forEach(function (word) { matches.push(fuzzyMatches(word)) })
        }
      })
      return Promise.all([Promise.all(prefixLists), Promise.all(matches)]).then(function (found) {
        found[1].forEach(function (list) { words = words.concat(list) })
        parsed.forEach(function (term) {
          if (term.presence === 'not') return
          expansions(lexicon, term).forEach(function (expansion) { words.push(expansion[0]) })
        })
        return need(words)
      })
    }

    // What search() needs of an index: its fields, and query() above over
    // the words loaded so far (their token set, for lunr's expansion of
    // clauses).
    function index () {
      if (!built) {
        built = {
          fields: manifest.fields,
          pipeline: pipeline,
          tokenSet: lunr.TokenSet.fromArray(terms.slice().sort()),
          query: query
        }
      }
      return built
    }

    return { prepare: prepare, index: index, lexicon: lexicon, manifest: manifest, fields: manifest.fields, fuzzyMatches: fuzzyMatches }
  }

  // search() on a split index: the same steps, each after loading what it needs.
  function searchSplit (split, lunr, lang, text) {
    var terms = parseQuery(text, lang, split.fields)
    return split.prepare(terms, false).then(function () {
      var outcome = firstPass(split.index(), lunr, lang, text, split.lexicon)
      if (!wantsRetry(outcome)) return finish(outcome)
      return split.prepare(terms, true).then(function () {
        retry(split.index(), lunr, outcome, split.lexicon)
        return finish(outcome)
      })
    })
  }

  // ---------------------------------------------------------------------
  // Snippets and highlights (no page needed)
  // ---------------------------------------------------------------------

  var SNIPPET_WIDTH = 220 // UTF-16 units shown around the matches
  var SNIPPET_LEAD = 50 // of which before the first match
  var COMBINING = /[\u0300-\u036F\u0A81-\u0A83\u0ABC\u0ABE-\u0ACD\u0AE2\u0AE3\u0900-\u0903\u093A-\u094F\u200C\u200D]/

  function sortedSpans (spans) {
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] })
    // Overlaps (one word matched by two clauses) become one span.
    return spans.filter(function (span, i) {
      return i === 0 || span[0] >= spans[i - 1][0] + spans[i - 1][1]
    })
  }

  // Positions of `field` in a result as lunr.py recorded them (code points
  // of the normalized text; the index keeps them for titles), as
  // [start, length, term] in UTF-16 units of `text`.
  function matchSpans (hit, field, text, lang) {
    var spans = []
    var metadata = hit.matchData.metadata
    Object.keys(metadata).forEach(function (term) {
      var positions = (metadata[term][field] || {}).position || []
      positions.forEach(function (position) {
        var span = lang.codePointSpanToUtf16(text, position[0], position[1])
        if (span[1] > 0) spans.push([span[0], span[1], term])
      })
    })
    return sortedSpans(spans)
  }

  // The words of `text` (normalized) that became a term this result
  // matched in `field`, found by running the index's pipeline over the text:
  // the index keeps no body positions (see plugins/sangrah_search/build.py).
  function termSpans (hit, field, text, lang) {
    var metadata = hit.matchData.metadata
    var wanted = Object.create(null)
    Object.keys(metadata).forEach(function (term) {
      if (metadata[term][field]) wanted[term] = true
    })
    var spans = []
    lang.tokenSpans(text).forEach(function (span) {
      var word = lang.trim(span[0])
      if (!word || lang.isStopWord(word)) return
      var term = lang.stem(word)
      if (wanted[term] === true) spans.push([span[1], span[2], term])
    })
    return sortedSpans(spans)
  }

  // Move a cut off the middle of a letter: never between a base and its
  // vowel sign or virama, never inside a surrogate pair.
  function safeCut (text, at) {
    while (at > 0 && at < text.length &&
      (COMBINING.test(text.charAt(at)) || /[\uDC00-\uDFFF]/.test(text.charAt(at)))) at--
    return at
  }

  // The nearest space at or before `at` (looking back at most `reach`
  // units): a snippet starts just after it, or ends just before it.
  function cutAtSpace (text, at, reach, isStart) {
    for (var i = at; i >= 0 && i >= at - reach; i--) {
      if (/\s/.test(text.charAt(i))) return isStart ? i + 1 : i
    }
    return safeCut(text, at)
  }

  // The stretch of `text` with the most different matched words (then the
  // most matches), cut at spaces, as segments [{text, mark}] with flags for
  // the ellipses. Without spans: the beginning of the text.
  function snippet (text, spans, width) {
    width = width || SNIPPET_WIDTH
    var best = null
    spans.forEach(function (span, i) {
      var distinct = {}
      var count = 0
      for (var j = i; j < spans.length && spans[j][0] + spans[j][1] <= span[0] + width - SNIPPET_LEAD; j++) {
        distinct[spans[j][2]] = true
        count++
      }
      var score = [Object.keys(distinct).length, count]
      if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) {
        best = { start: span[0], score: score }
      }
    })
    var start = 0
    if (best && best.start > SNIPPET_LEAD) start = cutAtSpace(text, best.start - SNIPPET_LEAD, 30, true)
    if (best && start > best.start) start = best.start
    var end = start + width >= text.length ? text.length : cutAtSpace(text, start + width, 40, false)
    if (end <= start) end = Math.min(text.length, start + width)
    var segments = []
    var at = start
    spans.forEach(function (span) {
      var from = Math.max(span[0], start)
      var to = Math.min(span[0] + span[1], end)
      if (to <= from || from < at) return
      if (from > at) segments.push({ text: text.slice(at, from), mark: false })
      segments.push({ text: text.slice(from, to), mark: true })
      at = to
    })
    if (at < end) segments.push({ text: text.slice(at, end), mark: false })
    return { segments: segments, before: start > 0, after: end < text.length }
  }

  // The whole of a short text (a title) with its matches marked.
  function highlight (text, spans) {
    var segments = []
    var at = 0
    spans.forEach(function (span) {
      if (span[0] < at || span[0] + span[1] > text.length) return
      if (span[0] > at) segments.push({ text: text.slice(at, span[0]), mark: false })
      segments.push({ text: text.slice(span[0], span[0] + span[1]), mark: true })
      at = span[0] + span[1]
    })
    if (at < text.length) segments.push({ text: text.slice(at), mark: false })
    return segments
  }

  // ---------------------------------------------------------------------
  // The page
  // ---------------------------------------------------------------------

  var FILES = {
    index: 'search/index.js', // the manifest of the split index
    parts: { chunk: 'search/chunks/', lexicon: 'search/lexicon/', suffix: 'search/suffix/' },
    docs: 'search/docs/',
    worker: 'sw.js'
  }
  var DROPDOWN_RESULTS = 8
  var PAGE_RESULTS = 20
  var TYPING_PAUSE = 60 // ms: search once typing pauses, not on every key

  function browser (window) {
    var document = window.document
    var form = document.querySelector('form.search-form[data-search-root]')
    var received = {}
    var memo = {}
    var loadedUrls = []
    var manifestBust = null // set once the manifest in hand proved stale (staleIndex)
    var keptUntil = Promise.resolve()
    var api = {
      // Data files call this; their payload is a JSON string (output.py says why).
      receive: function (kind, key, version, payload) {
        received[kind + ':' + key] = { version: version, payload: typeof payload === 'string' ? JSON.parse(payload) : payload }
      }
    }
    if (!form) return api

    var data = form.dataset
    var siteRoot = new URL(data.searchRoot || './', document.baseURI).href
    if (siteRoot.slice(-1) !== '/') siteRoot += '/'
    var version = data.searchVersion || ''
    var scripts = (data.searchScripts || '').split(/\s+/).filter(Boolean)
    var gujaratiDigits = data.digits === 'gujr'

    function fileUrl (path, bust) {
      var query = version ? '?v=' + encodeURIComponent(version) : ''
      if (bust) query += (query ? '&' : '?') + 'r=' + bust
      return siteRoot + path + query
    }

    function loadScript (url) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement('script')
        script.src = url
        script.charset = 'utf-8'
        script.onload = function () {
          script.remove()
          loadedUrls.push(url)
          scheduleKeep()
          resolve()
        }
        script.onerror = function () {
          script.remove()
          reject(new Error('sangrah search: could not load ' + url))
        }
        document.head.appendChild(script)
      })
    }

    // A data file calls api.receive while it runs, before its load event.
    function loadData (kind, key, path, bust) {
      return loadScript(fileUrl(path, bust)).then(function () {
        var got = received[kind + ':' + key]
        delete received[kind + ':' + key]
        if (!got) throw new Error('sangrah search: ' + path + ' holds no ' + kind)
        return got
      })
    }

    // A part of the manifest's build: should a cache hand out the file of
    // an older build (the HTTP cache keeps files a while: their URLs name
    // the runtime's version, not the data's, output.py), it is asked for
    // once more, past every cache. Still of another build: the manifest in
    // hand is the older one (staleIndex).
    function loadPart (kind, key, path, dataVersion) {
      return loadData(kind, key, path).then(function (got) {
        if (got.version === dataVersion) return got.payload
        return loadData(kind, key, path, String(Date.now())).then(function (again) {
          if (again.version !== dataVersion) throw staleIndex(path)
          return again.payload
        })
      })
    }

    // The manifest came from a cache and the site has been built since:
    // what was loaded with it is dropped, and the next load asks for the
    // manifest past every cache. The error says so (freshly runs again).
    function staleIndex (path) {
      manifestBust = String(Date.now())
      Object.keys(memo).forEach(function (name) {
        if (name !== 'runtime') delete memo[name]
      })
      var error = new Error('sangrah search: ' + path + ' is newer than the index in hand')
      error.stale = true
      return error
    }

    // ``task`` (a search from loading to results), run once more when the
    // index it used turned out stale.
    function freshly (task) {
      return task().catch(function (error) {
        if (error && error.stale) return task()
        throw error
      })
    }

    function once (name, make) {
      if (!memo[name]) {
        memo[name] = make()
        // A failure (offline, say) is not remembered: the next search tries again.
        memo[name].catch(function () { delete memo[name] })
      }
      return memo[name]
    }

    function loadRuntime () {
      return once('runtime', function () {
        if (window.lunr && window.sangrahLang) return Promise.resolve()
        // In order: each needs the one before.
        return scripts.reduce(function (previous, path) {
          return previous.then(function () { return loadScript(fileUrl(path)) })
        }, Promise.resolve())
      })
    }

    // Every index load goes through here: the manifest first, then the
    // parts each query needs (createSplit). Resolves to the split index.
    function loadIndex () {
      return once('index', function () {
        return Promise.all([loadRuntime(), loadData('manifest', null, FILES.index, manifestBust)]).then(function (parts) {
          var manifest = parts[1].payload
          var dataVersion = parts[1].version
          var split = createSplit(manifest, window.lunr, function (kind, n) {
            return loadPart(kind, n, FILES.parts[kind] + n + '.js', dataVersion)
          })
          split.dataVersion = dataVersion
          return split
        })
      })
    }

    function loadSearch () {
      return once('search', function () {
        return loadIndex().then(function (split) {
          keep({ assets: loadedUrls.slice() })
          return { split: split }
        })
      })
    }

    // What a result shows, and its body text for the snippet.
    function loadDoc (ref, split) {
      return once('doc:' + ref, function () {
        return loadPart('doc', Number(ref), FILES.docs + ref + '.js', split.dataVersion)
      })
    }

    function loadDocs (hits, split) {
      return Promise.all(hits.map(function (hit) { return loadDoc(hit.ref, split) }))
    }

    // A small site's search is kept whole for offline use after the first
    // search (the manifest says whether it is small: output.py).
    function keepEverything (split) {
      var manifest = split.manifest
      if (!manifest.offline || memo.keptEverything) return
      memo.keptEverything = true
      var urls = []
      var counts = { chunk: manifest.chunks.length, lexicon: manifest.lexicon.length, suffix: manifest.suffixes.length }
      Object.keys(counts).forEach(function (kind) {
        for (var n = 0; n < counts[kind]; n++) urls.push(fileUrl(FILES.parts[kind] + n + '.js'))
      })
      for (var n = 0; n < manifest.docs; n++) urls.push(fileUrl(FILES.docs + n + '.js'))
      keep({ assets: urls })
    }

    // --- offline: the service worker (http and https only) --------------
    var worker = null

    function keep (message) {
      if (!worker) return keptUntil
      keptUntil = keptUntil.then(function () {
        return worker.then(function (registration) {
          if (!registration || !registration.active) return undefined
          return new Promise(function (resolve) {
            var channel = new MessageChannel()
            channel.port1.onmessage = function () { resolve() }
            registration.active.postMessage({ type: 'sangrah-keep', pages: message.pages || [], assets: message.assets || [] }, [channel.port2])
            setTimeout(resolve, 30000)
          })
        })
      })
      return keptUntil
    }

    var keepTimer = null
    var keptCount = 0
    function scheduleKeep () {
      clearTimeout(keepTimer)
      keepTimer = setTimeout(function () {
        var fresh = loadedUrls.slice(keptCount)
        keptCount = loadedUrls.length
        if (fresh.length) keep({ assets: fresh })
      }, 200)
    }

    function startWorker () {
      var navigator = window.navigator
      if (!('serviceWorker' in navigator) || !/^https?:$/.test(window.location.protocol)) return
      worker = navigator.serviceWorker.register(siteRoot + FILES.worker, { scope: siteRoot })
        .then(function () { return navigator.serviceWorker.ready })
        .catch(function () { return null })
      // This page loaded before the worker could see it: send its URL and
      // what it loaded from the site, to be kept.
      var page = window.location.href.split('#')[0]
      var assets = (window.performance && window.performance.getEntriesByType
        ? window.performance.getEntriesByType('resource') : [])
        .map(function (entry) { return entry.name.split('#')[0] })
        .filter(function (url) { return startsWith(url, siteRoot) && url !== siteRoot + FILES.worker })
      keep({ pages: [page], assets: assets })
    }

    // --- text ------------------------------------------------------------
    function label (name, values) {
      var text = data['label' + name.charAt(0).toUpperCase() + name.slice(1)] || ''
      Object.keys(values || {}).forEach(function (key) {
        text = text.split('{' + key + '}').join(values[key])
      })
      return text
    }

    function number (n) {
      var text = String(n)
      if (!gujaratiDigits) return text
      return text.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0AE6 + Number(d)) })
    }

    function countText (n) {
      return n === 1 ? label('countOne') : label('count', { n: number(n) })
    }

    function element (tag, className, text) {
      var node = document.createElement(tag)
      if (className) node.className = className
      if (text) node.appendChild(document.createTextNode(text))
      return node
    }

    function fillSegments (node, segments) {
      while (node.firstChild) node.removeChild(node.firstChild)
      segments.forEach(function (segment) {
        node.appendChild(segment.mark ? element('mark', '', segment.text) : document.createTextNode(segment.text))
      })
    }

    function fillSnippet (node, cut) {
      fillSegments(node, cut.segments)
      if (cut.before) node.insertBefore(document.createTextNode('… '), node.firstChild)
      if (cut.after) node.appendChild(document.createTextNode(' …'))
    }

    function titleInto (node, doc, hit) {
      var lang = window.sangrahLang
      // Title positions count the normalized title; when normalizing
      // changes it, the title is shown as written, unmarked.
      if (lang.normalize(doc.title) === doc.title) {
        fillSegments(node, highlight(doc.title, matchSpans(hit, 'title', doc.title, lang)))
      } else {
        node.appendChild(document.createTextNode(doc.title))
      }
    }

    function dateNode (doc) {
      var node = element(doc.date ? 'time' : 'span', 'search-date', doc.dateText)
      if (doc.date) node.setAttribute('datetime', doc.date)
      return node
    }

    // The snippet around the matches in the body; the summary when the body has none.
    function snippetInto (node, hit, doc) {
      var spans = termSpans(hit, 'body', doc.body, window.sangrahLang)
      if (spans.length) fillSnippet(node, snippet(doc.body, spans))
      else node.appendChild(document.createTextNode(doc.summary))
    }

    function resultUrl (doc) {
      return new URL(doc.url, siteRoot).href
    }

    function searchPageUrl (text) {
      return new URL(form.getAttribute('action'), document.baseURI).href.split('?')[0] +
        '?q=' + encodeURIComponent(text)
    }

    // --- running a search ------------------------------------------------
    var input = form.querySelector('input[name="q"]')
    var pageRoot = document.getElementById('search-page')
    var current = 0
    var view = pageRoot ? pageView() : dropdownView()

    var answered = null // the query the view shows the answer to

    function run (text) {
      // The same words again (a space typed, focus back): keep the list and
      // the option the keyboard is on.
      if (answered !== null && text.trim() === answered) return
      var generation = ++current
      answered = null
      if (!text.trim()) {
        view.clear()
        return
      }
      var loadingShown = false
      var slow = setTimeout(function () {
        if (generation === current) {
          loadingShown = true
          view.message(label('loading'))
        }
      }, 150)
      var loaded = null
      freshly(function () {
        return loadSearch().then(function (got) {
          loaded = got
          if (generation !== current) return null
          return searchSplit(loaded.split, window.lunr, window.sangrahLang, text)
        }).then(function (outcome) {
          if (!outcome || generation !== current) return null
          if (outcome.tooShort) return outcome
          // The first screen of results comes with its documents.
          return loadDocs(outcome.results.slice(0, view.first), loaded.split).then(function (docs) {
            outcome.docs = docs
            return outcome
          })
        })
      }).then(function (outcome) {
        clearTimeout(slow)
        if (!outcome || generation !== current) return
        if (outcome.tooShort) {
          if (loadingShown) view.clear()
          return
        }
        view.show(outcome, loaded, text, generation, outcome.docs)
        answered = text.trim()
        keepEverything(loaded.split)
      }).catch(function () {
        clearTimeout(slow)
        if (generation === current) view.failed(label('failed'))
      })
    }

    var timer = null
    input.addEventListener('input', function () {
      clearTimeout(timer)
      timer = setTimeout(function () { run(input.value) }, TYPING_PAUSE)
    })
    // Reaching for the box starts loading, so the first word typed is answered at once.
    input.addEventListener('focus', function () {
      loadSearch().catch(function () {})
    })

    // "/" anywhere but in a text field goes to the search box.
    document.addEventListener('keydown', function (event) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
      var target = event.target
      var tag = target && target.tagName ? target.tagName.toLowerCase() : ''
      if (tag === 'input' || tag === 'textarea' || tag === 'select' || (target && target.isContentEditable)) return
      event.preventDefault()
      input.focus()
      input.select()
    })
    input.setAttribute('aria-keyshortcuts', '/')

    // --- the box on every page: an ARIA combobox with a listbox ---------
    function dropdownView () {
      var listId = 'search-listbox'
      var popup = element('div', 'search-popup')
      popup.hidden = true
      var note = element('p', 'search-popup-note')
      var list = element('ul', 'search-options')
      list.id = listId
      list.setAttribute('role', 'listbox')
      list.setAttribute('aria-label', label('results'))
      popup.appendChild(note)
      popup.appendChild(list)
      form.appendChild(popup)
      var status = element('p', 'visually-hidden')
      status.setAttribute('role', 'status')
      form.appendChild(status)

      input.setAttribute('role', 'combobox')
      input.setAttribute('aria-autocomplete', 'list')
      input.setAttribute('aria-expanded', 'false')
      input.setAttribute('aria-controls', listId)

      var options = []
      var active = -1

      function open (yes) {
        popup.hidden = !yes
        input.setAttribute('aria-expanded', yes && options.length ? 'true' : 'false')
        if (!yes) activate(-1)
      }

      function activate (i) {
        if (options[active]) options[active].setAttribute('aria-selected', 'false')
        active = i
        if (options[active]) {
          options[active].setAttribute('aria-selected', 'true')
          input.setAttribute('aria-activedescendant', options[active].id)
          if (options[active].scrollIntoView) options[active].scrollIntoView({ block: 'nearest' })
        } else {
          input.removeAttribute('aria-activedescendant')
        }
      }

      function setNote (text) {
        note.textContent = text
        note.hidden = !text
      }

      function reset () {
        activate(-1)
        options = []
        while (list.firstChild) list.removeChild(list.firstChild)
      }

      function option (id, href) {
        var node = element('li', 'search-option')
        node.id = id
        node.setAttribute('role', 'option')
        node.setAttribute('aria-selected', 'false')
        node.dataset.href = href
        options.push(node)
        list.appendChild(node)
        return node
      }

      list.addEventListener('mousedown', function (event) { event.preventDefault() })
      list.addEventListener('click', function (event) {
        var node = event.target.closest('[role="option"]')
        if (node) window.location.assign(node.dataset.href)
      })

      input.addEventListener('keydown', function (event) {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          if (!options.length) return
          event.preventDefault()
          if (popup.hidden) open(true)
          var next = event.key === 'ArrowDown'
            ? (active + 1) % options.length
            : (active <= 0 ? -1 : active - 1)
          activate(next)
        } else if (event.key === 'Enter') {
          if (!popup.hidden && options[active]) {
            event.preventDefault()
            window.location.assign(options[active].dataset.href)
          }
        } else if (event.key === 'Escape') {
          if (!popup.hidden) {
            event.preventDefault()
            open(false)
          }
        }
      })
      input.addEventListener('focus', function () {
        if (input.value.trim() && (options.length || note.textContent)) open(true)
      })
      form.addEventListener('focusout', function (event) {
        if (!form.contains(event.relatedTarget)) open(false)
      })

      return {
        clear: function () {
          reset()
          setNote('')
          status.textContent = ''
          open(false)
        },
        message: function (text) {
          reset()
          setNote(text)
          status.textContent = text
          open(document.activeElement === input)
        },
        failed: function (text) {
          this.message(text)
          popup.classList.add('search-failed')
        },
        first: DROPDOWN_RESULTS,
        // `docs`: the documents of the first results, loaded.
        show: function (outcome, loaded, text, generation, docs) {
          reset()
          popup.classList.remove('search-failed')
          var results = outcome.results
          if (!results.length) {
            this.message(label('noResults', { q: text.trim() }))
            return
          }
          setNote(outcome.fuzzy ? label('fuzzy', { q: text.trim() }) : '')
          results.slice(0, DROPDOWN_RESULTS).forEach(function (hit, i) {
            var doc = docs[i]
            var node = option('search-option-' + i, resultUrl(doc))
            var title = element('span', 'search-option-title')
            title.lang = doc.lang
            titleInto(title, doc, hit)
            node.appendChild(title)
            node.appendChild(dateNode(doc))
            var lede = element('span', 'search-option-snippet')
            lede.lang = doc.lang
            snippetInto(lede, hit, doc)
            node.appendChild(lede)
          })
          var all = option('search-option-all', searchPageUrl(text.trim()))
          all.classList.add('search-option-all')
          all.appendChild(document.createTextNode(label('all', { q: text.trim() }) + ' (' + number(results.length) + ')'))
          status.textContent = countText(results.length) + (outcome.fuzzy ? '. ' + note.textContent : '')
          open(document.activeElement === input)
        }
      }
    }

    // --- the search page: results as a list of links ---------------------
    function pageView () {
      var status = document.getElementById('search-page-status')
      var list = document.getElementById('search-page-results')
      var intro = document.getElementById('search-page-intro')
      var more = element('button', 'search-more', label('more'))
      more.type = 'button'
      more.hidden = true
      list.parentNode.insertBefore(more, list.nextSibling)
      var pending = null

      function links () {
        return Array.prototype.slice.call(list.querySelectorAll('.search-result-title a'))
      }

      function render (hit, doc) {
        var item = element('li', 'search-result')
        item.lang = doc.lang
        var heading = element('h2', 'search-result-title')
        var link = element('a')
        link.href = resultUrl(doc)
        titleInto(link, doc, hit)
        heading.appendChild(link)
        item.appendChild(heading)
        var meta = element('p', 'search-result-meta')
        meta.lang = document.documentElement.lang
        meta.appendChild(dateNode(doc))
        item.appendChild(meta)
        var lede = element('p', 'search-result-snippet')
        snippetInto(lede, hit, doc)
        item.appendChild(lede)
        list.appendChild(item)
      }

      // The next PAGE_RESULTS results, once their documents are here
      // (the first batch comes loaded with the answer).
      function showMore () {
        if (!pending) return Promise.resolve()
        var shown = pending
        var batch = shown.results.splice(0, PAGE_RESULTS)
        more.hidden = true
        return loadDocs(batch, shown.loaded.split).then(function (docs) {
          if (pending !== shown) return
          batch.forEach(function (hit, i) { render(hit, docs[i]) })
          more.hidden = !shown.results.length
        }, function (error) {
          // The site was built again since these results were found (their
          // index is stale: staleIndex): the query is answered afresh.
          if (error && error.stale && pending === shown) {
            answered = null
            run(shown.text)
            return
          }
          throw error
        })
      }

      more.addEventListener('click', function () {
        var first = links().length
        showMore().then(function () {
          if (links()[first]) links()[first].focus()
        })
      })

      input.addEventListener('keydown', function (event) {
        if (event.key === 'ArrowDown' && links().length) {
          event.preventDefault()
          links()[0].focus()
        }
      })
      list.addEventListener('keydown', function (event) {
        if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
        var all = links()
        var at = all.indexOf(document.activeElement)
        if (at === -1) return
        event.preventDefault()
        if (event.key === 'ArrowDown' && all[at + 1]) all[at + 1].focus()
        if (event.key === 'ArrowUp') (all[at - 1] || input).focus()
      })

      // The address keeps the query, so the page can be shared or reloaded.
      function remember (text) {
        try {
          window.history.replaceState(null, '', text.trim() ? '?q=' + encodeURIComponent(text.trim()) : '?')
        } catch (error) {
          // Some browsers refuse to change the address of a file:// page.
        }
      }

      form.addEventListener('submit', function (event) {
        event.preventDefault()
        clearTimeout(timer)
        run(input.value)
      })
      input.addEventListener('input', function () { remember(input.value) })

      function clear () {
        pending = null
        while (list.firstChild) list.removeChild(list.firstChild)
        more.hidden = true
        status.textContent = ''
        status.classList.remove('search-failed')
      }

      var initial = new URLSearchParams(window.location.search).get('q') || ''
      if (initial) {
        input.value = initial
        setTimeout(function () { run(initial) }, 0)
      }

      return {
        clear: function () {
          clear()
          intro.hidden = false
        },
        message: function (text) {
          clear()
          status.textContent = text
        },
        failed: function (text) {
          this.message(text)
          status.classList.add('search-failed')
        },
        first: PAGE_RESULTS,
        show: function (outcome, loaded, text, generation) {
          clear()
          intro.hidden = true
          var results = outcome.results
          if (!results.length) {
            status.textContent = label('noResults', { q: text.trim() })
            return
          }
          status.textContent = (outcome.fuzzy ? label('fuzzy', { q: text.trim() }) + ' ' : '') + countText(results.length)
          pending = { results: results.slice(), loaded: loaded, generation: generation, text: text }
          showMore()
        }
      }
    }

    api.loadIndex = function () { return loadIndex() }
    api.load = loadSearch
    api.search = function (text) {
      return freshly(function () {
        return loadSearch().then(function (loaded) {
          return searchSplit(loaded.split, window.lunr, window.sangrahLang, text)
        })
      })
    }
    // Resolves once the service worker has kept what was sent so far (tests wait on it).
    api.whenKept = function () { return keptUntil }
    startWorker()
    return api
  }

  return {
    parseQuery: parseQuery,
    search: search,
    createSplit: createSplit,
    searchSplit: searchSplit,
    fuzzyRanges: fuzzyRanges,
    withinOneEdit: withinOneEdit,
    matchSpans: matchSpans,
    termSpans: termSpans,
    snippet: snippet,
    highlight: highlight,
    browser: browser,
    files: FILES,
    limits: { minPrefix: MIN_PREFIX, minFuzzy: MIN_FUZZY, snippetWidth: SNIPPET_WIDTH }
  }
}))

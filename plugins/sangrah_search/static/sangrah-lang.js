/*
 * sangrah-lang.js: sangrah's language pipeline for the browser, the twin of
 * plugins/sangrah_lang (Python). Both read the same rules, generated from
 * plugins/sangrah_lang/language.json, and tests hold their outputs identical
 * stage by stage, so that a query is cut the way the index was.
 *
 * In a page, load in this order, before any lunr.Index.load:
 *   lunr.js, sangrah-rules.js (defines SANGRAH_LANGUAGE_RULES), this file.
 * This file then defines the global `sangrahLang` and registers the pipeline
 * functions and the tokenizer with the global `lunr`.
 *
 * In node:
 *   const sangrahLang = require('./sangrah-lang.js').create(rules, require('lunr'))
 *   sangrahLang.registerWithLunr()
 */
(function (root, factory) {
  'use strict'
  var api = factory()
  if (typeof module === 'object' && module.exports) {
    module.exports = api
  } else {
    if (!root.SANGRAH_LANGUAGE_RULES || !root.lunr) {
      throw new Error('sangrah-lang.js: load lunr.js and sangrah-rules.js first')
    }
    root.sangrahLang = api.create(root.SANGRAH_LANGUAGE_RULES, root.lunr)
    root.sangrahLang.registerWithLunr()
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict'

  var PIPELINE_NAMES = {
    normalizer: 'sangrah-normalizer',
    trimmer: 'sangrah-trimmer',
    stopWords: 'sangrah-stopwords',
    stemmer: 'sangrah-stemmer'
  }
  // Vocabularies repeat; past this many entries a cache starts over rather
  // than grow without bound.
  var CACHE_LIMIT = 1 << 18

  function parseRanges (specs) {
    return [].concat(specs).map(function (spec) {
      var parts = spec.split('-')
      var first = parseInt(parts[0], 16)
      return [first, parts.length > 1 ? parseInt(parts[1], 16) : first]
    })
  }

  function hex (codePoint) {
    return codePoint.toString(16).toUpperCase()
  }

  // Class body for a RegExp with the u flag: \u{...} spells astral code
  // points whole, as Python's \U escapes do.
  function classBody (ranges) {
    return ranges.map(function (range) {
      return range[0] === range[1]
        ? '\\u{' + hex(range[0]) + '}'
        : '\\u{' + hex(range[0]) + '}-\\u{' + hex(range[1]) + '}'
    }).join('')
  }

  // Class body without the u flag, for the BMP part only: lunr's query
  // lexer tests one UTF-16 unit at a time.
  function bmpClassBody (ranges) {
    function unit (codePoint) {
      return '\\u' + ('0000' + hex(codePoint)).slice(-4)
    }
    return ranges.filter(function (range) {
      return range[0] <= 0xFFFF
    }).map(function (range) {
      var last = Math.min(range[1], 0xFFFF)
      return range[0] === last ? unit(range[0]) : unit(range[0]) + '-' + unit(last)
    }).join('')
  }

  function escapeForClass (chars) {
    return chars.map(function (ch) {
      return ch.replace(/[\\\]\[\^\-]/g, '\\$&')
    }).join('')
  }

  function codePointSet (specs) {
    var set = new Set()
    parseRanges(specs).forEach(function (range) {
      for (var cp = range[0]; cp <= range[1]; cp++) set.add(String.fromCodePoint(cp))
    })
    return set
  }

  function memoize (fn) {
    var cache = new Map()
    return function (key) {
      var value = cache.get(key)
      if (value === undefined) {
        if (cache.size >= CACHE_LIMIT) cache.clear()
        value = fn(key)
        cache.set(key, value)
      }
      return value
    }
  }

  function create (rules, lunr) {
    if (!rules || !rules.tokenizer) throw new Error('sangrah-lang: no language rules given')
    if (!lunr || !lunr.stemmer) throw new Error('sangrah-lang: lunr is needed (its Porter stemmer)')

    // --- normalization (language.json: invisible, digits, spaces) -------
    var translation = new Map()
    rules.invisible.chars.forEach(function (ch) { translation.set(ch, '') })
    Object.keys(rules.digits.map).forEach(function (ch) { translation.set(ch, rules.digits.map[ch]) })
    rules.spaces.chars.forEach(function (ch) { translation.set(ch, ' ') })

    function normalize (text) {
      var composed = String(text).normalize('NFC')
      var out = []
      for (var ch of composed) {
        var replacement = translation.get(ch)
        out.push(replacement === undefined ? ch : replacement)
      }
      var translated = out.join('')
      // Compose again when a removed joiner left a base letter beside a
      // combining mark, as the Python side does: normalizing twice is a no-op.
      if (translated !== composed) translated = translated.normalize('NFC')
      return translated.replace(/ {2,}/g, ' ')
    }

    function foldCase (text) {
      // Lower-casing can decompose (İ -> i + U+0307); compose again, as the
      // Python side does, so mark order agrees whatever ran first.
      return text.toLowerCase().normalize('NFC')
    }

    // --- tokenizer and trimmer (language.json: tokenizer, trimmer) -------
    var wordRanges = parseRanges(rules.tokenizer.word_chars.ranges)
    var extraChars = rules.tokenizer.extra_token_chars.chars
    var word = classBody(wordRanges)
    var extra = escapeForClass(extraChars)
    var tokenPattern = '[' + word + extra + '\\u{10000}-\\u{10FFFF}]+'
    var untrimmedEnds = new RegExp('^[^' + word + ']+|[^' + word + ']+$', 'gu')
    // One UTF-16 unit is a separator unless it is a BMP token character or
    // half of a surrogate pair (astral code points stay inside tokens).
    var separator = new RegExp('[^' + bmpClassBody(wordRanges) + extra + '\\uD800-\\uDFFF]')

    function tokenSpans (text) {
      var normalized = normalize(text)
      var pattern = new RegExp(tokenPattern, 'gu')
      var spans = []
      var match
      while ((match = pattern.exec(normalized)) !== null) {
        spans.push([foldCase(match[0]), match.index, match[0].length])
      }
      return spans
    }

    function tokenize (text) {
      return tokenSpans(text).map(function (span) { return span[0] })
    }

    var trim = memoize(function (token) {
      return token.replace(untrimmedEnds, '')
    })

    var oneTokenChar = new RegExp('^' + tokenPattern.slice(0, -1) + '$', 'u')
    var oneWordChar = new RegExp('^[' + word + ']$', 'u')

    function isTokenChar (ch) {
      return oneTokenChar.test(ch)
    }

    function isWordChar (ch) {
      return oneWordChar.test(ch)
    }

    // --- stop words ------------------------------------------------------
    var lists = rules.stop_words
    var stopWords = new Set(
      lists.gujarati.words.concat(lists.english.words, lists.english_fragments.words))

    function isStopWord (token) {
      return stopWords.has(token)
    }

    // --- stemmer (language.json: stemmer) --------------------------------
    var gu = rules.stemmer.gujarati
    var en = rules.stemmer.english
    var vowels = codePointSet(gu.letters.independent_vowels)
    var consonants = codePointSet(gu.letters.consonants)
    var virama = String.fromCodePoint(parseRanges(gu.letters.virama)[0][0])
    var nukta = String.fromCodePoint(parseRanges(gu.letters.nukta)[0][0])
    var asciiAlnum = new Set('abcdefghijklmnopqrstuvwxyz0123456789')
    var suffixes = gu.suffixes_after_anything.map(function (s) { return [s, false] })
      .concat(gu.suffixes_after_consonant.map(function (s) { return [s, true] }))
      .sort(function (a, b) {
        // Longest first; the tie-break (code unit order, the same as code
        // point order for these BMP suffixes) only makes the order total.
        return b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)
      })
    var guards = gu.suffix_guards.map(function (guard) {
      return [guard.suffix_starts_with, guard.remainder_ends_with]
    })
    var overrides = new Map(Object.keys(gu.overrides).map(function (k) { return [k, gu.overrides[k]] }))
    var knownStems = new Set()
    gu.known_stems.groups.forEach(function (group) {
      group.words.forEach(function (w) { knownStems.add(w) })
    })
    overrides.forEach(function (stem) { knownStems.add(stem) })
    var notStemmed = new Set(en.not_stemmed.words)
    var notStemmedParts = en.not_stemmed.containing

    function isGujarati (token) {
      for (var ch of token) {
        if (vowels.has(ch) || consonants.has(ch)) return true
      }
      return false
    }

    function aksharas (text) {
      var chars = Array.from(text)
      var count = 0
      for (var i = 0; i < chars.length; i++) {
        if (vowels.has(chars[i]) || asciiAlnum.has(chars[i])) count++
        else if (consonants.has(chars[i]) && chars[i + 1] !== virama) count++
      }
      return count
    }

    function endsInConsonant (text) {
      var chars = Array.from(text)
      var last = chars[chars.length - 1]
      if (last === nukta && chars.length > 1) last = chars[chars.length - 2]
      return consonants.has(last)
    }

    function guarded (suffix, remainder) {
      return guards.some(function (guard) {
        return suffix.startsWith(guard[0]) && guard[1].some(function (end) { return remainder.endsWith(end) })
      })
    }

    function acceptableStem (suffix, remainder, needsConsonant) {
      if (guarded(suffix, remainder)) return false
      if (remainder.endsWith(virama)) return false
      if (needsConsonant && !endsInConsonant(remainder)) return false
      return /^[0-9]+$/.test(remainder) || aksharas(remainder) >= gu.min_stem_aksharas
    }

    function stemGujarati (token) {
      if (overrides.has(token)) return overrides.get(token)
      if (knownStems.has(token)) return token
      var candidates = []
      for (var i = 0; i < suffixes.length; i++) {
        var suffix = suffixes[i][0]
        if (token.length > suffix.length && token.endsWith(suffix)) {
          candidates.push([suffix, token.slice(0, token.length - suffix.length), suffixes[i][1]])
        }
      }
      for (var j = 0; j < candidates.length; j++) {
        if (knownStems.has(candidates[j][1])) return candidates[j][1]
      }
      for (var k = 0; k < candidates.length; k++) {
        var candidate = candidates[k]
        if (acceptableStem(candidate[0], candidate[1], candidate[2])) return candidate[1]
      }
      return token
    }

    function stemEnglish (token) {
      if (notStemmed.has(token)) return token
      for (var i = 0; i < notStemmedParts.length; i++) {
        if (token.indexOf(notStemmedParts[i]) !== -1) return token
      }
      var stemmed = lunr.stemmer(new lunr.Token(token)).toString()
      if (en.final_y_to_i && stemmed.endsWith('y')) stemmed = stemmed.slice(0, -1) + 'i'
      return stemmed
    }

    var stem = memoize(function (token) {
      if (isGujarati(token)) return stemGujarati(token)
      if (/^[a-z]+$/.test(token)) return stemEnglish(token)
      return token
    })

    function analyze (text) {
      var terms = []
      tokenize(text).forEach(function (token) {
        var trimmed = trim(token)
        if (trimmed && !isStopWord(trimmed)) terms.push(stem(trimmed))
      })
      return terms
    }

    // --- positions -------------------------------------------------------
    // lunr.py records a match as [start, length] in code points; JavaScript
    // strings count UTF-16 units. Both count within the normalized text.
    function codePointSpanToUtf16 (text, start, length) {
      var units = 0
      var codePoints = 0
      var startUnits = null
      for (var ch of text) {
        if (codePoints === start) startUnits = units
        if (codePoints === start + length) break
        units += ch.length
        codePoints++
      }
      if (startUnits === null) startUnits = units
      return [startUnits, units - startUnits]
    }

    // --- lunr ------------------------------------------------------------
    function normalizer (token) {
      return token.update(function (s) { return foldCase(normalize(s)) })
    }

    function trimmer (token) {
      token.update(function (s) { return trim(s) })
      return token.toString() ? token : undefined
    }

    function stopWordFilter (token) {
      return isStopWord(token.toString()) ? undefined : token
    }

    function stemmer (token) {
      return token.update(function (s) { return stem(s) })
    }

    // Same contract as lunr.tokenizer: arrays give one token per element,
    // strings are split; metadata is copied onto every token.
    function lunrTokenizer (obj, metadata) {
      if (obj === null || obj === undefined) return []
      if (Array.isArray(obj)) {
        return obj.map(function (element) {
          var text = element === null || element === undefined ? '' : String(element)
          return new lunr.Token(foldCase(normalize(text)), lunr.utils.clone(metadata))
        })
      }
      return tokenSpans(String(obj)).map(function (span, index) {
        var tokenMetadata = lunr.utils.clone(metadata) || {}
        tokenMetadata.position = [span[1], span[2]]
        tokenMetadata.index = index
        return new lunr.Token(span[0], tokenMetadata)
      })
    }
    lunrTokenizer.separator = separator

    function registerWithLunr () {
      lunr.Pipeline.registerFunction(normalizer, PIPELINE_NAMES.normalizer)
      lunr.Pipeline.registerFunction(trimmer, PIPELINE_NAMES.trimmer)
      lunr.Pipeline.registerFunction(stopWordFilter, PIPELINE_NAMES.stopWords)
      lunr.Pipeline.registerFunction(stemmer, PIPELINE_NAMES.stemmer)
      lunr.tokenizer = lunrTokenizer
      // The query lexer keeps its own reference, taken when lunr loaded.
      lunr.QueryLexer.termSeparator = separator
    }

    return {
      normalize: normalize,
      foldCase: foldCase,
      tokenize: tokenize,
      tokenSpans: tokenSpans,
      trim: trim,
      isTokenChar: isTokenChar,
      isWordChar: isWordChar,
      isStopWord: isStopWord,
      stem: stem,
      analyze: analyze,
      codePointSpanToUtf16: codePointSpanToUtf16,
      separator: separator,
      pipelineNames: PIPELINE_NAMES,
      pipeline: {
        normalizer: normalizer,
        trimmer: trimmer,
        stopWordFilter: stopWordFilter,
        stemmer: stemmer,
        tokenizer: lunrTokenizer
      },
      registerWithLunr: registerWithLunr
    }
  }

  return { create: create, pipelineNames: PIPELINE_NAMES }
}))

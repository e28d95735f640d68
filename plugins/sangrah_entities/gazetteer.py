"""The gazetteer recognizer: KB names found by an index walk over tokens.

How a document is read:

1. Each block is normalized and tokenized. An index keyed by first token (a
   token trie) is walked from every token; the longest name wins, and only
   the last token of a name may carry a case ending (ઉત્તર કોરિયાના). The walk
   is linear in the number of tokens: a name is a handful of tokens long.
2. A name that one entity claims without reservation is a mention at once.
3. A name that needs context (કિમ, મોદી, a name claimed by several entities)
   becomes a mention only if
   - the document names one of its candidates unambiguously elsewhere
     (કિમ after કિમ જોંગ ઉન) — "support", nearest preceding one winning; or
   - a title word stands right before it (પીએમ મોદી) or a place word right
     after it (કિમ ગામ), and that leaves one candidate — "cue"; or
   - exactly one candidate claims it without reservation — "default".
   Mentions accepted by cue count as support for the rest (second pass).
4. Titles followed by a name the KB does not know are recorded as
   discoveries for an editor (see ``discovery``); they are never mentions.

Names inside longer proper names. The longest match finds a facility the KB
knows (નરેન્દ્ર મોદી સ્ટેડિયમ). One it does not know still shows itself by
the word that follows the name: a person's name, written bare, right before
a facility word (સ્ટેડિયમ, એરપોર્ટ, યુનિવર્સિટી, તળાવ, Airport, Park; the
facility word may carry the case ending: સ્ટેડિયમમાં), perhaps with a few
modifier words between (ઈન્દિરા ગાંધી આંતરરાષ્ટ્રીય એરપોર્ટ, વિક્રમ સારાભાઈ
સ્પેસ સેન્ટર; in English any Capitalized words), names the facility, not the
person: the person's claims are dropped — unless an office title stands
right before the name (વડાપ્રધાન નરેન્દ્ર મોદી સ્ટેડિયમ પહોંચ્યા: the man
reached the stadium). Prize words (ટ્રોફી, એવોર્ડ, Cup) drop a person only
where the name is clearly the prize's (one word like ગાવસ્કર, a hyphenated
pair, a modifier between, English capitals) and a place written bare right
before them (એશિયા કપ). An organization's name before a word that makes it a
common noun (Amazon rainforest, apple growers, એમેઝોનના જંગલો) is not the
organization. What is left is resolved as usual, and a place claim left alone
counts by cue (કિમ સ્ટેશન is the town). The words are in ``cues.yaml``.

Adjectives made from names (રશિયન, ભારતીય, અમેરિકી, ગુજરાતી) are separate
words and match nothing: "a Russian tank" does not make a story about Russia,
and the gold editors did not count them either. A phrase that contains a
name but mentions nobody (કોપા અમેરિકા, ઓલ ઇન્ડિયા) is listed in the KB's
``non_entities`` and consumed whole by the longest match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from sangrah_lang import normalize_text

from .document import Document, Mention, entity_ids
from .kb import AliasClaim, KnowledgeBase
from .text import Token, match_key, stems, tokenize

CUES_PATH = Path(__file__).with_name("cues.yaml")

# A discovered name is at most this many tokens: Gujarati news names are a
# given name and a surname, sometimes with a middle (father's) name.
MAX_DISCOVERED_TOKENS = 3

_SENTENCE_END = re.compile(r"[.!?।|\n]")
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")


@dataclass(frozen=True)
class Cues:
    person_titles: frozenset[str]
    honorifics: frozenset[str]
    place_words: frozenset[str]
    verb_endings: tuple[str, ...]
    not_name_words: frozenset[str]
    facility_words: frozenset[str] = frozenset()
    facility_words_after_modifier: frozenset[str] = frozenset()
    facility_modifiers: frozenset[str] = frozenset()
    facility_exceptions: frozenset[tuple[str, str]] = frozenset()
    facility_keeping_titles_not: frozenset[str] = frozenset()
    prize_words: frozenset[str] = frozenset()
    common_noun_words: frozenset[str] = frozenset()
    genitive_endings: frozenset[str] = frozenset()
    list_words: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_cues(path: str = str(CUES_PATH)) -> Cues:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)

    def words(section: str) -> frozenset[str]:
        items = data.get(section, {})
        return frozenset(match_key(normalize_text(w)) for lang in ("gu", "en") for w in items.get(lang, []))

    def pairs(section: str) -> frozenset[tuple[str, str]]:
        found = set()
        for lang in ("gu", "en"):
            for phrase in data.get(section, {}).get(lang, []):
                parts = tuple(match_key(w) for w in normalize_text(phrase).split())
                if len(parts) == 2:
                    found.add(parts)
        return frozenset(found)

    return Cues(
        person_titles=words("person_titles"),
        honorifics=words("honorifics"),
        place_words=words("place_words"),
        verb_endings=tuple(match_key(normalize_text(e)) for e in data.get("verb_endings", [])),
        not_name_words=frozenset(match_key(normalize_text(w)) for w in data.get("not_name_words", [])),
        facility_words=words("facility_words"),
        facility_words_after_modifier=words("facility_words_after_modifier"),
        facility_modifiers=words("facility_modifiers"),
        facility_exceptions=pairs("facility_exceptions"),
        facility_keeping_titles_not=words("epithets"),
        prize_words=words("prize_words"),
        common_noun_words=words("common_noun_words"),
        genitive_endings=frozenset(match_key(normalize_text(e)) for e in data.get("genitive_endings", [])),
        list_words=words("list_words"),
    )


@dataclass(frozen=True)
class Discovery:
    """A name after a title cue that the KB does not know."""

    name: str  # the name, case ending taken off its last word
    cue: str
    block: int
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Analysis:
    mentions: list[Mention]
    discoveries: list[Discovery]


class _Match(NamedTuple):
    """A name found by the index walk, before it is decided who it is.

    A NamedTuple, not a frozen dataclass: a news dump has hundreds of these,
    and a frozen dataclass sets each field through object.__setattr__.
    """

    block: int
    first: int  # token indexes, inclusive
    last: int
    start: int  # character offsets in the normalized block text
    end: int
    surface: str
    claims: tuple[AliasClaim, ...]
    ending: str = ""  # the case ending the last token carries ("" when bare)


class GazetteerRecognizer:
    """Finds KB names in documents. Build once per KB; ``recognize`` is pure."""

    def __init__(self, kb: KnowledgeBase, cues: Cues | None = None):
        self.kb = kb
        self.cues = cues or load_cues()
        c = self.cues
        # Any word that can follow a name inside a longer proper name: one
        # set lookup rules most matches out before the facility rule runs.
        self._after_name_words = (c.facility_words | c.facility_words_after_modifier | c.facility_modifiers
                                  | c.prize_words | c.common_noun_words)
        self._after_name_cache: dict[str, bool] = {}  # token key -> may continue a longer name
        self._facility_or_prize_words = c.facility_words | c.prize_words
        self._root: dict = {}
        # Token key -> whether a name can start with that token (the key, or a
        # bare form of it, is a first word of the index): most words of a text
        # cannot, and are passed over with one lookup.
        self._opens: dict[str, bool] = {}
        for key, claims in kb.claims.items():
            self._node_for(key)[None] = claims
        for key in kb.non_entities:
            # A phrase like કોપા અમેરિકા is consumed by the longest match and
            # names nobody; a real alias with the same key keeps its claims.
            self._node_for(key).setdefault(None, ())

    def _node_for(self, key: tuple[str, ...]) -> dict:
        node = self._root
        for token in key:
            node = node.setdefault(token, {})
        return node

    # -- public API ---------------------------------------------------------

    def recognize(self, doc: Document) -> list[Mention]:
        return self.analyze(doc).mentions

    def entity_ids(self, doc: Document) -> list[str]:
        return entity_ids(self.recognize(doc))

    def analyze(self, doc: Document) -> Analysis:
        matches: list[_Match] = []
        discoveries: list[Discovery] = []
        tokens_by_block: dict[int, list[Token]] = {}
        texts_by_block: dict[int, str] = {}
        for block, text in doc.normalized_texts():
            texts_by_block[block] = text
            tokens = tokens_by_block[block] = tokenize(text)
            block_matches = self._scan(block, text, tokens)
            matches.extend(block_matches)
            discoveries.extend(self._discover(block, text, tokens, block_matches))
        return Analysis(self._resolve(matches, tokens_by_block, texts_by_block), discoveries)

    # -- step 1: the index walk ---------------------------------------------

    def _scan(self, block: int, text: str, tokens: list[Token]) -> list[_Match]:
        found: list[_Match] = []
        root = self._root
        case_checked = self._case_checked
        opens = self._opens
        count = len(tokens)
        i = 0
        while i < count:
            key = tokens[i].key
            may_open = opens.get(key)
            if may_open is None:
                may_open = opens[key] = self._may_open(tokens[i])
            if not may_open:
                i += 1
                continue
            node = root
            best: tuple[int, tuple[AliasClaim, ...], str] | None = None
            j = i
            while j < count:
                _word, _start, _end, key, joined, gujarati = tokens[j]
                if j > i and not joined:
                    break
                if gujarati:
                    for stem, ending in stems(key):
                        child = node.get(stem)
                        if child is not None and None in child:
                            claims = case_checked(child[None], tokens, i, j)
                            if claims is not None:
                                best = (j, claims, ending)
                child = node.get(key)
                if child is None:
                    break
                if None in child:
                    claims = case_checked(child[None], tokens, i, j)
                    if claims is not None:
                        best = (j, claims, "")
                node = child
                j += 1
            if best is None:
                i += 1
                continue
            last, claims, ending = best
            start, end = tokens[i].start, tokens[last].end
            if claims:
                found.append(_Match(block, i, last, start, end, text[start:end], claims, ending))
            i = last + 1
        return found

    def _may_open(self, token: Token) -> bool:
        """Whether the walk below can find anything that starts at ``token``:
        the token is a first word of the index, or a bare form of it is a
        whole name there."""
        root = self._root
        if token.key in root:
            return True
        return token.gujarati and any(None in root.get(stem, ()) for stem, _ending in stems(token.key))

    @staticmethod
    def _case_checked(claims, tokens, first, last):
        """Drop claims whose acronym is not written in capitals here (us ≠ US)."""
        if not claims or all(c.exact_case is None for c in claims):
            return claims
        written = tuple(t.text for t in tokens[first:last + 1])
        kept = tuple(c for c in claims if c.exact_case is None or c.exact_case == written)
        return kept or None

    # -- step 2-3: deciding who each match is -------------------------------

    def _resolve(self, matches: list[_Match], tokens_by_block: dict[int, list[Token]],
                 texts_by_block: dict[int, str]) -> list[Mention]:
        mentions: list[Mention] = []
        pending: list[_Match] = []
        cache = self._after_name_cache
        for match in matches:
            tokens = tokens_by_block[match.block]
            nxt = match.last + 1
            claims = match.claims
            if nxt < len(tokens) and tokens[nxt].joined:
                following = tokens[nxt]
                further = cache.get(following.key)
                if further is None:
                    further = cache[following.key] = self._is_cue(following, self._after_name_words)
                if further or (not following.gujarati and following.text[:1].isupper()):
                    claims = self._inside_a_longer_name(match, texts_by_block[match.block], tokens)
            if claims is not match.claims:
                if not claims:
                    continue
                places = [c for c in claims if c.entity_type == "place"]
                if len(places) == 1 and len(claims) == 1:
                    # the facility word is a place cue: કિમ સ્ટેશન is the town
                    mentions.append(self._mention(match, places[0].entity_id, "cue"))
                    continue
                match = _Match(match.block, match.first, match.last, match.start, match.end,
                               match.surface, claims, match.ending)
            if len(match.claims) == 1 and not match.claims[0].needs_context:
                mentions.append(self._mention(match, match.claims[0].entity_id, "name"))
            else:
                pending.append(match)

        # Local evidence first: a cue beside the name beats what the rest of
        # the document says (સુરતના કિમ ગામ is the town even in a story that
        # also names Kim Jong Un). Then support, which cue-resolved mentions
        # now feed too.
        for step in ("cue", "support"):
            still: list[_Match] = []
            for match in pending:
                if step == "cue":
                    entity_id = self._by_cue(match, tokens_by_block[match.block]) or self._by_list(
                        match, texts_by_block[match.block], tokens_by_block[match.block], mentions)
                else:
                    entity_id = self._by_support(match, mentions)
                if entity_id is None:
                    still.append(match)
                else:
                    mentions.append(self._mention(match, entity_id, step))
            pending = still

        for match in pending:
            open_claims = [c for c in match.claims if not c.needs_context]
            if len(open_claims) == 1:
                mentions.append(self._mention(match, open_claims[0].entity_id, "default"))
        mentions.sort()
        return mentions

    def _inside_a_longer_name(self, match: _Match, text: str, tokens: list[Token]) -> tuple[AliasClaim, ...]:
        """The match's claims less those a following facility, prize or noun word rules out.

        Returns ``match.claims`` itself when nothing is ruled out.
        """
        claims = match.claims
        nxt = match.last + 1
        if nxt >= len(tokens) or not tokens[nxt].joined:
            return claims
        english = not tokens[match.last].gujarati
        cues = self.cues
        types = {c.entity_type for c in claims}
        # Words between the name and the facility word: listed modifiers
        # (આંતરરાષ્ટ્રીય, સ્પેસ), or in English Capitalized words (International).
        k, between = nxt, 0
        while k < len(tokens) and tokens[k].joined and between < 3:
            token = tokens[k]
            if token.key in cues.facility_modifiers or (
                    english and not token.gujarati and token.text[:1].isupper()
                    and not self._is_cue(token, self._facility_or_prize_words)):
                k += 1
                between += 1
            else:
                break
        if k >= len(tokens) or not tokens[k].joined:
            return claims
        word = tokens[k]
        after = tokens[k + 1].key if k + 1 < len(tokens) and tokens[k + 1].joined else None
        drop: set[str] = set()
        bare = not match.ending
        if bare and "person" in types:
            facility = self._is_cue(word, cues.facility_words) or (
                between and self._is_cue(word, cues.facility_words_after_modifier))
            if facility and (word.key, after) not in cues.facility_exceptions:
                drop.add("person")
            elif self._is_cue(word, cues.prize_words) and self._names_the_prize(match, text, tokens, between, word):
                drop.add("person")
            if "person" in drop:
                title = self._title_before(tokens, match.first)
                if title is not None and title not in cues.facility_keeping_titles_not:
                    drop.discard("person")  # વડાપ્રધાન નરેન્દ્ર મોદી સ્ટેડિયમ પહોંચ્યા
        if bare and "place" in types and between == 0 and self._is_cue(word, cues.prize_words):
            drop.add("place")  # એશિયા કપ
        if "organization" in types and between == 0 and (bare or match.ending in cues.genitive_endings) \
                and self._is_cue(word, cues.common_noun_words):
            drop.add("organization")  # Amazon rainforest, એમેઝોનના જંગલો
        if not drop:
            return claims
        return tuple(c for c in claims if c.entity_type not in drop)

    @staticmethod
    def _names_the_prize(match: _Match, text: str, tokens: list[Token], between: int, word: Token) -> bool:
        """A prize word after a person's name: is the name the prize's?

        Yes with a modifier between (ખેલ રત્ન એવોર્ડ), in English when the
        prize word is Capitalized, and for a name hyphened to the one before
        (બોર્ડર-ગાવસ્કર ટ્રોફી); not for a plain name (રોહિત શર્મા ટ્રોફી
        સાથે, કોહલી ટ્રોફી સાથે: the captain holds the trophy).
        """
        if between:
            return True
        if not word.gujarati:
            return word.text[:1].isupper()
        first = match.first
        return first > 0 and tokens[first].joined and text[tokens[first - 1].end:tokens[first].start] in _HYPHENS

    def _mention(self, match: _Match, entity_id: str, basis: str) -> Mention:
        return Mention(match.block, match.start, match.end, entity_id, match.surface, basis)

    @staticmethod
    def _by_support(match: _Match, mentions: list[Mention]) -> str | None:
        candidates = {c.entity_id for c in match.claims}
        supporting = [m for m in mentions if m.entity_id in candidates]
        if not supporting:
            return None
        here = (match.block, match.start)
        before = [m for m in supporting if (m.block, m.start) < here]
        if before:
            return max(before, key=lambda m: (m.block, m.start)).entity_id
        return min(supporting, key=lambda m: (m.block, m.start)).entity_id

    def _by_cue(self, match: _Match, block_tokens: list[Token]) -> str | None:
        first, last = match.first, match.last
        title = self._title_before(block_tokens, first)
        if title is not None:
            persons = [c for c in match.claims if c.entity_type == "person"]
            if len(persons) > 1:
                titled = self.kb.title_index.get(title, frozenset())
                persons = [c for c in persons if c.entity_id in titled]
            if len(persons) == 1:
                return persons[0].entity_id
        if last + 1 < len(block_tokens) and block_tokens[last + 1].joined:
            following = block_tokens[last + 1]
            if self._is_cue(following, self.cues.place_words):
                places = [c for c in match.claims if c.entity_type == "place"]
                if len(places) == 1:
                    return places[0].entity_id
        return None

    def _by_list(self, match: _Match, text: str, tokens: list[Token], mentions: list[Mention]) -> str | None:
        """A place name that needs context, listed with a place named plainly.

        કતાર અને ઇજિપ્ત મધ્યસ્થી કરી રહ્યા છે: in a list (a comma or
        અને/તથા/and between) next to a place the document names without
        doubt, the one place claim counts; a queue (લાંબી કતાર) has no such
        neighbour.
        """
        places = [c for c in match.claims if c.entity_type == "place"]
        if len(places) != 1:
            return None
        entities = self.kb.entities
        neighbours = []
        first, last = match.first, match.last
        if last + 1 < len(tokens):
            after = tokens[last + 1]
            if after.key in self.cues.list_words and after.joined and last + 2 < len(tokens):
                neighbours.append(tokens[last + 2].start)
            elif "," in text[match.end:after.start]:
                neighbours.append(after.start)
        if first > 0:
            before = tokens[first - 1]
            if before.key in self.cues.list_words and tokens[first].joined and first > 1:
                neighbours.append(-tokens[first - 2].end)
            elif "," in text[before.end:match.start]:
                neighbours.append(-before.end)
        for mention in mentions:
            if mention.block == match.block and mention.basis == "name" and (
                    mention.start in neighbours or -mention.end in neighbours) \
                    and entities[mention.entity_id].type == "place":
                return places[0].entity_id
        return None

    def _title_before(self, tokens: list[Token], first: int) -> str | None:
        k = first - 1
        if k >= 0 and tokens[k + 1].joined and tokens[k].key in self.cues.honorifics:
            k -= 1
        if k < 0 or not tokens[k + 1].joined:
            return None
        # Bare titles only: રાષ્ટ્રપતિ પુતિન, not કલેક્ટરે (the collector did ...).
        return tokens[k].key if tokens[k].key in self.cues.person_titles else None

    @staticmethod
    def _is_cue(token: Token, words: frozenset[str]) -> bool:
        if token.key in words:
            return True
        return token.gujarati and any(stem in words for stem, _ in stems(token.key))

    # -- step 4: discovery ---------------------------------------------------

    def _continues_name(self, tokens: list[Token], n: int, covered: set[int]) -> bool:
        if n >= len(tokens) or n in covered or not tokens[n].joined or not tokens[n].gujarati:
            return False
        word = tokens[n]
        return not self._not_a_name_word(word) and not any(
            word.key.endswith(e) for e in self.cues.verb_endings)

    def _not_a_name_word(self, word: Token) -> bool:
        cues = self.cues
        forms = {word.key, _bare_form(word.key)} if word.gujarati else {word.key}
        return any(
            form in cues.person_titles or form in cues.honorifics or form in cues.not_name_words
            or form in _stopwords()
            for form in forms
        )

    def _discover(self, block: int, text: str, tokens: list[Token], matches: list[_Match]) -> list[Discovery]:
        covered = set()
        for match in matches:
            covered.update(range(match.first, match.last + 1))
        cues = self.cues
        found: list[Discovery] = []
        for k, token in enumerate(tokens[:-1]):
            if token.key not in cues.person_titles or k + 1 in covered:
                continue
            n = k + 1
            if tokens[n].joined and tokens[n].key in cues.honorifics:
                n += 1
            parts: list[str] = []
            end = None
            while n < len(tokens) and len(parts) < MAX_DISCOVERED_TOKENS:
                word = tokens[n]
                if not word.joined or n in covered or word.key.isdigit():
                    break
                if self._not_a_name_word(word) or word.gujarati != token.gujarati:
                    break
                if not word.gujarati and not (word.text[:1].isupper() and word.text != word.text.upper()):
                    break  # English names are Capitalized; ALL CAPS is an acronym (5 PM IST)
                if word.gujarati and any(word.key.endswith(e) for e in cues.verb_endings):
                    break
                bare_key = _bare_form(word.key) if word.gujarati else word.key
                if bare_key != word.key and not parts and self._continues_name(tokens, n + 1, covered):
                    # A given name that only looks inflected (દર્શના જરદોશ):
                    # the surname follows, so the ending is part of the name.
                    bare_key = word.key
                parts.append(word.text[:len(bare_key)])  # as written, ending off
                end = word.end
                if bare_key != word.key:
                    break  # a case ending closes the name
                n += 1
            if not parts or (len(parts) == 1 and len(parts[0]) < 3):
                continue
            found.append(Discovery(" ".join(parts), token.text, block, tokens[k + 1].start, end,
                                   _sentence_around(text, token.start)))
        return found


def _bare_form(word: str) -> str:
    """The word without a case ending, when it has one that leaves a stem."""
    candidates = stems(word)
    return candidates[0][0] if candidates else word


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    # stopwordsiso ships a Gujarati list (ISO stopwords collection); none of
    # them starts a name.
    import stopwordsiso

    return frozenset(match_key(normalize_text(w)) for w in stopwordsiso.stopwords("gu"))


def _sentence_around(text: str, position: int) -> str:
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    end_match = _SENTENCE_END.search(text, position)
    end = end_match.end() if end_match else len(text)
    return text[start:end].strip()

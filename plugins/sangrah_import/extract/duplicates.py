"""The same article saved twice becomes one post.

Two copies of one story differ in what scrapers and sites add around it: an
ad line, whitespace, a tracking query on the URL, an AMP address. After
cleaning, their texts are equal or nearly so; two different stories that
share a recurring headline ("Gold prices in Ahmedabad today") or a template
sentence are not.

Measure: Jaccard resemblance of the sets of 5-word shingles of the cleaned
body (words normalised: NFC, ASCII digits, case-folded, punctuation gone),
estimated with a bottom-k MinHash sketch (k = 256 smallest 64-bit hashes of
the shingles, each a mixed polynomial of its words' BLAKE2b hashes: exact
for bodies under ~260 words, within a few hundredths above).
Candidates are found through an index on 8 anchor hashes of each sketch
(two bodies with resemblance J share their minimum with probability J, so
near-duplicates always meet) and through equal canonical URLs. The anchors
are the smallest hashes that at most ANCHOR_MAX_SHARED sketches of the
import hold, topped up with the smallest of the rest: a shingle that
hundreds of articles share (an agency's credit line, a template sentence,
the few phrases of a small vocabulary) would otherwise make every article
a candidate of every other, a quadratic import (43 s of a 10,000-dump
run). Copies share nearly all their hashes, the rare ones too, so they
still meet; a hash shared by more is kept as an anchor only where a sketch
has too few rarer ones (fifty copies of one press release).

Rule: resemblance >= 0.8, or the same canonical URL and resemblance >= 0.5
(a re-save of one address whose text was partly updated). Measured on the
55 articles of the corpora: copies with an extra ad line or other whitespace
score 1.0 (the noise is cleaned out first), with one added sentence
0.85-1.0, with an edited first paragraph 0.88-1.0; different articles at
most 0.05, and the two "gold prices today" stories that share one template
0.11. A copy missing a whole paragraph (0.69-0.84) stays a post of its own
unless its URL is the same: a kept duplicate costs less than a lost story.

Which copy is kept: one whose URL was already canonical, then the one that
needed less cleaning, then the first in the dumps' sorted order; so the
decision does not depend on which copy happens to sort first.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from sangrah_lang import fold_case, normalize_text

SHINGLE_WORDS = 5
SKETCH_SIZE = 256
ANCHORS = 8
ANCHOR_MAX_SHARED = 16
THRESHOLD = 0.8
SAME_URL_THRESHOLD = 0.5

_WORD = re.compile(r"[\w\u0A80-\u0AFF\u0900-\u097F]+", re.UNICODE)
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|ref|ref_src|ref_url|src|source|cmp|ito|from|share|amp|outputtype|s_cid|cid|ncid|ocid|taid|zanpid)$", re.I)


def body_words(texts: list[str]) -> list[str]:
    words: list[str] = []
    for text in texts:
        words.extend(_WORD.findall(fold_case(normalize_text(text))))
    return words


@lru_cache(maxsize=1 << 17)
def _word_hash(word: str) -> int:
    """A word's 64-bit BLAKE2b hash (news reuses its words: each is hashed once)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "big")


# A shingle's hash is a polynomial in its words' hashes, mod 2**64 (numpy's
# uint64 arithmetic wraps), then mixed (SplitMix64's finalizer) so that
# shingles sharing four words do not hash alike. Hashing words rather than
# shingles does one BLAKE2b call per new word instead of one per shingle,
# and the shingles of a body are hashed at once.
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it loses nothing mod 2**64
_MIX_1, _MIX_2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_SHIFTS = (np.uint64(30), np.uint64(27), np.uint64(31))


def _shingle_hashes(words: list[str]) -> np.ndarray:
    hashes = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(words))  # a body shorter than a shingle is one shingle
    count = len(words) - width + 1
    with np.errstate(over="ignore"):
        combined = hashes[:count].copy()
        for offset in range(1, width):
            combined = combined * _MULTIPLIER + hashes[offset:offset + count]
        combined ^= combined >> _SHIFTS[0]
        combined *= _MIX_1
        combined ^= combined >> _SHIFTS[1]
        combined *= _MIX_2
        combined ^= combined >> _SHIFTS[2]
    return combined


def sketch(texts: list[str]) -> list[int]:
    """Bottom-k MinHash sketch of the body's word shingles (sorted)."""
    words = body_words(texts)
    if not words:
        return []
    # np.unique sorts: the first SKETCH_SIZE distinct hashes are the smallest.
    return np.unique(_shingle_hashes(words))[:SKETCH_SIZE].tolist()


def pack_sketch(values: list[int]) -> str:
    """A sketch as text for the import cache: its 64-bit values, big-endian, in base64.

    As a JSON list of numbers a sketch is some 5 KB of digits, most of a
    cache entry and most of the time spent writing and reading one.
    """
    return base64.b64encode(np.asarray(values, dtype=">u8").tobytes()).decode("ascii")


def unpack_sketch(text: str) -> list[int]:
    return np.frombuffer(base64.b64decode(text), dtype=">u8").tolist()


def resemblance(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard resemblance of two bodies from their sketches."""
    if not a or not b:
        return 0.0
    set_a, set_b = set(a), set(b)
    union = heapq.nsmallest(SKETCH_SIZE, set_a | set_b)
    both = sum(1 for h in union if h in set_a and h in set_b)
    return both / len(union)


def canonical_url(url: str | None) -> tuple[str | None, bool]:
    """(the URL without tracking parameters, fragment and AMP form; whether it changed)."""
    if not url:
        return None, False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None, False
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if host.startswith("amp."):
        host = host[4:]
    path = parts.path or "/"
    path = re.sub(r"/amp(?=/|$)", "", path) or "/"
    path = re.sub(r"\.amp(?=\.html?$|$)", "", path)
    path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    canonical = urlunsplit(("https", host, path, urlencode(sorted(query)), ""))
    original = urlunsplit(("https", host, path, parts.query, ""))
    changed = canonical != original or bool(parts.fragment) or "/amp" in parts.path or (parts.hostname or "").startswith("amp.")
    return canonical, changed


@dataclass
class Candidate:
    key: str
    order: int  # position in the dumps' sorted order
    sketch: list[int]
    url: str | None
    url_changed: bool
    removed: int


@dataclass
class Verdict:
    key: str
    original: str
    similarity: float
    same_url: bool


def anchors_of(items: list[Candidate]) -> dict[str, list[int]]:
    """Each item's anchor hashes (see the module docstring), by key.

    All sketches at once in numpy arrays (2.5 million hashes at 10,000
    dumps): how many sketches hold each hash, then per sketch its first
    ANCHORS rare hashes, topped up with its first common ones.
    """
    if not items:
        return {}
    sizes = np.fromiter((len(item.sketch) for item in items), dtype=np.int64, count=len(items))
    hashes = np.fromiter(chain.from_iterable(item.sketch for item in items), dtype=np.uint64, count=int(sizes.sum()))
    _, inverse, counts = np.unique(hashes, return_inverse=True, return_counts=True)
    rare = counts[inverse.reshape(-1)] <= ANCHOR_MAX_SHARED
    sketch_of = np.repeat(np.arange(len(items)), sizes)
    starts = np.cumsum(sizes) - sizes

    def rank_within_sketch(flags: np.ndarray) -> np.ndarray:
        # 1 for a sketch's first flagged hash, 2 for its second, ...
        running = np.cumsum(flags)
        before = np.r_[0, running][starts]
        return running - before[sketch_of]

    rare_rank = rank_within_sketch(rare)
    rare_taken = np.minimum(np.bincount(sketch_of, weights=rare, minlength=len(items)).astype(np.int64), ANCHORS)
    common_rank = rank_within_sketch(~rare)
    chosen_rare = rare & (rare_rank <= ANCHORS)
    chosen_common = ~rare & (common_rank <= (ANCHORS - rare_taken)[sketch_of])
    values = hashes.tolist()
    found: list[list[int]] = [[] for _ in items]
    for chosen in (chosen_rare, chosen_common):  # rare ones first, each in sketch order
        for position, owner in zip(np.flatnonzero(chosen).tolist(), sketch_of[chosen].tolist()):
            found[owner].append(values[position])
    return {item.key: anchors for item, anchors in zip(items, found)}


def find_duplicates(items: list[Candidate]) -> list[Verdict]:
    """Which items are copies of another item (each named with its original)."""
    preferred = sorted(items, key=lambda c: (c.url_changed, c.removed, c.order))
    anchors = anchors_of(items)
    kept: list[Candidate] = []
    kept_sets: list[set[int]] = []  # the sketches of ``kept`` as sets
    by_anchor: dict[int, list[int]] = {}
    by_url: dict[str, list[int]] = {}
    verdicts: list[Verdict] = []
    for item in preferred:
        seen: set[int] = set()
        candidates: list[int] = []
        for anchor in anchors[item.key]:
            for index in by_anchor.get(anchor, []):
                if index not in seen:
                    seen.add(index)
                    candidates.append(index)
        if item.url:
            for index in by_url.get(item.url, []):
                if index not in seen:
                    seen.add(index)
                    candidates.append(index)
        best: tuple[float, int] | None = None
        item_set = set(item.sketch)
        for index in sorted(candidates):
            other = kept[index]
            same_url = bool(item.url) and item.url == other.url
            # Hashes the two sketches share bound the score from above (the
            # score counts shared hashes among the union's smallest): most
            # candidates that met on a common anchor are ruled out by one
            # set intersection, without the sort resemblance() needs. Exact:
            # no pair that could pass is skipped.
            shared = len(item_set & kept_sets[index])
            room = min(SKETCH_SIZE, len(item.sketch) + len(other.sketch) - shared)
            if not room or shared < (SAME_URL_THRESHOLD if same_url else THRESHOLD) * room:
                continue
            score = resemblance(item.sketch, other.sketch)
            if score >= THRESHOLD or (same_url and score >= SAME_URL_THRESHOLD):
                if best is None or score > best[0]:
                    best = (score, index)
        if best is not None:
            other = kept[best[1]]
            verdicts.append(Verdict(item.key, other.key, round(best[0], 3), bool(item.url) and item.url == other.url))
            continue
        index = len(kept)
        kept.append(item)
        kept_sets.append(item_set)
        for anchor in anchors[item.key]:
            by_anchor.setdefault(anchor, []).append(index)
        if item.url:
            by_url.setdefault(item.url, []).append(index)
    return verdicts

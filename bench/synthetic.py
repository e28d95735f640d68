"""Synthetic news archives for the benchmarks: many articles shaped like the samples.

    from synthetic import synthetic_archive
    articles = synthetic_archive(1000, seed=7)      # list[SyntheticArticle], deterministic

Words come from the sample dumps (content/dumps), drawn as runs of a few
consecutive words so that common words stay common and rare ones rare; the
names come from the entity knowledge base (content/entities): each article
names a few entities, popular ones more often (a Zipf-like choice), in
Gujarati with a case ending as news text writes them (પુતિનને, રશિયાના), and
lists their ids in its ``entity_ids``. One article in ten is English, drawn
from the KB's English names and descriptions. Bodies are HTML paragraphs,
as Pelican renders a post; about 400 words each by default.

Limits, for reading the figures: two sample dumps have far fewer distinct
words than a real archive (a real one has tens of thousands), so an index
built from this is smaller per article than a real one; the KB's names make
up part of the difference.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from sangrah_entities import load_knowledge_base  # noqa: E402
from sangrah_lang import RULES  # noqa: E402

WORD = re.compile(r"[\w\u0A80-\u0AFF]+")
# Case endings as the rules list them (ે alone is left out: it only attaches
# after a consonant and would misspell names that end in a vowel).
ENDINGS = [""] * 4 + [e for e in RULES["case_endings"]["suffixes"] if e != "\u0ac7"]


@dataclass(frozen=True)
class SyntheticArticle:
    slug: str
    title: str
    html: str  # <p> paragraphs, as Pelican renders a post body
    tags: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    date: date | None = None
    lang: str = "gu"
    words: int = 0

    @property
    def url(self) -> str:
        return f"posts/{self.slug}/"


@dataclass
class Vocabulary:
    gujarati: list[str]  # the sample dumps' words in running order (frequencies kept)
    english: list[str]  # KB English names and descriptions, in running order
    entities: list[tuple[str, str, str]] = field(default_factory=list)  # (id, gu name, en name), popular first


def _dump_words() -> list[str]:
    words = []
    for path in sorted((ROOT / "content" / "dumps").glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            if "|" in line or line.startswith("#"):  # SEO keyword trailers and hashtags are not prose
                continue
            words += [w for w in WORD.findall(line) if not w.isascii() or w.isdigit()]
    return words


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Words and names to draw from (loaded once)."""
    kb = load_knowledge_base(ROOT / "content" / "entities")
    english: list[str] = []
    entities = []
    for entity_id in sorted(kb.entities):
        entity = kb.entities[entity_id]
        gu, en = entity.name.get("gu"), entity.name.get("en")
        if gu and en:
            entities.append((entity_id, gu, en))
        for text in (en, entity.description):
            if text:
                english += WORD.findall(text)
    # Popularity order: curated entities (people, organizations, news
    # places) first, the ones news names most, in a fixed shuffled order
    # (not alphabetical: "Aaj Tak" is no more famous than "Modi"); the
    # generated gazetteer of cities after them.
    curated = [e for e in entities if not kb.entities[e[0]].source.startswith("generated")]
    generated = [e for e in entities if kb.entities[e[0]].source.startswith("generated")]
    random.Random(1).shuffle(curated)
    return Vocabulary(gujarati=_dump_words(), english=english, entities=curated + generated)


def _run(rng: random.Random, stream: list[str], length: int) -> list[str]:
    start = rng.randrange(0, max(1, len(stream) - length))
    return stream[start:start + length]


def _entity_choice(rng: random.Random, entities: list, count: int) -> list:
    # Zipf-like popularity: the entity at rank r is chosen with weight 1/(r+1).
    weights = [1.0 / (rank + 1) for rank in range(len(entities))]
    chosen: dict[str, tuple] = {}
    while len(chosen) < count:
        entity = rng.choices(entities, weights=weights)[0]
        chosen.setdefault(entity[0], entity)
    return list(chosen.values())


def _sentence(rng: random.Random, stream: list[str], names: list[str], english: bool) -> str:
    words: list[str] = []
    target = rng.randint(9, 18)
    while len(words) < target:
        words += _run(rng, stream, rng.randint(3, 7))
        if names and rng.random() < 0.35:
            name = rng.choice(names)
            words.append(name if english else name + rng.choice(ENDINGS))
        if rng.random() < 0.08:
            words.append(str(rng.choice([rng.randint(1, 99), rng.randint(1950, 2025), rng.randint(100, 99999)])))
    sentence = " ".join(words[:target])
    return sentence[:1].upper() + sentence[1:] + "." if english else sentence + "."


def synthetic_archive(count: int, seed: int = 7, words_per_article: int = 400,
                      english_share: float = 0.1) -> list[SyntheticArticle]:
    """``count`` articles, the same ones for the same arguments."""
    vocab = vocabulary()
    rng = random.Random(seed)
    tag_pool = sorted({w for w in vocab.gujarati if len(w) >= 4})
    tags_all = [rng.choice(tag_pool) for _ in range(300)]
    first_day = date(2018, 1, 1)
    articles = []
    for number in range(count):
        english = rng.random() < english_share
        stream = vocab.english if english else vocab.gujarati
        mentioned = _entity_choice(rng, vocab.entities, rng.randint(2, 8))
        names = [e[2] if english else e[1] for e in mentioned]
        paragraphs, words = [], 0
        length = rng.randint(int(words_per_article * 0.75), int(words_per_article * 1.25))
        while words < length:
            paragraph = " ".join(_sentence(rng, stream, names, english) for _ in range(rng.randint(3, 6)))
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        title = _sentence(rng, stream, names[:1], english).rstrip(".")
        undated = rng.random() < 0.05
        articles.append(SyntheticArticle(
            slug=f"article-{number:05d}",
            title=" ".join(title.split()[:12]),
            html="".join(f"<p>{p}</p>\n" for p in paragraphs),
            tags=tuple(sorted({rng.choice(tags_all) for _ in range(rng.randint(0, 3))})),
            entity_ids=tuple(e[0] for e in mentioned),
            date=None if undated else first_day + timedelta(days=rng.randrange(0, 7 * 365)),
            lang="en" if english else "gu",
            words=words,
        ))
    return articles


# -- dumps: the same articles as the raw files the import reads ----------------

# Section labels a dump's dateline line carries ("Crime | 12-03-2024 | મંગળવાર"),
# names the import's sections table maps to categories; a few, as a site has.
SECTIONS = ("Gujarat", "India", "World", "Business", "Sports", "Crime", "Entertainment", "Education")
# Cities that open a Gujarati dateline ("અમદાવાદ, તા. 12 માર્ચ 2024").
DATELINE_CITIES = ("અમદાવાદ", "સુરત", "વડોદરા", "રાજકોટ", "ગાંધીનગર", "ભાવનગર")
GUJARATI_MONTHS = ("જાન્યુઆરી", "ફેબ્રુઆરી", "માર્ચ", "એપ્રિલ", "મે", "જૂન", "જુલાઈ", "ઓગસ્ટ",
                   "સપ્ટેમ્બર", "ઓક્ટોબર", "નવેમ્બર", "ડિસેમ્બર")
GUJARATI_WEEKDAYS = ("સોમવાર", "મંગળવાર", "બુધવાર", "ગુરુવાર", "શુક્રવાર", "શનિવાર", "રવિવાર")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def dump_text(article: SyntheticArticle, number: int) -> str:
    """One article as a scraped plain-text dump, shaped like content/dumps.

    Title line, a dateline (two shapes, alternating: a section label with a
    numeric date and weekday, or a city dateline opening the first
    paragraph), the paragraphs, an "also read" line of page furniture, and
    the tags as hashtags. Undated articles get no dateline. Deterministic:
    the choices follow ``number``, not a random generator.
    """
    paragraphs = _PARAGRAPH.findall(article.html)
    lines = [article.title, ""]
    when = article.date
    if when is not None and number % 2 == 0:
        section = SECTIONS[number % len(SECTIONS)]
        lines += [f"{section} | {when:%d-%m-%Y} | {GUJARATI_WEEKDAYS[when.weekday()]}", ""]
    elif when is not None:
        city = DATELINE_CITIES[number % len(DATELINE_CITIES)]
        paragraphs = [f"{city}, તા. {when.day} {GUJARATI_MONTHS[when.month - 1]} {when.year}: {paragraphs[0]}",
                      *paragraphs[1:]]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    if number % 3 == 0:
        lines += [f"આ પણ વાંચો: {paragraphs[-1][:60].rsplit(' ', 1)[0]}", ""]
    if article.tags:
        lines.append(" ".join("#" + tag for tag in article.tags))
    return "\n".join(lines).rstrip("\n") + "\n"


def write_dumps(directory: Path, count: int, seed: int = 7, first: int = 0, articles=None, **options) -> list[Path]:
    """Write articles ``first`` .. ``count - 1`` of ``synthetic_archive(count, seed)`` as dumps.

    The first articles of a bigger archive are those of a smaller one (same
    seed), so ``write_dumps(d, n + 1, first=n)`` adds exactly one new dump to
    an archive of ``n``. ``articles``: that archive, when the caller has it
    already. Returns the paths written, in order.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    if articles is None:
        articles = synthetic_archive(count, seed, **options)
    for number, article in enumerate(articles[:count]):
        if number < first:
            continue
        path = directory / f"{article.slug}.txt"
        path.write_text(dump_text(article, number), encoding="utf-8")
        paths.append(path)
    return paths


def search_queries(articles: list[SyntheticArticle], count: int = 200, seed: int = 11) -> list[str]:
    """``count`` queries a reader might type into the box, drawn from ``articles`` (deterministic).

    A mix: frequent and rare words (by the document frequency of their
    stems), prefixes as typed (from two letters on), two words, Latin
    entity names whole and being typed, typos (one letter changed, dropped,
    doubled or two swapped: the fuzzy retry), and lunr's +word, -word and
    field:word. Used by the ranking-equality test and the benchmarks.
    """
    from collections import Counter

    from sangrah_lang import is_stop_word, stem
    from sangrah_search.documents import html_to_text

    rng = random.Random(seed)
    df: Counter = Counter()
    forms: dict[str, Counter] = {}
    for article in articles:
        seen = set()
        for word in (article.title + " " + html_to_text(article.html)).split():
            word = word.strip(".,:;!?\"'()").lower()
            if len(word) < 3 or word.isdigit() or is_stop_word(word):
                continue
            term = stem(word)
            forms.setdefault(term, Counter())[word] += 1
            seen.add(term)
        df.update(seen)
    form = {term: counts.most_common(1)[0][0] for term, counts in forms.items()}
    by_df = sorted(df, key=lambda t: (-df[t], t))
    common = [form[t] for t in by_df[:60]]
    rare_terms = [t for t in by_df if df[t] <= 2]
    rare = [form[t] for t in rng.sample(rare_terms, min(60, len(rare_terms)))]
    middle = [form[t] for t in by_df[60:600]]
    names = {e[0]: e[2] for e in vocabulary().entities}
    mentioned = Counter(e for a in articles for e in a.entity_ids)
    latin = [names[e].lower() for e, _ in mentioned.most_common(40) if e in names]

    def typed(word: str) -> str:
        letters = list(word)
        return "".join(letters[:rng.randint(2, max(2, len(letters) - 1))])

    def typo(word: str) -> str:
        letters = list(word)
        i = rng.randrange(1, len(letters) - 1)
        kind = rng.choice(["substitute", "drop", "double", "swap"])
        if kind == "substitute":
            letters[i] = "ા" if letters[i] != "ા" else "ી"
        elif kind == "drop":
            del letters[i]
        elif kind == "double":
            letters.insert(i, letters[i])
        else:
            letters[i - 1], letters[i] = letters[i], letters[i - 1]
        return "".join(letters)

    share = count // 10
    queries: list[str] = []
    queries += rng.sample(common, min(share, len(common)))
    queries += rare[:share]
    queries += rng.sample(middle, min(share, len(middle)))
    queries += [typed(w) for w in rng.sample(common + middle, 2 * share)]  # prefixes as typed
    queries += [f"{rng.choice(common)} {rng.choice(rare + middle)}" for _ in range(share)]
    queries += [f"{rng.choice(middle)} {typed(rng.choice(common))}" for _ in range(share // 2)]
    queries += latin[:share // 2] + [typed(name) for name in latin[:share // 2]]
    long_words = [w for w in common + middle + latin if len(w) >= 5 and " " not in w]
    queries += [typo(w) for w in rng.sample(long_words, min(2 * share, len(long_words)))]
    queries += [f"+{rng.choice(common)} -{rng.choice(middle)}" for _ in range(share // 4)]
    queries += [f"title:{rng.choice(middle)}" for _ in range(share // 4)]
    unique = list(dict.fromkeys(q for q in queries if q.strip()))
    pool = middle + common + rare
    tries = 0
    while len(unique) < count and tries < 100 * count:
        tries += 1
        word = rng.choice(pool)
        candidate = word if rng.random() < 0.5 else typed(word)
        if candidate not in unique:
            unique.append(candidate)
    return unique[:count]

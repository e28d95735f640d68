"""Tell article lines from page furniture in a plain-text scrape.

A text dump is what a scraper (or a copy-paste) kept of a news page: the
headline, the paragraphs, and whatever else was on the page — "also read"
links, image captions and file names, ad labels, section labels, share
prompts, hashtag lines, SEO keyword trailers. Each line gets a kind; only
``content`` lines become the article. Markers come from data/noise.json and
data/sections.json so that new sites are handled by adding data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load
from ..text import (
    TERMINAL_PUNCTUATION,
    Need,
    after_marker,
    clean_line,
    contains_phrase,
    longest_first,
    lower_case,
    marker_form,
    starts_with_marker,
    word_count,
    words_pattern,
)


@dataclass
class Line:
    text: str
    group: int  # lines with no blank line between them share a group
    kind: str = "content"
    value: object = None  # what the line yields: tags, a category, an author


@lru_cache(maxsize=1)
def _caption_patterns():
    rules = load("noise")["caption_patterns"]
    extension = "(?:" + "|".join(rules["file_extensions"]) + ")"
    prefixes = rules["camera_prefixes"]
    # Every line of every dump is tried, so each pattern fails fast on prose.
    # A file name: look ahead for an extension anywhere in the line first (a
    # line without one is done in one pass), then for the name before it.
    file_name = rf"\A(?=[\s\S]*?\.{extension}\b)[\s\S]*?\b[\w\-() ]{{0,80}}\.{extension}\b"
    # A camera's name: tried only where one of the names' first letters is.
    firsts = "".join(sorted({prefix[0].lower() for prefix in prefixes}))
    camera = rf"\b(?=[{re.escape(firsts)}])(?:{'|'.join(map(re.escape, prefixes))})[ _\-]?\d{{4}}"
    # What each pattern needs, asked first: the line's caseless form holds a
    # camera's name (a case-sensitive search, six times faster than the
    # case-blind one), the line an extension after a dot (a literal dot
    # starts the search, so case-blind is fast).
    has_extension = Need(re.compile(rf"\.{extension}", re.IGNORECASE), False)
    has_camera = Need(words_pattern(prefixes), True)
    return [
        (has_extension, re.compile(file_name, re.IGNORECASE)),
        (has_camera, re.compile(camera, re.IGNORECASE)),
        *((None, re.compile(p, re.IGNORECASE)) for p in rules["patterns"]),
    ]


_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_HASHTAG = re.compile(r"#[^\s#,]+")
_HASHTAG_LINE = re.compile(r"^(?:#[^\s#,]+[\s,]*)+$")


def _section(text: str) -> tuple[bool, str | None]:
    """(is a section label or breadcrumb, the category it names)."""
    sections = load("sections")
    names = sections["sections"]
    furniture = longest_first(tuple(sections["furniture"]))
    lowered = lower_case(text).strip(" :-–|")
    if not lowered or word_count(lowered) > 24:
        return False, None
    strong = "".join(re.escape(s) for s in sections["strong_breadcrumb_separators"]["chars"])
    strong_parts = [p.strip() for p in re.split(rf"\s*[{strong}]\s*", lowered) if p.strip()]
    if len(strong_parts) >= 2 and (strong_parts[0] in furniture or _is_site_name(strong_parts[0])):
        # 'News18 ગુજરાતી » ગુજરાત » ગાંધીનગર', 'Gujarati News » Gujarat » Kutch » Kutch: …'
        known = [p for p in strong_parts[1:] if p in names]
        return True, (names[known[0]] if known else None)
    if word_count(lowered) > 8:
        return False, None
    separators = "".join(re.escape(s) for s in sections["breadcrumb_separators"])
    parts = [p.strip() for p in re.split(rf"\s*[{separators}]\s*", lowered) if p.strip()]
    if len(parts) >= 2:
        # A breadcrumb: 'Home > Gujarat > Ahmedabad', 'Home › Business › Energy'.
        # "Gujarat Rain / ગુજરાતમાં વરસાદ" is a headline, not a breadcrumb: a
        # breadcrumb starts at Home, or is made only of known section names.
        known = [p for p in parts if p in names]
        starts_home = parts[0] in furniture
        if (starts_home and all(word_count(p) <= 3 for p in parts)) or all(p in names or p in furniture for p in parts):
            if known:
                return True, names[known[0]]
            rest = [p for p in parts if p not in furniture]
            return True, (rest[0].title() if rest and rest[0].isascii() else None)
        return False, None
    if _is_site_name(lowered) or any(
        lowered.startswith(site + " ") and lowered[len(site) + 1:] in furniture for site in load("noise")["site_names"]["names"]
    ):
        return True, None  # 'Kutch Times', 'ગુજરાત સમાચાર ઈ-પેપર'
    rest = lowered
    stripped_furniture = False
    changed = True
    while changed:
        changed = False
        for word in furniture:
            if rest == word:
                return True, None
            if rest.startswith(word + " "):
                rest = rest[len(word) + 1:].strip()
                stripped_furniture = changed = True
    if rest in names:
        return True, names[rest]
    return False, None


def _is_site_name(text: str) -> bool:
    return lower_case(text).strip(" :-–|") in load("noise")["site_names"]["names"]


@lru_cache(maxsize=1)
def _ui_patterns():
    return [re.compile(p, re.IGNORECASE) for p in load("noise")["ui_patterns"]["patterns"]]


_COUNT_MARKS = frozenset(":|•·.,()")


def _without_trailing_counts(text: str) -> str:
    r"""``text`` without the digits, spaces and count marks it ends with ('share2', 'Save (3)').

    What ``re.sub(r"[\d\s:|•·.,()]+$", "", text)`` gives (\d is isdecimal,
    \s isspace), without a regular expression tried at every space of a
    long paragraph.
    """
    end = len(text)
    while end and (text[end - 1].isdecimal() or text[end - 1].isspace() or text[end - 1] in _COUNT_MARKS):
        end -= 1
    return text[:end]


def _ui_line(text: str) -> bool:
    """'Save', 'share2', 'READ LATER', 'કૉપી લિંક', '6 min read', 'PTI KVM NSK':
    a page's buttons and badges, a wire's codes, kept as lines."""
    words = load("noise")["ui_words"]["words"]
    lowered = _without_trailing_counts(marker_form(text)).strip(" :|-–•·")
    if lowered in words:
        return True
    bare = lower_case(text).strip()
    return any(p.search(bare) for p in _ui_patterns())


@lru_cache(maxsize=1)
def _inline_patterns():
    return [re.compile(p, re.IGNORECASE) for p in load("noise")["inline_furniture"]["patterns"]]


def strip_inline_furniture(text: str) -> str:
    """An article line without the furniture glued to it ('… (અનુસંધાન પાના નં. 7 પર)')."""
    for pattern in _inline_patterns():
        text = pattern.sub("", text)
    return text


def _column_label(text: str) -> bool:
    return word_count(text) <= 6 and bool(starts_with_marker(text, load("noise")["column_labels"]["markers"]))


@lru_cache(maxsize=1)
def _relative_time_patterns():
    return [re.compile(p, re.IGNORECASE) for p in load("noise")["relative_times"]["patterns"]]


def _relative_time(text: str) -> bool:
    """'સુરત5 કલાક પહેલા', 'Updated: 45 minutes ago': when the page was shown."""
    rules = load("noise")["relative_times"]
    return word_count(text) <= rules["max_words"] and any(p.search(text) for p in _relative_time_patterns())


def _site_promo(text: str) -> bool:
    rules = load("noise")["site_promo_words"]
    if word_count(text) > rules["max_words"] or text.rstrip().endswith(_SENTENCE_END):
        return False
    return contains_phrase(text, load("noise")["site_names"]["names"]) and contains_phrase(text, rules["words"])


def _also_read_suffix(text: str) -> bool:
    rules = load("noise")["also_read_suffixes"]
    lowered = lower_case(text).rstrip(" .:…-–")
    return word_count(text) <= rules["max_words"] and any(lowered.endswith(s) for s in rules["suffixes"])


@lru_cache(maxsize=1)
def _block_delimiters():
    return [(re.compile(a, re.IGNORECASE), re.compile(b, re.IGNORECASE)) for a, b in load("noise")["block_delimiters"]["pairs"]]


def is_furniture(text: str) -> bool:
    """Badges and navigation words: 'LIVE', 'Home', 'Top Stories'."""
    return lower_case(text).strip(" :-–|") in load("sections")["furniture"]


def _is_place_section(category: str | None) -> bool:
    return category in load("sections")["places"]["names"]


def _keyword_items(text: str) -> list[str]:
    return [item.strip(" .#") for item in re.split(r"\s*[|,،;]\s*|\s+/\s+", text) if item.strip(" .#")]


def _is_seo_list(items: list[str]) -> bool:
    generic = load("noise")["seo_generic_words"]["words"]
    for item in items:
        words = item.lower().split()
        if any(w in generic for w in words):
            return True
    return False


def _tag_line(text: str) -> list[str] | None:
    """Items of a labelled keyword line ("Tags: a, b"; [] for a bare "Tags"), or None."""
    label = starts_with_marker(text, load("noise")["labels_for_tags"])
    if not label or word_count(text) > 25:
        return None
    rest = after_marker(text, label)
    if label in ("keyword", "keywords", "કીવર્ડ", "કીવર્ડ્સ") and not rest:
        return None
    return _keyword_items(rest)


def _seo_trailer(text: str, previous_kind: str | None) -> bool:
    """A pipe- or comma-separated keyword list: search-engine bait."""
    stripped = text.strip()
    if stripped.startswith("|") and previous_kind in ("seo", "tags"):
        return True
    if stripped.endswith(TERMINAL_PUNCTUATION[:5]):  # a sentence, not a list
        return False
    pipes = [p for p in stripped.split("|") if p.strip()]
    if len(pipes) >= 4 and max(word_count(p) for p in pipes) <= 8:
        return True
    if stripped.startswith("|") and len(pipes) >= 2:
        return True
    commas = [p for p in stripped.split(",") if p.strip()]
    if len(commas) >= 6 and max(word_count(p) for p in commas) <= 4 and re.search(r"[A-Za-z]", stripped):
        return _is_seo_list(commas) or len(commas) >= 10
    return False


def _also_read(text: str) -> str | None:
    return starts_with_marker(text, load("noise")["also_read"])


_SENTENCE_END = tuple(".!?।")


def _share_prompt(text: str) -> bool:
    """'Share on WhatsApp', 'Facebook Twitter WhatsApp', '… WhatsApp ચેનલ સાથે જોડાઓ'."""
    noise = load("noise")
    if starts_with_marker(text, noise["share"]) and word_count(text) <= 15:
        return True
    rules = noise["share_parts"]
    if word_count(text) > rules["max_words"] or text.rstrip().endswith(_SENTENCE_END):
        return False
    words = [w.strip(" |,/·•-").lower() for w in text.split()]
    words = [w for w in words if w]
    if words and all(w in rules["platforms"] for w in words):
        return True
    return contains_phrase(text, rules["platforms"]) and contains_phrase(text, rules["actions"])


def _ad(text: str) -> bool:
    noise = load("noise")
    if starts_with_marker(text, noise["ads"]):
        return True
    rules = noise["ads_anywhere"]
    return word_count(text) <= rules["max_words"] and contains_phrase(text, rules["phrases"])


def _call_to_action(text: str) -> bool:
    rules = load("noise")["calls_to_action"]
    return word_count(text) <= rules["max_words"] and contains_phrase(text, rules["phrases"])


def _sponsored_label(text: str) -> bool:
    labels = load("noise")["sponsored_labels"]["labels"]
    return lower_case(text).strip(" -–—:|") in labels


# A byline strip's parts: split at a pipe, or at a bullet with spaces around it.
_META_SEPARATORS = "|•·"
_META_SPLIT = re.compile(rf"\s+[{re.escape(_META_SEPARATORS)}]\s+|\s*\|\s*")


def _meta_line(text: str, is_dateline) -> tuple[str | None, str | None] | None:
    """A byline/dateline strip: 'By Sports Desk | Rajkot | January 13, 2024 07:05 PM IST'.

    Every '|'-separated part must be a byline, a date, a section label or a
    short place name. Returns (author, category), or None when the line is
    not such a strip.
    """
    if not any(separator in text for separator in _META_SEPARATORS):
        return None  # one part: most lines, told without the split
    parts = [p.strip() for p in _META_SPLIT.split(text) if p.strip()]
    if len(parts) < 2 or word_count(text) > 20:
        return None
    author = category = None
    has_date_or_byline = False
    for part in parts:
        name = _byline(part)
        if name is not None:
            author, has_date_or_byline = name, True
        elif is_dateline(part):
            has_date_or_byline = True
        else:
            is_label, section = _section(part)
            if is_label:
                # Beside a date, a city is where the story was filed.
                if not _is_place_section(section):
                    category = category or section
            elif word_count(part) > 3 or part.endswith(TERMINAL_PUNCTUATION[:5]):
                return None
    return (author, category) if has_date_or_byline else None


def _boilerplate(text: str) -> bool:
    return bool(starts_with_marker(text, load("noise")["boilerplate"]["markers"]))


def _caption(text: str) -> bool:
    if starts_with_marker(text, load("noise")["caption_prefixes"]):
        return True
    for need, pattern in _caption_patterns():
        if need is not None and not need.found_in(text):
            continue
        if pattern.search(text):
            return True
    return False


def _byline(text: str) -> str | None:
    if word_count(text) > 7 or text.endswith(TERMINAL_PUNCTUATION[:5]):
        return None
    lowered = lower_case(text).strip(" .:-–")
    honorific = load("noise")["bylines"]["honorific_names"]
    first = lowered.split()[0] if lowered.split() else ""
    if first in honorific["honorifics"] and 2 <= word_count(text) <= honorific["max_words"] and not re.search(r"\d", text):
        return text.strip(" .:-–")
    for suffix in load("noise")["bylines"]["desk_suffixes"]:
        # 'VTV ગુજરાતી ન્યૂઝ ડેસ્ક', 'Sports Desk': a newsroom signs the story.
        if lowered.endswith(" " + suffix) and word_count(text) <= 5:
            return text.strip(" .:-–")
    marker = starts_with_marker(text, load("noise")["bylines"]["prefixes"])
    if not marker:
        return None
    name = after_marker(text, marker).strip(" ,")
    if not name or word_count(name) > 5:
        return None
    return name


def classify(raw_lines: list[str], is_dateline) -> list[Line]:
    """Classify every non-empty line of a text dump.

    ``is_dateline(text)`` tells whether a line is only a date (with labels or
    a place name), which the caller knows from the date finder.
    """
    lines: list[Line] = []
    group = 0
    for raw in raw_lines:
        text = clean_line(raw)
        if not text:
            group += 1
            continue
        lines.append(Line(text, group))

    previous_kind: str | None = None
    # A bare "also read" or "sponsored" label takes the lines it introduces
    # along: (group of those lines, the kind they get).
    consume: tuple[int, str] | None = None
    block_end = None  # the closing line of a delimited block of other stories
    for index, line in enumerate(lines):
        text = line.text
        following = lines[index + 1] if index + 1 < len(lines) else None
        if block_end is not None:
            line.kind = "also_read"
            if block_end.match(lower_case(text)):
                block_end = None
            previous_kind = line.kind
            continue
        if consume is not None and line.group == consume[0]:
            if consume[1] == "tag_item":
                if word_count(text) <= 6 and not _boilerplate(text) and not text.endswith(_SENTENCE_END):
                    line.kind, line.value = "tags", [t for t in _keyword_items(text) if not _is_seo_list([t])]
                    previous_kind = line.kind
                    continue
            else:
                line.kind = consume[1]
                previous_kind = line.kind
                continue
        consume = None
        lowered = lower_case(text)
        opening = next((end for start, end in _block_delimiters() if start.match(lowered)), None)
        if opening is not None:
            line.kind, block_end = "also_read", opening
            previous_kind = line.kind
            continue
        if (marker := _also_read(text)) is not None:
            line.kind = "also_read"
            # "આ પણ વાંચો:" alone on its line: the linked headlines follow it.
            if not after_marker(text, marker):
                consume = (line.group, "also_read")
                if following is not None and following.group != line.group and word_count(following.text) <= 25:
                    consume = (following.group, "also_read")
        elif _HASHTAG_LINE.match(text):
            line.kind, line.value = "tags", [t[1:] for t in _HASHTAG.findall(text)]
        elif (items := _tag_line(text)) is not None:
            kept = [item for item in items if not _is_seo_list([item])]
            # A list that is mostly search-engine bait is bait; otherwise the
            # author's tags minus the generic ones ('Gujarati News').
            if len(kept) * 2 < len(items):
                line.kind = "seo"
            else:
                line.kind, line.value = "tags", kept
            if not items:
                # 'Tags' alone on its line: the tags follow, one per line.
                consume = (line.group, "tag_item")
        elif _seo_trailer(text, previous_kind):
            line.kind = "seo"
        elif _also_read_suffix(text):
            line.kind = "also_read"
            consume = (line.group, "also_read")
        elif _ui_line(text) or _column_label(text):
            line.kind = "share"
        elif _relative_time(text):
            line.kind = "dateline"
        elif _site_promo(text):
            line.kind = "share"
        elif _sponsored_label(text):
            line.kind = "ad"
            # The paid headline sits right under the label (no blank line).
            if (
                following is not None
                and following.group == line.group
                and word_count(following.text) <= load("noise")["sponsored_labels"]["max_words"]
            ):
                consume = (line.group, "ad")
        elif _ad(text):
            line.kind = "ad"
        elif _share_prompt(text) or _call_to_action(text):
            line.kind = "share"
        elif _boilerplate(text):
            line.kind = "boilerplate"
        elif _caption(text):
            line.kind = "caption"
        elif _URL.match(text):
            line.kind = "url"
        elif (author := _byline(text)) is not None:
            line.kind, line.value = "byline", author
        elif (meta := _meta_line(text, is_dateline)) is not None:
            line.kind, line.value = "meta", meta
        elif is_dateline(text):
            line.kind = "dateline"
        else:
            is_label, category = _section(text)
            if is_label:
                line.kind, line.value = "section", category
        previous_kind = line.kind
    return lines

"""The entity knowledge base: YAML files people edit, loaded into an index.

Files live in one directory (``content/entities/``); every ``*.yaml`` there is
read in sorted order. A file is a mapping::

    source: where its facts come from (required)
    entities:            # new records
      - id: vladimir-putin
        type: person                      # person | place | organization
        name: {en: Vladimir Putin, gu: વ્લાદિમીર પુતિન}
        aliases: {gu: [પુતિન, પુટિન], en: [Putin]}
        ambiguous: [કિમ]                  # aliases that need context (see below)
        titles: [રાષ્ટ્રપતિ]                 # words that precede this person's name
        kind: country | city | district | party | court | ...   (optional)
        description / wikidata / country / cldr / geonames     (optional)
    extend:              # add to records defined in another file
      - extend: united-states
        name: {gu: અમેરિકા}                 # a different display name
        aliases: {gu: [અમેરિકા, યુએસ]}
    non_entities:        # phrases that contain a name but mention nobody
      gu: [કોપા અમેરિકા]

``extend`` exists so that generated files (rewritten by ``build_kb``) never
need hand edits: the news spellings of a CLDR country live in a curated file.

An alias needs context (an "ambiguous" alias) when the record lists it under
``ambiguous``, when it is a very short alias of an entity that has a longer
name (કિમ for Kim Jong Un, મોદી), or when several entities claim it. Such an
alias counts only where the document also names the entity unambiguously, or
where a title cue makes the type clear; see ``gazetteer``.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from sangrah_lang import normalize_text

from .text import is_gujarati, letter_count, match_key, name_key

ENTITY_TYPES = ("person", "place", "organization")
LANGS = ("gu", "en")

# A short one-word alias of a person with a longer name needs context: two
# letters (consonants or independent vowels) is the length of a surname like
# મોદી or શાહ or of a given name like કિમ, which many people and words share.
# Places and organizations are exempt: their short forms (ગાઝા, યુકે, ઈડી)
# are their usual names, and the risky ones are flagged in the data.
SHORT_ALIAS_MAX_LETTERS = 2

_RECORD_KEYS = {
    "id", "type", "name", "aliases", "ambiguous", "titles", "kind",
    "description", "wikidata", "country", "cldr", "geonames",
}
_EXTEND_KEYS = {"extend", "name", "aliases", "ambiguous", "titles", "kind", "description", "wikidata"}
_FILE_KEYS = {"source", "entities", "extend", "non_entities", "notes"}

try:  # libyaml makes loading ~10x faster; fall back to pure Python.
    _YamlLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _YamlLoader = yaml.SafeLoader


class KnowledgeBaseError(ValueError):
    """The KB files break the schema; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__("knowledge base is invalid:\n  " + "\n  ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    ambiguous: frozenset[str] = frozenset()
    titles: tuple[str, ...] = ()
    kind: str | None = None
    description: str | None = None
    wikidata: str | None = None
    source: str = ""  # the KB file that defines it
    extra: Mapping[str, object] = field(default_factory=dict)

    def all_names(self) -> list[str]:
        """Display names and aliases, each once, in a stable order."""
        seen: dict[str, None] = {}
        for lang in LANGS:
            if self.name.get(lang):
                seen.setdefault(self.name[lang])
        for lang in LANGS:
            for alias in self.aliases.get(lang, ()):
                seen.setdefault(alias)
        return list(seen)


@dataclass(frozen=True, slots=True)
class AliasClaim:
    """One entity's claim on one indexed name."""

    entity_id: str
    entity_type: str
    needs_context: bool  # listed as ambiguous, or a short alias of a longer name
    exact_case: tuple[str, ...] | None  # WHO, US, IndiGo match only as written
    alias: str


@dataclass(frozen=True, eq=False)  # identity hash: one object per loaded KB
class KnowledgeBase:
    entities: Mapping[str, Entity]
    claims: Mapping[tuple[str, ...], tuple[AliasClaim, ...]]
    non_entities: frozenset[tuple[str, ...]]
    sources: Mapping[str, str]  # file name -> its declared source
    title_index: Mapping[str, frozenset[str]]  # title word -> person ids that carry it

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)


def _capitals_matter(alias: str) -> bool:
    """Acronyms (WHO, US, U.S.) and camel case (IndiGo, SpaceX): match as written.

    In lower case they are other words: "who", "us", the dye "indigo".
    """
    letters = [ch for ch in alias if ch.isalpha()]
    if not letters or not all(ch.isascii() for ch in letters):
        return False
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True
    return any(word[1:] != word[1:].lower() and word != word.upper() for word in alias.split())


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _check_names(where: str, value, problems: list[str], required: bool) -> dict[str, list[str]]:
    if value is None:
        if required:
            problems.append(f"{where}: missing")
        return {}
    if not isinstance(value, dict) or set(value) - set(LANGS):
        problems.append(f"{where}: must be a mapping with keys gu/en, got {value!r}")
        return {}
    result: dict[str, list[str]] = {}
    for lang, names in value.items():
        names = _as_list(names)
        for name in names:
            if not isinstance(name, str) or not name.strip():
                problems.append(f"{where}.{lang}: empty or non-text name {name!r}")
            elif lang == "gu" and not is_gujarati(name):
                problems.append(f"{where}.gu: {name!r} has no Gujarati letters")
        result[lang] = [normalize_text(n).strip() for n in names if isinstance(n, str) and n.strip()]
    return result


def _read_files(directory: Path) -> list[tuple[str, dict]]:
    files = []
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            files.append((path.name, yaml.load(handle, Loader=_YamlLoader) or {}))
    return files


def build_knowledge_base(files: Iterable[tuple[str, dict]]) -> KnowledgeBase:
    """Check and index parsed KB files; raise KnowledgeBaseError on any problem."""
    problems: list[str] = []
    records: dict[str, dict] = {}
    extensions: list[tuple[str, dict]] = []
    non_entities: set[tuple[str, ...]] = set()
    sources: dict[str, str] = {}

    for filename, data in files:
        if not isinstance(data, dict) or not isinstance(data.get("source"), str) or not data["source"].strip():
            problems.append(f"{filename}: must be a mapping with a non-empty 'source'")
            continue
        unknown = set(data) - _FILE_KEYS
        if unknown:
            problems.append(f"{filename}: unknown top-level keys {sorted(unknown)}")
        sources[filename] = data["source"].strip()
        for index, record in enumerate(data.get("entities") or []):
            where = f"{filename}: entities[{index}]"
            if not isinstance(record, dict):
                problems.append(f"{where}: not a mapping")
                continue
            entity_id = record.get("id")
            where = f"{filename}: {entity_id}"
            if not isinstance(entity_id, str) or not entity_id or entity_id != entity_id.strip():
                problems.append(f"{filename}: entities[{index}] has no id")
                continue
            if not all(ch.isascii() and (ch.islower() or ch.isdigit() or ch == "-") for ch in entity_id) \
                    or entity_id.startswith("-") or entity_id.endswith("-") or "--" in entity_id:
                problems.append(f"{where}: id must be a lowercase ASCII slug")
            if set(record) - _RECORD_KEYS:
                problems.append(f"{where}: unknown keys {sorted(set(record) - _RECORD_KEYS)}")
            if record.get("type") not in ENTITY_TYPES:
                problems.append(f"{where}: type must be one of {ENTITY_TYPES}")
            if entity_id in records:
                problems.append(f"{where}: duplicate id (first in {records[entity_id]['_file']})")
                continue
            names = _check_names(f"{where}: name", record.get("name"), problems, required=True)
            if not names.get("en") and not names.get("gu"):
                problems.append(f"{where}: name needs gu or en")
            aliases = _check_names(f"{where}: aliases", record.get("aliases"), problems, required=False)
            records[entity_id] = {
                "_file": filename,
                "id": entity_id,
                "type": record.get("type"),
                "name": {lang: (names.get(lang) or [None])[0] for lang in LANGS},
                "aliases": {lang: list(aliases.get(lang, [])) for lang in LANGS},
                "ambiguous": [normalize_text(str(a)).strip() for a in _as_list(record.get("ambiguous"))],
                "titles": [normalize_text(str(t)).strip() for t in _as_list(record.get("titles"))],
                "kind": record.get("kind"),
                "description": record.get("description"),
                "wikidata": record.get("wikidata"),
                "extra": {k: record[k] for k in ("country", "cldr", "geonames") if k in record},
            }
        for index, record in enumerate(data.get("extend") or []):
            if not isinstance(record, dict) or set(record) - _EXTEND_KEYS:
                problems.append(f"{filename}: extend[{index}] has unknown keys or is not a mapping")
                continue
            extensions.append((filename, record))
        phrases = data.get("non_entities") or {}
        for lang, items in (phrases.items() if isinstance(phrases, dict) else []):
            for phrase in _as_list(items):
                key = name_key(str(phrase))
                if key:
                    non_entities.add(key)

    for filename, record in extensions:
        target = records.get(record.get("extend"))
        where = f"{filename}: extend {record.get('extend')}"
        if target is None:
            problems.append(f"{where}: no such entity")
            continue
        names = _check_names(f"{where}: name", record.get("name"), problems, required=False)
        for lang, values in names.items():
            if values:
                old = target["name"].get(lang)
                if old and old != values[0]:
                    target["aliases"][lang].append(old)  # the replaced name stays findable
                target["name"][lang] = values[0]
        for lang, values in _check_names(f"{where}: aliases", record.get("aliases"), problems, False).items():
            target["aliases"][lang].extend(values)
        target["ambiguous"].extend(normalize_text(str(a)).strip() for a in _as_list(record.get("ambiguous")))
        target["titles"].extend(normalize_text(str(t)).strip() for t in _as_list(record.get("titles")))
        for key in ("kind", "description", "wikidata"):
            if record.get(key):
                target[key] = record[key]

    entities: dict[str, Entity] = {}
    for entity_id in sorted(records):
        r = records[entity_id]
        aliases = {}
        for lang in LANGS:
            unique = dict.fromkeys(a for a in r["aliases"][lang] if a != r["name"].get(lang))
            aliases[lang] = tuple(unique)
        entities[entity_id] = Entity(
            id=entity_id, type=r["type"], name={k: v for k, v in r["name"].items() if v},
            aliases=aliases, ambiguous=frozenset(r["ambiguous"]), titles=tuple(dict.fromkeys(r["titles"])),
            kind=r["kind"], description=r["description"], wikidata=r["wikidata"], source=r["_file"],
            extra=r["extra"],
        )
        all_names = entities[entity_id].all_names()
        for alias in r["ambiguous"]:
            if alias not in all_names:
                problems.append(f"{r['_file']}: {entity_id}: ambiguous alias {alias!r} is not one of its names")

    claims, claim_problems = _index_claims(entities)
    problems.extend(claim_problems)
    if problems:
        raise KnowledgeBaseError(problems)

    title_index: dict[str, set[str]] = defaultdict(set)
    for entity in entities.values():
        for title in entity.titles:
            title_index[match_key(title)].add(entity.id)
    return KnowledgeBase(
        entities=entities,
        claims=claims,
        non_entities=frozenset(non_entities),
        sources=dict(sorted(sources.items())),
        title_index={k: frozenset(v) for k, v in sorted(title_index.items())},
    )


def _index_claims(entities: Mapping[str, Entity]):
    """Map every name's token key to the entities that claim it."""
    by_key: dict[tuple[str, ...], dict[str, AliasClaim]] = defaultdict(dict)
    problems: list[str] = []
    for entity in entities.values():
        display_names = set(entity.name.values())
        longest = max(letter_count(n) for n in entity.all_names())
        for alias in entity.all_names():
            key = name_key(alias)
            if not key:
                problems.append(f"{entity.source}: {entity.id}: alias {alias!r} has no letters")
                continue
            short = (
                entity.type == "person"
                and alias not in display_names
                and len(key) == 1
                and is_gujarati(alias)
                and letter_count(alias) <= SHORT_ALIAS_MAX_LETTERS < longest
            )
            claim = AliasClaim(
                entity_id=entity.id,
                entity_type=entity.type,
                needs_context=alias in entity.ambiguous or short,
                exact_case=tuple(re.findall(r"[0-9A-Za-z\u00C0-\u024F]+", alias)) if _capitals_matter(alias) else None,
                alias=alias,
            )
            previous = by_key[key].get(entity.id)
            # The same entity may list one key twice (U.S. and US differ, પુતિન
            # twice does not); keep the claim that asks less context.
            if previous is None or (previous.needs_context and not claim.needs_context):
                by_key[key][entity.id] = claim

    claims: dict[tuple[str, ...], tuple[AliasClaim, ...]] = {}
    for key in sorted(by_key):
        group = tuple(by_key[key][eid] for eid in sorted(by_key[key]))
        claims[key] = group
        for entity_type in ENTITY_TYPES:
            open_claims = [c for c in group if c.entity_type == entity_type and not c.needs_context]
            if len(open_claims) > 1:
                problems.append(
                    f"alias {' '.join(key)!r} is claimed by {entity_type}s "
                    f"{[c.entity_id for c in open_claims]} with no ambiguity rule: "
                    "list it under 'ambiguous' in all but the usual one"
                )
    return claims, problems


def _directory_signature(directory: Path) -> tuple:
    # scandir, not glob and stat: the import asks once a dump, thousands of times a run.
    entries = []
    with os.scandir(directory) as found:
        for entry in found:
            if entry.name.endswith(".yaml"):
                stat = entry.stat()
                entries.append((entry.name, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(entries))


@lru_cache(maxsize=8)
def _load_cached(directory: str, signature: tuple) -> KnowledgeBase:
    return build_knowledge_base(_read_files(Path(directory)))


def load_knowledge_base(directory: str | os.PathLike) -> KnowledgeBase:
    """Load, check and index every KB file in ``directory``.

    Cached on the files' names, sizes and modification times: loading the same
    unchanged directory again (every Pelican run, every test) costs a stat
    per file. Raises KnowledgeBaseError listing all schema problems.
    """
    directory = Path(directory).resolve()
    if not directory.is_dir():
        raise FileNotFoundError(f"entity directory not found: {directory}")
    return _load_cached(str(directory), _directory_signature(directory))


def load_knowledge_base_with(directory: str | os.PathLike, extra: str | os.PathLike) -> KnowledgeBase:
    """The knowledge base in ``directory`` plus one more KB file (not cached).

    For records kept outside the editors' folder, such as the unreviewed
    names the import publishes when SANGRAH_PUBLISH_DISCOVERED is on.
    """
    extra = Path(extra)
    with extra.open(encoding="utf-8") as handle:
        added = (extra.name, yaml.load(handle, Loader=_YamlLoader) or {})
    return build_knowledge_base(_read_files(Path(directory).resolve()) + [added])

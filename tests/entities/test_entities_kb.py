"""The knowledge base: schema, size, sources, and the ids the project relies on."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from sangrah_entities import KnowledgeBaseError, load_knowledge_base
from sangrah_entities.kb import build_knowledge_base

from entity_samples import GOLD, KB_DIR


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(KB_DIR)


def test_kb_is_large_and_every_file_names_its_source(kb):
    assert len(kb) >= 1500
    files = sorted(p.name for p in Path(KB_DIR).glob("*.yaml"))
    assert sorted(kb.sources) == files
    for name, source in kb.sources.items():
        assert len(source) > 20, f"{name}: source too vague: {source!r}"


def test_every_type_is_well_represented(kb):
    counts = Counter(e.type for e in kb.entities.values())
    assert counts["person"] >= 300
    assert counts["organization"] >= 200
    assert counts["place"] >= 1000


def test_ids_are_unique_across_files():
    seen = {}
    for path in sorted(Path(KB_DIR).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in data.get("entities") or []:
            assert record["id"] not in seen, f"{record['id']} in {path.name} and {seen[record['id']]}"
            seen[record["id"]] = path.name


def test_gold_ids_exist_with_their_types(kb):
    for post in GOLD["posts"]:
        for entity in post["entities_must"] + post.get("entities_nice_to_have", []):
            assert entity["id"] in kb.entities, entity["id"]
            assert kb.entities[entity["id"]].type == entity["type"], entity["id"]


def test_gujarat_has_its_33_districts(kb):
    district_ids = [
        "ahmedabad", "amreli", "anand", "aravalli", "banaskantha", "bharuch", "bhavnagar", "botad",
        "chhota-udaipur", "dahod", "dang", "devbhumi-dwarka", "gandhinagar", "gir-somnath", "jamnagar",
        "junagadh", "kheda", "kutch", "mahisagar", "mehsana", "morbi", "narmada-district", "navsari",
        "panchmahal", "patan", "porbandar", "rajkot", "sabarkantha", "surat", "surendranagar",
        "tapi-district", "vadodara", "valsad",
    ]
    assert len(set(district_ids)) == 33
    assert [d for d in district_ids if d not in kb.entities] == []


def test_news_names_of_countries(kb):
    us, uk = kb.entities["united-states"], kb.entities["united-kingdom"]
    assert us.name["gu"] == "અમેરિકા" and "યુએસ" in us.aliases["gu"]
    assert "યુનાઇટેડ સ્ટેટ્સ" in us.all_names()  # the CLDR name stays findable
    assert uk.name["gu"] == "બ્રિટન" and "યુકે" in uk.aliases["gu"]


def _kb_from(records, **extra):
    return build_knowledge_base([("test.yaml", {"source": "unit test", "entities": records, **extra})])


def _person(entity_id, gu, aliases=(), **extra):
    return {"id": entity_id, "type": "person", "name": {"gu": gu}, "aliases": {"gu": list(aliases)}, **extra}


def test_validation_reports_duplicates_and_schema_errors():
    records = [
        _person("a-person", "અ બ"),
        _person("a-person", "ક ખ"),
        {"id": "Bad Id", "type": "thing", "name": {"gu": "ગ"}},
        {"id": "no-gujarati", "type": "place", "name": {"gu": "Latin only"}},
    ]
    with pytest.raises(KnowledgeBaseError) as error:
        _kb_from(records)
    text = "\n".join(error.value.problems)
    assert "duplicate id" in text
    assert "lowercase ASCII slug" in text
    assert "type must be one of" in text
    assert "no Gujarati letters" in text


def test_an_alias_two_people_claim_needs_an_ambiguity_rule():
    records = [_person("ramesh-shah", "રમેશ શાહ", ["રમેશભાઈ"]), _person("ramesh-patel", "રમેશ પટેલ", ["રમેશભાઈ"])]
    with pytest.raises(KnowledgeBaseError, match="no ambiguity rule"):
        _kb_from(records)
    records[1]["ambiguous"] = ["રમેશભાઈ"]
    assert len(_kb_from(records)) == 2


def test_a_place_and_a_person_may_share_an_alias():
    records = [_person("kim-jong-un", "કિમ જોંગ ઉન", ["કિમ"]),
               {"id": "kim", "type": "place", "name": {"gu": "કિમ"}}]
    kb = _kb_from(records)
    claims = kb.claims[("કિમ",)]
    assert [c.entity_id for c in claims] == ["kim", "kim-jong-un"]
    # The person's two-letter alias needs context on its own account.
    assert next(c for c in claims if c.entity_id == "kim-jong-un").needs_context


def test_extend_adds_names_and_keeps_the_replaced_one():
    kb = build_knowledge_base([
        ("a.yaml", {"source": "generated", "entities": [
            {"id": "united-states", "type": "place", "name": {"en": "United States", "gu": "યુનાઇટેડ સ્ટેટ્સ"}}]}),
        ("b.yaml", {"source": "curated", "extend": [
            {"extend": "united-states", "name": {"gu": "અમેરિકા"}, "aliases": {"gu": ["યુએસ"]}}]}),
    ])
    entity = kb.entities["united-states"]
    assert entity.name["gu"] == "અમેરિકા"
    assert set(entity.aliases["gu"]) == {"યુનાઇટેડ સ્ટેટ્સ", "યુએસ"}


def test_extend_of_an_unknown_id_is_an_error():
    with pytest.raises(KnowledgeBaseError, match="no such entity"):
        build_knowledge_base([("b.yaml", {"source": "x", "extend": [{"extend": "nowhere", "aliases": {"gu": ["ક"]}}]})])


def test_loading_is_cached_until_a_file_changes(tmp_path):
    (tmp_path / "a.yaml").write_text(
        "source: test\nentities:\n  - {id: surat, type: place, name: {gu: સુરત}}\n", encoding="utf-8")
    first = load_knowledge_base(tmp_path)
    assert load_knowledge_base(tmp_path) is first
    (tmp_path / "a.yaml").write_text(
        "source: test\nentities:\n  - {id: surat, type: place, name: {gu: સુરત, en: Surat}}\n", encoding="utf-8")
    assert load_knowledge_base(tmp_path) is not first

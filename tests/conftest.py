import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))


@pytest.fixture
def import_dumps(tmp_path):
    """Import a folder of dumps in-process; returns (report, posts_dir)."""
    from sangrah_import.pipeline import ImportSettings, run_import
    from sitebuild import make_content

    def run(dumps_dir: Path | None = None, dumps: list[Path] | None = None, content: Path | None = None, **options):
        if content is None:
            content = make_content(tmp_path, dumps=dumps, dumps_dir=dumps_dir)
        settings = ImportSettings(
            project_dir=content.parent,
            dumps_dir=content / "dumps",
            posts_dir=content / "posts",
            entities_dir=content / "entities",
            **options,
        )
        return run_import(settings), content / "posts"

    return run

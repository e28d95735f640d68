"""The report after every run, its console summary, the strict option, the progress display."""

from __future__ import annotations

import io
import json

from conftest import FIXTURES
from sitebuild import build, make_content, run_import as run_import_cli

BAD = FIXTURES / "bad_dumps"
TEXT = FIXTURES / "text_dumps"


def test_console_summary_names_every_reject_and_duplicate(tmp_path):
    content = make_content(tmp_path, dumps=[BAD / "empty.txt", BAD / "dup_identical_a.txt", BAD / "dup_identical_b.txt",
                                            TEXT / "uk-election-labour-wins.txt"])
    result = run_import_cli(content)
    assert "sangrah import: 4 dump(s) -> 2 post(s)" in result.stderr
    assert "rejected content/dumps/empty.txt: empty file" in result.stderr
    assert "duplicate content/dumps/dup_identical_b.txt: same article as content/dumps/dup_identical_a.txt" in result.stderr
    report = json.loads((content / "posts" / ".sangrah" / "import-report.json").read_text("utf-8"))
    assert {e["status"] for e in report["entries"]} == {"created", "rejected", "duplicate"}
    assert all("url" in e for e in report["entries"] if e["status"] == "created")
    assert "Traceback" not in result.stderr


def test_the_report_and_the_manifest_hold_a_record_a_line(tmp_path):
    content = make_content(tmp_path, dumps=[BAD / "empty.txt", BAD / "dup_identical_a.txt", BAD / "dup_identical_b.txt",
                                            TEXT / "uk-election-labour-wins.txt", TEXT / "ahmedabad-heatwave-heatstroke-cases.txt"])
    run_import_cli(content)
    state = content / "posts" / ".sangrah"
    report_text = (state / "import-report.json").read_text("utf-8")
    report = json.loads(report_text)
    assert len(report["entries"]) == 5
    lines = [line for line in report_text.splitlines() if line.startswith("  {")]
    assert [json.loads(line.strip().rstrip(",")) for line in lines] == report["entries"]
    manifest_text = (state / "manifest.json").read_text("utf-8")
    posts = json.loads(manifest_text)["posts"]
    assert sorted(posts) == sorted(p.name for p in (content / "posts").glob("*.md")) and len(posts) == 3
    lines = [line for line in manifest_text.splitlines() if line.startswith('  "')]
    assert [json.loads("{" + line.strip().rstrip(",") + "}") for line in lines] == [{name: posts[name]} for name in sorted(posts)]


def test_strict_import_fails_with_a_clear_message(tmp_path):
    content = make_content(tmp_path, dumps=[BAD / "binary_png_bytes.txt", TEXT / "uk-election-labour-wins.txt"])
    result = run_import_cli(content, "--strict", check=False)
    assert result.returncode == 1
    assert "1 rejected dump(s) and fail_on_reject is set" in result.stderr
    assert "binary_png_bytes.txt: binary data" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_import_cli(content, check=False).returncode == 0


def test_fail_on_reject_stops_the_pelican_build(tmp_path):
    content = make_content(tmp_path, dumps=[BAD / "not_articles_number.json", TEXT / "uk-election-labour-wins.txt"])
    settings = {"dumps": "dumps", "posts": "posts", "fail_on_reject": True}
    result = build(content, tmp_path / "output", extra={"SANGRAH_IMPORT": json.dumps(settings)}, check=False)
    assert result.returncode != 0
    assert "fail_on_reject is set" in result.stderr + result.stdout
    assert "not_articles_number.json: not articles" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_elsewhere(monkeypatch):
    import sangrah_import.progress as progress

    monkeypatch.setattr(progress, "BAR_DELAY", 0)
    terminal = FakeTerminal()
    with progress.Progress(3, stream=terminal) as bar:
        for _ in range(3):
            bar.update()
    assert "sangrah import" in terminal.getvalue() and "\r" in terminal.getvalue()

    log = io.StringIO()
    with progress.Progress(3, stream=log) as lines:
        for _ in range(3):
            lines.update()
    assert log.getvalue() == ""  # a short run says nothing in a log
    monkeypatch.setattr(progress, "LINE_EVERY", 0)
    with progress.Progress(2, stream=log) as lines:
        lines.update()
    assert log.getvalue() == "sangrah import: 1/2 dumps read\n"


def test_a_quick_import_prints_no_progress(tmp_path):
    content = make_content(tmp_path, dumps=sorted(TEXT.glob("*.txt"))[:5])
    result = run_import_cli(content)
    assert "\r" not in result.stderr and "dumps read" not in result.stderr

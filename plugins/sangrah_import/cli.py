"""Running the import: from Pelican's ``initialized`` signal or the shell."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sangrah_lang import collector

from .pipeline import ImportReport, run_import, settings_from_pelican

log = logging.getLogger("sangrah.import")


def announce(report: ImportReport, strict: bool) -> int:
    """Print the report summary; the exit status the run deserves."""
    for line in report.summary_lines():
        print(line, file=sys.stderr)
    if strict and report.rejected():
        print(f"sangrah import: {len(report.rejected())} rejected dump(s) and fail_on_reject is set", file=sys.stderr)
        return 1
    return 0


def import_for_pelican(pelican) -> None:
    settings = settings_from_pelican(pelican.settings)
    status = announce(run_import(settings, build=pelican), settings.fail_on_reject)
    if status:
        # A clean stop with the reason above, not a traceback from inside Pelican.
        raise SystemExit(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sangrah_import",
        description="Turn the raw dumps under content/dumps into Markdown posts under content/posts.",
    )
    parser.add_argument("-s", "--settings", default="pelican.conf.py", help="Pelican settings file (default: %(default)s)")
    parser.add_argument("--content", help="content folder (default: PATH from the settings)")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when any dump is rejected")
    args = parser.parse_args(argv)

    from pelican.settings import read_settings

    settings_path = Path(args.settings)
    if not settings_path.is_file():
        parser.error(f"settings file not found: {settings_path}")
    override = {"PATH": str(Path(args.content).resolve())} if args.content else None
    settings = settings_from_pelican(read_settings(str(settings_path), override=override))
    if not settings.dumps_dir.is_dir():
        parser.error(f"dumps folder not found: {settings.dumps_dir}")
    collector.tune_for_a_build()  # as in a Pelican build (sangrah_site sets it there)
    report = run_import(settings)
    return announce(report, args.strict or settings.fail_on_reject)

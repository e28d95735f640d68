"""The readers' and generators' cache stamps from the kept digests (sangrah_lang.filestamps)."""

from __future__ import annotations

from sangrah_lang.filestamps import file_sha256


def share_file_digests(generator) -> None:
    """The generator's and its readers' cache stamps from :func:`file_sha256`.

    A page_generator_init receiver; for articles, reader.prefetch_posts asks
    it before reading.

    Both are Pelican FileStampDataCachers. The readers must be reached from
    here: ``readers_init`` is sent before Readers sets up its caching, which
    then installs Pelican's own hashing over anything set at that signal.
    Only when they compare by SHA-256: their stamps are then the same bytes.
    """
    for cacher in (generator, getattr(generator, "readers", None)):
        if cacher is None or cacher.settings.get("CHECK_MODIFIED_METHOD") != "sha256":
            continue
        if getattr(cacher, "_filestamp_func", None):
            cacher._filestamp_func = file_sha256

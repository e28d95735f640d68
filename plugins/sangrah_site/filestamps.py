"""Each source file's SHA-256, computed once per build.

Pelican compares posts with its content cache by a hash of their bytes
(CHECK_MODIFIED_METHOD = "sha256") and asks for that hash up to four times
per post and build (its reading, its caching, the generator's cache); the
render keys ask once more (fingerprint.py). At 10,000 posts that is 50,000
reads and hashes of the same files. Here the hash is kept per path with the
file's size, modification time and inode: asked again, a file whose stat is
unchanged is not read again. Within one process only: nothing is trusted
across builds but the bytes.
"""

from __future__ import annotations

import hashlib
import os

_DIGESTS: dict[str, tuple[tuple[int, int, int], bytes]] = {}


def file_sha256(path: str | os.PathLike) -> bytes:
    """SHA-256 of the file's bytes (raises OSError like open())."""
    return known_digest(path)[1]


def known_digest(path: str | os.PathLike) -> tuple[tuple[int, int, int], bytes]:
    """(the file's size, modification time and inode; the SHA-256 of its bytes), kept for this process."""
    name = os.fspath(path)
    stat = os.stat(name)
    signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    known = _DIGESTS.get(name)
    if known is not None and known[0] == signature:
        return known
    with open(name, "rb") as handle:
        digest = hashlib.sha256(handle.read()).digest()
    known = _DIGESTS[name] = (signature, digest)
    return known


def remember(path: str | os.PathLike, known: tuple[tuple[int, int, int], bytes]) -> None:
    """Keep a digest another process of this build made (known_digest there): checked by stat when asked."""
    _DIGESTS[os.fspath(path)] = known


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


def clear() -> None:
    _DIGESTS.clear()

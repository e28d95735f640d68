"""Each source file's SHA-256, computed once per build.

Pelican compares posts with its content cache by a hash of their bytes
(CHECK_MODIFIED_METHOD = "sha256") and asks for that hash up to four times
per post and build (its reading, its caching, the generator's cache); the
render keys ask once more (sangrah_site/fingerprint.py), and the import
hashes every post before (to tell its own posts from edited ones). At
10,000 posts that was 60,000 reads and hashes of the same files. Here the
hash is kept per path with the file's size, modification time and inode:
asked again, a file whose stat is unchanged is not read again. Within one
Pelican instance only: nothing is trusted across processes but the bytes.
"""

from __future__ import annotations

import hashlib
import os

_DIGESTS: dict[str, tuple[tuple[int, int, int], bytes]] = {}
_OWNER: list = []  # the Pelican instance the kept digests are of (see start)


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


def start(owner) -> None:
    """A build of ``owner`` (a Pelican instance) begins: digests kept for another are forgotten.

    Called by every plugin that asks for digests when its ``initialized``
    receiver runs. Blinker calls those in no set order, so the first
    call clears and the others keep what it has kept since.
    """
    if not _OWNER or _OWNER[0] is not owner:
        clear()
        _OWNER[:] = [owner]


def clear() -> None:
    _DIGESTS.clear()
    _OWNER.clear()

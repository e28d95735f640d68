"""How a reader says 'this dump (or this record of it) cannot become a post'."""


class Reject(Exception):
    """A dump (or record) that cannot become a post; the message says why.

    The message is shown to the archive's editor in the import report, so it
    names the problem in plain words ("empty file", "binary data") rather
    than the exception that found it.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class RecordReject:
    """One record of a multi-article dump that cannot become a post.

    Readers of exports return it among their drafts, so that one bad record
    is reported while the others import.
    """

    __slots__ = ("record", "reason")

    def __init__(self, record: str | None, reason: str):
        self.record = record
        self.reason = reason

    def __repr__(self) -> str:
        return f"RecordReject({self.record!r}, {self.reason!r})"

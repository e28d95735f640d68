"""The one way a reader says 'this dump cannot become a post'."""


class Reject(Exception):
    """A dump (or record) that cannot become a post; the message says why.

    The message is shown to the archive's editor in the import report, so it
    names the problem in plain words ("empty file", "binary data") rather
    than the exception that found it.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

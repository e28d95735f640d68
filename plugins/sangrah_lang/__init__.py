"""Language rules shared by every stage of sangrah (import, entities, search).

The rules themselves live in ``language.json`` so that the Python side (this
package) and the browser side (the search JavaScript) read the very same data
and cannot drift apart. This package only turns that data into functions.
"""

from .normalize import fold_case, normalize_text, RULES
from .tokenize import is_token_char, is_word_char, token_spans, tokenize, trim
from .stopwords import is_stop_word
from .stem import stem
from .analyze import analyze

__all__ = [
    "RULES",
    "analyze",
    "fold_case",
    "is_stop_word",
    "is_token_char",
    "is_word_char",
    "normalize_text",
    "stem",
    "token_spans",
    "tokenize",
    "trim",
]

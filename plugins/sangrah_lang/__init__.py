"""Language rules shared by every stage of sangrah (import, entities, search).

The rules themselves live in ``language.json`` so that the Python side (this
package) and the browser side (the search JavaScript) read the very same data
and cannot drift apart. This package only turns that data into functions.
"""

from .normalize import fold_case, normalize_text, RULES

__all__ = ["RULES", "fold_case", "normalize_text"]

"""Properties of recognition on generated text: offsets, order, no overlaps."""

from hypothesis import given, settings
from hypothesis import strategies as st

from sangrah_entities import Document, get_recognizer, load_knowledge_base
from sangrah_entities.text import is_gujarati
from sangrah_lang import RULES

from entity_samples import KB_DIR

KB = load_knowledge_base(KB_DIR)
RECOGNIZER = get_recognizer(KB_DIR)
NAMES = sorted({n for e in KB.entities.values() for n in e.all_names()})[:3000:7]
FILLER = ["અને", "કહ્યું", "છે", "સરકાર", "પરંતુ", ",", ".", "(", ")", "the", "and", "UN", "us", "-", "\u200c", "\u00a0"]
ENDINGS = [""] + RULES["case_endings"]["suffixes"]

word = st.one_of(
    st.builds(lambda n, e: n + e, st.sampled_from(NAMES), st.sampled_from(ENDINGS)),
    st.sampled_from(FILLER),
    st.text(alphabet=st.characters(min_codepoint=0x0A80, max_codepoint=0x0AFF), min_size=1, max_size=6),
)
paragraph = st.lists(word, min_size=0, max_size=25).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_mentions_are_sorted_disjoint_and_point_at_their_surface(paragraphs):
    doc = Document.from_text(paragraphs[0], "\n\n".join(paragraphs[1:]))
    texts = dict(doc.normalized_texts())
    mentions = RECOGNIZER.recognize(doc)
    assert mentions == sorted(mentions)
    previous = None
    for mention in mentions:
        assert texts[mention.block][mention.start:mention.end] == mention.surface
        assert mention.entity_id in KB.entities
        if previous is not None and previous.block == mention.block:
            assert previous.end <= mention.start
        previous = mention


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=3))
def test_recognition_is_deterministic(paragraphs):
    doc = Document.from_text("", "\n\n".join(paragraphs))
    assert RECOGNIZER.analyze(doc) == RECOGNIZER.analyze(doc)


class _EveryWordMayOpen(dict):
    """An _opens table that answers yes for every word: the walk runs at every token."""

    def get(self, key, default=None):
        return True


# Names written in Gujarati, which carry case endings: a walk may start at a
# word that is no name but whose bare form is one (રશિયાના).
GUJARATI_NAMES = sorted({n for e in KB.entities.values() for n in e.all_names() if is_gujarati(n)})
gujarati_word = st.one_of(
    st.builds(lambda n, e: n + e, st.sampled_from(GUJARATI_NAMES), st.sampled_from(ENDINGS)),
    st.sampled_from(FILLER),
)
gujarati_paragraph = st.lists(gujarati_word, min_size=0, max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(paragraph, gujarati_paragraph, gujarati_paragraph), min_size=1, max_size=4))
def test_passing_over_words_that_open_no_name_finds_the_same_names(paragraphs):
    """The walk is skipped at a token that is no first word of the index and no
    case-ended form of a whole name: the mentions and discoveries are those of
    a walk started at every token."""
    doc = Document.from_text(paragraphs[0], "\n\n".join(paragraphs[1:]))
    quick = RECOGNIZER.analyze(doc)
    saved = RECOGNIZER._opens
    RECOGNIZER._opens = _EveryWordMayOpen()
    try:
        thorough = RECOGNIZER.analyze(doc)
    finally:
        RECOGNIZER._opens = saved
    assert quick == thorough

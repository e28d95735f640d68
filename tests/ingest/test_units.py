"""Unit checks of the ingest building blocks: decoding, legacy fonts, stated
dates, markup in values, canonical URLs and the near-duplicate measure."""

from __future__ import annotations

import codecs
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sangrah_import.extract.date_values import parse_date_value
from sangrah_import.extract.duplicates import canonical_url, resemblance, sketch
from sangrah_import.read import sniff
from sangrah_import.read.decode import decode, declared_encoding
from sangrah_import.read.errors import Reject
from sangrah_import.read.legacy_font import legacy_font_reason
from sangrah_import.read.markup import markdown_to_text, plain_value

IST = ZoneInfo("Asia/Kolkata")
GU = "અમદાવાદમાં આજે વરસાદ પડ્યો હતો, અને શહેરના અનેક વિસ્તારોમાં પાણી ભરાયાં હતાં."


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + GU.encode("utf-8"),
    GU.encode("utf-8"),
    GU.encode("utf-16"),  # with BOM
    ("Surat " + GU).encode("utf-16-le"),  # without BOM: recognised by its zero bytes
])
def test_gujarati_decodes_whatever_the_encoding(data):
    assert GU in decode(data)


def test_mojibake_is_repaired():
    # UTF-8 read as Windows-1252 (bytes it lacks kept as C1 controls) and saved again.
    mojibake = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in GU.encode("utf-8"))
    assert "àª" in mojibake
    assert decode(mojibake.encode("utf-8")) == GU


def test_windows_1252_and_declarations():
    english = "Rajkot’s “oldest” café — shut".encode("cp1252")
    assert decode(english) == "Rajkot’s “oldest” café — shut"
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>' + "café".encode("cp1252")
    assert declared_encoding(page) == "cp1252"
    assert "café" in decode(page, declared_encoding(page))
    wrongly_declared = b'<meta charset="iso-8859-1"><p>' + GU.encode("utf-8")
    assert GU in decode(wrongly_declared, declared_encoding(wrongly_declared))


@pytest.mark.parametrize("data,word", [
    (b"", "empty"),
    (" \t\r\n\u00a0\u2003\u200b".encode("utf-8"), "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (bytes(range(256)) * 8, "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary"),
])
def test_not_text_is_rejected_with_a_reason(data, word):
    with pytest.raises(Reject) as raised:
        decode(data)
    assert word in raised.value.reason


def test_legacy_font_soup_is_told_from_european_text():
    terafont = "Ãkk÷LkÃkwhBÞkt þkkf¼kseLkk ¼kðk ykMkBÞkLku, xkBÞuxkt 80 hqëÃkÞku ëf÷ku çkLkkMkfktXk ës÷T÷kLkk"
    lmg = "ÅÞÌÄÅéËÉÞ¿ ÎÞ¢ÈÞÒáÄÞ ÈÞÍ ¥ÞÏÉÞÄ½, ÔÞÉ½ÔÞ¿ 80 ËêÜÅÊ½ Ü¢ÌÞ½ ÇÄÞÏ¢Þ¿ÕÞ ÜÒÌýÌÞÄÞ"
    assert "legacy font" in legacy_font_reason(terafont)
    assert "legacy font" in legacy_font_reason(lmg)
    for text in (
        "L'été dernier, nous sommes allés à la plage près de Marseille. C'était très agréable.",
        "Þjóðin kýs sér forseta á fjögurra ára fresti. Kjörsókn var góð í öllum kjördæmum.",
        "Rajkot’s oldest Irani café shuts after 71 years — customers queue for one last chai.",
        GU,
    ):
        assert legacy_font_reason(text) is None


@pytest.mark.parametrize("value,expected", [
    ("2024-06-14T05:12:33.000Z", datetime(2024, 6, 14, 5, 12, 33, tzinfo=timezone.utc)),
    ("2024-01-31T23:50+05:30", datetime(2024, 1, 31, 23, 50, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
    ("Wed, 19 Jun 2024 14:28:14 +0530", datetime(2024, 6, 19, 14, 28, 14, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
    ("Thu, 20 Jun 2024 05:10:00 GMT", datetime(2024, 6, 20, 5, 10, tzinfo=timezone.utc)),
    (1718787494, datetime(2024, 6, 19, 8, 58, 14, tzinfo=timezone.utc)),
    (1720425600000, datetime(2024, 7, 8, 8, 0, tzinfo=timezone.utc)),
    ("1718787494", datetime(2024, 6, 19, 8, 58, 14, tzinfo=timezone.utc)),
    ("2024-06-03", date(2024, 6, 3)),
    ("22/07/2024", date(2024, 7, 22)),
    ("19 જૂન, 2024", date(2024, 6, 19)),
    ("3 કલાક પહેલા", None),
    (True, None),
    ("not a date", None),
    (99999999999999, None),
])
def test_stated_dates(value, expected):
    found = parse_date_value(value, IST)
    assert found == expected
    if isinstance(expected, datetime):
        assert found.utcoffset() == expected.utcoffset()  # the zone stated, not converted


def test_a_time_without_zone_is_in_the_site_zone():
    found = parse_date_value("2024-07-22 16:40", IST)
    assert found.hour == 16 and found.utcoffset() == timedelta(hours=5, minutes=30)


def test_markup_in_values_becomes_text():
    assert plain_value('<img src=x onerror=alert(1)>અમદાવાદ: લો ગાર્ડન') == "અમદાવાદ: લો ગાર્ડન"
    assert plain_value('અમદાવાદ"><svg onload=alert(6)>') == "અમદાવાદ"
    assert plain_value("<script>alert(5)</script>") == ""
    assert plain_value("x < y and y > z") == "x < y and y > z"
    assert markdown_to_text("[વધુ માહિતી](javascript:alert(1))") == "વધુ માહિતી"
    assert markdown_to_text("[ref]: javascript:alert('ref')") is None


def test_canonical_urls():
    plain, changed = canonical_url("https://news.example/a/b?utm_source=x&utm_medium=y")
    assert (plain, changed) == ("https://news.example/a/b", True)
    assert canonical_url("https://news.example/amp/a/b")[0] == "https://news.example/a/b"
    assert canonical_url("https://www.news.example/a/b/")[0] == "https://news.example/a/b"
    assert canonical_url("https://news.example/news.php?id=5521")[0] == "https://news.example/news.php?id=5521"
    assert canonical_url("https://news.example/a/b") == ("https://news.example/a/b", False)


def test_resemblance_of_copies_and_of_different_stories():
    story = [GU, "મહાનગરપાલિકાએ બંને નાળાં વાહનવ્યવહાર માટે બંધ કર્યાં હતાં અને લોકોને ઘરમાં રહેવા અપીલ કરી હતી.",
             "હવામાન વિભાગે આગામી ત્રણ દિવસ ભારે વરસાદની આગાહી કરી છે અને માછીમારોને દરિયો ન ખેડવા સૂચના આપી છે."]
    assert resemblance(sketch(story), sketch([" ".join(p.split()) + " " for p in story])) == 1.0
    assert resemblance(sketch(story), sketch(story + ["વધુ વિગતો મળવાની બાકી છે."])) >= 0.8
    other = ["સુરતમાં હીરા ઉદ્યોગમાં મંદી છે અને હજારો રત્નકલાકારો બેરોજગાર બન્યા છે, યુનિયને સરકાર પાસે મદદ માંગી છે."]
    assert resemblance(sketch(story), sketch(other)) < 0.1


@pytest.mark.parametrize("data,suffix,kind", [
    (b"<!DOCTYPE html><html><body>x", ".txt", "html"),
    (b"\xef\xbb\xbf<!doctype html>", "", "html"),
    (b"<p>not a page</p> a text line", ".txt", "text"),
    (b"[1, 2]", ".json", "json"),
    (b"{}", ".jsonl", "jsonl"),
    (b"{\"a\": 1}", ".dat", "json"),
])
def test_sniff(data, suffix, kind):
    assert sniff(data, suffix) == kind


def test_unknown_formats_are_rejected():
    with pytest.raises(Reject) as raised:
        sniff(b"a,b,c\n1,2,3", ".csv")
    assert "unsupported file type" in raised.value.reason


def test_sketch_resemblance_follows_the_exact_jaccard_of_shingles():
    """The estimate against the exact resemblance of the 5-word shingle sets,
    on bodies that share a varying part of their text (seeded, so repeatable)."""
    import random

    from sangrah_import.extract.duplicates import SHINGLE_WORDS, body_words

    rng = random.Random(20261123)
    vocabulary = [f"શબ્દ{n}" for n in range(400)] + [f"word{n}" for n in range(400)]

    def shingles(texts):
        words = body_words(texts)
        return {tuple(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}

    for _ in range(40):
        base = [rng.choice(vocabulary) for _ in range(rng.randint(60, 900))]
        keep = rng.random()
        other = [w if rng.random() < keep else rng.choice(vocabulary) for w in base]
        a, b = [" ".join(base)], [" ".join(other)]
        exact = len(shingles(a) & shingles(b)) / len(shingles(a) | shingles(b))
        assert abs(resemblance(sketch(a), sketch(b)) - exact) <= 0.1, (len(base), keep, exact)
        # Distinct shingles get distinct hashes (no collisions at this size).
        assert len(set(sketch(a))) == min(256, len(shingles(a)))

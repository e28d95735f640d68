"""Names inside longer proper names: facilities, prizes and common nouns.

Sentences written for these tests; small KBs so that each rule is seen alone
(the KB may or may not know the facility itself), then the real KB.
"""

import pytest

from sangrah_entities import Document, entity_ids, get_recognizer

from entity_samples import KB_DIR
from test_entities_recognizer import org, person, place, recognizer


def ids(rec, text):
    return entity_ids(rec.recognize(Document.from_text("", text)))


MODI = person("narendra-modi", "નરેન્દ્ર મોદી", ["મોદી"], titles=["વડાપ્રધાન", "પીએમ"])
INDIRA = person("indira-gandhi", "ઇન્દિરા ગાંધી", en_aliases=["Indira Gandhi"])
SARABHAI = person("vikram-sarabhai", "વિક્રમ સારાભાઈ")
NARSINH = person("narsinh-mehta", "નરસિંહ મહેતા")
SHIVAJI = person("shivaji", "છત્રપતિ શિવાજી", ["શિવાજી"], en_aliases=["Shivaji"])
GAVASKAR = person("sunil-gavaskar", "સુનીલ ગાવસ્કર", ["ગાવસ્કર"])
ROHIT = person("rohit-sharma", "રોહિત શર્મા")
DELHI = place("delhi", "દિલ્હી")
ASIA = place("asia", "એશિયા")
KIM = person("kim-jong-un", "કિમ જોંગ ઉન", ["કિમ"])
KIM_TOWN = place("kim", "કિમ", ambiguous=["કિમ"])
AMAZON = org("amazon", "એમેઝોન", en_aliases=["Amazon"])
APPLE = org("apple-inc", "એપલ", en_aliases=["Apple"])


# --- a person before a facility word --------------------------------------

@pytest.mark.parametrize("text", [
    "નરેન્દ્ર મોદી સ્ટેડિયમમાં ફાઈનલ રમાશે.",
    "નરેન્દ્ર મોદી સ્ટેડિયમ ખાતે ભારે ભીડ.",
    "મેચ નરેન્દ્ર મોદી સ્ટેડિયમની પીચ પર રમાઈ.",
])
def test_a_stadium_named_after_a_person_is_not_the_person(text):
    assert ids(recognizer(MODI), text) == []


def test_the_facility_word_carries_the_case_ending_or_a_postposition_follows():
    rec = recognizer(INDIRA, DELHI, NARSINH, SARABHAI)
    assert ids(rec, "દિલ્હીના ઇન્દિરા ગાંધી આંતરરાષ્ટ્રીય એરપોર્ટ પર ધુમ્મસ.") == ["delhi"]
    assert ids(rec, "ઇન્દિરા ગાંધી એરપોર્ટે નવો રનવે ખોલ્યો.") == []
    assert ids(rec, "નરસિંહ મહેતા તળાવના કિનારે.") == []
    assert ids(rec, "નરસિંહ મહેતા યુનિવર્સિટીનો પદવીદાન સમારોહ.") == []
    assert ids(rec, "વિક્રમ સારાભાઈ સ્પેસ સેન્ટરમાં પરીક્ષણ.") == []
    assert ids(rec, "વિક્રમ સારાભાઈ અવકાશ કેન્દ્રના વૈજ્ઞાનિકો.") == []


def test_the_person_named_elsewhere_still_counts_there():
    rec = recognizer(INDIRA, DELHI)
    text = "ઇન્દિરા ગાંધીએ 1975માં કટોકટી લાદી હતી. આજે ઇન્દિરા ગાંધી આંતરરાષ્ટ્રીય એરપોર્ટ દેશનું સૌથી વ્યસ્ત છે."
    mentions = rec.recognize(Document.from_text("", text))
    assert [m.surface for m in mentions] == ["ઇન્દિરા ગાંધીએ"]


def test_an_inflected_name_or_a_word_between_that_is_no_modifier_keeps_the_person():
    rec = recognizer(MODI, NARSINH)
    assert ids(rec, "નરેન્દ્ર મોદીએ સ્ટેડિયમનું ઉદ્ઘાટન કર્યું.") == ["narendra-modi"]
    assert ids(rec, "નરેન્દ્ર મોદી નવા સ્ટેડિયમનું ઉદ્ઘાટન કરશે.") == ["narendra-modi"]
    assert ids(rec, "નરસિંહ મહેતા, તળાવ અને મંદિર.") == ["narsinh-mehta"]  # a comma ends the name


def test_an_office_title_before_the_name_keeps_the_person_but_an_epithet_does_not():
    rec = recognizer(MODI, NARSINH)
    assert ids(rec, "વડાપ્રધાન નરેન્દ્ર મોદી સ્ટેડિયમ પહોંચ્યા.") == ["narendra-modi"]
    assert ids(rec, "પીએમ મોદી હોસ્પિટલ પહોંચ્યા.") == ["narendra-modi"]
    assert ids(rec, "કવિ નરસિંહ મહેતા યુનિવર્સિટીમાં પ્રવેશ.") == []


def test_everyday_senses_of_facility_words_do_not_count():
    rec = recognizer(MODI, person("rahul-gandhi", "રાહુલ ગાંધી"))
    assert ids(rec, "નરેન્દ્ર મોદી રોડ શો કરશે.") == ["narendra-modi"]
    assert ids(rec, "રાહુલ ગાંધી કેન્દ્ર સરકાર પર પ્રહાર કરે છે.") == ["rahul-gandhi"]
    assert ids(rec, "રાહુલ ગાંધી કેન્દ્ર પર વરસ્યા.") == ["rahul-gandhi"]  # કેન્દ્ર needs a modifier
    assert ids(rec, "રાહુલ ગાંધી બંધ બારણે બેઠકમાં.") == ["rahul-gandhi"]


def test_a_place_before_a_facility_word_stays_a_place():
    rec = recognizer(DELHI, place("jamnagar", "જામનગર"))
    assert ids(rec, "જામનગર એરપોર્ટ પર વિમાન ઉતર્યું.") == ["jamnagar"]
    assert ids(rec, "દિલ્હી યુનિવર્સિટીમાં પ્રવેશ.") == ["delhi"]


def test_a_lone_place_claim_left_by_the_rule_counts_as_the_place():
    rec = recognizer(KIM, KIM_TOWN)
    assert ids(rec, "કિમ સ્ટેશન પર ટ્રેન રોકાઈ.") == ["kim"]


def test_the_kb_facility_wins_by_the_longest_match():
    rec = recognizer(MODI, org("narendra-modi-stadium", "નરેન્દ્ર મોદી સ્ટેડિયમ"))
    assert ids(rec, "નરેન્દ્ર મોદી સ્ટેડિયમમાં મેચ.") == ["narendra-modi-stadium"]


def test_english_facility_names_with_capitalized_words_between():
    rec = recognizer(INDIRA, SHIVAJI, person("charles-de-gaulle", "ચાર્લ્સ દ ગોલ", en_aliases=["Charles de Gaulle"]))
    assert ids(rec, "Flights at Indira Gandhi International Airport were delayed.") == []
    assert ids(rec, "A rally at Shivaji Park in Mumbai.") == []
    assert ids(rec, "Passengers at Charles de Gaulle Airport waited.") == []
    assert ids(rec, "Indira Gandhi imposed the Emergency.") == ["indira-gandhi"]


# --- prizes and cups ------------------------------------------------------

def test_prizes_take_a_name_only_where_it_is_plainly_theirs():
    rec = recognizer(GAVASKAR, ROHIT, ASIA, place("india", "ભારત"))
    assert ids(rec, "બોર્ડર-ગાવસ્કર ટ્રોફીમાં ભારતની હાર.") == ["india"]
    assert ids(rec, "રોહિત શર્મા ટ્રોફી સાથે પોઝ આપતો જોવા મળ્યો.") == ["rohit-sharma"]
    assert ids(rec, "સુનીલ ગાવસ્કર ખેલ રત્ન એવોર્ડ.") == []
    assert ids(rec, "એશિયા કપમાં ભારત ચેમ્પિયન.") == ["india"]
    assert ids(rec, "એશિયામાં કપાસના ભાવ.") == ["asia"]


# --- organizations that are also common nouns -----------------------------

def test_an_organization_before_a_common_noun_is_the_noun():
    rec = recognizer(AMAZON, APPLE, place("amazon-rainforest", "એમેઝોન વરસાદી જંગલ", en="Amazon rainforest",
                                            aliases=["એમેઝોનનાં જંગલો"]))
    assert ids(rec, "Apple growers in Himachal and fires in the Amazon basin.") == []
    assert ids(rec, "એમેઝોનના જંગલોમાં આગ લાગી.") == []
    assert ids(rec, "એમેઝોન વરસાદી જંગલમાં આગ.") == ["amazon-rainforest"]
    assert ids(rec, "Apple and Amazon shares rose; એમેઝોને નવો પ્લાન્ટ ખોલ્યો.") == ["amazon", "apple-inc"]


# --- on the real KB ---------------------------------------------------------

def test_real_kb_facilities_named_after_people():
    rec = get_recognizer(KB_DIR)
    assert ids(rec, "અમદાવાદના નરેન્દ્ર મોદી સ્ટેડિયમમાં ફાઈનલ રમાઈ.") == ["ahmedabad", "narendra-modi-stadium"]
    assert "indira-gandhi" not in ids(rec, "દિલ્હીના ઈન્દિરા ગાંધી આંતરરાષ્ટ્રીય એરપોર્ટ પર ધુમ્મસ.")
    assert "vikram-sarabhai" not in ids(rec, "તિરુવનંતપુરમના વિક્રમ સારાભાઈ સ્પેસ સેન્ટરમાં પરીક્ષણ.")
    assert "narsinh-mehta" not in ids(rec, "જૂનાગઢના નરસિંહ મહેતા તળાવના કિનારે.")
    assert "vallabhbhai-patel" not in ids(rec, "વલ્લભ વિદ્યાનગરની સરદાર પટેલ યુનિવર્સિટીમાં પ્રવેશ.")
    assert ids(rec, "Amazon rainforest fires and apple growers.") in ([], ["amazon-rainforest"])


# --- a place name that needs context, in a list with a plain place ----------

def test_a_homonym_place_counts_when_listed_with_a_place():
    rec = recognizer(place("qatar", "કતાર", ambiguous=["કતાર"]), place("egypt", "ઇજિપ્ત"), place("kadi", "કડી", ambiguous=["કડી"]),
                     place("kalol", "કલોલ"))
    assert ids(rec, "કતાર અને ઇજિપ્ત મધ્યસ્થી કરી રહ્યા છે.") == ["qatar", "egypt"]
    assert ids(rec, "ઇજિપ્ત, કતાર અને તુર્કી.") == ["egypt", "qatar"]
    assert ids(rec, "કલોલ અને કડીમાં વરસાદ.") == ["kalol", "kadi"]
    assert ids(rec, "મંદિરની બહાર લાંબી કતાર અને ભીડ.") == []
    assert ids(rec, "પોલીસને મહત્વની કડી મળી.") == []


def test_real_kb_common_words_and_demonyms_are_not_entities():
    rec = get_recognizer(KB_DIR)
    assert ids(rec, "મંદિરની બહાર લાંબી કતાર લાગી. માતાની મમતા, વિજય અને આનંદ, આશા અને દીપક, સૂરજનું કિરણ.") == []
    assert ids(rec, "જાપાની કંપનીઓ, જર્મન રોકાણકારો, ફ્રેન્ચ ટેક્નોલોજી, ચાઇનીઝ માલ અને કચ્છી ભરતકામ.") == []
    assert ids(rec, "બાળકોએ ટાટા કહ્યું.") == []
    assert ids(rec, "ટાટા ગ્રુપના ચેરમેન. ટાટાએ નવો પ્લાન્ટ ખોલ્યો.") == ["tata-group"]

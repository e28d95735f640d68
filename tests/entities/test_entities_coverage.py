"""The coverage files on sentences written for these tests (not the eval sets)."""

import pytest
import yaml
from pathlib import Path

from sangrah_entities import Document, entity_ids, get_recognizer, load_knowledge_base

from entity_samples import KB_DIR

REC = get_recognizer(KB_DIR)
KB = load_knowledge_base(KB_DIR)


def ids(text):
    return entity_ids(REC.recognize(Document.from_text("", text)))


@pytest.mark.parametrize("text, expected", [
    # talukas, with case endings and vowel-length variants
    ("કપરાડામાં 7 ઈંચ અને ધરમપુરમાં 5 ઈંચ વરસાદ.", ["kaprada", "dharampur"]),
    ("ઉમરગામના દરિયાકાંઠે અને ગણદેવીના ખેતરોમાં પાણી.", ["umbergaon", "gandevi"]),
    ("વિસાવદરની પેટાચૂંટણીમાં ભેંસાણ અને મેંદરડાના મતદારો.", ["visavadar", "bhesan", "mendarda"]),
    ("બેચરાજીથી જોટાણા જતો રસ્તો.", ["becharaji", "jotana"]),
    # same-named talukas: the well-known one by default, the other with its district
    ("માંડવીના દરિયાકિનારે પ્રવાસીઓ.", ["mandvi"]),
    # dams, rivers, lakes
    ("ધરોઈ ડેમ અને કડાણા ડેમમાંથી પાણી છોડાયું; મહી નદીમાં પૂર.", ["dharoi-dam", "kadana-dam", "mahi-river"]),
    ("કાંકરિયા તળાવ પર કાર્નિવલ.", ["kankaria-lake"]),
    # temples, pilgrimage and tourist places
    ("સુદર્શન સેતુ પરથી બેટ દ્વારકા જવાય છે.", ["sudarshan-setu", "bet-dwarka"]),
    ("શ્રી સોમનાથ ટ્રસ્ટે દર્શનનો સમય બદલ્યો.", ["shree-somnath-trust"]),
    ("મોઢેરા સૂર્ય મંદિર અને રાણીની વાવ યુનેસ્કોની યાદીમાં.", ["modhera-sun-temple", "rani-ki-vav", "unesco"]),
    # municipal corporations and authorities
    ("ભાવનગર મહાનગરપાલિકાની સામાન્ય સભા.", ["bhavnagar-municipal-corporation"]),
    ("ઔડાએ નવી ટીપી સ્કીમ મંજૂર કરી.", ["ahmedabad-urban-development-authority"]),
    # universities, research, agencies
    ("પીઆરએલ અને ઈસરોના વૈજ્ઞાનિકો.", ["physical-research-laboratory", "indian-space-research-organisation"]),
    ("આઈઆઈટી મદ્રાસ અને આઈઆઈએમ બેંગલોર.", ["iit-madras", "iim-bangalore"]),
    ("ડીજીસીએએ એરલાઈનને નોટિસ ફટકારી; ટ્રાઈએ નવા નિયમો ઘડ્યા.",
     ["directorate-general-of-civil-aviation", "telecom-regulatory-authority-of-india"]),
    # airports and ports
    ("દિલ્હી એરપોર્ટ પર ધુમ્મસ, ચાંગી એરપોર્ટ પર ભીડ.", ["indira-gandhi-international-airport", "changi-airport"]),
    ("દીનદયાળ પોર્ટ પર કાર્ગો વધ્યો.", ["deendayal-port"]),
    # people
    ("શેફાલી વર્મા અને દીપ્તિ શર્માની શાનદાર રમત.", ["shafali-verma", "deepti-sharma"]),
    ("કિલિયન એમબાપ્પે અને અર્લિંગ હાલેન્ડ.", ["kylian-mbappe", "erling-haaland"]),
    ("જાપાનના વડાપ્રધાન સાને તાકાઈચી.", ["japan", "sanae-takaichi"]),
    ("મેઘાલયના મુખ્યમંત્રી કોનરાડ સંગમા.", ["meghalaya", "conrad-sangma"]),
    ("અભિનેત્રી કેટરીના કૈફ અને વિકી કૌશલ.", ["katrina-kaif", "vicky-kaushal"]),
    ("એનવિડિયાના સીઈઓ જેન્સન હુઆંગ.", ["nvidia", "jensen-huang"]),
])
def test_new_coverage_on_written_sentences(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize("text", [
    "ઘર પાસે જૂની વાવ છે.",              # વાવ: a stepwell, not Vav taluka
    "તેણે લાઠી લઈને પીછો કર્યો.",          # લાઠી: a stick
    "સીધી રેખા દોરો.",                   # રેખા: a line
    "તેમણે યશ મેળવ્યો.",                 # યશ: fame
    "ધનુષ અને બાણ.",                    # ધનુષ: a bow
    "એશિયા કપમાં અને રણજી ટ્રોફીમાં.",      # tournaments are events, not places or people
    "ભારત રત્ન અને પદ્મશ્રી એનાયત.",         # awards name nobody
    "ખેલ રત્ન એવોર્ડ.",
])
def test_everyday_words_and_events_are_not_entities(text):
    assert ids(text) == []


def test_a_homonym_taluka_counts_with_a_place_word():
    assert ids("વાવ તાલુકાના ગામોમાં પાણીની તંગી.") == ["vav"]


def test_union_territories_have_their_current_names():
    assert KB.entities["dadra-nagar-haveli-daman-diu"].name["en"] == "Dadra and Nagar Haveli and Daman and Diu"
    for entity_id in ("jammu-and-kashmir", "ladakh", "delhi", "lakshadweep", "puducherry",
                      "andaman-and-nicobar-islands", "chandigarh", "dadra-nagar-haveli-daman-diu"):
        assert KB.entities[entity_id].type == "place"


def test_gujarat_has_its_seventeen_municipal_corporations():
    cities = ["ahmedabad", "surat", "vadodara", "rajkot", "bhavnagar", "jamnagar", "junagadh", "gandhinagar",
              "navsari", "gandhidham", "morbi", "vapi", "anand", "mehsana", "surendranagar", "porbandar", "nadiad"]
    assert [c for c in cities if f"{c}-municipal-corporation" not in KB.entities] == []


def test_every_coverage_file_names_a_public_source():
    for path in sorted(Path(KB_DIR).glob("curated-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert len(data["source"]) > 40, path.name

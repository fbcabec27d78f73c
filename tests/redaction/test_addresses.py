"""Addresses that are not US/UK-shaped and dates of birth in many formats (issue #13).

Detection is checked through ``detect_structured`` (what the scrubber uses) and, for whole
documents, through the scrubber itself; the controls must stay untouched."""

import random

import pytest
from corpus import tally
from tuning import addresses as tuning_addresses

from spark_control.redaction.detectors import detect_structured


def _covered(text: str, value: str, type_: str) -> bool:
    """Every letter and digit of ``value`` lies inside a detected span of ``type_``."""
    i = text.index(value)
    spans = [sp for sp in detect_structured(text) if sp.type == type_]
    return all(any(sp.start <= k < sp.end for sp in spans) for k in range(i, i + len(value)) if text[k].isalnum())


ADDRESSES = [
    # (sentence with {a}, address)
    ("Please ship it to {a}, thanks.", "Keizersgracht 123, 1012 AB Amsterdam"),
    ("Jan de Vries\n{a}", "Keizersgracht 123\n1016 EE Amsterdam\nNederland"),
    ("Adres: {a}", "Laan van Meerdervoort 45-II, 2517 AB Den Haag"),
    ("Anschrift: {a}", "Hauptstraße 5, 10115 Berlin"),
    ("Frau Müller\n{a}", "Berliner Str. 12a\n80331 München\nDeutschland"),
    ("Lieferadresse {a}.", "Am Markt 3, 04109 Leipzig"),
    ("Adres: {a}", "ul. Długa 15/3, 00-238 Warszawa"),
    ("Pan Nowak\n{a}", "ul. Marszałkowska 10 m. 5\n00-590 Warszawa\nPolska"),
    ("Adres {a}", "al. Jana Pawła II 23, 31-000 Kraków"),
    ("Adres: {a}", "Atatürk Cad. No: 12 D: 4, 34710 Kadıköy/İstanbul"),
    ("Ayşe Yılmaz\n{a}", "Bağdat Caddesi No:45 Daire:3\nCaddebostan Mah.\n34728 Kadıköy / İstanbul\nTürkiye"),
    ("I listed {a} as my residence.", "1254. Sokak No:54/4, Alsancak Mahallesi, 39240 Çankaya / Ankara"),
    ("Envíalo a {a}.", "Calle Morelos 123, Col. Centro, 06000 Ciudad de México, CDMX"),
    (
        "Lic. Ana Pérez\n{a}",
        "Av. Insurgentes Sur 1602 Int. 5\nCol. Crédito Constructor\nC.P. 03940, Benito Juárez, CDMX\nMéxico",
    ),
    ("Dirección: {a}", "Calle Mayor, 5, 2º izq., 28013 Madrid"),
    ("Adresse : {a}", "12 rue de la Paix, 75002 Paris"),
    ("Indirizzo: {a}", "Via Roma 10, 00184 Roma RM"),
    ("Endereço: {a}", "Rua Augusta, 1200, apto 52 - Consolação, São Paulo - SP, 01305-100"),
    ("Adress: {a}", "Drottninggatan 53, 111 21 Stockholm"),
    ("Osoite: {a}", "Mannerheimintie 12 B 5, 00100 Helsinki"),
    ("Adresse: {a}", "Karl Johans gate 21 B, 0162 Oslo"),
    ("Địa chỉ: {a}", "123 Đường Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh"),
    ("Gửi đến {a}.", "288/12 Lê Lợi, Phường 14, Quận 11, Hà Nội"),
    ("Lieferung an {a}", "Karl-Marx-Straße 12, D-10115 Berlin"),
    ("Adres: {a}", "2e Hugo de Grootstraat 5, 1052 LC Amsterdam"),
    ("Adres: {a}", "Atatürk Cad. No:12 Daire:4 Kadıköy / İstanbul"),
    ("Adres: {a}", "Cumhuriyet Mah. 1234 Sk. No:5, Konak/İzmir"),
    ("Send it to {a} please", "PO Box 1234, Springfield, IL 62704"),
    ("Visitors go to {a} for the tour.", "1600 Pennsylvania Ave NW"),
    ("Mr J Smith\n{a}\n\nDear Sir", "Rose Cottage\nMill Lane\nLittle Snoring\nFakenham\nNR21 0AA"),
    ("Ship to {a}.", "12 High Street, Little Snoring, Fakenham, NR21 0AA"),
    ("speaker 2: sure it is {a} yeah", "1676 main st se, eugene, or 97401"),
    ("she lives at {a} i think", "keizersgracht 123, 1012 ab amsterdam"),
    ("speaker 2: it's {a}", "alsancak mah. cumhuriyet cad. no. 86 d: 4, 03813 beşiktaş/i̇stanbul"),
    ("speaker 2: {a} yeah", "corso buenos aires 7, 41945 milano"),
]


@pytest.mark.parametrize(("template", "address"), ADDRESSES)
def test_international_address_is_covered(template, address):
    text = template.format(a=address)
    assert _covered(text, address, "ADDRESS"), [text[s.start : s.end] for s in detect_structured(text)]


def test_the_name_line_of_a_postal_block_is_not_the_address():
    text = "Lic. Ana Pérez\nAv. Insurgentes Sur 1602 Int. 5\n03940 Ciudad de México\n\nSaludos"
    spans = [sp for sp in detect_structured(text) if sp.type == "ADDRESS"]
    assert [text[sp.start : sp.end] for sp in spans] == ["Av. Insurgentes Sur 1602 Int. 5\n03940 Ciudad de México"]


NOT_ADDRESSES = [
    "Release 2024, Berlin office. Chapter 12, Section 3.",
    "We sold 2048 MB, 1500 Units in Spring 2024.",
    "The meeting is at Gate 12, Terminal 2. Route 66 tour.",
    "Route 66, Highway 1 and Avenue Q were the three themes of the 2023 offsite.",
    "Pay via Stripe, 2 invoices failed. Version 12a is out.",
    "In 2023 Paris, 2024 London and 2025 Tokyo hosted the summit.",
    "Windows 11, Office 365, Python 3.12 and Node 20.",
    "Step 1, Step 2 - Step 3. Room 4, Floor 2.",
    "Im Jahr 2020, Zum Beispiel 5",
    "order 10115 shipped, 50000 Users signed up, 12000 Euros raised",
    "Sprint 14, Story 221 - Via Rail integration; Sprint 15, Story 230 - Place Order button.",
    "The delegate 3 and the brigade 7 met at Watergate 5 with 2 notepad 4 copies.",
]


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_numbers_next_to_capitalised_words_are_no_address(text):
    assert [text[s.start : s.end] for s in detect_structured(text) if s.type == "ADDRESS"] == []


DOBS = [
    ("Patient intake: born {d}. Allergies: none.", "Mar 4, 1985"),
    ("Geburtsdatum: {d}", "4.03.1985"),
    ("Fecha de nacimiento: {d}", "04/03/85"),
    ("Data di nascita: {d}", "4 March 1985"),
    ("Doğum tarihi: {d}", "1985-03-04"),
    ("Date de naissance : {d}", "4 Mar 1985"),
    ("the client's dob is {d} according to the passport", "four march nineteen eighty-five"),
    ("speaker 2: i was born {d} if that helps", "march fourteen nineteen eighty five"),
    ("Customer verified identity (d.o.b. {d}) first.", "sixteen september nineteen forty-two"),
    ("The patient (b. {d}) joins the board.", "the fourth of july nineteen sixty-six"),
    ("Date of birth, as written on the form we received last Tuesday, is {d}.", "1967-10-10"),
    ("Can you confirm your date of birth? Sure, it's {d}.", "23 Dec 1948"),
    ("born {d}", "april nineteen nineteen seventy-eight"),
]


@pytest.mark.parametrize(("template", "dob"), DOBS)
def test_date_of_birth_formats_and_cues(template, dob):
    text = template.format(d=dob)
    assert _covered(text, dob, "DOB"), [text[s.start : s.end] for s in detect_structured(text)]


NOT_DOBS = [
    "The project was born out of the 2019 hackathon; the kickoff is on 12 March 2024.",
    "Deadline for the birthday campaign assets: 2024-06-30. Launch on July 4, 2024.",
    "Her birthday party is on 14 June 2025 at the office.",
    "Born in Leeds. The contract starts on 1 September 2024.",
]


@pytest.mark.parametrize("text", NOT_DOBS)
def test_other_dates_near_birth_words_stay(text):
    assert [text[s.start : s.end] for s in detect_structured(text) if s.type == "DOB"] == []


def test_held_out_lists_and_templates(scrubber):
    """The part of the tuning module's lists and templates that no rule was shaped on."""
    docs = tuning_addresses.generate_held_out(random.Random("held-out"), 0)
    t = tally(docs, scrubber)
    assert t.total["ADDRESS"] >= 100 and t.total["DOB"] >= 50
    assert t.rate("ADDRESS") <= 0.03 and t.rate("DOB") <= 0.03, t.leaks
    assert t.controls >= 5

"""Third speed round (issue #13): lowercase twins with named groups, ``Folded.search``, and the
twins it added (placeholder look-alikes, handle cues, a few structured scans) find what the
case-insensitive scans find."""

import re

import pytest

from spark_control.redaction import detectors, handles
from spark_control.redaction import scrubber as scrub_mod
from spark_control.redaction.placeholders import SessionMap
from spark_control.redaction.spans import Folded, lowercase_twin

NEW_TWINS = [
    scrub_mod._TOLERANT_F,
    scrub_mod._GLUED_F,
    scrub_mod._TOLERANT_HINT_F,
    handles._HANDLE_CUE_F,
    handles._CUE_HINT_F,
    handles._OBJ_F,
    handles._OBJ_WEAK_F,
    handles._VOC_F,
    handles._SIGNOFF_F,
    detectors._SPOKEN_DIGITS_F,
    detectors._IPV6_F,
    detectors._NINO_F,
    detectors._UK_POSTCODE_F,
]


def test_lowercase_twin_keeps_named_groups() -> None:
    twin = lowercase_twin(re.compile(r"(?P<type>PERSON)[_ ](?P<num>\d+)(?P=num)?", re.IGNORECASE))
    assert twin.pattern == r"(?P<type>person)[_ ](?P<num>\d+)(?P=num)?"
    m = twin.search("hi [person_12]")
    assert (m.group("type"), m.group("num"), m.span()) == ("person", "12", (4, 13))
    with pytest.raises(ValueError):  # lowercasing would rename the group
        lowercase_twin(re.compile(r"(?P<Type>x)", re.IGNORECASE))


def test_folded_search_is_the_pattern_search() -> None:
    f = Folded(re.compile(r"\bping\s+(?P<who>\w+)", re.IGNORECASE))
    for text in ("PING Dana", "ok, Ping dana", "nothing here", "PİNG Dana", "ping Şükrü"):
        a, b = f.search(text, text.lower()), f.pattern.search(text)
        assert (a and a.span()) == (b and b.span()), text


def test_new_twins_find_the_same_spans_on_ascii_text() -> None:
    from corpus import generate

    texts = [d.text for d in generate(300, seed=5) if d.text.isascii()]
    texts += [t.upper() for t in texts] + [t.title() for t in texts]
    texts += ["Person 3 and PERSON_4, glued 32Iban 1", "thanks MAPLE88, ping @x", "NI AB 12 34 56 C, SW1A 1AA"]
    for f in NEW_TWINS:
        for t in texts:
            low = t.lower()
            assert [m.span() for m in f.pattern.finditer(t)] == [m.span() for m in f.finditer(t, low)], (
                f.pattern.pattern[:40]
            )


def test_placeholder_look_alikes_in_any_case_are_reserved(scrubber: scrub_mod.Scrubber) -> None:
    smap = SessionMap()
    scrubber.scrub("Ask Person 1 or EMAIL_2 about it; the code was 32Iban 1.", smap)
    assert {"[PERSON_1]", "[EMAIL_2]", "[IBAN_1]"} <= smap.reserved


def test_digit_scans_opening_with_their_digit_match_as_before() -> None:
    from corpus import generate

    before = {
        detectors._IPV4: r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)",
        detectors._CARD: r"(?<![\w-])\d(?:[ \-.]?\d){12,18}(?![\w-]|[ \-.]\d)",
        detectors._SSN: r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])",
        detectors._SORT: r"(?<![\w-])\d{2}([- ])\d{2}\1\d{2}(?![\w-])",
        detectors._STREET_LOOSE: r"(?<![\w/.:-])\d{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z'\-]+[ \t]?){1,3}(?=[,\n])",
    }
    texts = [d.text for d in generate(300, seed=5)]
    texts += ["1.2.3.4.5 and 10.0.0.1, v1.2.3.4", "x4111 1111 1111 1111", "-123-45-6789 123 45 6789", "12-34-56"]
    for now, old in before.items():
        old = re.compile(old)
        for t in texts:
            assert [m.span() for m in now.finditer(t)] == [m.span() for m in old.finditer(t)], (now.pattern, t)


def test_letter_scans_opening_with_their_letter_match_as_before() -> None:
    from corpus import generate

    from spark_control.redaction import names

    before = {
        handles._CAND: r"(?<![\w@/.\-+#:])[A-Za-z][A-Za-z0-9_.\-]{1,40}[A-Za-z0-9](?![\w@]|[._\-][A-Za-z0-9])",
        names.SPELLED: r"(?<![\w'])(?:[a-zA-Z](?:[ \-]|, ))(?:[a-zA-Z](?:[ \-]|, )){2,}[a-zA-Z](?![\w'])",
    }
    texts = [d.text for d in generate(300, seed=5)]
    texts += [t.lower() for t in texts] + ["S-M-I-T-H, o c o n n e l l, x-a-b-c", "@jo.doe #tag a.b_c-d /x.y"]
    for now, old in before.items():
        old = re.compile(old)
        for t in texts:
            assert [m.span() for m in now.finditer(t)] == [m.span() for m in old.finditer(t)], (now.pattern, t)

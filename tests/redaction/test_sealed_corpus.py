"""The sealed corpus (tests/redaction/sealed/) is deterministic, well-formed (every gold span is
exactly the text it labels) and has the composition the evaluation needs. This test looks at the
corpus's shape only; it never scores the scrubber on it (that is benchmarks/redaction.py)."""

import collections
import re

import pytest

from tests.redaction.sealed.generator import FINGERPRINT, SEED, STYLES, TYPES, fingerprint, generate, to_json


@pytest.fixture(scope="module")
def docs():
    return generate()


def test_deterministic_and_pinned(docs):
    assert to_json(generate()) == to_json(docs)
    # the committed fingerprint: any change to the generator or its sources changes the sealed corpus
    assert fingerprint(docs) == FINGERPRINT
    assert fingerprint(generate(SEED + 1)) != FINGERPRINT


def test_spans_match_the_text(docs):
    for d in docs:
        if d.control:
            assert d.spans == [], d.id
            continue
        assert d.spans, d.id
        end = 0
        for s in d.spans:
            assert s.type in TYPES, (d.id, s)
            assert 0 <= s.start < s.end <= len(d.text), (d.id, s)
            assert d.text[s.start : s.end] == s.value, (d.id, s)
            assert s.value == s.value.strip() and s.value, (d.id, s)
            assert s.start >= end, ("overlapping spans", d.id, s)  # spans are in order and disjoint
            end = s.end


def test_composition(docs):
    assert len(docs) >= 425
    per_style = collections.Counter((d.style, d.control) for d in docs)
    for style in STYLES:
        assert per_style[(style, False)] >= 50, style
        assert per_style[(style, True)] >= 8, style
    assert {d.control_kind for d in docs if d.control} == {
        "product_names",
        "non_birth_dates",
        "phone_like_numbers",
        "name_words",
    }
    spans = [s for d in docs for s in d.spans]
    by_type = collections.Counter(s.type for s in spans)
    for t in TYPES:
        assert by_type[t] >= 50, t
    kinds = collections.Counter(f"{s.type}/{s.kind}" for s in spans)

    def count(pattern: str) -> int:
        return sum(n for k, n in kinds.items() if re.fullmatch(pattern, k))

    for group in ("turkish", "mayan", "yoruba", "polish", "vietnamese", "particle", "wordlike"):
        assert count(f"PERSON/{group}:.*") >= 100, group
        assert count(f"PERSON/{group}:first") >= 20, group  # first names alone
    assert count("PERSON/spelled") >= 20
    assert count("USERNAME/bare") >= 200
    written = {k.split(":")[1] for k in kinds if k.startswith("DOB/written:")}
    spoken = {k.split(":")[1] for k in kinds if k.startswith("DOB/spoken:")}
    assert len(written) >= 12 and len(spoken) >= 5, (written, spoken)
    for kind in ("word_word_suffix", "coined_suffix", "coined"):
        assert count(f"COMPANY/{kind}") >= 50, kind
    for kind in ("at_dot", "bracket", "paren", "caps", "spaced"):
        assert count(f"EMAIL/obfuscated:{kind}") >= 10, kind
    assert count("EMAIL/spoken") >= 10 and count("EMAIL/plain") >= 50
    assert count("PHONE/intl:uk_0") >= 10  # +44 (0)20 ...
    assert count("PHONE/intl:ext") >= 10
    assert count("PHONE/spoken:.*") + count("PHONE/split:spoken") >= 30
    assert count("CARD/spoken") >= 10 and count("SSN/spoken") >= 10
    assert len({k for k in kinds if k.startswith("IBAN/")}) >= 10
    assert len({k.split("/")[1].split(":")[0] for k in kinds if k.startswith("ADDRESS/")}) >= 8
    # PII split across speaker turns: one phone number said over two consecutive lines
    split_docs = 0
    for d in docs:
        parts = [s for s in d.spans if s.kind.startswith("split")]
        if len(parts) == 2 and d.text.count("\n", parts[0].end, parts[1].start) >= 1:
            split_docs += 1
    assert split_docs >= 40
    # lowercase transcripts are lowercase, cased ones are not
    for d in docs:
        if d.style == "transcript_lower":
            assert d.text == d.text.lower(), d.id


@pytest.mark.parametrize(
    ("type_", "kind", "value", "out", "leaks"),
    [
        ("PERSON", "particle:full", "Pieter van der Merwe", "Hi [PERSON_1], welcome", False),
        ("PERSON", "particle:full", "Pieter van der Merwe", "Hi [PERSON_1] van der [PERSON_2], welcome", False),
        ("PERSON", "particle:full", "Pieter van der Merwe", "Hi [PERSON_1] van der Merwe, welcome", True),
        ("PERSON", "mayan:last", "Ek", "Hi Ek, welcome", True),  # no 3+ letter token: leaks if whole
        ("COMPANY", "word_word_suffix", "Kestrel Harbor Foods", "Hi [COMPANY_1] Foods, welcome", False),
        ("COMPANY", "word_word_suffix", "Kestrel Harbor Foods", "Hi [COMPANY_1] Harbor Foods, welcome", True),
        ("PHONE", "intl:pl", "+48 601 234 567", "Hi [PHONE_1], welcome", False),
        ("PHONE", "intl:pl", "+48 601 234 567", "Hi [PHONE_1] 567, welcome", False),  # 3 of 11 digits
        ("PHONE", "intl:pl", "+48 601 234 567", "Hi +48 [PHONE_1], welcome", False),
        ("PHONE", "intl:pl", "+48 601 234 567", "Hi +48 601 [PHONE_1], welcome", False),  # 5 of 11 digits
        ("PHONE", "intl:pl", "+48 601 234 567", "Hi +48 601 234 [PHONE_1], welcome", True),  # 8 of 11
        ("PHONE", "intl:pl", "+48 601 234 567", "Hi +48 601 234 567, welcome", True),
    ],
)
def test_benchmark_leak_judge(type_, kind, value, out, leaks):
    """benchmarks/redaction.py judges each gold span at its place in the scrubbed output."""
    from benchmarks.redaction import OUR_PLACEHOLDER, kept_mask, span_leaked

    text = f"Hi {value}, welcome"
    keep = kept_mask(text, out, OUR_PLACEHOLDER)
    assert span_leaked(type_, kind, 3, value, keep) is leaks


def test_benchmark_leak_judge_is_positional():
    """A value that survives elsewhere does not make a redacted mention leak, and vice versa."""
    from benchmarks.redaction import OUR_PLACEHOLDER, kept_mask, span_leaked

    text = "Rose wrote: the rose garden opens Monday"
    keep = kept_mask(text, "[PERSON_1] wrote: the rose garden opens Monday", OUR_PLACEHOLDER)
    assert span_leaked("PERSON", "wordlike:first", 0, "Rose", keep) is False
    keep = kept_mask(text, "Rose wrote: the [PERSON_1] garden opens Monday", OUR_PLACEHOLDER)
    assert span_leaked("PERSON", "wordlike:first", 0, "Rose", keep) is True

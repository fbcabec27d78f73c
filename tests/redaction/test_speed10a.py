"""Tenth speed round (issue #13, branch r-speed10a): scans tried only at their cues find what the
whole-text scans find. Each rests on a claim about where a match can begin (at a digit run, a few
characters before one, in the run before an "@" or "/", at a cue word); these tests compare the
cued scans with the patterns' own ``finditer`` over the tuning corpus (as written, lower-, upper-
and title-cased) and over random strings built from the pieces the claims are about."""

import random
import re

from spark_control.redaction import addresses, detectors, spans
from spark_control.redaction import scrubber as scrub_mod
from spark_control.redaction.spans import Folded, Triggered

_PIECES = [
    "@", ".", " ", "%", "+", "-", "/", "://", "http", "https", "ftp", "www.", "com", "co.uk", "x", "Ab", "9", "12",
    "_", "teen", "fif", "one", "seven", "nine", "niner", "\n", ",", "(", ")", "#", "flat", "apt", "unit", "Apt",
    "ste", "St", "Street", "Road", "Rd", "SW1A 1AA", "+44", "00", "ſ", "İ", "é", "ıa", "Box", "NY", "10001",
    ", or 97401", "VIC. 3000", "c.p.", "cp ", "plz", "Nr.", "straße", "weg", "\t", "AB 12 34 56 C", "GB82", "J6B3N1",
    "D6W", "A65 F4E2", "Kendal", "LA9 4QS", "The ", "Green", "mews", " in ",
]  # fmt: skip


def _texts() -> list[str]:
    from corpus import generate

    texts = [d.text for d in generate(200, seed=5)]
    texts += [t.lower() for t in texts[::3]] + [t.upper() for t in texts[::3]] + [t.title() for t in texts[::3]]
    rnd = random.Random(10)
    texts += ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 14))) for _ in range(4000)]
    return texts


def _spans(found) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def test_cued_scans_find_what_the_whole_text_scans_find() -> None:
    for text in _texts():
        low = text.lower()
        spans.forget_scans()
        for cued, pattern in (
            (detectors._NINO_F, detectors._NINO),
            (detectors._IBAN_F, detectors._IBAN),
            (detectors._UK_POSTCODE_F, detectors._UK_POSTCODE),
            (detectors._CA_POSTCODE_C, detectors._CA_POSTCODE),
            (detectors._EIRCODE_C, detectors._EIRCODE),
        ):
            whole = Folded(pattern).finditer(text, low) if pattern.flags & re.IGNORECASE else pattern.finditer(text)
            assert _spans(cued.finditer(text, low)) == _spans(whole), (pattern.pattern[:40], text)
        assert _spans(detectors._email_matches(text)) == _spans(detectors._EMAIL.finditer(text)), text
        assert _spans(detectors._url_matches(text, low)) == _spans(Folded(detectors._URL).finditer(text, low)), text
        assert _spans(addresses.street_matches(text, low)) == _spans(addresses.ENGLISH_STREET.finditer(text)), text
        phones = {d - k for d in addresses.digit_run_starts(text) for k in (0, 1)}
        assert _spans(spans.matches_at(detectors._PHONE_LIKE, text, phones)) == _spans(
            detectors._PHONE_LIKE.finditer(text)
        ), text
        cued = addresses._cued_anchor_hits(text, low)
        if cued is not None:
            postcode, english = addresses._ANCHORS[3][0], addresses._ANCHORS[4][0]
            whole = [m.start() for m in postcode.finditer(text, low)] + [m.start() for m in english.finditer(text)]
            assert sorted(cued) == sorted(whole), text
        glued = [
            m.start()
            for m in addresses._A_WORD_NUM.finditer(text)
            if m.group(1).lower().endswith(addresses._GLUED_ENDINGS)
        ]
        assert addresses._glued_hits(text, low) == glued, text
        assert detectors._digit_words(low) == (detectors._DIGITWORD_HINT.search(low) is not None), text


def test_state_zip_by_first_letter_is_the_alternation() -> None:
    old = re.compile(r"(?<![\w])(?:" + detectors._US_STATES + r")\.?,?\s+(\d{5}(?:-\d{4})?|\d{4})(?![\w-])")
    for text in _texts() + ["xNSW 2000", "NSW 2000", "(WA) 6000", "CA, 90210-1234", "ACT 2600"]:
        assert _spans(detectors._STATE_ZIP.finditer(text)) == _spans(old.finditer(text)), text


def test_triggered_cue_scans_are_the_folded_scans() -> None:
    for text in _texts()[::4]:
        low = text.lower()
        for t in (
            detectors._BIRTH_CTX_F,
            detectors._USERNAME_CTX_F,
            detectors._SPOKEN_STREET_F,
            detectors._SSN_CTX_F,
            detectors._ROUTING_CTX_F,
            detectors._ACCOUNT_CTX_F,
            detectors._ZIP_CTX_F,
            detectors._MILITARY_F,
        ):
            assert isinstance(t, Triggered)
            assert _spans(t.finditer(text, low)) == _spans(Folded(t.pattern).finditer(text, low)), text


# the reference: reading every word of the text (the path non-ASCII text takes)
_find_tokens_by_words = scrub_mod.find_tokens_by_words


def test_find_tokens_on_ascii_text_is_reading_every_word() -> None:
    rnd = random.Random(2)
    for _ in range(30_000):
        text = "".join(rnd.choice("abcAB-' -'\n1_.") for _ in range(rnd.randint(0, 20)))
        tokens = {"".join(rnd.choice("abc-'") for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 3))}
        if text:
            a = rnd.randrange(len(text))
            tokens.add(text[a : rnd.randint(a, len(text))].lower())
        tokens.discard("")
        assert scrub_mod.find_tokens(text, tokens) == _find_tokens_by_words(text, tokens), (text, tokens)
    text = "Mary O'Connell-Hughes met mary-jane and O'CONNELL; hughes2 x-mary"
    tokens = {"mary", "o'connell", "hughes", "connell", "jane"}
    assert scrub_mod.find_tokens(text, tokens) == _find_tokens_by_words(text, tokens)

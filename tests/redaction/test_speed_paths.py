"""Speed paths compute exactly what the slower paths compute (issue #13, speed): the NER
voter's fused encoder, the lowercase twins of case-insensitive scans."""

import numpy as np
import pytest

from spark_control.redaction import ner

TEXTS = [
    "Priya Sharma joined Welch Robotics Group in May.",
    "Hi Joana, call me back. Thanks, Mehmet Yılmaz",
    "A",  # one token: the padding rows are all the window layers see around it
    "spoke with Tran Van Duc and Ixchel Canul about the Fenroka rollout at Norvale Foods on Tuesday",
]


@pytest.fixture(scope="module")
def models():
    fast = ner.NerModel()
    if not fast.available:
        pytest.skip("NER model not installed")
    fuse = ner._fuse_tok2vec
    ner._fuse_tok2vec = lambda *a: None  # a second copy with thinc's own layers
    try:
        plain = ner.NerModel()
        assert plain.available
    finally:
        ner._fuse_tok2vec = fuse
    return fast._nlp, plain._nlp


def test_fused_tok2vec_is_installed_and_bitwise_equal(models) -> None:
    fast, plain = models
    t2v_fast = fast.get_pipe("ner").model.get_ref("tok2vec")
    t2v_plain = plain.get_pipe("ner").model.get_ref("tok2vec")
    assert t2v_fast._func is not t2v_plain._func
    for text in TEXTS:
        doc = fast.tokenizer(text)
        a, _ = t2v_fast([doc], is_train=False)
        b, _ = t2v_plain([doc], is_train=False)
        assert a.dtype == b.dtype and np.array_equal(a, b), text
    # several docs at once go through thinc's own layers
    docs = [fast.tokenizer(t) for t in TEXTS]
    a, _ = t2v_fast(docs, is_train=False)
    b, _ = t2v_plain(docs, is_train=False)
    assert np.array_equal(a, b)


def test_fused_tok2vec_same_entities(models) -> None:
    fast, plain = models
    for text in TEXTS:
        assert [(e.start_char, e.end_char, e.label_) for e in fast(text).ents] == [
            (e.start_char, e.end_char, e.label_) for e in plain(text).ents
        ]


def test_fused_tok2vec_refuses_other_layers() -> None:
    from thinc.api import Linear, NumpyOps, chain, list2array

    with pytest.raises(ValueError):
        ner._fuse_tok2vec(chain(list2array(), Linear(4, 4)), NumpyOps())


def test_lowercase_twins_find_the_same_spans_on_ascii_text() -> None:
    """Each IGNORECASE scan that has a lowercase twin finds the same spans on ASCII text,
    whatever its case (tuning corpus, upper-cased and title-cased too)."""
    from corpus import generate

    from spark_control.redaction import addresses, detectors, names
    from spark_control.redaction.spans import Folded

    folded = [
        detectors._BIRTH_HINT_F,
        detectors._BIRTH_CTX_F,
        detectors._USERNAME_CTX_F,
        detectors._SPOKEN_STREET_F,
        detectors._URL_F,
        names._SPEAKER_LABEL_F,
        detectors._IBAN_F,
        detectors._SSN_CTX_F,
        detectors._ROUTING_CTX_F,
        detectors._ACCOUNT_CTX_F,
        detectors._ZIP_CTX_F,
        detectors._MILITARY_F,
    ] + [a for a, _gate in addresses._ANCHORS if isinstance(a, Folded)]
    pairs = [(f.pattern, f.twin) for f in folded]
    texts = [d.text for d in generate(300, seed=3) if d.text.isascii()]
    texts += (
        [t.upper() for t in texts]
        + [t.title() for t in texts]
        + [
            "SPEAKER 1: Born on 3 May 1990, www.X.io/a",
            "SSN: 123456789, Routing 021000021, Acct No. 12345678, zip code SW1A 1AA, IBAN GB82 WEST 1234 5698 7654 32",
            "PSC 1234, Box 5678\nAPO AE 09876, USS Nimitz FPO AP 96601",
        ]
    )
    for p, low in pairs:
        for t in texts:
            assert [m.span() for m in p.finditer(t)] == [m.span() for m in low.finditer(t.lower())], p.pattern[:40]


def test_lowercase_twin_refuses_case_sensitive_parts() -> None:
    import re

    from spark_control.redaction.spans import lowercase_twin

    for p in (r"\S+@x", r"(?-i:N)\d", r"\bfoo\b"):
        flags = re.IGNORECASE if p != r"\bfoo\b" else 0
        with pytest.raises(ValueError):
            lowercase_twin(re.compile(p, flags))
    assert lowercase_twin(re.compile(r"\bSpeaker \d", re.IGNORECASE)).pattern == r"\bspeaker \d"


def test_capitals_outside_speaker_labels_as_by_cutting_the_labels_out() -> None:
    from corpus import generate

    from spark_control.redaction import names

    lines = [line for d in generate(300, seed=5) for line in d.text.split("\n")]
    lines += [x.upper() for x in lines] + [x.title() for x in lines]
    lines += ["Speaker 1: hi", "SPEAKER_00: ok then", "s1: fine", "Agent: Bob", "speaker 2 said Hi", "İpek: ok"]
    for line in lines:
        cut = names.SPEAKER_LABEL.sub("", line) if names._maybe_label(line) else line
        assert names._upper_outside_labels(line) == any(c.isupper() for c in cut), line


def test_folded_scans_non_ascii_text_with_the_case_folding_pattern() -> None:
    """Off ASCII, lowercasing may change a text's length ("İ" -> "i̇"): the spans come from the
    pattern over the text as written, so they point into it."""
    from spark_control.redaction import detectors, names

    text = "İstanbul office. Speaker 1: born on 3 May 1990, see www.example.io/a, SSN 123456789"
    low = text.lower()
    assert len(low) != len(text)
    for f in (detectors._SSN_CTX_F, detectors._BIRTH_CTX_F, detectors._URL_F, names._SPEAKER_LABEL_F):
        spans = [m.span() for m in f.finditer(text, low)]
        assert spans and spans == [m.span() for m in f.pattern.finditer(text)]

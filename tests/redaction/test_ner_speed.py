"""The NER voter's speed paths compute exactly what spaCy/thinc compute (issue #13, speed)."""

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

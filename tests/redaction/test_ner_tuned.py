"""Our fine-tuned NER component (scripts/train_ner.py, spark_control/redaction/data/ner_tuned/):
it is pinned, a changed file is refused, it loads over the base pipeline with a USERNAME label,
and as the voter it catches coined companies and bare handles the base model misses, without
touching ordinary text. Sentences here are written for this test, not drawn from any corpus."""

import shutil

import pytest

from spark_control.redaction.ner import TUNED_DIR, TUNED_SHA256, NerModel, verify
from spark_control.redaction.placeholders import SessionMap

from .helpers import scrub_checked

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def tuned():
    from spark_control.redaction.scrubber import Scrubber

    return Scrubber()


@pytest.fixture(scope="module")
def base():
    from spark_control.redaction.scrubber import Scrubber

    return Scrubber(ner=NerModel(tuned=None))


def test_committed_files_match_their_pins():
    assert set(TUNED_SHA256) == {"cfg", "moves", "model"}
    verify(TUNED_DIR, TUNED_SHA256)


def test_a_changed_tuned_file_is_refused(tmp_path):
    bad = tmp_path / "ner_tuned"
    shutil.copytree(TUNED_DIR, bad)
    (bad / "model").write_bytes((bad / "model").read_bytes()[:-1] + b"\x00")
    assert NerModel(tuned=bad).available is False  # rules only, never a model we did not train


def test_the_default_voter_is_the_tuned_model(tuned):
    assert tuned.ner.model.tuned
    assert "USERNAME" in tuned.ner.model._load().get_pipe("ner").labels


def test_a_coined_company_the_base_model_misses(tuned, base):
    # ("We signed the renewal with Brontavel" was here: companies._coined_by_role now takes it)
    text = "Talks went well with Brontavel last week, legal is happy."
    assert base.scrub(text, SessionMap()).text == text
    assert scrub_checked(tuned, text) == "Talks went well with [COMPANY_1] last week, legal is happy."


def test_a_company_stops_before_a_lowercase_word_in_cased_text(tuned):
    out = scrub_checked(tuned, "The pilot at Marvosa went well; their CFO wants a second phase.")
    assert out == "The pilot at [COMPANY_1] went well; their CFO wants a second phase."


@pytest.mark.parametrize(
    "text",
    [
        "Config lives in settings.yaml and the build is v2.4.1.",
        "Please restart worker_pool after the deploy.",
        "Tomorrow: sunny in Madrid and Lisbon, showers over Dublin.",
        "The Amazon rainforest spans nine countries; the Nile is the longest river in Africa.",
    ],
)
def test_ordinary_text_is_left_alone(tuned, text):
    assert tuned.scrub(text, SessionMap()).text == text

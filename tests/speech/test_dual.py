"""The bleed rule on its own: real espeak-ng speech, words found by the simulator's word detector."""

from __future__ import annotations

from spark_control.sim import speech_engine as se
from spark_control.speech import dual

from .conftest import needs_espeak
from .test_gateway import dual_channel_call

pytestmark = needs_espeak


def _coverage(words, turn):
    a, e = turn
    return sum(min(e, w.end) - max(a, w.start) for w in words if w.end > a and w.start < e) / (e - a)


def _local_words(excess_db: float):
    stereo, local_turns, remote_turns = dual_channel_call()
    left, right = stereo[:, 0], stereo[:, 1]
    words = [dual.ChannelWord("w", s.start, s.end, 0) for s in se.word_spans(left)]
    dual.mark_bleed(words, [left, right], 16000, excess_db=excess_db)
    return [w for w in words if not w.bleed], [w for w in words if w.bleed], local_turns, remote_turns


def test_double_talk_is_kept_where_the_louder_elsewhere_rule_drops_it():
    kept, removed, local_turns, remote_turns = _local_words(excess_db=5.0)
    double_talk = local_turns[3]
    assert _coverage(kept, double_talk) > 0.8
    # bleed in the pauses of the local speaker is all removed
    solo_remote = remote_turns[:3]
    assert all(_coverage([w], t) == 0 for w in kept for t in solo_remote)
    assert removed
    # the rule without the energy clause ("louder on the other channel" only) loses the double talk
    kept_old, _, _, _ = _local_words(excess_db=1e9)
    assert _coverage(kept_old, double_talk) < 0.5  # only the part after the remote party stops
    assert _coverage(kept_old, local_turns[1]) > 0.8  # quiet local speech in a pause survives either way


def test_coupling_is_measured_from_the_recording():
    stereo, _, _ = dual_channel_call()
    c = dual.coupling_db(stereo[:, 0], stereo[:, 1], 16000)
    assert -26 < c < -16  # the fixture leaks the remote party at -20 dB

"""Dual-channel recordings: the local mic on one channel, the remote party on the other.

Loud remote audio bleeds into the local mic, so the local channel's transcript contains the
remote party's words too. The rule: **a word heard louder on the other channel at the same time
is bleed** (the other channel is louder by more than ``margin_db``), *unless* the word's own
channel holds clearly more energy than the bleed explains. That second clause keeps a quiet
local word spoken over the remote party (double talk), the case the old gateway dropped.

How much of the other channel leaks in (``coupling_db``, e.g. -20 dB) is measured from the
recording itself: the 25th percentile of the level difference over frames where the other
channel is loud (pure-bleed frames sit at the bottom; double talk only raises the difference).
"""

from __future__ import annotations

from dataclasses import dataclass

from spark_control.lazy import lazy_module
from spark_control.speech.audio import frame_db, window_db

np = lazy_module("numpy")


@dataclass
class ChannelWord:
    word: str
    start: float
    end: float
    channel: int
    own_db: float = 0.0
    other_db: float = 0.0
    bleed: bool = False


def coupling_db(own: np.ndarray, other: np.ndarray, rate: int) -> float:
    """How loud the other channel appears in ``own`` (dB, usually negative)."""
    # 100 ms windows: long enough that the bleed's acoustic delay (tens of ms) does not skew the ratio
    a, b = frame_db(own, rate, hop_s=0.05, win_s=0.1), frame_db(other, rate, hop_s=0.05, win_s=0.1)
    n = min(a.size, b.size)
    a, b = a[:n], b[:n]
    if n == 0:
        return -60.0
    loud = b > (np.percentile(b, 99) - 20.0)
    loud &= b > -60.0
    if not loud.any():
        return -60.0
    # a low percentile, not the median: frames of double talk raise the difference, pure bleed is the floor
    return float(np.percentile(a[loud] - b[loud], 25))


def mark_bleed(
    words: list[ChannelWord],
    channels: list[np.ndarray],
    rate: int,
    *,
    margin_db: float = 6.0,
    excess_db: float = 5.0,
) -> list[ChannelWord]:
    """Sets ``bleed`` on each word (two channels). Returns the same list."""
    assert len(channels) == 2
    coupling = {0: coupling_db(channels[0], channels[1], rate), 1: coupling_db(channels[1], channels[0], rate)}
    for w in words:
        own, other = channels[w.channel], channels[1 - w.channel]
        w.own_db = round(window_db(own, rate, w.start, w.end), 1)
        w.other_db = round(window_db(other, rate, w.start, w.end), 1)
        louder_elsewhere = w.other_db - w.own_db > margin_db
        explained = w.own_db <= w.other_db + coupling[w.channel] + excess_db
        w.bleed = louder_elsewhere and explained
    return words

"""Small helpers the redaction tests share."""

from spark_control.redaction.placeholders import SessionMap, rehydrate
from spark_control.redaction.scrubber import Scrubber


def scrub_checked(sc: Scrubber, text: str) -> str:
    """``text`` scrubbed in a new session; its round trip must give ``text`` back."""
    m = SessionMap()
    out = sc.scrub(text, m).text
    assert rehydrate(out, m).text == text
    return out

"""Speech page in the built app (demo mode): upload real speech, see speakers; synthesize and play."""

import pytest
from playwright.sync_api import expect

from tests.speech.speechgen import HAVE_ESPEAK, SENTENCES, VOICES, conversation, wav

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not HAVE_ESPEAK, reason="needs espeak-ng and ffmpeg")]


def test_upload_shows_a_diarized_transcript(page, tmp_path):
    x, _ = conversation([(VOICES[0], SENTENCES[0]), (VOICES[3], SENTENCES[1]), (VOICES[0], SENTENCES[2])])
    path = tmp_path / "meeting.wav"
    path.write_bytes(wav(x))
    page.goto("/speech")
    page.locator("#speech-upload input[type=file]").set_input_files(str(path))
    page.locator("#speech-transcribe").click()
    rows = page.locator("#speech-transcript tbody tr")
    expect(rows).to_have_count(3, timeout=60_000)
    expect(rows.nth(0)).to_contain_text("speaker_0")
    expect(rows.nth(1)).to_contain_text("speaker_1")
    expect(rows.nth(2)).to_contain_text("speaker_0")


def test_tts_plays_audio(page):
    page.goto("/speech")
    expect(page.locator("#demo-badge")).to_be_visible()  # filled by on_load: the websocket is connected
    expect(page.locator("#tts-speak")).to_be_enabled()
    page.locator("#tts-speak").click()
    audio_or_error = page.locator("#tts-audio[src^='data:audio/'], #tts-error")
    expect(audio_or_error.first).to_be_visible(timeout=60_000)  # the shared CI box can be slow
    assert page.locator("#tts-error").count() == 0, page.locator("#tts-error").inner_text()
    expect(page.locator("#tts-audio")).to_have_attribute("src", __import__("re").compile(r"^data:audio/"))


def test_record_from_the_microphone_and_transcribe(page, fake_mic_wav):
    if fake_mic_wav is None:
        pytest.skip("espeak-ng is not installed (it feeds Chromium's fake microphone)")
    page.goto("/speech")
    page.locator("#speech-record").click()
    expect(page.locator("#speech-recording")).to_be_visible()
    page.wait_for_timeout(4000)  # four seconds of the fake microphone's speech
    page.locator("#speech-record-stop").click()
    expect(page.locator("#speech-recording")).to_have_count(0)
    rows = page.locator("#speech-transcript tbody tr")
    expect(rows.first).to_be_visible(timeout=60_000)
    assert page.locator("#speech-error").count() == 0

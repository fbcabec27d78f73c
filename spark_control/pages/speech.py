"""Speech: upload a recording and read the diarized transcript (speakers, timestamps), or a
dual-channel call with bleed removed; type text and hear it from Kokoro."""

from __future__ import annotations

import reflex as rx

from spark_control.state.speech import SpeechState, UtteranceView

ROUTE = "/speech"
TITLE = "Speech"
ICON = "audio-lines"
UPLOAD_ID = "speech-upload"


def _utterance_row(u: UtteranceView) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(u.start, " – ", u.end, size="1", color_scheme="gray", white_space="nowrap")),
        rx.table.cell(rx.cond(u.speaker != "", rx.badge(u.speaker, color_scheme=u.color, variant="soft"), rx.text(""))),
        rx.table.cell(rx.text(u.text, size="2")),
    )


def transcribe_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Transcribe a recording", size="4"),
            rx.text(
                "Any common format. Requests to Spark 2's GPU are queued one at a time with the apps' requests.",
                size="2",
                color_scheme="gray",
            ),  # fmt: skip
            rx.hstack(
                rx.select(
                    ["diarize", "transcribe", "dual"],
                    value=SpeechState.mode,
                    on_change=SpeechState.set_mode,
                    id="speech-mode",
                ),  # fmt: skip
                rx.text(
                    rx.match(
                        SpeechState.mode,
                        ("diarize", "who spoke when, more than 4 speakers supported"),
                        ("dual", "stereo call: local mic on the left, remote party on the right"),
                        "words and timestamps",
                    ),
                    size="1",
                    color_scheme="gray",
                ),  # fmt: skip
                align="center",
            ),
            rx.upload(
                rx.vstack(
                    rx.icon("upload", size=20),
                    rx.text("Drop an audio file here or click to choose", size="2"),
                    rx.foreach(rx.selected_files(UPLOAD_ID), lambda f: rx.text(f, size="1", weight="medium")),
                    align="center",
                ),
                id=UPLOAD_ID,
                max_files=1,
                accept={"audio/*": [], "video/*": []},
                border="1px dashed var(--gray-a7)",
                padding="1.2em",
                width="100%",
            ),
            rx.hstack(
                rx.button(
                    rx.cond(SpeechState.busy, rx.spinner(size="1"), rx.icon("play", size=14)),
                    "Transcribe",
                    on_click=SpeechState.handle_upload(rx.upload_files(upload_id=UPLOAD_ID)),
                    disabled=SpeechState.busy | SpeechState.recording,
                    id="speech-transcribe",
                ),
                rx.text("or", size="2", color_scheme="gray"),
                rx.cond(
                    SpeechState.recording,
                    rx.button(
                        rx.icon("square", size=14),
                        "Stop and transcribe",
                        on_click=SpeechState.stop_recording,
                        color_scheme="red",
                        id="speech-record-stop",
                    ),
                    rx.button(
                        rx.icon("mic", size=14),
                        "Record",
                        on_click=SpeechState.start_recording,
                        disabled=SpeechState.busy,
                        variant="soft",
                        id="speech-record",
                    ),
                ),
                rx.cond(SpeechState.recording, rx.badge("recording…", color_scheme="red", id="speech-recording")),
                align="center",
                spacing="3",
            ),
            rx.cond(
                SpeechState.error != "",
                rx.callout(SpeechState.error, icon="triangle-alert", color_scheme="red", size="1", id="speech-error"),
            ),
            rx.cond(
                SpeechState.utterances.length() > 0,
                rx.vstack(
                    rx.hstack(
                        rx.badge(SpeechState.filename, variant="outline"),
                        rx.text("Duration ", SpeechState.duration, size="1"),
                        rx.text(SpeechState.speakers, " speakers", size="1"),
                        rx.text("Queue wait ", SpeechState.queue_wait_ms, " ms", size="1", color_scheme="gray"),
                        spacing="3",
                        align="center",
                    ),
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell("Time"),
                                rx.table.column_header_cell("Speaker"),
                                rx.table.column_header_cell("Text"),
                            )
                        ),
                        rx.table.body(rx.foreach(SpeechState.utterances, _utterance_row)),
                        size="1",
                        width="100%",
                        id="speech-transcript",
                    ),
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def tts_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Text to speech", size="4"),
            rx.text_area(
                value=SpeechState.tts_text, on_change=SpeechState.set_tts_text, rows="3", width="100%", id="tts-text"
            ),
            rx.hstack(
                rx.select(
                    SpeechState.tts_voices,
                    value=SpeechState.tts_voice,
                    on_change=SpeechState.set_tts_voice,
                    id="tts-voice",
                ),  # fmt: skip
                rx.select(
                    ["mp3", "wav", "opus", "flac", "aac"],
                    value=SpeechState.tts_format,
                    on_change=SpeechState.set_tts_format,
                    id="tts-format",
                ),  # fmt: skip
                rx.button(
                    rx.cond(SpeechState.tts_busy, rx.spinner(size="1"), rx.icon("volume-2", size=14)),
                    "Speak",
                    on_click=SpeechState.speak,
                    disabled=SpeechState.tts_busy,
                    id="tts-speak",
                ),
                align="center",
            ),
            rx.cond(
                SpeechState.tts_error != "",
                rx.callout(SpeechState.tts_error, icon="triangle-alert", color_scheme="red", size="1", id="tts-error"),
            ),
            rx.cond(
                SpeechState.tts_audio != "",
                rx.el.audio(src=SpeechState.tts_audio, controls=True, auto_play=True, id="tts-audio"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def content() -> rx.Component:
    return rx.vstack(transcribe_card(), tts_card(), spacing="4", width="100%", on_mount=SpeechState.load_voices)


def page() -> rx.Component:
    from spark_control.components.layout import layout

    return layout(TITLE, content())

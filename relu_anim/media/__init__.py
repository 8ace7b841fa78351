"""File formats: what the finished files are and how they are encoded.

One object per format (:class:`Format`) in one registry (:data:`FORMATS`): its file
suffix, what it is (a video or one picture), what it carries (sound, captions), whether
the stages join into one lesson video in it, its encoder settings and the function that
makes it from the MP4 Manim writes. Everything that depends on a format (the CLI's
``--format`` choice, a stage's file names, the renderer, the batch planner's inputs
hash, ``clean``, the manifest) asks its object, so adding a format is one entry here
(and, if it is encoded in a new way, its function in :mod:`.video`).

Plain data here (no PyAV, no Manim), so that the batch planner can hash the encoder
settings into each output's inputs; the work is in :mod:`.video` (PyAV) and
:mod:`.captions` (SRT, WebVTT).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from pkgutil import resolve_name

#: How Manim encodes every stage (H.264, 4:2:0 so that every browser plays it). The
#: other formats are made from this MP4. x264's veryfast preset, tuned for animation,
#: at crf 20: 1.5 to 2.4 times as fast as Manim's own setting (crf 23, preset medium),
#: for a picture at least as close to the drawn frames (PSNR, SSIM) and files 4-5%
#: larger on first-dot and wedge at 1080p60 (benchmarks/encoder.py measures it; the
#: table is in NOTES.md, "Speed"). x264 uses its default threads.
#:
#: ``mbtree`` is off: x264's macroblock-tree rate control reads memory it never wrote
#: when a stream ends (each animation is its own short stream, a segment, so every
#: segment ends that way). Its quantisers then depend on what the heap held before,
#: which varies with the order in which the two segments in flight allocate: one
#: segment in three differed by 1 level along the picture's last chroma row (then in
#: every frame of that segment). With ``mbtree=0`` the same frames give the same bytes
#: whatever the heap holds (NOTES.md, "Reproducible renders"; tests/test_lesson_renders.py).
#:
#: ``bf`` is 0 (no B-frames): a held picture is one frame shown for several ticks
#: (relu_anim.segments), and x264's B-frame delay, counted in frames, then lasts longer in
#: a hold's segment than in an animation's, so the decoding times of the joined segments
#: no longer line up and the video's recorded length comes out short (0.4 s in a 7.5 s
#: test scene). Without B-frames decoding time is showing time. The files are about a
#: fifth larger (swap at -q l: 892 kB against 728 kB); NOTES.md, "Speed", has the figures.
MANIM_ENCODER = {
    "video_codec": "libx264",
    "pixel_format": "yuv420p",
    "video_encoder_options": {"crf": "20", "preset": "veryfast", "tune": "animation", "mbtree": "0", "bf": "0"},
}


class UnknownFormat(LookupError):
    """A ``--format`` that is not one of :data:`FORMATS`; the message is one line."""


@dataclass(frozen=True, eq=False)
class Format:
    """One ``--format``: each stage gives one main file ``<stage><suffix>``.

    ``encoder`` and ``audio`` are plain JSON data: they are hashed into every output's
    inputs (:mod:`relu_anim.batch.plan`), so a change to them renders again. (Being
    dicts, they make a format compare and hash by identity: ``eq=False``.)
    """

    name: str  # what users type: ``--format webm``; also in the record's name, wedge.webm.inputs
    suffix: str  # the main file's: ``.webm``
    video: bool  # a video, with captions (.srt, .vtt) and a poster; else the stage's last frame alone
    joinable: bool  # ``render --all`` joins the stages into one lesson video
    #: Byte-affecting settings of the format's own encoding (besides Manim's).
    encoder: Mapping
    #: The narration's sound in it (``relu_anim.voice.track``), or None: it carries no sound.
    audio: Mapping | None
    #: ``module:function`` making it from Manim's MP4, ``(source, dest)``, looked up when a
    #: render calls it (PyAV is imported then, not here). A picture format names none:
    #: the renderer saves the last frame (:func:`relu_anim.media.video.save_png`).
    make: str | None
    #: A few words for ``--format``'s help: ``"H.264"`` (nothing: the name says it).
    description: str = ""

    @property
    def copies_packets(self) -> bool:
        """Whether its pictures are Manim's own packets, copied (MP4): a narrated file then
        takes them as they are, else it is made first and the sound added to it."""
        return self.encoder.get("copy") == "packets"

    @property
    def carries_sound(self) -> bool:
        return self.audio is not None

    @property
    def carries_captions(self) -> bool:
        """Whether it comes with captions, beside it (.srt, .vtt): every video does."""
        return self.video

    def file_names(self, name: str) -> dict[str, str]:
        """The files a stage (or ``"lesson"``) gives in this format, by role."""
        main = f"{name}{self.suffix}"
        if not self.video:
            return {"picture": main}
        captions = {"srt": f"{name}.srt", "vtt": f"{name}.vtt"} if self.carries_captions else {}
        return {"video": main, **captions, "poster": f"{name}.poster.png"}

    def make_from(self, manim_mp4: Path, dest: Path) -> None:
        """Make ``dest``, a video in this format, from the MP4 Manim wrote."""
        resolve_name(self.make)(manim_mp4, dest)


#: The narration's sound in each video format that carries it: mono, 48 kHz
#: (``relu_anim.voice.track``). FFmpeg's AAC encoder searches each frame's quantisers
#: in two loops by default; its "fast" coder gives speech at 96 kb/s of the same size 2.9
#: times as fast (wedge's 95 s of speech: 1.56 s against 4.50 s; ``benchmarks/aac_coder.py``).
#: A file's sound is encoded again when encoding lifted a peak (``video.PEAK_TRIES``
#: times at most), so this was most of a narrated render's sound cost.
AAC = {"codec": "aac", "format": "fltp", "bit_rate": 96_000, "options": {"aac_coder": "fast"}}
OPUS = {"codec": "libopus", "format": "flt", "bit_rate": 64_000, "options": {}}

#: The ``--format`` choices, in the order the CLI and the manifest list them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "mp4",
            ".mp4",
            video=True,
            joinable=True,
            encoder={"container": "mp4", "movflags": "+faststart", "copy": "packets"},
            audio=AAC,
            make="relu_anim.media.video:faststart",
            description="H.264",
        ),
        Format(
            "webm",
            ".webm",
            video=True,
            joinable=True,
            encoder={
                "container": "webm",
                "codec": "libvpx-vp9",
                "pix_fmt": "yuv420p",
                "crf": "32",
                "b": "0",
                "deadline": "good",
                "cpu-used": "4",
                "row-mt": "1",
            },
            audio=OPUS,
            make="relu_anim.media.video:to_webm",
            description="VP9",
        ),
        Format(
            "gif",
            ".gif",
            video=True,
            joinable=False,
            encoder={"codec": "gif", "palettegen": "stats_mode=diff", "paletteuse": "dither=bayer:bayer_scale=4"},
            audio=None,
            make="relu_anim.media.video:to_gif",
        ),
        Format(
            "png",
            ".png",
            video=False,
            joinable=False,
            encoder={"codec": "png"},
            audio=None,
            make=None,
            description="each scene's last frame",
        ),
    )
}


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}") from None


def formats_help() -> str:
    """The formats for ``--format``'s help: ``mp4 (H.264), webm (VP9), gif, or png (...)``."""
    named = [f"{f.name} ({f.description})" if f.description else f.name for f in FORMATS.values()]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])}, or {named[-1]}"


def format_of(path: Path) -> Format:
    """The format a file's suffix names (``lesson.webm``: WebM)."""
    for format in FORMATS.values():
        if format.suffix == Path(path).suffix:
            return format
    raise UnknownFormat(f"{Path(path).name}: no format has the suffix {Path(path).suffix!r}")

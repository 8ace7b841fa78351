"""File formats: what the finished files are and how they are encoded.

Plain data here (no PyAV, no Manim), so that the batch planner can hash the encoder
settings into each output's inputs; the work is in :mod:`.video` (PyAV) and
:mod:`.captions` (SRT, WebVTT).
"""

from __future__ import annotations

#: ``--format`` choices. Each stage gives one main file ``<stage>.<format>``.
FORMATS = ("mp4", "webm", "gif", "png")

#: Formats that are videos: they get captions (.srt, .vtt) and a poster, and the
#: stages join into one lesson video. ``png`` is the stage's last frame alone.
VIDEO_FORMATS = ("mp4", "webm", "gif")
JOINABLE_FORMATS = ("mp4", "webm")

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
MANIM_ENCODER = {"video_codec": "libx264", "pixel_format": "yuv420p",
                 "video_encoder_options": {"crf": "20", "preset": "veryfast", "tune": "animation", "mbtree": "0", "bf": "0"}}

#: Byte-affecting settings of each format's own encoding (besides Manim's).
ENCODERS = {
    "mp4": {"container": "mp4", "movflags": "+faststart", "copy": "packets"},
    "webm": {"container": "webm", "codec": "libvpx-vp9", "pix_fmt": "yuv420p", "crf": "32", "b": "0",
             "deadline": "good", "cpu-used": "4", "row-mt": "1"},
    "gif": {"codec": "gif", "palettegen": "stats_mode=diff", "paletteuse": "dither=bayer:bayer_scale=4"},
    "png": {"codec": "png"},
}

#: The narration's sound in each video format: mono, 48 kHz (``relu_anim.voice.track``).
#: FFmpeg's AAC encoder searches each frame's quantisers in two loops by default; its
#: "fast" coder gives speech at 96 kb/s of the same size 2.9 times as fast (wedge's 95 s
#: of speech: 1.56 s against 4.50 s; ``benchmarks/aac_coder.py``). A file's sound is
#: encoded again when encoding lifted a peak (``video.PEAK_TRIES`` times at most), so this
#: was most of a narrated render's sound cost.
AUDIO_ENCODERS = {
    "mp4": {"codec": "aac", "format": "fltp", "bit_rate": 96_000, "options": {"aac_coder": "fast"}},
    "webm": {"codec": "libopus", "format": "flt", "bit_rate": 64_000, "options": {}},
}


"""The base class of every lesson scene."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from manim import FadeIn, FadeOut, ReplacementTransform, Scene

from .components.motion import prepare_redraw
from .components.stage_title import StageTitle
from .media.captions import cue_positions, reading_time, split_cues, split_sentences
from .model import Lesson, Names, default_lesson, story
from .stages import Stage, current_stages
from .text import fmt
from .theme import Theme, current_theme, get_theme, use_theme
from .voice import current_narrator

#: Seconds of quiet after a beat's last words, and between two sentences.
BREATH, GAP = 0.6, 0.4
#: The picture waits for the words (or the words for the picture) only when the wait is
#: longer than this (seconds).
SHORTEST_WAIT = 0.05


class LessonScene(Scene):
    """A Manim scene that knows the lesson (its networks and data) and the theme.

    Scenes read every number from ``self.lesson`` and every colour from ``self.theme``.
    Each beat of narration is a ``with self.beat("caption"):`` block, which writes a
    subcaption spanning exactly the animations inside it.

    Parameters
    ----------
    lesson
        The lesson to animate; by default StatQuest's Part 3.
    theme
        Its colours: a :class:`~relu_anim.theme.Theme` or a theme's name; by default the
        current theme (:func:`relu_anim.theme.current_theme`).
    opening
        The picture the scene opens on: the mobjects of the previous stage's last frame
        (for a stage that ``replays_previous``, the renderer and the frame capture pass
        them). They are on screen from the first frame until :meth:`from_opening`
        dissolves them.
    """

    def __init__(self, lesson: Lesson | None = None, theme: Theme | str | None = None, opening=(), **kwargs) -> None:
        self.lesson = lesson or default_lesson()
        self.opening = list(opening)
        self.theme: Theme = (
            current_theme() if theme is None else theme if isinstance(theme, Theme) else get_theme(theme)
        )
        self.narrator = current_narrator()
        #: What is said, and when: (start in seconds, sentence, clip), in order.
        self.narration: list[tuple[float, str, object]] = []
        #: Narrated, each cue while it is said: (start, end of its words, cue) in seconds.
        self.said: list[tuple[float, float, str]] = []
        #: Each beat's whole caption, as shown: (start, end, text) in seconds.
        self.beat_captions: list[tuple[float, float, str]] = []
        self._beat: _Beat | None = None
        super().__init__(**kwargs)

    @property
    def names(self) -> Names:
        """What the input and output are called on screen (the recap overrides this
        with Part 1's names)."""
        return self.lesson.names

    def say(self, text: str) -> str:
        """``text``, written in the storyboard's words ("dosage", "low dosage"), in the
        lesson's names (:func:`relu_anim.model.story.in_names`)."""
        return story.in_names(text, self.names)

    def dosage_words(self, x: float) -> str:
        """ "medium dosage" where dosage ``x`` is one the plot's axis names (the data's),
        else "dosage 0.37": a place the viewer finds on the axis, in the storyboard's words."""
        level = story.dosage_level(x, self.lesson.data.dosage)
        return f"{level} dosage" if level else f"dosage {fmt(x)}"

    @property
    def stage(self) -> Stage | None:
        """The lesson stage this scene plays, if it is one (:mod:`relu_anim.stages`)."""
        return next((s for cls in type(self).__mro__ for s in current_stages() if s.plays(cls)), None)

    def render(self, *args, **kwargs):
        """Render with the scene's theme in force, for the components it builds."""
        with use_theme(self.theme):
            return super().render(*args, **kwargs)

    #: What the animations being played can change (:func:`.components.motion.prepare_redraw`),
    #: or None where Manim's own test decided: :class:`relu_anim.layers.LayeredRenderer` reads it.
    changing_mobjects: set | None = None

    def get_moving_mobjects(self, *animations):
        """Manim redraws these every frame; the rest once (see :mod:`.components.motion`)."""
        prepared = prepare_redraw(self, animations)
        if prepared is None:
            self.changing_mobjects = None
            return super().get_moving_mobjects(*animations)
        moving, self.changing_mobjects = prepared
        return moving

    def setup(self) -> None:
        self.camera.background_color = self.theme.background
        self.add(*self.opening)
        stage = self.stage
        heading = stage.told(len(self.lesson.network.hidden)).heading if stage else ""
        self.stage_title = StageTitle(stage.number, heading, theme=self.theme) if stage else None
        if self.stage_title:  # drawn last: the only thing redrawn for it (components.motion.Ticking)
            self.add_foreground_mobject(self.stage_title)

    def from_opening(self, *animations, move=()) -> list:
        """``animations`` (those that bring in the stage's own first picture), with the
        opening dissolving as they play: each mobject in ``move`` grows out of the
        opening's mobject of its class (a diagram moves and resizes into its new place),
        the rest of the opening fades out, its updaters stopped. Without an opening (the first stage, or a
        scene played alone by plain ``manim``) the ``move`` mobjects simply fade in."""
        old, out = self.opening, list(animations)
        self.opening = []
        for new in move:
            match = next((m for m in old if type(m) is type(new)), None)
            if match is None:
                out.append(FadeIn(new))
            else:
                old.remove(match)
                out.append(ReplacementTransform(match, new))
        # what fades keeps still: a follower would redraw it at full opacity every frame
        # (derivative's SSR dots), and it would vanish in one frame at the end
        return out + [FadeOut(m.clear_updaters()) for m in old]

    def carry(self, pairs, *others, run_time: float = 1.2, lift: bool = False) -> None:
        """Play ``source -> target`` for live drawings (graph curves, whole graphs, groups
        with updaters), plus ``others``: one drawing becomes the other, never two at once.

        Live drawings redraw themselves every frame, which a Transform cannot follow, so
        frozen copies do the moving and the live target takes over at the end. The scene
        removes a source it does not keep (a curve may stay where it was copied from);
        with ``lift``, each source gives its place to its frozen copy at once (the same
        picture until the copy moves: a line carried away, not copied)."""
        for _, target in pairs:  # a target placed by its updaters (a label beside its dot) goes there first
            target.update(0)
        frozen = [(self.freeze(s), self.freeze(t)) for s, t in pairs]
        if lift:
            for (source, _), (copy, _) in zip(pairs, frozen):
                self.replace(source, copy)
        self.play(*(ReplacementTransform(s, t) for s, t in frozen), *others, run_time=run_time)
        self.remove(*(t for _, t in frozen))
        self.add(*(t for _, t in pairs))

    @staticmethod
    def freeze(mob):
        """A copy of ``mob`` that keeps still (no updaters)."""
        return mob.copy().clear_updaters()

    def play(self, *args, **kwargs) -> None:
        super().play(*args, **kwargs)
        if self.stage_title and self.stage_title.done:  # it has come and gone
            self.remove_foreground_mobject(self.stage_title)
            self.remove(self.stage_title)
            self.stage_title = None

    def next_sentence(self) -> None:
        """The animations after this play while the beat's next sentence is said.

        Narrated, the next sentence starts once the one before it has been said (and a
        :data:`GAP` taken) and once the animations before this call have played: the
        scene waits for whichever comes later, so the picture never shows one sentence
        while the voice says another. Silent, nothing waits (the scene's own timing). Where
        the caption has no next sentence (another network's caption may say in one what
        the storyboard's says in two) the animations go on with the last one."""
        beat = self._beat
        if beat is None or beat.closing:
            raise RuntimeError("next_sentence() belongs inside a beat, before its end")
        if len(beat.starts) >= len(beat.sentences):
            return
        beat.word_offset = 0
        if not beat.clips:
            beat.starts.append(self.time)
            return
        start = max(self.time, beat.said_until() + GAP)
        if start - self.time > SHORTEST_WAIT:
            self.wait(start - self.time)
        beat.starts.append(self.time)

    def until_said(self, words: str) -> None:
        """The animations after this play as ``words`` are said: wait until the beat's
        current sentence reaches them (searched after the words of the call before, in
        the same sentence), the time the words before them take (:meth:`Narrator.time_to`).
        Silent, or once the words are past, nothing waits: a teacher pointing at a term of
        the equation while reading it out."""
        beat = self._beat
        if beat is None:
            raise RuntimeError("until_said() belongs inside a beat")
        index = len(beat.starts) - 1
        sentence = beat.sentences[index]
        at = sentence.find(words, beat.word_offset)
        if at < 0:
            raise ValueError(f"{words!r} is not said after this point of {sentence!r}")
        beat.word_offset = at + len(words)
        if not beat.clips:
            return
        start = beat.starts[index] + self.narrator.time_to(sentence, at)
        if start - self.time > SHORTEST_WAIT:
            self.wait(start - self.time)

    @contextlib.contextmanager
    def beat(self, caption: str, hold: float = 0.0) -> Iterator[None]:
        """One narrated beat: everything played inside shares its caption.

        The caption is shown as cues a viewer can read (:func:`.media.captions.split_cues`).
        ``hold`` adds a pause at the end so the viewer can read what just appeared.
        Narrated, each sentence is said whole (one utterance, its tune unbroken), the
        first as the beat starts and each next one at :meth:`next_sentence` (or, for
        those no animation waits for, after the one before it); a cue that starts inside
        a sentence is shown from the moment its first word is said (the time the
        sentence's words before it take). The beat's closing hold grows until its words
        are said and a breath taken. Captions are written in the storyboard's words and
        shown in the lesson's names (:meth:`say`).
        """
        shown = self.say(caption)
        sentences = split_sentences(shown)
        clips = self.narrator.clips(sentences)
        beat = self._beat = _Beat(self.time, shown, sentences, clips)
        try:
            yield
            beat.closing = True
            while len(beat.starts) < len(sentences):  # said after the animations: one after another
                beat.starts.append(beat.said_until() + GAP if clips else self.time)
            if hold:
                self.wait(hold)
            if clips:
                said = beat.said_until() + BREATH
                if self.time < said - 1e-9:
                    self.wait(said - self.time)
        finally:
            self._beat = None
        self.beat_captions.append((beat.start, self.time, shown))
        cues = split_cues(shown)
        if clips:
            positions = cue_positions(shown, cues)
            starts = [beat.starts[i] + self.narrator.time_to(sentences[i], offset) for i, offset, _ in positions]
            ends = [beat.starts[last] + clips[last].duration for _, _, last in positions]
            ends = [min([end, *starts[i + 1 : i + 2]]) for i, end in enumerate(ends)]  # to the next cue's words
            self.said += list(zip(starts, ends, cues))
            self.narration += list(zip(beat.starts, sentences, clips))
        else:
            starts = _reading_starts(cues, beat.start, self.time)
        for index, cue in enumerate(cues):
            end = starts[index + 1] if index + 1 < len(cues) else self.time
            self.add_subcaption(cue, duration=end - starts[index], offset=starts[index] - self.time)


class _Beat:
    """A beat being played: when it started, its sentences and their clips, when each
    sentence started being said so far."""

    def __init__(self, start: float, caption: str, sentences: list[str], clips: list) -> None:
        self.start, self.caption, self.sentences, self.clips = start, caption, sentences, clips
        self.starts: list[float] = [start]
        self.word_offset = 0  # where in the current sentence until_said() has got to
        self.closing = False

    def said_until(self) -> float:
        """When the last sentence started so far is said to its end."""
        return self.starts[-1] + self.clips[len(self.starts) - 1].duration


def _reading_starts(cues: list[str], start: float, end: float) -> list[float]:
    """Silent: the beat's time shared among its cues by their reading times."""
    times = [reading_time(cue) for cue in cues]
    total, starts, at = sum(times) or 1.0, [], start
    for t in times:
        starts.append(at)
        at += (end - start) * t / total
    return starts

"""The picture follows the words (issue 30): every beat shows what its narration says,
while it says it.

The rule (:func:`relu_anim.composition.said_problems`) is checked on every stage and
card narrated by espeak and by joe: the narrated timing differs with the voice, so each
voice is a play of its own. The rule is also broken on purpose, by a scene that shows
its second number one sentence late and a dot that never rises, and by hand-made
records. The timing contract itself (a sentence waits for the animations before its
:meth:`~relu_anim.scene.LessonScene.next_sentence`, the picture waits for the words;
a cue inside a sentence starts when the words before it end) is measured on the played
scene's clips.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import DOWN, LEFT, RIGHT, FadeIn, Text

from relu_anim.components import ChangeData, DosagePlot
from relu_anim.composition import (
    empty_problems,
    narrated_problems,
    numbers_in,
    said_dot_heights,
    said_problems,
    shown_numbers,
    still_problems,
)
from relu_anim.frames import FRAME_QUALITY, capture_frames
from relu_anim.media.captions import split_cues
from relu_anim.play import Play
from relu_anim.scene import GAP, LessonScene
from relu_anim.stages import CARDS, STAGES
from relu_anim.voice import cache, get_voice, spoken

#: Clips for every stage, kept between runs (made again when a caption or voice changes).
CLIPS = Path(__file__).resolve().parent.parent / ".cache" / "voice-clips"
EVERY = 0.25  # seconds between the moments the rule reads


def narrated(scene, voice: str, clips=CLIPS):
    return capture_frames(scene, play=Play.of(FRAME_QUALITY, voice=voice, clips=clips), frames=False, every=EVERY)


def problems_of(played, rules=said_problems) -> list[str]:
    return rules([(m.time, m.record) for m in played.moments], played.scene.said)


# -- every stage and card, both voices ----------------------------------------------------


@pytest.mark.parametrize("voice", ["espeak", "joe"])
@pytest.mark.parametrize("stage", [s.name for s in (*STAGES, *CARDS)])
def test_every_number_a_cue_says_is_on_screen_while_it_is_said(stage, voice):
    get_voice(voice)  # installed by ./run: a missing voice is an error here, not a skip
    played = narrated(stage, voice)
    assert played.scene.said, "nothing was said"
    said_numbers = sum(len(numbers_in(cue)) for _, _, cue in played.scene.said)
    assert said_numbers > 0 or stage in {"title"}, "no number said: the rule checked nothing"
    assert problems_of(played, narrated_problems) == []


# -- the rules, broken on purpose ---------------------------------------------------------


class OneSentenceLate(LessonScene):
    """The second sentence's number appears only after the beat: under the next words."""

    late = True

    def construct(self):
        first, second = Text("0.25").shift(2 * LEFT), Text("0.75").shift(2 * RIGHT)
        with self.beat("The first number is 0.25. The second number is 0.75."):
            self.play(FadeIn(first), run_time=0.5)
            if not self.late:
                self.next_sentence()
                self.play(FadeIn(second), run_time=0.5)
        with self.beat("And that is all there is to it."):
            if self.late:
                self.play(FadeIn(second), run_time=0.5)
            self.wait(0.5)


class OnTime(OneSentenceLate):
    late = False


class DotThatStays(LessonScene):
    """The caption says the dot rises to 0.50; it stays at 0."""

    rises = False

    def construct(self):
        plot = DosagePlot()
        dot = plot.get_dot(0.5, 0.0)
        with self.beat("The dot rises to 0.50 on the plot."):
            self.play(FadeIn(plot), FadeIn(dot), run_time=0.5)
            if self.rises:
                self.play(ChangeData(dot, y=0.5), run_time=0.5)


class DotThatRises(DotThatStays):
    rises = True


def test_a_number_shown_one_sentence_late_breaks_the_rule_and_on_time_keeps_it(tmp_path):
    late = problems_of(narrated(OneSentenceLate, "espeak", tmp_path))
    assert len(late) == 1 and "says 0.75" in late[0] and "The second number is 0.75." in late[0]
    assert problems_of(narrated(OnTime, "espeak", tmp_path)) == []


def test_numbers_on_screen_are_read_from_texts_ticks_and_dot_names_not_ghosts():
    record = {
        "texts": {"0.20 × 1.70 + (−0.85) = −0.51": {"opacity": 1.0}, "ghost 9.99": {"opacity": 0.2}},
        "graphs": {"plot": {"ticks": {"y": ["0.5", "1.0"]}, "titles": {}, "marks": {"dot[0.30]": {"y": 0.0}}}},
    }
    assert shown_numbers(record) == {0.2, 1.7, 0.85, 0.51, 0.5, 1.0, 0.3}
    said = [(0.0, 1.0, "Dosage 0.30 gives 0.51, then 9.99.")]
    (problem,) = said_problems([(0.5, record)], said)
    assert "says 9.99" in problem  # the ghost does not count; 0.30 (a dot's name) and 0.51 do
    assert said_problems([(2.0, record)], said)[0].endswith("is said")  # no moment inside the cue


def test_a_dot_the_words_move_must_be_there_before_they_end():
    assert said_dot_heights("ReLU passes it on unchanged, so the dot rises to 0.17.") == [0.17]
    assert said_dot_heights("Another blue dot at height 0.00, this time for dosage 0.20.") == [0.0]
    assert said_dot_heights("The dot waits.") == []
    at = lambda y: {"graphs": {"plot": {"marks": {"dot[0.60]": {"y": y}}}}, "texts": {"0.17": {}}}  # noqa: E731
    said = [(0.0, 1.0, "so the dot rises to 0.17.")]
    assert said_problems([(0.5, at(0.0)), (1.0, at(0.17))], said) == []
    (problem,) = said_problems([(0.5, at(0.17)), (1.0, at(0.0))], said)  # it fell back before the end
    assert "no dot stands at 0.17" in problem


def test_a_dot_that_does_not_rise_while_it_is_said_breaks_the_rule(tmp_path):
    (problem,) = problems_of(narrated(DotThatStays, "espeak", tmp_path))
    assert "no dot stands at 0.5" in problem
    assert problems_of(narrated(DotThatRises, "espeak", tmp_path)) == []


def test_an_empty_picture_while_words_are_said_breaks_the_rule_a_cut_does_not():
    drawn, empty = {"content": [-1, -1, 1, 1]}, {}
    said = [(0.0, 10.0, "Both add up to a fit.")]
    cut = [(0.0, drawn), (0.25, empty), (0.5, drawn)]  # a quarter second of nothing: a cut
    assert empty_problems(cut, said) == []
    gap = [(0.0, drawn), *((0.25 * i, empty) for i in range(1, 17)), (4.25, drawn)]  # 4 s of nothing
    (problem,) = empty_problems(gap, said)
    assert problem.startswith("0.25-4.00 s: nothing is drawn")
    assert empty_problems(gap, [(5.0, 9.0, "Later.")]) == []  # nobody speaks over it


def test_a_picture_standing_still_through_6_s_of_speech_breaks_the_rule():
    still = [(0.5 * i, {"content": [-1, -1, 1, 1]}) for i in range(15)]  # 0 to 7 s, the same picture
    said = [(0.0, 3.0, "One."), (3.4, 7.0, "Two.")]  # 6.6 s of speech
    (problem,) = still_problems(still, said)
    assert problem.startswith("0.00-7.00 s: the picture stands still through 6.6 s of speech")
    assert still_problems(still, [(0.0, 3.0, "One."), (5.0, 7.0, "Two.")]) == []  # 5 s of words: under 6
    lit = [(t, {"content": [-1, -1, 1, 1], "lit": t >= 3.5}) for t, _ in still]  # a highlight halfway
    assert still_problems(lit, said) == []


# -- the timing contract -----------------------------------------------------------------


class SlowPicture(LessonScene):
    """Sentence one's animation outlasts its words: sentence two must wait for it."""

    def construct(self):
        with self.beat("One. Two is the second sentence, said after the square."):
            self.play(FadeIn(Text("square")), run_time=4)
            self.next_sentence()
            self.play(FadeIn(Text("two").shift(2 * DOWN)), run_time=0.5)


def test_the_next_sentence_waits_for_the_picture_and_the_picture_for_the_words(tmp_path):
    slow = narrated(SlowPicture, "espeak", tmp_path).scene
    (one, first_clip), (two, _) = [(start, clip) for start, _, clip in slow.narration]
    assert one == 0 and first_clip.duration < 4
    frame = 1 / Play.of(FRAME_QUALITY).quality.fps  # a render waits whole frames
    assert two == pytest.approx(4.0, abs=frame)  # not at the end of "One." + GAP: after the square
    fast = narrated(OnTime, "espeak", tmp_path).scene
    (one, first_clip), (two, _) = [(start, clip) for start, _, clip in fast.narration[:2]]
    assert two == pytest.approx(one + first_clip.duration + GAP, abs=frame)  # the picture waited
    assert len(fast.narration) == 3  # one clip a sentence


class LongSentence(LessonScene):
    def construct(self):
        with self.beat(
            "This single sentence is long enough to need two cues, so its second cue starts "
            "partway through the words being said."
        ):
            self.wait(1)


def test_a_cue_inside_a_sentence_starts_when_the_words_before_it_end(tmp_path):
    scene = narrated(LongSentence, "espeak", tmp_path).scene
    cues = split_cues(scene.beat_captions[0][2])
    assert len(cues) == 2 and len(scene.narration) == 1  # two cues, one utterance
    before = " ".join(cues[0].split())
    expected = cache.get_clip(get_voice("espeak"), spoken(before), tmp_path).duration
    assert [start for start, _, _ in scene.said] == pytest.approx([0.0, expected])
    assert 0 < expected < scene.narration[0][2].duration


class PointedWhileRead(LessonScene):
    """A sum whose terms are pointed at as the sentence reads them (wedge's rows)."""

    def construct(self):
        with self.beat("The sum is two plus three, which makes five."):
            self.until_said("three")
            self.play(FadeIn(Text("3")), run_time=0.3)
            self.marks = [self.time]
            self.until_said("five")
            self.play(FadeIn(Text("5").shift(DOWN)), run_time=0.3)
            self.marks.append(self.time)


def test_until_said_plays_what_follows_as_its_words_are_said(tmp_path):
    scene = narrated(PointedWhileRead, "espeak", tmp_path).scene
    sentence = scene.narration[0][1]
    voice = get_voice("espeak")
    for mark, words in zip(scene.marks, ("three", "five")):
        before = sentence[: sentence.find(words)].strip()
        said = cache.get_clip(voice, spoken(before), tmp_path).duration  # by hand: the words before, alone
        assert mark == pytest.approx(said + 0.3, abs=1 / 15)  # it waited for them, then played (whole frames at 15 fps)
    assert scene.marks[1] < scene.narration[0][2].duration  # inside the sentence, not after it
    silent = narrated(PointedWhileRead, "none", tmp_path).scene
    # silent: nothing waits; a 0.3 s play is 5 frames at 15 fps (np.arange(0, 0.3, 1/15) has 5 steps)
    assert silent.marks == pytest.approx([5 / 15, 10 / 15])
    with pytest.raises(Exception, match="'seven' is not said"):
        narrated(NotSaid, "none", tmp_path)


class NotSaid(LessonScene):
    """Pointing at words the sentence does not say: a mistake in the scene, said at once."""

    def construct(self):
        with self.beat("The sum is two plus three."):
            self.until_said("seven")

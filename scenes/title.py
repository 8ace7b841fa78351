"""The joined lesson's title card: its title, what it shows (one input, its hidden
nodes, the output activation, the data it is fitted to), the network's diagram (every
hidden node of it) and its fit through the data."""

from manim import Create, FadeIn

from relu_anim.components import TitleBench
from relu_anim.model import story
from relu_anim.scene import LessonScene
from relu_anim.stages import LESSON_TITLE


class TitleCard(LessonScene):
    def construct(self):
        net, data = self.lesson.network, self.lesson.data
        bench = TitleBench(net, data, LESSON_TITLE, self.about_lines(), names=self.names, theme=self.theme)

        # The title, what the network is, and the data it is fitted to
        with self.beat(self.network_words(), hold=1.5):
            self.play(FadeIn(bench.title), run_time=0.8)
            self.play(FadeIn(bench.about), FadeIn(bench.diagram), FadeIn(bench.plot), run_time=1.2)
            self.play(FadeIn(bench.data_points, scale=1.5), run_time=0.6)

        # Where the lesson ends up: the fit through the data
        with self.beat(self.fit_words(), hold=1.5):
            self.play(Create(bench.plot.plot_network(net, "output", color=self.theme.output)), run_time=1.5)

    def about_lines(self) -> list[str]:
        """What the lesson shows, in two lines (three for a network of the teacher's own)."""
        net, names = self.lesson.network, self.names
        hidden = story.activation_name(net.hidden_activation)
        end = "and a ReLU before the output" if net.output_activation == "relu" else "and no activation at the output"
        n = len(net.hidden)
        nodes = f"{story.count_word(n)} hidden {hidden} node{'s' if n > 1 else ''}"
        lines = [
            f"One input, {nodes} {end},",
            f"fitted to {len(self.lesson.data)} data points of {story.noun(names.output)} "
            f"against {story.noun(names.input)}",
        ]
        if not self.lesson.is_default:
            lines.append(f"With the {self.lesson.name} network")
        return lines

    def network_words(self) -> str:
        net = self.lesson.network
        hidden = story.activation_name(net.hidden_activation)
        end = (
            ", and one more ReLU just before the output"
            if net.output_activation == "relu"
            else f", and nothing after {'their sum' if len(net.hidden) > 1 else 'it'}"
        )
        n = len(net.hidden)
        where = {1: "its one hidden node", 2: "both hidden nodes"}.get(n, f"all {story.count_word(n)} hidden nodes")
        return f"This lesson follows a small network from dosage to {story.noun(self.names.output)}: {hidden} in {where}{end}."

    def fit_words(self) -> str:
        net, data = self.lesson.network, self.lesson.data
        pieces = (
            "straight lines"
            if net.hidden_activation == "relu"
            else f"{story.activation_name(net.hidden_activation)} curves"
        )
        if story.passes_close(net, data.dosage, data.observed):
            return f"We will see, step by step, how it bends {pieces} into this fit of the {len(data)} data points."
        return f"Step by step, we will see how it makes this curve, which misses some of its {len(data)} data points."

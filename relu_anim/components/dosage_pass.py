"""One dosage sent through one hidden node, step by step, as the lesson tells it.

The connection's arithmetic gives an x-axis coordinate; that coordinate drops onto the
node's activation graph; the activation is applied; its output lands on the dosage plot
as a dot. Each step is one method returning an animation, so a scene can give the
first dosage a beat per step and later dosages one quick beat (:meth:`DosagePass.steps`).
"""

from __future__ import annotations

from manim import (
    DOWN,
    Animation,
    AnimationGroup,
    FadeOut,
    Flash,
    ReplacementTransform,
    TransformFromCopy,
    VGroup,
    Write,
)

from ..model import Network
from ..theme import Theme, current_theme
from .activation import ActivationGraph
from .diagram import NetworkDiagram
from .equation import activation_equation, node_equation
from .graph import GraphDot
from .layout import pull_inside
from .plot import DosagePlot


class DosagePass(VGroup):
    """The readout of one dosage through hidden node ``node``, and its two dots.

    The pass itself is the readout: the node equation (``0.20 × 1.70 + (−0.85) = −0.51``)
    with the activation equation under it. ``input_dot`` (on the activation graph) and
    ``plot_dot`` (on the dosage plot) are kept apart, because the plot dot stays when the
    readout goes (:meth:`clear`).

    Parameters
    ----------
    network
        Where every number comes from.
    node
        The hidden node, by its name in the network's ``node_names`` (``"top"``...).
    dosage
        The dosage to send through.
    graph, plot
        The node's activation graph and the dosage plot.
    at
        Where the node equation is centred (the activation equation goes under it).
    dot_radius
        The plot dot's radius.
    diagram
        The network diagram, if the dosage should be seen travelling into the node
        (:meth:`enter`).
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Attributes
    ----------
    x, y
        The pre-activation and the activation's output, from the model.
    equation, activation_equation
        The two lines of the readout.
    input_dot, plot_dot
        The :class:`GraphDot` at ``(x, 0)`` on the activation graph (moved to ``(x, y)``
        by :meth:`apply`), and the one at ``(dosage, y)`` on the plot.

    Examples
    --------
    ::

        class DosagePassExample(LessonScene):
            def construct(self):
                net = self.lesson.network
                bench = Workbench(net, "top")
                step = DosagePass(net, "top", 0.2, bench.graph, bench.plot, at=bench.equation_spot)
                self.add(bench)
                self.play(step.write_equation())
                self.play(step.drop_input())
                self.play(step.write_activation())
                self.play(step.apply())
                self.play(step.land())
                self.play(step.clear())  # the plot dot stays
    """

    def __init__(
        self,
        network: Network,
        node: str,
        dosage: float,
        graph: ActivationGraph,
        plot: DosagePlot,
        at=None,
        dot_radius: float = 0.11,
        diagram: NetworkDiagram | None = None,
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.theme = theme or current_theme()
        self.graph, self.plot, self.dosage = graph, plot, float(dosage)
        self.node, self.diagram = node, diagram
        self.tone = self.theme.path_color(node, network.node_names)
        passed = network.forward(self.dosage).node(node)
        self.x, self.y = float(passed.x[0]), float(passed.y[0])
        self.equation = node_equation(network, node, self.dosage, theme=self.theme)
        if at is not None:
            pull_inside(self.equation.move_to(at))  # another network's longer numbers stay off the edge
        self.activation_equation = activation_equation(
            network.hidden_activation, self.x, self.y, color=self.tone, theme=self.theme
        ).next_to(self.equation, DOWN, buff=0.25)
        pull_inside(self.activation_equation)
        self.add(self.equation, self.activation_equation)
        self.input_dot: GraphDot = graph.get_input_dot(self.x)
        self.plot_dot: GraphDot = plot.get_dot(self.dosage, self.y, color=self.tone, radius=dot_radius)

    # -- the steps, in order ------------------------------------------------------------

    def enter(self, **kwargs) -> Animation:
        """The dosage travels along the connection from the input to the node (needs
        the ``diagram``): a bead, not its value in a box, so that the connection's
        weight and bias labels stay readable while the caption reads them out (the
        value itself is the first number of :attr:`equation`, written next)."""
        if self.diagram is None:
            raise ValueError("DosagePass.enter needs the diagram: pass diagram=...")
        return self.diagram.send(f"input-{self.node}", **kwargs)

    def write_equation(self, **kwargs) -> Write:
        """Write ``dosage × weight + bias = x``."""
        return Write(self.equation, **kwargs)

    def drop_input(self, **kwargs) -> ReplacementTransform:
        """The result ``x`` leaves the equation and becomes a dot on the graph's x-axis."""
        return ReplacementTransform(self.equation.part("x").copy(), self.input_dot, **kwargs)

    def write_activation(self, **kwargs) -> Write:
        """Write ``max(0, x) = y``."""
        return Write(self.activation_equation, **kwargs)

    def apply(self, **kwargs) -> AnimationGroup:
        """The input dot moves onto the activation's curve, with a flash."""
        return AnimationGroup(self.graph.apply(self.input_dot), Flash(self.input_dot, color=self.tone), **kwargs)

    def land(self, **kwargs) -> TransformFromCopy:
        """A copy of the input dot flies to the plot: the dot at ``(dosage, y)``."""
        return TransformFromCopy(self.input_dot, self.plot_dot, **kwargs)

    def clear(self, **kwargs) -> FadeOut:
        """Fade the readout and the input dot; the plot dot stays."""
        return FadeOut(self, self.input_dot, **kwargs)

    def steps(self, run_time: float = 0.7, written: bool = False) -> list[Animation]:
        """All five steps, ``run_time`` seconds each, to play one after another: for
        dosages the viewer has already seen done slowly. ``written=True``: the dosage
        has entered and its equation is on screen (played on its own): the steps from
        dropping its x on, so that what stays is not written again.

        (Play them one by one: a :class:`~manim.Succession` would show every step's
        mobjects from its first frame.)
        """
        steps = (self.write_equation, self.drop_input, self.write_activation, self.apply, self.land)
        if written:
            steps = steps[1:]
        elif self.diagram is not None:
            steps = (self.enter, *steps)
        return [step(run_time=run_time) for step in steps]

    # -- starting mid-lesson --------------------------------------------------------------

    def settled(self) -> list:
        """The mobjects as they stand after all the steps, to add to a scene that starts
        where an earlier one (which played them) ended."""
        self.input_dot.y = float(self.graph.function(self.x))
        self.input_dot.redraw()
        return [self, self.input_dot, self.plot_dot]


__all__ = ["DosagePass"]

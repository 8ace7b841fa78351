"""What a stage hands to the next: the pictures stages end on, and the stage after
rebuilds to open on.

A stage's first frame is the last frame of the stage before it (``tests/test_handover.py``).
Where a stage carries on a picture of the one before, both read it from here, so scene
files import components and the model, never each other.

- first-dot, bent-line and scale-top follow the top node (:func:`top_node`: the first,
  whatever the number of nodes) on one workbench (:func:`top_workbench`);
- bent-line ends on the bent blue line and the dots of :data:`BENT_LINE_DOTS`
  (:func:`bent_line_closing`), where scale-top opens;
- scale-top ends on the scaled line and the dots of :data:`SCALE_TOP_DOTS`
  (:func:`scale_top_closing`), where orange-line opens.
"""

from __future__ import annotations

from .components import Workbench, nice_range
from .model import DOSAGE_RANGE, sample_dosages, story
from .text import TIMES, fmt

#: The lowest dosage: where first-dot starts, and the first of bent-line's dots.
FIRST_DOSAGE = DOSAGE_RANGE[0]
#: The dosages bent-line sends one by one (first-dot's, one step by step, two quickly):
#: their dots stay on the plot for scale-top.
BENT_LINE_DOTS = (FIRST_DOSAGE, 0.2, 0.4, 0.6)
#: Scale-top's first worked example: the end of the line bent-line swept (the highest dosage).
SCALE_TOP_HIGHEST = DOSAGE_RANGE[1]
#: The blue dots on the plot when scale-top ends.
SCALE_TOP_DOTS = (*BENT_LINE_DOTS, SCALE_TOP_HIGHEST)


def top_node(network) -> str:
    """The node first-dot, bent-line and scale-top follow: the top one ("hidden" when
    there is only one)."""
    return network.node_names[0]


def top_plot_title(network) -> str:
    """The top node's plot, as first-dot titles it: "Top node output"."""
    return f"{story.node_title(0, len(network.hidden))} output"


def top_workbench(lesson, names) -> Workbench:
    """The workbench first-dot, bent-line and scale-top share: following the top node."""
    net = lesson.network
    return Workbench(net, top_node(net), plot_title=top_plot_title(net), names=names)


def bent_blue_line(plot, lesson, theme):
    """The top node's output over every dosage: what bent-line's sweep leaves behind."""
    net = lesson.network
    return plot.plot_network(net, f"{top_node(net)}.y", color=theme.path_color(top_node(net), net.node_names))


def top_dots(bench, lesson, theme, quantity: str, dosages) -> list:
    """A dot of the top node's colour on the plot at each of ``dosages``, at the top
    node's ``quantity`` ("y", "scaled")."""
    net = lesson.network
    top = top_node(net)
    heights = getattr(net.forward(dosages).node(top), quantity)
    color = theme.path_color(top, net.node_names)
    return [bench.plot.get_dot(d, v, color=color, radius=0.11) for d, v in zip(dosages, heights)]


def bent_line_closing(bench, lesson, theme) -> tuple:
    """Bent-line's last picture on a top-node workbench: the top connection lit, the
    bent blue line and a dot for each of :data:`BENT_LINE_DOTS`. Returns (line, dots)."""
    bench.diagram.set_highlight(f"input-{top_node(lesson.network)}")
    return bent_blue_line(bench.plot, lesson, theme), top_dots(bench, lesson, theme, "y", BENT_LINE_DOTS)


def scaled_title(network) -> str:
    """The top plot's title once scale-top has scaled its line."""
    return f"{story.node_title(0, len(network.hidden))}\noutput {TIMES} {fmt(network.top.output_weight)}"


def scaled_range(network) -> tuple[float, float]:
    """The top plot's y-range once its line is scaled: it fits the line before and after."""
    top = network.forward(sample_dosages(network)).top
    return nice_range([top.y, top.scaled])


def scale_top_closing(bench, lesson, theme) -> tuple:
    """Scale-top's last picture on a workbench: the diagram lowered into the left column,
    the top path lit, the axes at
    :func:`scaled_range` titled :func:`scaled_title`, the scaled blue line and a dot
    for each of :data:`SCALE_TOP_DOTS`. Returns (line, dots)."""
    net = lesson.network
    top = top_node(net)
    bench.lower_diagram(animate=False)  # the activation graph put away: see Workbench.lower_diagram
    bench.diagram.set_highlight(top)
    bench.plot.set_y_range(*scaled_range(net))
    bench.plot.set_y_title(scaled_title(net))
    line = bench.plot.plot_network(net, f"{top}.scaled", color=theme.path_color(top, net.node_names))
    return line, top_dots(bench, lesson, theme, "scaled", SCALE_TOP_DOTS)

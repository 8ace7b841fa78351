"""What a stage hands to the next: the pictures stages end on, and the stage after
rebuilds to open on.

A stage's first frame is the last frame of the stage before it (``tests/test_handover.py``).
Where a stage carries on a picture of the one before, both read it from here, so scene
files import components and the model, never each other.

- first-dot, bent-line and scale-top follow the top node on one workbench
  (:func:`top_workbench`);
- bent-line ends on the bent blue line and the dots of :data:`BENT_LINE_DOTS`
  (:func:`bent_line_closing`), where scale-top opens;
- scale-top ends on the scaled line and the dots of :data:`SCALE_TOP_DOTS`
  (:func:`scale_top_closing`), where orange-line opens.
"""

from __future__ import annotations

from .components import Workbench, nice_range
from .model import DOSAGE_RANGE, sample_dosages
from .text import TIMES, fmt

#: The lowest dosage: where first-dot starts, and the first of bent-line's dots.
FIRST_DOSAGE = DOSAGE_RANGE[0]
#: The top node's plot, as first-dot titles it.
TOP_PLOT_TITLE = "Top node output"
#: The dosages bent-line sends one by one (first-dot's, one step by step, two quickly):
#: their dots stay on the plot for scale-top.
BENT_LINE_DOTS = (FIRST_DOSAGE, 0.2, 0.4, 0.6)
#: Scale-top's first worked example: the end of the line bent-line swept (the highest dosage).
SCALE_TOP_HIGHEST = DOSAGE_RANGE[1]
#: The blue dots on the plot when scale-top ends.
SCALE_TOP_DOTS = (*BENT_LINE_DOTS, SCALE_TOP_HIGHEST)


def top_workbench(lesson, names) -> Workbench:
    """The workbench first-dot, bent-line and scale-top share: following the top node
    (of any number: the first of the network's ``node_names``)."""
    return Workbench(lesson.network, lesson.network.node_names[0], plot_title=TOP_PLOT_TITLE, names=names)


def bent_blue_line(plot, lesson, theme):
    """The top node's output over every dosage: what bent-line's sweep leaves behind."""
    return plot.plot_network(lesson.network, "top.y", color=theme.top)


def bent_line_closing(bench, lesson, theme) -> tuple:
    """Bent-line's last picture on a top-node workbench: the top connection lit, the
    bent blue line and a dot for each of :data:`BENT_LINE_DOTS`. Returns (line, dots)."""
    bench.diagram.set_highlight(f"input-{lesson.network.node_names[0]}")
    y = lesson.network.forward(BENT_LINE_DOTS).top.y
    dots = [bench.plot.get_dot(d, v, color=theme.top, radius=0.11) for d, v in zip(BENT_LINE_DOTS, y)]
    return bent_blue_line(bench.plot, lesson, theme), dots


def scaled_title(network) -> str:
    """The top plot's title once scale-top has scaled its line."""
    return f"Top node\noutput {TIMES} {fmt(network.top.output_weight)}"


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
    bench.lower_diagram(animate=False)  # the activation graph put away: see Workbench.lower_diagram
    bench.diagram.set_highlight(net.node_names[0])
    bench.plot.set_y_range(*scaled_range(net))
    bench.plot.set_y_title(scaled_title(net))
    line = bench.plot.plot_network(net, "top.scaled", color=theme.top)
    y = net.forward(SCALE_TOP_DOTS).top.scaled
    return line, [bench.plot.get_dot(d, v, color=theme.top, radius=0.11) for d, v in zip(SCALE_TOP_DOTS, y)]

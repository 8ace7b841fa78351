"""Layouts of the joined lesson's two cards: the title card (:class:`TitleBench`) and
the summary card (:class:`StepPanel`, :class:`PipelineGrid`).

Both fill the frame: the title card's title runs across the top, the diagram and the
fitted data share the rest; the summary card's six panels sit in two rows of three.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Arrow, SurroundingRectangle, VGroup

from ..model import DataSet, Names, Network, sample_dosages
from ..text import make_text
from ..theme import MIN_TEXT_HEIGHT, Theme, current_theme
from .diagram import NetworkDiagram
from .graph import nice_range
from .layout import CORNER_BUFF, LADDER_WIDTH, Workbench, fit_ladder, output_said_twice
from .plot import DosagePlot


class TitleBench(VGroup):
    """The title card: the title and a line or two on what the lesson shows across the
    top, the network's diagram on the left, its data (and room for its fit) on the right.

    Parameters
    ----------
    network
        The network the diagram draws, and whose output the plot makes room for.
    data
        The data shown on the plot.
    title
        The title across the top.
    about
        The lines under it: what the lesson shows.
    names
        What the input and output are called (:class:`relu_anim.model.Names`; by default
        "Dosage" and "Effectiveness").
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Attributes
    ----------
    title, about
        The title, and the lines under it (a VGroup of texts).
    diagram, plot, data_points
        The :class:`NetworkDiagram`, the :class:`DosagePlot` (its y-range fits both the
        data and the network's output) and the data as dots on it (not added).

    Examples
    --------
    ::

        class TitleExample(LessonScene):
            def construct(self):
                bench = TitleBench(self.lesson.network, self.lesson.data, "A title", ["What it shows"])
                self.add(bench, bench.data_points, bench.plot.plot_network(self.lesson.network))
    """

    TITLE_TOP = 3.65  # the title's top edge
    TITLE_SIZE, TITLE_WIDTH = 48, 13.2  # its font size, and the widest it may be
    ABOUT_GAP, ABOUT_WIDTH = 0.3, 13.2  # between the title and the lines under it
    DIAGRAM_SPOT, DIAGRAM_WIDTH = (-2.55, -0.75), 7.6  # the diagram's centre and width
    DIAGRAM_LOWEST = -3.72  # the lowest a diagram may reach (a tall one, of many hidden nodes)
    DIAGRAM_GAP = 0.2  # ... and the least room between it and the lines on top
    LABEL_SCALE = 1.15  # its words (weights, the sum's plus, the output's name), enlarged to read at 480p
    PLOT_SPOT, PLOT_SIZE = (4.5, -0.75), (3.4, 4.0)  # the plot's area: centre, size

    def __init__(
        self,
        network: Network,
        data: DataSet,
        title: str,
        about: list[str],
        names: Names = Names(),
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        theme = theme or current_theme()
        self.title = make_text(title, self.TITLE_SIZE, theme.text, weight="BOLD")
        if self.title.width > self.TITLE_WIDTH:
            self.title.scale_to_fit_width(self.TITLE_WIDTH)
        self.title.move_to([0, self.TITLE_TOP - self.title.height / 2, 0])
        self.about = VGroup(*(make_text(line, theme.body_size, theme.muted) for line in about)).arrange(DOWN, buff=0.16)
        if self.about.width > self.ABOUT_WIDTH:
            self.about.scale_to_fit_width(self.ABOUT_WIDTH)
        self.about.next_to(self.title, DOWN, buff=self.ABOUT_GAP)
        self.diagram = NetworkDiagram(network, names=names, theme=theme)
        if self.diagram.ladder:
            self._fit_ladder_under(self.about)
        else:
            self.diagram.scale_to_fit_width(self.DIAGRAM_WIDTH).move_to([*self.DIAGRAM_SPOT, 0.0])
            self._fit_diagram_under(self.about)
            self.diagram.enlarge_words(self.LABEL_SCALE)
        output = network.predict(sample_dosages(network))
        self.plot = DosagePlot(
            y_range=nice_range([*output, *data.observed]),
            width=self.PLOT_SIZE[0],
            height=self.PLOT_SIZE[1],
            max_ticks=5,
            names=names,
            theme=theme,
        )
        self.plot.place_area([*self.PLOT_SPOT, 0.0])
        self.data_points = self.plot.get_data_points(data)
        if output_said_twice(self.diagram, self.plot):  # its arrow points at the axis title
            self.diagram.output_word.set_opacity(0)
        self.add(self.title, self.about, self.diagram, self.plot)

    #: How much a ladder's words may grow back as it shrinks (:func:`~.layout.fit_ladder`):
    #: more than a bench allows (:data:`~.diagram.WORD_GROWTH`), so that eight rows fit
    #: under the lines on top with words that read (its rows then 0.12 apart at 480p).
    LADDER_GROWTH = 1.4

    def _fit_ladder_under(self, above) -> None:
        """A ladder drawn as large as fits (:func:`~.layout.fit_ladder`, its words the
        smallest that read) between ``above`` and :attr:`DIAGRAM_LOWEST`, no wider than the
        two-node diagram at the Workbench's size (its output word clear of the plot's tick
        numbers), against the left edge as a bench's, as near :attr:`DIAGRAM_SPOT`'s height as fits."""
        top = above.get_bottom()[1] - self.DIAGRAM_GAP
        self.diagram.scale(Workbench.DIAGRAM_SCALE)
        fit_ladder(self.diagram, LADDER_WIDTH, (top - self.DIAGRAM_LOWEST,), growth=self.LADDER_GROWTH)
        low, high = self.DIAGRAM_LOWEST + self.diagram.height / 2, top - self.diagram.height / 2
        self.diagram.move_to([0.0, min(max(self.DIAGRAM_SPOT[1], low), high), 0.0])
        self.diagram.to_edge(LEFT, buff=CORNER_BUFF[0])

    def _fit_diagram_under(self, above) -> None:
        """A diagram taller than the room between ``above`` (the lines on top) and
        :attr:`DIAGRAM_LOWEST` (many hidden nodes) shrinks to fit it and moves into it."""
        top = above.get_bottom()[1] - self.DIAGRAM_GAP
        if self.diagram.get_top()[1] <= top and self.diagram.get_bottom()[1] >= self.DIAGRAM_LOWEST:
            return
        self.diagram.scale_to_fit_height(min(self.diagram.height, top - self.DIAGRAM_LOWEST))
        self.diagram.move_to([self.DIAGRAM_SPOT[0], (top + self.DIAGRAM_LOWEST) / 2, 0.0])


class StepPanel(DosagePlot):
    """One step of the pipeline: a small dosage plot under a heading (the step's number
    and word, in the step's colour) and the operation that makes it.

    Parameters
    ----------
    number, word, operation
        ``2``, ``"flip"``, ``"blue × (−40.80)"``.
    color
        The heading's colour: the path the step works on.
    values
        Every value the panel will show: its y-range fits them.
    size
        The plotting area's width and height.
    names
        What the input and output are called (:class:`relu_anim.model.Names`; by default
        "Dosage" and "Effectiveness").
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).
    """

    @staticmethod
    def _operation(words: str, room: float, theme: Theme):
        """The operation on one line (shrunk to fit ``room`` if need be), or on two (split
        at the middle space) when one line would shrink below :data:`MIN_TEXT_HEIGHT`."""
        line = make_text(words, theme.label_size, theme.text)
        smallest = MIN_TEXT_HEIGHT / make_text("H", theme.label_size).height  # how far it may shrink
        spaces = [i for i, c in enumerate(words) if c == " "]
        if line.width * smallest <= room or not spaces:
            return line
        cut = min(spaces, key=lambda i: abs(i - len(words) / 2))
        return make_text(f"{words[:cut]}\n{words[cut + 1 :]}", theme.label_size, theme.text)

    HEADING_GAP = 0.2  # between the heading and the plotting area
    HEADING_SPARE = 0.9  # how much wider than the plotting area a heading's line may be

    def __init__(
        self,
        number: int,
        word: str,
        operation: str,
        color,
        values,
        size=(3.3, 1.95),
        names: Names = Names(),
        theme: Theme | None = None,
        **kwargs,
    ) -> None:
        theme = theme or current_theme()
        super().__init__(
            y_range=nice_range(values),
            y_title="",
            x_title="",
            dosage_labels=names.labels[::2],
            names=names,
            width=size[0],
            height=size[1],
            max_ticks=4,
            theme=theme,
            **kwargs,
        )
        room = size[0] + self.HEADING_SPARE
        self.heading = VGroup(
            make_text(f"{number}  {word}", theme.body_size, color, weight="BOLD"),
            self._operation(operation, room, theme),
        ).arrange(DOWN, buff=0.1)
        for line in self.heading:  # a long operation (another network's numbers) shrinks to fit
            if line.width > room:
                line.scale_to_fit_width(room)
        self.heading.arrange(DOWN, buff=0.1).next_to(self.area, UP, buff=self.HEADING_GAP)
        self.add(self.heading)


class PipelineGrid(VGroup):
    """The summary card's frame: six :class:`StepPanel` spots in two rows of three, read
    left to right, then the second row, with arrows between consecutive spots.

    :meth:`make_panel` builds the panel for a spot (the grid does not hold panels: a
    scene adds them as it tells the steps); :meth:`get_arrows` the arrows.

    Parameters
    ----------
    names
        What the input and output are called (:class:`relu_anim.model.Names`; by default
        "Dosage" and "Effectiveness").
    theme
        The colours (a :class:`~relu_anim.theme.Theme`); by default the current theme
        (:func:`relu_anim.theme.current_theme`).

    Examples
    --------
    ::

        class PipelineExample(LessonScene):
            def construct(self):
                grid = PipelineGrid()
                values = self.lesson.network.forward([0.0, 0.5, 1.0]).top.y
                panel = grid.make_panel(0, "slice", "ReLU(1.70 × dosage − 0.85)", self.theme.top, values)
                self.play(FadeIn(panel))
    """

    COLUMNS = (-4.3, 0.1, 4.5)  # the plotting areas' centres, x
    ROWS = (1.5, -2.1)  # ... and y: room between the rows for a highlight around a lower panel
    PANEL_SIZE = (3.2, 1.95)

    def __init__(self, names: Names = Names(), theme: Theme | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.names, self.theme = names, theme or current_theme()
        self.spots = [np.array([x, y, 0.0]) for y in self.ROWS for x in self.COLUMNS]

    def make_panel(self, index: int, word: str, operation: str, color, values) -> StepPanel:
        panel = StepPanel(
            index + 1, word, operation, color, values, size=self.PANEL_SIZE, names=self.names, theme=self.theme
        )
        return panel.place_area(self.spots[index])

    def get_arrows(self, panels: list[StepPanel]) -> VGroup:
        """Arrows from each panel to the next in the same row (a row's last panel leads
        on to the next row's first: the order reads like text)."""
        arrows = VGroup()
        for before, after in zip(panels, panels[1:]):
            if abs(before.area.get_y() - after.area.get_y()) > 1e-6:
                continue
            start = before.area.get_right() + UP * 0.25 * before.area.height
            end = np.array([after.axes.get_left()[0], start[1], 0.0])
            arrows.add(
                Arrow(
                    start, end, buff=0.12, color=self.theme.muted, stroke_width=4, max_tip_length_to_length_ratio=0.35
                )
            )
        return arrows

    def get_frame_around(self, panel: StepPanel) -> SurroundingRectangle:
        """A highlight around a panel, its heading and its labels."""
        return SurroundingRectangle(
            panel, color=self.theme.highlight, buff=(0.12, 0.06), corner_radius=0.12, stroke_width=4
        )  # close above the heading: clear of the panel above's axis words

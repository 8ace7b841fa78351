"""The dosage plot: dosage (Low 0 .. High 1) across, an output value up, to scale."""

from __future__ import annotations

import numpy as np
from manim import DOWN, UP, VGroup, VMobject

from ..model import DataSet, Names, Network, sample_dosages
from ..text import make_text
from .graph import Graph, GraphCurve


class DosagePlot(Graph):
    """Axes for dosage 0..1 (labelled Low, Medium, High) against a value.

    The y-range animates (:meth:`animate_y_range`, :meth:`animate_to_fit`) and every
    curve and dot on the plot follows, so nothing goes off the screen.

    Parameters
    ----------
    y_range
        The y-axis' starting range.
    y_title, x_title
        The axis titles; by default the output's and the input's names (with units).
    dosage_labels
        Labels spread evenly from dosage 0 to 1; by default the input's low, medium
        and high labels.
    names
        What the input and output are called (:class:`relu_anim.model.Names`): a
        lesson's ``names``. By default the storyboard's ("Dosage", "Effectiveness").

    Examples
    --------
    ::

        class FitExample(LessonScene):
            def construct(self):
                plot = DosagePlot(y_range=(0, 1.2))
                data = plot.get_data_points(self.lesson.data)
                fit = plot.plot_network(self.lesson.network, "output")
                self.add(plot, data, fit)
                self.play(plot.animate_y_range(-2, 2))
    """

    def __init__(
        self,
        y_range: tuple[float, float] = (0.0, 1.2),
        y_title: str | None = None,
        x_title: str | None = None,
        dosage_labels: tuple[str, ...] | None = None,
        names: Names = Names(),
        **kwargs,
    ) -> None:
        y_title = names.output_title if y_title is None else y_title
        x_title = names.input_title if x_title is None else x_title
        self.dosage_labels = names.labels if dosage_labels is None else dosage_labels
        super().__init__(x_range=(0.0, 1.0), y_range=y_range, x_title=x_title, y_title=y_title, x_ticks=False, **kwargs)
        self.x_labels = VGroup(*(make_text(n, self.theme.label_size, self.theme.muted) for n in self.dosage_labels))
        self.add(self.x_labels)
        self.place_titles()

    def get_axis_parts(self) -> list[VMobject]:
        parts = super().get_axis_parts()
        ay = self.axis_y()
        for d in np.linspace(0, 1, len(self.dosage_labels))[1:]:  # dosage ticks on the x-axis
            point = self.c2p(d, ay)
            parts.append(self._line(point + DOWN * 0.09, point + UP * 0.09, color=self.theme.muted, stroke_width=3))
        return parts

    def place_titles(self) -> None:
        """Dosage labels sit under the plotting area, wherever y = 0 is."""
        if hasattr(self, "x_labels"):
            for label, d in zip(self.x_labels, np.linspace(0, 1, len(self.dosage_labels))):
                label.move_to(self.c2p(d, self.y_range[0]) + DOWN * 0.18, aligned_edge=UP)
            if len(self.x_title.submobjects):  # x_title="" leaves an empty group: nothing to place
                self.x_title.next_to(self.x_labels, DOWN, buff=0.12).set_x(self.area.get_center()[0])
        if len(self.y_title.submobjects):
            self.y_title.next_to(self.axes, np.array([-1.0, 0, 0]), buff=0.18).set_y(self.area.get_center()[1])

    # -- marks driven by the model -----------------------------------------------------

    def plot_network(
        self, net: Network, quantity: str = "output", color=None, start=0.0, stop=1.0, **kwargs
    ) -> GraphCurve:
        """A curve of one of the forward pass' quantities, bends included.

        ``quantity`` is a dotted path into :class:`relu_anim.model.Forward`:
        ``"output"``, ``"biased"``, ``"sum"``, ``"top.y"``, ``"bottom.scaled"``...
        """
        d = sample_dosages(net, start, stop)
        kwargs.setdefault("what", quantity)
        return self.get_curve(d, net.values(d, quantity), color=color, **kwargs)

    def get_data_points(self, data: DataSet, radius: float = 0.11, **kwargs) -> VGroup:
        """The data set's observations as dots."""
        return VGroup(
            *(
                self.get_dot(d, v, color=self.theme.data, radius=radius, **kwargs)
                for d, v in zip(data.dosage, data.observed)
            )
        )

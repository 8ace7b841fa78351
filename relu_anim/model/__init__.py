"""The lesson's model, in plain numpy (no Manim).

- :mod:`.network`: the 1-N-1 network, its activations and the forward pass;
- :mod:`.files`: network files (TOML) and data files (CSV): read, check, write;
- :mod:`.lesson`: the presets (``networks/*.toml``) and the :class:`Lesson` scenes read;
- :mod:`.training`: SSR, gradients, gradient descent and ``fit``.

Everything is re-exported here: ``from relu_anim.model import preset, Lesson``.
"""

from . import story
from .files import DOSAGE_RANGE, FileError, Names, NetworkFile, read_data, read_network_file, write_network_file
from .lesson import (
    DEFAULT_PRESET,
    PRESET_NAMES,
    PRESETS,
    Lesson,
    default_lesson,
    load_lesson,
    preset,
    preset_file,
)
from .network import (
    ACTIVATION_BY_NAME,
    ACTIVATION_TABLE,
    ACTIVATIONS,
    BEND_TOLERANCE,
    HIDDEN_ACTIVATIONS,
    MAX_HIDDEN,
    NODE_NAMES,
    OUTPUT_ACTIVATIONS,
    Activation,
    Array,
    DataSet,
    Forward,
    HiddenNode,
    ModelError,
    Network,
    NodePass,
    activate,
    activation_derivative,
    check_dosages,
    identity,
    identity_derivative,
    node_index,
    node_names,
    relu,
    relu_derivative,
    sample_dosages,
    sigmoid,
    sigmoid_derivative,
    softplus,
    softplus_derivative,
)
from .training import (
    DOSAGE_DATA,
    Descent,
    DescentStep,
    Fit,
    descent_learning_rate,
    fit,
    fit_file,
    gradient,
    gradient_descent,
    points_on_output_bend,
    ssr_and_gradient,
    sum_of_squared_residuals,
)

__all__ = [name for name in dir() if not name.startswith("_")]

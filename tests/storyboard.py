"""Reference values typed in from the storyboard (shared/LESSON.md), not computed:
the independent truth the tests compare the code against."""

import numpy as np

# dosage, top x = 1.70d-0.85, ReLU(top x), x -40.8, bottom x = 12.6d, x 2.70, sum - 16, output ReLU
TABLE = np.array(
    [
        [0.0, -0.85, 0.00, 0.000, 0.00, 0.000, -16.000, 0.00],
        [0.2, -0.51, 0.00, 0.000, 2.52, 6.804, -9.196, 0.00],
        [0.4, -0.17, 0.00, 0.000, 5.04, 13.608, -2.392, 0.00],
        [0.5, 0.00, 0.00, 0.000, 6.30, 17.010, 1.010, 1.01],
        [0.6, 0.17, 0.17, -6.936, 7.56, 20.412, -2.524, 0.00],
        [1.0, 0.85, 0.85, -34.680, 12.60, 34.020, -16.660, 0.00],
    ]
)

# The two networks' rows, as the diagram writes them (weights "× w", biases "± b").
PART3_LABELS = {
    "top.weight": "× 1.70",
    "top.bias": "− 0.85",
    "top.output_weight": "× −40.80",
    "bottom.weight": "× 12.60",
    "bottom.bias": "+ 0.00",
    "bottom.output_weight": "× 2.70",
    "final_bias": "− 16.00",
}
PART1_LABELS = {
    "top.weight": "× −34.40",
    "top.bias": "+ 2.14",
    "top.output_weight": "× −1.30",
    "bottom.weight": "× −2.52",
    "bottom.bias": "+ 1.29",
    "bottom.output_weight": "× 2.28",
    "final_bias": "− 0.58",
}

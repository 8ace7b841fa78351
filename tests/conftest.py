"""Shared fixtures: every stage is played once per test worker (animations skipped, no
video) and its frame data kept, for the stage tests and the snapshots alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relu_anim.frames import Frames, capture_frames

# The tests' renders are silent unless a test names a voice (tests/test_narration.py):
# the CLI's default, joe, would synthesise every tiny stage's words in every test.
# Subprocesses inherit it. (That joe is the default is tested with this unset.)
os.environ["RELU_ANIM_VOICE"] = "none"


def overlaps(a, b) -> bool:
    """Whether two mobjects' bounding boxes intersect."""
    (al, ab, _), (ar, at, _) = a.get_corner([-1, -1, 0]), a.get_corner([1, 1, 0])
    (bl, bb, _), (br, bt, _) = b.get_corner([-1, -1, 0]), b.get_corner([1, 1, 0])
    return al < br and bl < ar and ab < bt and bb < at


def inside_frame(point_or_mobject) -> bool:
    """Whether a point, or a mobject's whole bounding box, is inside the video frame."""
    from manim import config

    points = (
        [point_or_mobject]
        if not hasattr(point_or_mobject, "get_corner")
        else [point_or_mobject.get_corner([-1, -1, 0]), point_or_mobject.get_corner([1, 1, 0])]
    )
    return all(
        abs(p[0]) <= config.frame_width / 2 + 1e-6 and abs(p[1]) <= config.frame_height / 2 + 1e-6 for p in points
    )


# -- the two tiers: ``./run test`` runs every test, ``./run test --quick`` the unmarked ones --

#: The slow tests, by why they are slow: a module, a test with all its parameters, or one
#: node id (``test[param]``). Each gets the ``slow`` marker (its reason as the
#: marker's ``reason=``), set here and nowhere else; ``./run test --quick`` is
#: ``-m "not slow"``. What the quick tier keeps of each kind is in :data:`QUICK`.
SLOW: dict[str, tuple[str, ...]] = {
    "renders the whole lesson twice at -q l, with its sound (4 min of the suite)": ("tests/test_lesson_renders.py",),
    "renders the whole lesson for a three-node file at -q t, then its lecture (issue 34, about 1 min)": (
        "tests/test_n_node_lecture.py",
    ),
    "renders clip narrated at -q l and plays it again for its frame data (1 min)": (
        "tests/test_frames_match_video.py",
    ),
    "reads a stage's moments every 0.25 s (a play twice the cost of its beats)": (
        "tests/test_composition.py::test_every_moment_keeps_the_composition_rules",
        "tests/test_composition.py::test_each_stage_opens_with_its_number_and_title_then_lets_go",
        "tests/test_handover.py::test_each_stage_opens_on_the_picture_the_one_before_ended_on_or_says_why_not",
        "tests/test_cards.py::test_every_beat_keeps_the_composition_rules",  # and the cards' variants
    ),
    "plays every stage or card again for a variant: another theme, network, weight, colour, opening or format": (
        "tests/test_composition.py::test_every_beat_keeps_the_rules_in_the_dark_theme",
        "tests/test_snapshots.py::test_a_changed_weight_and_colour_fail_exactly_the_stages_that_show_them",
        "tests/test_other_networks.py::test_every_stage_plays_with_every_mark_inside",
        "tests/test_narration.py::test_part1s_network_keeps_the_composition_rules_and_its_captions_speak_in_words",
        "tests/test_fitted_lesson.py::test_a_fitted_lesson_matches_its_snapshot",
        "tests/test_cards.py::test_every_beat_has_a_caption_and_the_card_is_short[title-dark-None]",
        "tests/test_cards.py::test_every_beat_has_a_caption_and_the_card_is_short[summary-dark-None]",
        "tests/test_cards.py::test_every_beat_has_a_caption_and_the_card_is_short[title-light-part1]",
        "tests/test_cards.py::test_every_beat_has_a_caption_and_the_card_is_short[summary-light-part1]",
        "tests/test_cards.py::test_another_network_gets_its_own_words",
        "tests/test_render.py::test_a_held_picture_is_one_frame_a_quarter_second_and_lasts_its_time[webm]",
        "tests/test_render.py::test_a_held_picture_is_one_frame_a_quarter_second_and_lasts_its_time[gif]",
        "tests/test_handover.py::test_a_stage_that_replays_the_one_before_opens_well_alone_and_ends_its_first_beat_alike",
        "tests/test_node_stages.py::test_every_beat_keeps_the_composition_rules",  # 4 stages x N = 1, 3, 4, 8 x 2 themes
        "tests/test_node_stages.py::test_orange_line_shows_each_middle_node_briefly_then_the_bottom_in_full",
        "tests/test_node_stages.py::test_one_node_orange_line_is_short_and_says_there_is_no_second_line",
        "tests/test_node_stages.py::test_the_top_node_is_named_by_place_and_its_line_not_by_colour",
    ),
    "plays swap, wedge, clip, shapes and both cards for networks of 1, 3, 4 and 8 hidden nodes, both themes": (
        "tests/test_n_node_sums.py::test_every_beat_keeps_the_composition_rules_for_any_number_of_nodes",
        "tests/test_n_node_sums.py::test_three_lines_stack_bottom_node_first_and_rows_leave_out_the_zeros",
        "tests/test_n_node_sums.py::test_eight_lines_stack_in_node_order_and_the_long_sum_is_written_compactly",
        "tests/test_n_node_sums.py::test_the_cards_count_the_nodes_and_the_steps",
        "tests/test_n_node_sums.py::test_swap_hands_over_a_diagram_of_the_lessons_nodes",
        "tests/test_n_node_sums.py::test_wedge_opens_on_the_picture_orange_line_ended_on_for_any_number_of_nodes",
    ),
    "lays out the title card and checks its diagram's rules for 1 and 3 to 8 nodes (about 100 s of CPU)": (
        "tests/test_components.py::test_the_title_card_draws_a_diagram_of_any_number_of_nodes_with_words_that_read",
    ),
    "plays wedge, shapes and orange-line for other networks to read their words (the shape, the worked example)": (
        "tests/test_story_shapes.py::test_one_node_draws_a_ramp_in_wedge_and_shapes_and_no_peak_is_said",
        "tests/test_story_shapes.py::test_three_nodes_still_draw_a_wedge_and_eight_draw_two_bumps",
        "tests/test_story_shapes.py::test_orange_line_works_its_example_where_the_bottom_node_is_active",
        "tests/test_story_shapes.py::test_scale_top_says_the_axes_stay_when_the_scaled_line_fits_them",
    ),
    "drives headless Chromium (one browser test stays in the quick tier: QUICK)": (
        "tests/test_explorer_browser.py",
        "tests/test_lecture_browser.py",
        "tests/test_escaping.py::test_hostile_names_show_literally_and_the_script_still_runs",
        "tests/test_scorm.py::test_a_learner_watches_half_then_comes_back_for_the_rest",
        "tests/test_scorm.py::test_skipping_to_the_end_is_not_watching_and_a_completed_record_stays_completed",
        "tests/test_scorm.py::test_the_api_is_found_through_the_opener_too",
        "tests/test_scorm.py::test_without_a_platform_the_page_works_as_before_and_nothing_errors",
        "tests/test_narration.py::test_the_narrated_video_plays_in_chromium_with_its_sound_decoded",
        "tests/test_narration.py::test_the_lecture_page_turns_narration_off_and_on_and_remembers_it",
    ),
    "converts the deck to PDF with LibreOffice Impress (soffice starts in about 10 s)": (
        "tests/test_lecture.py::test_impress_shows_every_slide_16_9_with_its_key_sentence_above_its_video",
    ),
    "starts a Dask cluster": (
        "tests/test_batch_chunks.py::test_a_dask_cluster_of_two_splits_a_lone_stage_and_gives_the_bytes_of_one_worker",
        "tests/test_batch.py::test_dask_cluster_renders_two_real_stages",
        "tests/test_batch_trust.py::test_scheduler_without_workers_says_so_after_the_documented_wait",
    ),
    "narrates with a real voice: synthesis and sound encoding": (
        "tests/test_said_is_shown.py::test_every_number_a_cue_says_is_on_screen_while_it_is_said",
        "tests/test_labels_read.py::test_no_text_or_token_covers_a_label_while_its_number_is_said",
        "tests/test_narration.py::test_a_stage_narrated_by_joe_has_its_words_where_its_captions_are",
        "tests/test_narration.py::test_espeak_in_webm_is_opus_and_the_same_inputs_give_the_same_bytes",
        "tests/test_narration.py::test_frames_and_stills_cache_clips_in_the_users_cache_never_in_the_current_folder",
        "tests/test_narration.py::test_the_picture_at_the_end_of_every_beat_is_the_same_with_any_voice",
    ),
    "renders and joins real stages, several times or in processes it stops or kills (5-20 s each)": (
        "tests/test_render.py::test_render_all_of_real_stages_writes_them_and_the_joined_lesson",
        "tests/test_render.py::test_join_lasts_as_long_as_its_parts_with_chapters",
        "tests/test_batch.py::test_a_killed_worker_fails_its_stage_only_and_the_next_run_finishes",
        (
            "tests/test_batch.py::"
            "test_ctrl_c_or_sigterm_exits_128_plus_the_signal_leaves_nothing_partial_and_the_next_run_finishes"
        ),
        "tests/test_batch.py::test_two_batches_at_once_on_one_media_folder_both_finish",
        "tests/test_batch.py::test_workers_report_frames_as_they_draw",
        "tests/test_batch.py::test_json_manifest_describes_every_output",
        "tests/test_batch.py::test_editing_one_scene_renders_that_scene_and_the_lesson_only",
        "tests/test_batch_trust.py::test_an_output_changed_in_place_is_rendered_again_and_a_touched_one_is_not",
        "tests/test_batch_trust.py::test_a_stage_is_out_of_date_exactly_when_a_file_its_render_read_changes",
        "tests/test_ownership.py::test_clean_removes_what_a_killed_render_really_leaves_and_nothing_else",
        "tests/test_lecture.py::test_a_failing_stage_writes_no_package",
        "tests/test_stages.py::test_a_scene_file_renders_with_plain_manim",
    ),
    "renders every stage and card twice (in one piece and in chunks), or a split stage in processes": (
        "tests/test_chunks.py::test_a_stage_in_chunks_is_the_same_bytes_as_in_one_piece",
        "tests/test_chunks.py::test_a_stage_in_chunks_at_low_quality_is_the_same_bytes",
        "tests/test_chunks.py::test_the_plan_counts_every_animation_and_the_video_s_length",
        "tests/test_chunks.py::test_a_chunk_reaches_its_start_exactly_where_updaters_count_frames_and_follow_rate_functions",
        "tests/test_chunks.py::test_a_skip_to_a_chunk_s_start_leaves_the_state_of_playing_every_frame",
        "tests/test_batch_chunks.py::test_a_stage_alone_on_two_workers_is_split_and_gives_the_bytes_of_one_worker",
        "tests/test_batch_chunks.py::test_a_split_stage_is_one_line_of_progress",
        "tests/test_batch_chunks.py::test_ctrl_c_while_chunks_render_exits_128_plus_the_signal_and_leaves_nothing",
        "tests/test_batch_chunks.py::test_a_killed_chunk_worker_fails_the_stage_in_one_line_and_the_next_run_finishes",
        "tests/test_batch_chunks.py::test_by_default_a_lone_stage_is_split_on_four_cores_and_not_on_two",
    ),
    "plays a whole stage of its own beside the shared play": (
        "tests/test_frames_any_scene.py::test_a_lesson_scene_keeps_its_beats",
    ),
    "draws stages twice, with Manim's renderer and the layered one, and compares every frame (1-2 min)": (
        "tests/test_layers.py::test_a_stage_is_drawn_to_the_byte_as_manim_draws_it_at_480p",
        "tests/test_layers.py::test_every_other_stage_and_card_is_drawn_to_the_byte_as_manim_draws_it",
    ),
    "waits out a bound on purpose": (
        "tests/test_batch_trust.py::test_scheduler_that_is_not_dask_fails_within_the_bound_and_leaves_nothing",
    ),
    "tries many random inputs (Hypothesis), each a command run": (
        "tests/test_files.py::test_any_value_for_any_key_is_exit_0_or_one_line",
        "tests/test_fuzz.py::test_nothing_outside_a_commands_own_outputs_changes",
    ),
}

#: Tests the quick tier keeps although :data:`SLOW` names them, and why.
QUICK: dict[str, str] = {
    "tests/test_explorer_browser.py::test_trace_equals_relu_anim_trace_json_at_random_dosages[relu-relu]": (
        "the one browser test: the page's script against the Python model, in Chromium"
    ),
}

#: The kind of slow test that reads a stage's every-0.25 s moments (see :func:`stage_frames`).
GRID_READERS = SLOW["reads a stage's moments every 0.25 s (a play twice the cost of its beats)"]


def names(name: str, nodeid: str) -> bool:
    """Whether ``name`` (a module, a test, or a node id: see :data:`SLOW`) names ``nodeid``."""
    return nodeid == name or nodeid.startswith((f"{name}::", f"{name}["))


def slow_reason(nodeid: str) -> str | None:
    """Why the test ``nodeid`` is slow (:data:`SLOW`), or None: it is in the quick tier."""
    if nodeid in QUICK:
        return None
    return next((why for why, listed in SLOW.items() if any(names(name, nodeid) for name in listed)), None)


@pytest.hookimpl(tryfirst=True)  # before ``-m`` chooses by the markers
def pytest_collection_modifyitems(items):
    """Mark the slow tests (:data:`SLOW`). Then the whole lesson's renders first: theirs is
    the longest group by far (most of the suite's time), so the other worker runs the rest
    beside it, not after it."""
    for item in items:
        why = slow_reason(item.nodeid)
        if why:
            item.add_marker(pytest.mark.slow(reason=why))
    items.sort(key=lambda item: not item.nodeid.startswith("tests/test_lesson_renders.py"))


def pytest_collection_finish(session):
    """Whether the stages' shared plays take the every-0.25 s moments: only when a test
    chosen for this run reads them (the quick tier's do not, and its plays cost half)."""
    global _GRID
    _GRID = any(
        "grid_frames" in item.fixturenames or any(names(name, item.nodeid) for name in GRID_READERS)
        for item in session.items
    )


def pytest_xdist_make_scheduler(config, log):
    """Tests run in two worker processes (pytest-xdist); a stage's tests all go to the
    worker that played it, so each stage is played once per run (see :func:`stage_group`)."""
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # in collection order: the lesson's renders first

    class ByStage(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return stage_group(nodeid)

    return ByStage(config, log)


def stage_group(nodeid: str) -> str:
    """The stage a test belongs to (its scene test file, or a stage name as its
    parameter), a module whose tests share one costly fixture, or the test itself."""
    from relu_anim.stages import STAGES

    path, _, rest = nodeid.partition("::")
    if path.endswith("test_lesson_renders.py"):
        return path  # renders the whole lesson twice, once per run (its tests name stages too)
    for stage in STAGES:
        if path.endswith(f"test_scene_{stage.name.replace('-', '_')}.py") or rest.endswith(
            (f"[{stage.name}]", f"->{stage.name}]")  # a handover "a->b" reads b's play
        ):
            return stage.name
    if path.endswith("test_escaping.py"):
        return "tests/test_lecture_browser.py"  # shares its lecture package (one build per worker)
    if path.endswith(
        (
            "test_render.py",
            "test_lecture.py",
            "test_lecture_browser.py",
            "test_fitted_lesson.py",
            "test_cards.py",
            "test_scorm.py",
            "test_narration.py",  # its stage narrated by joe, rendered once (Part 1's plays go by stage)
        )
    ):
        return path  # a module- or session-wide fixture builds videos or a package once
    return nodeid


_FRAMES: dict[tuple[str, bool], Frames] = {}
#: Grid moments for the composition rules, taken in the same play as the beats.
EVERY = 0.25
#: Whether the shared plays take the grid moments too (:func:`pytest_collection_finish`).
_GRID = True


def grid_plays() -> bool:
    """Whether this run's shared plays take the grid moments (a card's too: tests/test_cards.py)."""
    return _GRID


def _play(name: str, grid: bool) -> Frames:
    """The stage's one play in this test process, with or without the grid moments."""
    if (name, grid) not in _FRAMES:
        _FRAMES[name, grid] = capture_frames(name, every=EVERY if grid else None)
    return _FRAMES[name, grid]


def grid_stage_frames(name: str) -> Frames:
    """The stage's frame data at the end of every beat, at its last frame, and every
    :data:`EVERY` seconds (computed once per test process; the played scene is ``.scene``)."""
    return _play(name, grid=True)


def grid_moment(name: str, time: float):
    """The stage's grid moment at ``time`` (a multiple of :data:`EVERY`), from its one play."""
    return next(m for m in grid_stage_frames(name).moments if m.on_grid and m.time == time)


def stage_frames(name: str) -> Frames:
    """The stage's frame data at the end of every beat and at its last frame: the same
    play as :func:`grid_stage_frames` when this run reads grid moments, else a play of
    the beats alone (the same moments, at half the cost)."""
    return _play(name, grid=_GRID).named()


@pytest.fixture(scope="session")
def frames():
    """``frames("wedge")``: :func:`stage_frames`."""
    return stage_frames


@pytest.fixture(scope="session")
def grid_frames():
    """``grid_frames("wedge")``: :func:`grid_stage_frames`."""
    return grid_stage_frames


@pytest.fixture(scope="session")
def played():
    """``played("wedge")``: the stage played to its end, its mobjects in place."""
    return lambda name: stage_frames(name).scene


@pytest.fixture(scope="session")
def screens():
    """``screens("wedge")``: the stage's frame records (:mod:`relu_anim.frames`) at the
    end of every beat, then at its last frame: what the viewer sees, in data coordinates.
    The stage tests read these (helpers in tests/screen.py), not the played scene."""
    return lambda name: [m.record for m in stage_frames(name).moments]


@pytest.fixture(scope="module")
def records(request, screens):
    """In a stage's test file (``tests/test_scene_bent_line.py``): :func:`screens` of its
    stage, named by the file."""
    return screens(scene_test_stage(request.module.__file__))


@pytest.fixture(scope="module")
def end(records):
    """The frame record of the file's stage at its last frame."""
    return records[-1]


def scene_test_stage(path: str) -> str:
    """``.../test_scene_bent_line.py`` -> ``"bent-line"``."""
    name = Path(path).stem
    assert name.startswith("test_scene_"), f"{name} is not a stage's test file"
    return name.removeprefix("test_scene_").replace("_", "-")


@pytest.fixture(scope="session")
def beats():
    """``beats("wedge")``: ``[(caption, graphs), ...]`` at the end of every beat, where
    ``graphs`` maps each graph on screen to its frame record (ranges and marks in data
    coordinates; see :mod:`relu_anim.frames`)."""
    return lambda name: [
        (m.caption, m.record["graphs"]) for m in stage_frames(name).moments if m.label.startswith("beat")
    ]


def marks_outside(graph: dict) -> list[str]:
    """The marks of a graph record that leave its visible ranges (beyond rounding)."""
    (x0, x1), (y0, y1), tol = graph["x_range"], graph["y_range"], 1e-4
    outside = []
    for name, mark in graph["marks"].items():
        xs = mark["x"] if isinstance(mark["x"], list) else [mark["x"]]
        ys = mark.get("y", [mark.get("from"), mark.get("to")])
        ys = ys if isinstance(ys, list) else [ys]
        if any(not x0 - tol <= x <= x1 + tol for x in xs) or any(not y0 - tol <= y <= y1 + tol for y in ys):
            outside.append(name)
    return outside


# -- a lecture package of ten tiny stages (tests/test_lecture*.py) ------------------------


def build_lecture_package(tmp_path_factory, *options: str) -> tuple[Path, Path]:
    """``relu-anim lecture -q t [options]`` over a lesson of ten tiny stages
    (tests/lecture_stages.py): the package folder and its media folder (a few seconds)."""
    from click.testing import CliRunner

    from relu_anim.cli import main
    from relu_anim.stages import use_stages

    from .lecture_stages import TEN

    media = tmp_path_factory.mktemp("lecture-media")
    with use_stages(TEN):
        result = CliRunner().invoke(main, ["lecture", "-q", "t", *options, "--quiet", "--media-dir", str(media)])
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip()), media


@pytest.fixture(scope="session")
def lecture_package(tmp_path_factory):
    """The package of ten tiny stages (:func:`build_lecture_package`), light, built once per session."""
    return build_lecture_package(tmp_path_factory)


@pytest.fixture(scope="session")
def dark_lecture_package(tmp_path_factory):
    """The same package, ``--theme dark``: dark videos, a dark page."""
    return build_lecture_package(tmp_path_factory, "--theme", "dark")

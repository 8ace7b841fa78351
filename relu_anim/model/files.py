"""Network files (TOML) and data files (CSV): read, check, write.

A network file holds everything a lesson needs besides the recap: the parameters
(three per hidden node and the final bias), the two activations, the data and the
names shown on screen::

    schema = 2                     # the form of the file: 2, with [[hidden]] tables
    name = "part3"                 # optional; default: the file's name without .toml
    hidden_activation = "relu"     # relu | softplus | sigmoid
    output_activation = "relu"     # relu | none
    final_bias = -16.0

    [[hidden]]                     # one table per hidden node (1 to 8), top first
    weight = 1.7
    bias = -0.85
    output_weight = -40.8

    [[hidden]]                     # the next node down: here the bottom one
    weight = 12.6
    bias = 0.0
    output_weight = 2.7

    [input]                        # optional, these are the defaults
    name = "Dosage"
    unit = ""
    labels = ["Low", "Medium", "High"]   # under dosage 0, 0.5 and 1

    [output]                       # optional
    name = "Effectiveness"
    unit = ""

    [data]                         # at least two different dosages, each in 0..1
    dosage = [0.0, 0.5, 1.0]
    observed = [0.0, 1.0, 0.0]

The first form (schema 1, without ``schema``) gives exactly two nodes as ``[top]`` and
``[bottom]`` tables of the same three keys; it still reads, unchanged in meaning, but a
file gives its nodes one way or the other, not both. Files are written in the new form.

A data file is a CSV with a header line and two columns, dosage and observed value.

Every problem is a :class:`FileError` whose message is one line naming the file and
the key (``mine.toml: hidden[3].bias: ...``) or the line (``data.csv:4: ...``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import os
import re
import stat
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..destination import umask
from .network import ACTIVATION_TABLE, HIDDEN_ACTIVATIONS, MAX_HIDDEN, DataSet, HiddenNode, ModelError, Network

#: Dosages run from low (0) to high (1): the axis every scene draws.
DOSAGE_RANGE = (0.0, 1.0)
#: Parameters and observations beyond this size are surely a typo, and would overflow.
LARGEST = 1e6
#: Names and labels longer than this do not fit on screen.
LONGEST_NAME = 30
#: The largest network or data file read (the storyboard's is under 1 KB).
MAX_BYTES = 1_000_000
#: What a file's ``output_activation`` says, and the model's name for it ("none": identity).
OUTPUT_ACTIVATIONS = {a.output_word: a.name for a in ACTIVATION_TABLE if a.output_word}
DEFAULT_LABELS = ("Low", "Medium", "High")
#: The form of network file written (``[[hidden]]`` tables); schema 1 had ``[top]`` and ``[bottom]``.
SCHEMA = 2
#: What a hidden node's table holds, in the order written.
NODE_KEYS = tuple(field.name for field in dataclasses.fields(HiddenNode))


class FileError(ModelError):
    """A network or data file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Names:
    """What the input and output are called on screen, and the dosage axis' labels."""

    input: str = "Dosage"
    input_unit: str = ""
    output: str = "Effectiveness"
    output_unit: str = ""
    labels: tuple[str, str, str] = DEFAULT_LABELS  # under dosage 0, 0.5 and 1

    @property
    def input_title(self) -> str:
        return f"{self.input} ({self.input_unit})" if self.input_unit else self.input

    @property
    def output_title(self) -> str:
        return f"{self.output} ({self.output_unit})" if self.output_unit else self.output


@dataclass(frozen=True)
class NetworkFile:
    """The contents of a network file."""

    network: Network
    data: DataSet
    names: Names = Names()


# --- reading ---------------------------------------------------------------------------


def read_text(path: Path | str) -> str:
    """A file's text, or :class:`FileError` if it is unreadable, not a regular file,
    larger than :data:`MAX_BYTES`, binary or not UTF-8."""
    path = Path(path)
    try:
        raw = _read_regular_file(path)
    except OSError as error:
        raise FileError(f"{path}: cannot read it: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:  # it grew after it was measured
        _too_large(path)
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise FileError(f"{path}:{line}: a binary file, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileError(f"{path}:{line}: not UTF-8 text") from None
    return text.removeprefix("\ufeff")


def _read_regular_file(path: Path) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes of ``path``, which must be a regular file: a named
    pipe would block the read forever, a device (``/dev/zero``) never ends, and a folder or
    a socket has no text. Checked before opening, and again on what was opened (the path
    may have changed in between); opened without blocking, so a pipe is never waited on."""
    _check_regular(path, os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        status = os.fstat(fd)
        _check_regular(path, status.st_mode)
        if status.st_size > MAX_BYTES:
            _too_large(path)  # said without reading it
        return file.read(MAX_BYTES + 1)


def _too_large(path: Path):
    raise FileError(f"{path}: too large for a network or data file (over {MAX_BYTES:,} bytes)")


#: What a path that is not a regular file is, by its mode (``stat.S_IFMT``).
_NOT_REGULAR = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _check_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _NOT_REGULAR.get(stat.S_IFMT(mode), "not a file")
        raise FileError(f"{path}: cannot read it: {kind}, not a regular file")


def read_network_file(path: Path | str) -> NetworkFile:
    """Read and check a network file (see the module's docstring for its keys)."""
    path = Path(path)
    text = read_text(path)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileError(f"{path}:{_toml_error(error)}") from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise FileError(f"{path}: not a network file: its arrays or tables are nested too deeply to read") from None
    return network_file_from_table(table, path)


def _toml_error(error: tomllib.TOMLDecodeError) -> str:
    """``"3: Invalid value"`` from ``"Invalid value (at line 3, column 9)"``."""
    message = str(error)
    match = re.search(r"\(at line (\d+), column \d+\)|\(at end of document\)", message)
    where = match.group(1) if match and match.group(1) else "end"
    return f"{where}: not valid TOML: {message[: match.start()].strip() if match else message}"


def network_file_from_table(table: dict, path: Path | str) -> NetworkFile:
    """Check a parsed network file; ``path`` names the file in error messages."""
    keys = _Keys(table, Path(path))
    keys.only(
        {"schema", "name", "hidden_activation", "output_activation", "final_bias", "hidden", "top", "bottom"}
        | {"input", "output", "data"}
    )
    name = keys.text("name", default=Path(path).stem)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        keys.fail("name", "use letters, digits, '.', '_' and '-' only (it names the output folder)")
    hidden = keys.choice("hidden_activation", HIDDEN_ACTIVATIONS, default="relu")
    output = OUTPUT_ACTIVATIONS[keys.choice("output_activation", tuple(OUTPUT_ACTIVATIONS), default="relu")]
    nodes = read_nodes(keys)
    network = Network(name, nodes, keys.number("final_bias"), hidden, output)
    return NetworkFile(network, read_data_table(keys.table("data")), read_names(keys))


def read_nodes(keys: _Keys) -> tuple[HiddenNode, ...]:
    """The hidden nodes, top first: ``[[hidden]]`` tables (schema 2), or the first
    form's ``[top]`` and ``[bottom]`` (schema 1); one form or the other, not both."""
    old = [key for key in ("top", "bottom") if key in keys.values]
    schema = keys.values.get("schema", 1 if old else SCHEMA)
    if isinstance(schema, bool) or schema not in (1, SCHEMA):
        keys.fail("schema", f"unknown schema {schema!r}; this relu-anim reads 1 ([top] and [bottom]) and {SCHEMA}")
    if old and "hidden" in keys.values:
        keys.fail(old[0], "give the nodes as [[hidden]] tables or as [top] and [bottom], not both")
    if schema == 1:
        if "hidden" in keys.values:
            keys.fail("hidden", "schema 1 gives the nodes as [top] and [bottom]; [[hidden]] tables need schema = 2")
        return tuple(read_node(keys.table(which)) for which in ("top", "bottom"))
    if old:
        keys.fail(old[0], f"schema {SCHEMA} gives the nodes as [[hidden]] tables, top first, not [top] and [bottom]")
    if "hidden" not in keys.values:
        keys.fail("hidden", "missing: give one [[hidden]] table per hidden node, top first")
    tables = keys.values["hidden"]
    if not isinstance(tables, list):
        keys.fail("hidden", f"expected [[hidden]] tables, one per node, got {_kind(tables)}")
    if not 1 <= len(tables) <= MAX_HIDDEN:
        keys.fail("hidden", f"{len(tables)} nodes; a network has 1 to {MAX_HIDDEN} hidden nodes")
    return tuple(read_node(keys.table_of(f"hidden[{i}]", table)) for i, table in enumerate(tables))


def read_node(node: _Keys) -> HiddenNode:
    """One hidden node's table: its weight, bias and output weight, nothing else."""
    node.only(set(NODE_KEYS))
    return HiddenNode(*(node.number(key) for key in NODE_KEYS))


def read_names(keys: _Keys) -> Names:
    given = keys.table("input", optional=True)
    given.only({"name", "unit", "labels"})
    taken = keys.table("output", optional=True)
    taken.only({"name", "unit"})
    labels = given.texts("labels", count=3, default=DEFAULT_LABELS)
    return Names(
        input=given.text("name", default="Dosage"),
        input_unit=given.text("unit", default="", empty=True),
        output=taken.text("name", default="Effectiveness"),
        output_unit=taken.text("unit", default="", empty=True),
        labels=labels,
    )


def read_data_table(keys: _Keys) -> DataSet:
    keys.only({"dosage", "observed"})
    dosage, observed = keys.numbers("dosage"), keys.numbers("observed")
    if len(dosage) != len(observed):
        keys.fail("observed", f"has {len(observed)} values but data.dosage has {len(dosage)}")
    rows = [(d, o, f"{keys.where('dosage')}[{i}]") for i, (d, o) in enumerate(zip(dosage, observed))]
    return check_data(rows, keys.path, keys.where("dosage"))


def read_data_csv(path: Path | str) -> tuple[DataSet, Names]:
    """A CSV with a header line and two columns: dosage, observed value.

    The header's two titles become the input's and output's names."""
    path = Path(path)
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    numbered = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                numbered.append((reader.line_num, row))
    except csv.Error as error:
        raise FileError(f"{path}:{reader.line_num}: not a CSV line: {error}") from None
    if not numbered:
        raise FileError(f"{path}: empty: expected a header line and then one line per data point")
    for n, row in numbered:
        if len(row) != 2:
            raise FileError(f"{path}:{n}: expected 2 columns (dosage, observed), found {len(row)}")
    (_, header), *body = numbered
    if all(_is_number(cell) for cell in header):
        raise FileError(f"{path}:{numbered[0][0]}: expected a header line (e.g. dosage,effectiveness) first")
    rows = []
    for n, row in body:
        values = []
        for cell in row:
            if not _is_number(cell):
                raise FileError(f"{path}:{n}: {cell.strip()!r} is not a number")
            values.append(float(cell))
        rows.append((*values, str(n)))
    data = check_data(rows, path, "data")
    titles = [_short(cell.strip()) for cell in header]
    for title in titles:
        problem = name_problem(title, empty=True)  # empty: the default name
        if problem:
            raise FileError(f"{path}:{numbered[0][0]}: the title {title!r} {problem}")
    defaults = Names()
    names = Names(
        input=titles[0] or defaults.input,
        output=titles[1] or defaults.output,
    )
    return data, names


def read_data(path: Path | str) -> tuple[DataSet, Names]:
    """The data of a CSV file, or of a network file (``.toml``) with its names."""
    if Path(path).suffix.lower() == ".toml":
        contents = read_network_file(path)
        return contents.data, contents.names
    return read_data_csv(path)


def check_data(rows: list[tuple[float, float, str]], path: Path, what: str) -> DataSet:
    """Check (dosage, observed, where) rows; ``where`` is a line number or a key.

    Each value must be finite and not huge, each dosage in 0..1, a dosage may not
    appear twice with two different values, and there must be two dosages at least."""

    def fail(where: str, problem: str):
        sep = ":" if where.isdigit() else ": "
        raise FileError(f"{path}{sep}{where}: {problem}")

    seen: dict[float, float] = {}
    for dosage, observed, where in rows:
        for value in (dosage, observed):
            if not math.isfinite(value):
                fail(where, f"{value} is not a finite number")
            if abs(value) > LARGEST:
                fail(where, f"{value:g} is too large (keep values within ±{LARGEST:g})")
        low, high = DOSAGE_RANGE
        if not low <= dosage <= high:
            fail(where, f"dosage {dosage:g} is outside {low:g} (low) to {high:g} (high); rescale the dosages")
        if dosage in seen and seen[dosage] != observed:
            fail(where, f"dosage {dosage:g} appears twice, with {seen[dosage]:g} and {observed:g}")
        seen[dosage] = observed
    if len(seen) < 2:
        found = "no data points" if not rows else "only one dosage"
        raise FileError(f"{path}: {what}: {found}; a network needs data at two dosages at least")
    dosage, observed = zip(*seen.items())
    return DataSet(np.array(dosage), np.array(observed))


def name_problem(value: str, empty: bool = False) -> str | None:
    """Why ``value`` cannot be a name or label shown on screen, or ``None``: the one rule
    for network files' names and CSV headers (what ``fit`` writes, ``trace`` reads)."""
    if not empty and not value.strip():
        return "is empty"
    if len(value) > LONGEST_NAME:
        return f"too long to fit on screen ({len(value)} characters; at most {LONGEST_NAME})"
    if any(ord(c) < 32 or ord(c) == 127 for c in value):  # TOML strings hold none raw (DEL included)
        return "contains a control character (a line break or tab)"
    return None


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _short(text: str) -> str:
    return text[:LONGEST_NAME]


class _Keys:
    """Typed access to one TOML table; every failure names the file and the dotted key."""

    def __init__(self, table: dict, path: Path, prefix: str = "") -> None:
        self.values, self.path, self.prefix = table, path, prefix

    def where(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def fail(self, key: str, problem: str):
        raise FileError(f"{self.path}: {self.where(key)}: {problem}")

    def get(self, key: str, default=None):
        if key in self.values:
            return self.values[key]
        if default is None:
            self.fail(key, "missing")
        return default

    def only(self, known: set[str]) -> None:
        for key in self.values:
            if key not in known:
                self.fail(key, f"unknown key; expected one of: {', '.join(sorted(known))}")

    def table_of(self, key: str, value) -> _Keys:
        if not isinstance(value, dict):
            self.fail(key, f"expected a table ([{self.where(key)}]), got {_kind(value)}")
        return _Keys(value, self.path, f"{self.where(key)}.")

    def table(self, key: str, optional: bool = False) -> _Keys:
        return self.table_of(key, self.get(key, {} if optional else None))

    def number(self, key: str) -> float:
        return self.check_number(key, self.get(key))

    def check_number(self, key: str, value) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(key, f"expected a number, got {_kind(value)}")
        value = float(value)
        if not math.isfinite(value):
            self.fail(key, f"{value} is not a finite number")
        if abs(value) > LARGEST:
            self.fail(key, f"{value:g} is too large (keep values within ±{LARGEST:g})")
        return value

    def numbers(self, key: str) -> list[float]:
        values = self.get(key)
        if not isinstance(values, list):
            self.fail(key, f"expected a list of numbers, got {_kind(values)}")
        return [self.check_number(f"{key}[{i}]", value) for i, value in enumerate(values)]

    def text(self, key: str, default: str | None = None, empty: bool = False) -> str:
        value = self.get(key, default)
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_kind(value)}")
        return self.check_text(key, value, empty)

    def check_text(self, key: str, value: str, empty: bool = False) -> str:
        problem = name_problem(value, empty)
        if problem:
            self.fail(key, problem)
        return value

    def texts(self, key: str, count: int, default: tuple[str, ...]) -> tuple[str, ...]:
        values = self.get(key, list(default))
        if not isinstance(values, list) or len(values) != count:
            self.fail(key, f"expected a list of {count} strings, got {_kind(values)}")
        for i, value in enumerate(values):
            if not isinstance(value, str):
                self.fail(f"{key}[{i}]", f"expected a string, got {_kind(value)}")
            self.check_text(f"{key}[{i}]", value)
        return tuple(values)

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key, default)
        if value not in choices:
            self.fail(key, f"unknown activation {value!r}; choose one of: {', '.join(choices)}")
        return value


def _kind(value) -> str:
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return {bool: "true/false", str: "a string", int: "an integer", float: "a number", dict: "a table"}.get(
        type(value), type(value).__name__
    )


# --- writing ---------------------------------------------------------------------------


def format_network_file(contents: NetworkFile, comment: str = "") -> str:
    """The TOML text of a network file; reading it back gives the same numbers exactly."""
    net, data, names = contents.network, contents.data, contents.names
    output = {model: word for word, model in OUTPUT_ACTIVATIONS.items()}[net.output_activation]
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += [
        f"schema = {SCHEMA}",
        f"name = {_string(net.name)}",
        f"hidden_activation = {_string(net.hidden_activation)}",
        f"output_activation = {_string(output)}",
        f"final_bias = {_number(net.final_bias)}",
    ]
    for node in net.hidden:
        lines += ["", "[[hidden]]"]
        lines += [f"{key} = {_number(getattr(node, key))}" for key in NODE_KEYS]
    lines += [
        "",
        "[input]",
        f"name = {_string(names.input)}",
        f"unit = {_string(names.input_unit)}",
        f"labels = [{', '.join(_string(label) for label in names.labels)}]",
        "",
        "[output]",
        f"name = {_string(names.output)}",
        f"unit = {_string(names.output_unit)}",
        "",
        "[data]",
        f"dosage = [{', '.join(_number(v) for v in data.dosage)}]",
        f"observed = [{', '.join(_number(v) for v in data.observed)}]",
    ]
    return "\n".join(lines) + "\n"


def write_network_file(contents: NetworkFile, path: Path | str, comment: str = "") -> Path:
    """Write a network file atomically: a finished file or none, never half of one."""
    path = Path(path)
    text = format_network_file(contents, comment)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise FileError(f"{path}: cannot write it: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(name, 0o666 & ~umask())
        os.replace(name, path)
    except OSError as error:
        raise FileError(f"{path}: cannot write it: {error.strerror or error}") from None
    finally:
        Path(name).unlink(missing_ok=True)
    return path


def _number(value: float) -> str:
    return repr(float(value))  # shortest text that reads back as the same float


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string

"""The worker's inside contract (julia/INSIDE.md): its Julia half, its Python half and the document agree on
every name and number they share. Read from the sources, without Julia."""

from __future__ import annotations

import ast
import importlib
import re
import sys

import pytest

from metapoly import protocol
from metapoly.locate import julia_project_dir

SRC = julia_project_dir() / "src"
PY = SRC / "python" / "_metapoly_worker"
INSIDE = (julia_project_dir() / "INSIDE.md").read_text()
sys.path.insert(0, str(SRC / "python"))


def julia(path: str) -> str:
    return (SRC / path).read_text()


def all_julia() -> str:
    return "\n".join(p.read_text() for p in sorted(SRC.rglob("*.jl")))


def julia_function(path: str, name: str) -> str:
    """The text of Julia function `name` in `path`, to its closing `end` at the start of a line."""
    text = julia(path)
    start = text.index(f"function {name}(")
    return text[start:text.index("\nend\n", start)]


def python_function(module: str, name: str) -> str:
    text = (PY / module).read_text()
    node = next(n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_source_segment(text, node) or ""


def strings(pattern: str, text: str) -> set[str]:
    return set(re.findall(pattern, text))


def compared_tags(text: str) -> set[str]:
    """Tags a function tells apart: `t == "x"` and `t in ("x", "y")`."""
    tags = strings(r'\bt == "(\w+)"', text)
    for group in re.findall(r"\bt in \(([^)]*)\)", text):
        tags |= strings(r'"(\w+)"', group)
    return tags


def table_column(heading: str) -> list[str]:
    """The first column (`name`) of the first table after `heading` in INSIDE.md."""
    lines = [line.strip() for line in INSIDE[INSIDE.index(heading):].splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = lines[start:next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), None)]
    return [m.group(1) for line in table if (m := re.match(r"\| `(\w+)` \|", line))]


def tag_list(lead: str) -> set[str]:
    """The tags listed after `lead` in INSIDE.md, up to the end of its paragraph."""
    paragraph = INSIDE[INSIDE.index(lead):].split("\n\n")[0]
    return strings(r"`(\w+)`", paragraph.split(":", 1)[1])


ENTRY_POINTS = re.findall(r":(\w+)", re.search(r"const ENTRY_POINTS = \((.*?)\)", julia(
    "Runtime/python_runtime.jl"), re.S).group(1))


@pytest.mark.fast
def test_the_entry_points_are_the_same_on_both_sides_and_in_the_contract():
    runtime = importlib.import_module("_metapoly_worker")
    assert ENTRY_POINTS == list(runtime.__all__)
    assert all(callable(getattr(runtime, name)) for name in ENTRY_POINTS)
    assert table_column("## Julia calls Python: the runtime's entry points") == ENTRY_POINTS


@pytest.mark.fast
def test_julia_calls_only_entry_points():
    source = all_julia()
    called = strings(r"runtime_(?:call|ref)\(:(\w+)", source) | strings(r"python_step\(:(\w+)", source)
    assert called and called <= set(ENTRY_POINTS), called - set(ENTRY_POINTS)


@pytest.mark.fast
def test_the_objects_julia_reads_exist_in_python():
    read = re.findall(r'runtime_global\("(\w+)", "(\w+)"\)', all_julia())
    assert len(read) == 3
    for module, name in read:
        assert hasattr(importlib.import_module(f"_metapoly_worker.{module}"), name), (module, name)
        assert f"| `{module}` | `{name}` |" in INSIDE
    comms = importlib.import_module("_metapoly_worker.comms")
    used = strings(r"comms_module\(\)\.(\w+)", julia("API/comms.jl"))
    assert used == {"open_comm", "send_comm", "close_comm", "julia_callback", "register_julia_target"}
    assert all(callable(getattr(comms, name)) for name in used)
    assert all(f"`{name}`" in INSIDE for name in used)


@pytest.mark.fast
def test_julia_op_numbers_the_methods_alike_on_both_sides():
    table = re.search(r"const METHODS = \[(.*?)\n\]", julia("JlWrap/entry.jl"), re.S).group(1)
    julia_names = re.findall(r":(\w+) =>", table)
    juliacall = importlib.import_module("juliacall")
    assert julia_names == list(juliacall.METHODS)
    assert len(julia_names) == len(set(julia_names))
    package = "\n".join(p.read_text() for p in (SRC / "python" / "juliacall").glob("*.py"))
    used = strings(r'\bM\.([a-z]\w*)', package)
    assert used and used <= set(julia_names), used - set(julia_names)


@pytest.mark.fast
def test_the_callback_requests_are_those_julia_serves():
    sent = strings(r'"op": "(\w+)"', (PY / "julia_api.py").read_text())
    served = strings(r'\bop == "(\w+)"', julia("JlWrap/julia_api.jl"))
    assert sent == {"eval", "get", "set", "move"} and served <= sent
    assert sent == set(table_column("**`julia_callback`**"))


@pytest.mark.fast
def test_every_description_one_side_makes_the_other_builds():
    julia_builds = compared_tags(julia_function("Convert/bridge.jl", "from_description"))
    julia_makes = strings(r'"t" => "(\w+)"', julia("Convert/bridge.jl"))
    python_builds = compared_tags(python_function("bridge.py", "build"))
    # (The values of "t": `"t": "none"`, `"t": "tuple" if ... else "set",`.)
    python_makes = {tag for value in re.findall(r'"t": ("\w+"(?: if [^,]+, \w+\) else "\w+")?)',
                                                (PY / "bridge.py").read_text())
                    for tag in strings(r'"(\w+)"', value)}
    assert python_makes <= julia_builds, python_makes - julia_builds
    assert julia_makes <= python_builds, julia_makes - python_builds
    assert tag_list("Python describes") == python_makes
    assert tag_list("Julia describes") == julia_makes


@pytest.mark.fast
def test_frame_types_are_spelled_alike_in_both_protocol_files():
    constants = dict(re.findall(r'^const ([A-Z_]+) = "([^"]+)"', julia("Wire/protocol.jl"), flags=re.M))
    assert len(constants) >= 15
    for name, value in constants.items():
        assert getattr(protocol, name) == value, name
    jl_none = re.search(r"^const NO_REQUEST = (\d+)", julia("Wire/protocol.jl"), flags=re.M).group(1)
    assert protocol.NO_REQUEST == int(jl_none)

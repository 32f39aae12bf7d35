"""The examples of PythonCall's and juliacall's own documentation (tests/pythoncall/docs, copied unchanged:
see tests/pythoncall/SOURCES.md) run unchanged in cells of a real kernel and give the documented results:
every `julia>` prompt of pythoncall.md's guide as a Julia cell, the Python blocks of juliacall.md's guide as
Python cells. Outputs are compared after normalising only addresses, paths, random numbers and how Julia
1.5 prints types (Julia 1.6 wrote the documents)."""

from __future__ import annotations

import re
from pathlib import Path

from results import julia_16

DOCS = Path(__file__).parent / "pythoncall" / "docs"

# pythoncall.md's sections whose examples are PythonCall's API (the others install or configure it).
PYTHONCALL_SECTIONS = ("Getting started", "Executing Python scripts", "Conversion between Julia and Python",
                       "Wrapper types")
# Documented outputs that print an implementation's private fields, not the API's results.
PRIVATE_FIELDS = {"y = PyIO(x)": "PyIO's fields (buffers and their sizes) are PythonCall's implementation"}


def sections(markdown: str, titles: tuple) -> str:
    """The text of the `##` sections of `markdown` whose titles (`## Title`, `## [Title](@id ...)`) start
    with one of `titles`."""
    parts = re.split(r"^## ", markdown, flags=re.M)[1:]

    def title(part: str) -> str:
        return re.sub(r"^\[([^]]*)\]\(@id [^)]*\)", r"\1", part.split("\n", 1)[0])

    return "\n".join(part for part in parts if title(part).startswith(titles))


def julia_prompts(text: str) -> list[tuple[str, str]]:
    """(input, documented output) of each `julia>` prompt in the ```julia-repl blocks of `text`."""
    examples = []
    for block in re.findall(r"```julia-repl\n(.*?)```", text, re.S):
        for chunk in re.split(r"^julia> ", block, flags=re.M)[1:]:
            lines = chunk.rstrip("\n").split("\n")
            code = [lines.pop(0)]
            # (Continuation lines are indented by the prompt's width; a blank one inside a string is not.)
            while lines and (lines[0].startswith("       ") or not lines[0].strip() and
                             any(line.startswith("       ") for line in lines[1:2])):
                code.append(lines.pop(0)[7:])
            examples.append(("\n".join(code), "\n".join(lines).strip("\n")))
    return examples


def normalise(text: str) -> str:
    text = julia_16(text)
    text = re.sub(r"0x[0-9a-fA-F]{6,}", "0x…", text)
    return re.sub(r"<module '(\w+)' from '[^']*'>", r"<module '\1' from '…'>", text)


def shown(result) -> str:
    """What a cell showed: its printed text, what it displayed, then its value (text/plain)."""
    displayed = "".join(m["content"]["data"]["text/plain"] for m in result.of_type("display_data"))
    return (result.stream() + displayed + (result.result or "")).strip("\n")


PYTHONCALL_EXAMPLES = julia_prompts(sections((DOCS / "pythoncall.md").read_text(), PYTHONCALL_SECTIONS))


def test_the_documented_pythoncall_examples_were_found():
    assert len(PYTHONCALL_EXAMPLES) >= 25
    assert PYTHONCALL_EXAMPLES[:2] == [
        ("using PythonCall", ""), ('re = pyimport("re")', "Python: <module 're' from '[...]/lib/re.py'>")]


def test_pythoncalls_guide_runs_unchanged_with_the_documented_results(module_kernel):
    """pythoncall.md's guide, prompt by prompt, each a Julia cell, in order (they build on each other)."""
    differences = []
    for code, documented in PYTHONCALL_EXAMPLES:
        result = module_kernel.execute("%%julia\n" + code)
        assert result.status == "ok", (code, result.errors)
        if code in PRIVATE_FIELDS:
            continue
        got, want = normalise(shown(result)), normalise(documented)
        want = want.replace("'[...]/lib/re.py'", "'…'")
        if got != want:
            differences.append(f"{code}\n  documented: {want!r}\n  got:        {got!r}")
    assert not differences, "\n".join(differences)


def python_blocks(text: str) -> list[list[tuple[str, list[str]]]]:
    """The ```python blocks of `text`, each as (statement, documented output lines): a statement's output is
    the `# ` comment lines after it."""
    blocks = []
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        statements: list[tuple[str, list[str]]] = []
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("# ") and statements:
                statements[-1][1].append(line[2:])
            else:
                statements.append((line, []))
        blocks.append(statements)
    return blocks


def test_juliacalls_guide_runs_unchanged_with_the_documented_results(module_kernel):
    """juliacall.md's "Getting started": each statement a Python cell; its documented output, with the random
    numbers of `jl.rand` checked by shape and range rather than by value."""
    text = sections((DOCS / "juliacall.md").read_text(), ("Getting started",))
    blocks = python_blocks(text)
    assert len(blocks) == 4
    for block in blocks:
        for code, documented in block:
            result = module_kernel.execute(code)
            assert result.status == "ok", (code, result.errors)
            got = shown(result)
            if code == "x._jl_display()":
                lines = got.split("\n")
                assert julia_16(lines[0]) == documented[0] == "3×5 Matrix{Int64}:"
                assert all(0 <= int(v) <= 9 for line in lines[1:] for v in line.split()) and len(lines) == 4
            elif code == "numpy.sum(x, axis=0)":
                assert re.fullmatch(r"array\(\[(\s*\d+,){4}\s*\d+\], dtype=int64\)", got), got
            elif documented:
                assert got == "\n".join(documented), code

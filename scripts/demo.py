"""Run a notebook through the installed metapoly kernel and print what each cell produced.

Usage:
    python scripts/demo.py [NOTEBOOK] [--save PATH]

NOTEBOOK defaults to notebooks/01-tour.ipynb of this repository. Every cell runs, even after one fails,
so that all outputs are shown; the exit status is 1 if any cell ended with an error. With --save, the
executed notebook (outputs included) is written to PATH.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_output

DEFAULT_NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01-tour.ipynb"
CELL_RULE = "=" * 72
OUTPUT_RULE = "-" * 72


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line: the notebook to run and an optional --save path."""
    parser = argparse.ArgumentParser(
        description="Run a notebook through the metapoly kernel and show its outputs.")
    parser.add_argument("notebook", nargs="?", type=Path, default=DEFAULT_NOTEBOOK,
                        help="the notebook to run (default: %(default)s)")
    parser.add_argument("--save", metavar="PATH", type=Path, help="also write the executed notebook to PATH")
    return parser.parse_args(argv)


def execute(nb: nbformat.NotebookNode, directory: Path) -> float:
    """Run every cell of `nb` in place through the metapoly kernel, started in `directory`; return the
    seconds taken."""
    client = NotebookClient(
        nb,
        kernel_name="metapoly",
        timeout=600,
        startup_timeout=300,
        allow_errors=True,
        resources={"metadata": {"path": str(directory)}},
    )
    start = time.monotonic()
    client.execute()
    return time.monotonic() - start


def indent(text: str) -> str:
    """`text` without its trailing newlines, each line indented by four spaces."""
    return textwrap.indent(text.rstrip("\n"), "    ")


def describe_output(output: nbformat.NotebookNode) -> str:
    """A readable rendering of one cell output: a label line, then the indented content."""
    kind = output.output_type
    if kind == "stream":
        return f"  {output.name}:\n{indent(output.text)}"
    if kind == "execute_result":
        return f"  Out[{output.execution_count}]:\n{indent(output.data.get('text/plain', ''))}"
    if kind == "display_data":
        return f"  display_data: {', '.join(output.data)}"
    return f"  error:\n{indent(f'{output.ename}: {output.evalue}')}"  # nbformat 4's last output type


def join_streams(outputs: list[nbformat.NotebookNode]) -> list[nbformat.NotebookNode]:
    """`outputs` with each run of consecutive writes to the same stream joined into one output."""
    joined: list[nbformat.NotebookNode] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            joined[-1] = new_output("stream", name=output.name, text=previous.text + output.text)
        else:
            joined.append(output)
    return joined


def describe_cell(cell: nbformat.NotebookNode) -> str:
    """A readable rendering of one executed code cell: its source, then its outputs."""
    parts = [f"In [{cell.execution_count}]:", indent(cell.source), OUTPUT_RULE]
    parts += [describe_output(output) for output in join_streams(cell.outputs)] or ["  (no output)"]
    return "\n".join(parts)


def has_error(cell: nbformat.NotebookNode) -> bool:
    """Whether the cell ended with an error."""
    return any(output.output_type == "error" for output in cell.outputs)


def main(argv: list[str] | None = None) -> int:
    """Run the notebook, print each code cell with its outputs and a summary; return the exit status."""
    args = parse_args(argv)
    nb = nbformat.read(args.notebook, as_version=4)
    print(f"Running {args.notebook} through the metapoly kernel...")
    seconds = execute(nb, args.notebook.resolve().parent)

    # nbclient skips empty code cells, as Jupyter does.
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]
    for cell in code_cells:
        print(CELL_RULE)
        print(describe_cell(cell))
    print(CELL_RULE)

    if args.save:
        nbformat.write(nb, args.save)
        print(f"Saved the executed notebook to {args.save}")
    errors = sum(has_error(cell) for cell in code_cells)
    print(f"Ran {len(code_cells)} cells: {len(code_cells) - errors} ok, {errors} errors in {seconds:.1f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

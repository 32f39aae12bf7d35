"""The indentation of Julia cells while a block is typed (labextension/src/juliaIndentRule.ts, as built),
run under Node: one unit more after a line that opens a block, one less on a line that closes one, and
nothing from words inside strings, comments or brackets."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

BUILT_RULE = Path(__file__).resolve().parents[2] / "labextension" / "lib" / "juliaIndentRule.js"
# The built module has no imports: Node loads it from its text, whatever the package's module type.
NODE_RUN = """
const fs = require('fs');
const rule = fs.readFileSync(process.argv[1], 'utf8');
const cases = JSON.parse(process.argv[2]);
import('data:text/javascript,' + encodeURIComponent(rule)).then(({ juliaIndentation }) => {
  console.log(JSON.stringify(cases.map(([above, indent, rest]) => juliaIndentation(above, indent, rest, 4))));
});
"""
# (the line above, its indentation, the new line's text from the cursor on) -> the new line's indentation
CASES = [
    (("function greet(name)", 0, ""), 4),
    (("    x = 1", 4, ""), 4),
    (("    x = 1", 4, "end"), 0),
    (("end", 4, ""), 4),
    (("if ready", 0, ""), 4),
    (("    a", 4, "else"), 0),
    (("else", 0, ""), 4),
    (("    elseif b", 4, ""), 8),
    (("for i in 1:3", 8, ""), 12),
    (("ys = [x^2 for x in xs]", 0, ""), 0),
    (("if a b end", 0, ""), 0),
    (("xs[end]", 0, ""), 0),
    (("map(xs) do x", 0, ""), 4),
    (('@testset "sums" begin', 0, ""), 4),
    (("mutable struct Point", 0, ""), 4),
    (("abstract type Shape end", 0, ""), 0),
    (("f(x) = x + 1", 0, ""), 0),
    (("total = sum(", 0, ""), 4),
    (("    1, 2", 4, ")"), 0),
    (('s = "function (not code)"', 0, ""), 0),
    (("x = 1  # for each x", 0, ""), 0),
    (("y = 2 #= if =#", 0, ""), 0),
    (("%%julia", 0, ""), 0),
    ((None, 0, ""), None),
]


def test_julia_cells_indent_by_the_blocks_their_lines_open_and_close():
    # (`make test` builds the extension before the tests.)
    assert BUILT_RULE.exists(), f"{BUILT_RULE} is not built: `make` builds it"
    node = shutil.which("node")
    assert node, "Node.js is needed to build and test the JupyterLab extension"
    done = subprocess.run([node, "-e", NODE_RUN, BUILT_RULE, json.dumps([case for case, _ in CASES])],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    wrong = [(case, want, got) for (case, want), got in zip(CASES, answers, strict=True) if got != want]
    assert not wrong, wrong

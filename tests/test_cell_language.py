"""The rule that gives each cell its language (metapoly/cell_language.py), on the cases of
cell_language_cases.json; the JupyterLab extension's copy of it (labextension/src/cellLanguage.ts, as
built) gives the same answers under Node; the kernel reports it in each execute_reply's metadata."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from metapoly.cell_language import decide, notebook_languages

HERE = Path(__file__).resolve().parent
CASES = json.loads((HERE / "cell_language_cases.json").read_text())["cases"]
BUILT_RULE = HERE.parent / "labextension" / "lib" / "cellLanguage.js"
# The built module has no imports: Node loads it from its text, whatever the package's module type.
NODE_RUN = """
const fs = require('fs');
const rule = fs.readFileSync(process.argv[1], 'utf8');
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
import('data:text/javascript,' + encodeURIComponent(rule)).then(({ decide }) => {
  const answers = cases.map(c => decide(c.source, c.default));
  console.log(JSON.stringify(answers.map(a => [a.language, a.defaultAfter, a.magicLines])));
});
"""


def expected(case: dict) -> list:
    return [case["language"], case["after"], case["magic_lines"]]


@pytest.mark.fast
@pytest.mark.parametrize("case", CASES, ids=lambda case: repr(case["source"]))
def test_a_cells_language_is_read_from_its_magic_lines(case):
    decision = decide(case["source"], case["default"])
    assert [decision.language, decision.default_after, decision.magic_lines] == expected(case)


@pytest.mark.fast
def test_a_notebooks_languages_follow_its_default_from_the_top():
    sources = ["import os", "%default julia", "f(x) = 2x", "%%python\nos.getpid()", "%julia\nf(1)",
               "%restart", "x = 1"]
    assert notebook_languages(sources) == ["python", "julia", "julia", "python", "julia", "python", "python"]


def test_the_extensions_rule_gives_the_same_languages(tmp_path):
    # (`make test` builds the extension before the tests.)
    assert BUILT_RULE.exists(), f"{BUILT_RULE} is not built: `make` builds it"
    node = shutil.which("node")
    assert node, "Node.js is needed to build and test the JupyterLab extension"
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps(CASES))
    done = subprocess.run([node, "-e", NODE_RUN, BUILT_RULE, cases], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [expected(case) for case in CASES]


@pytest.mark.fast
def test_each_execute_reply_says_the_cells_language_and_the_default_it_leaves(fast_kernel):
    fast_kernel.worker.cell("python", "x = 1")
    fast_kernel.worker.cell("julia", "y = 2")
    fast_kernel.worker.cell("julia", "f(x) = 2x")
    replies = [fast_kernel.ok(code).reply_metadata["metapoly"]
               for code in ("x = 1", "%%julia\ny = 2", "%default julia", "f(x) = 2x", "%julia\ny = 2")]
    assert [(reply["language"], reply["default"]) for reply in replies] == [
        ("python", "python"), ("julia", "python"), ("julia", "julia"), ("julia", "julia"), ("julia", "julia")]


@pytest.mark.fast
def test_a_cell_that_fails_still_reports_the_language_it_is_written_in(fast_kernel):
    fast_kernel.worker.script("execute_request", {"status": "error", "ename": "UndefVarError", "evalue": "z",
                                                  "traceback": []}, "julia")
    result = fast_kernel.execute("%julia z\nprint(z)")
    assert result.status == "error"
    assert result.reply_metadata["metapoly"] == {"language": "python", "default": "python"}

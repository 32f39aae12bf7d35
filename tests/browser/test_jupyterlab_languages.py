"""metapoly's JupyterLab extension, in a real JupyterLab: Julia cells of a metapoly notebook are edited as
Julia (the tokens of Julia's grammar, string interpolation told apart, indentation and comments) and
Python cells as Python, each labelled; the languages follow edits of a cell's first line and of a
`%default` cell above at once, are saved in the notebook's metadata, and hold after reloading and after
running; Notebook 7 shows them too. Notebooks of other kernels are left alone.

Tokens are checked by what the user sees: the colour of a word against the theme's colour for keywords or
strings (JupyterLab gives tokens generated class names)."""

from __future__ import annotations

import json
import time

import nbformat
from lab_page import KERNEL_NAME, KERNEL_TIMEOUT_MS, UI_TIMEOUT_MS, collect_errors, screenshot_on_failure
from nbconvert.exporters import HTMLExporter
from playwright.sync_api import Locator, Page, expect

NOTEBOOK = "languages.ipynb"
CELLS = [
    "y = 2 + 3",                                                    # Python, and Julia too
    "end = 2\nxs = [1, 2, 3]\nprint(xs[end - 1])",                  # Python: `end` is a name
    '%%julia\nfunction greet(name)\n    "hello $(name)"\nend',      # Julia
    "%default julia",
    "function twice(x)\n    2x\nend\ntwice(21)",                    # Julia, by the default above
    "%%python\nimport os\nos.getpid() > 0",                         # Python
]
BOTH, PYTHON, JULIA, DEFAULT, BARE, PYTHON_MAGIC = range(len(CELLS))
LABELS = ("Python", "Python", "Julia", "Julia", "Julia", "Python")
WAIT_S = UI_TIMEOUT_MS / 1000
# Every text node of the cell's editor with the colour it is shown in.
TOKENS_JS = """cell => {
  const found = [];
  const walker = document.createTreeWalker(cell.querySelector('.cm-content'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    found.push([node.textContent.trim(), getComputedStyle(node.parentElement).color]);
  }
  return found;
}"""
# The colour a CSS variable of the theme gives text.
THEME_COLOUR_JS = """name => {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  document.body.appendChild(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}"""


def write_notebook(path, kernel: str, display_name: str) -> None:
    notebook = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": kernel, "display_name": display_name, "language": "python"}})
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in CELLS]
    nbformat.write(notebook, str(path))


class Editor:
    """The notebook's cells as the page shows them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cells = page.locator(".jp-Notebook .jp-CodeCell")

    # (Read when used: the theme's styles arrive after the page.)
    @property
    def keyword(self) -> str:
        return self.page.evaluate(THEME_COLOUR_JS, "--jp-mirror-editor-keyword-color")

    @property
    def string(self) -> str:
        return self.page.evaluate(THEME_COLOUR_JS, "--jp-mirror-editor-string-color")

    def cell(self, index: int) -> Locator:
        return self.cells.nth(index)

    def coloured(self, index: int, text: str, colour: str) -> bool:
        """Whether ``text`` (a whole token) is shown in ``colour`` in cell ``index``."""
        return any(token == text and shown == colour for token, shown in self.cell(index).evaluate(TOKENS_JS))

    def wait_for(self, index: int, text: str, colour: str, shown: bool = True) -> None:
        """Wait until ``text`` in cell ``index`` is shown in ``colour`` (or, with ``shown`` false, is not)."""
        deadline = time.monotonic() + WAIT_S
        while self.coloured(index, text, colour) != shown:
            if time.monotonic() > deadline:
                tokens = self.cell(index).evaluate(TOKENS_JS)
                raise AssertionError(f"cell {index}: {text!r} {'not ' if shown else ''}in {colour}: {tokens}")
            time.sleep(0.1)

    def expect_label(self, index: int, language: str) -> None:
        expect(self.cell(index).locator(".jp-metapoly-LanguageLabel")).to_have_text(language)

    def expect_language(self, index: int, language: str) -> None:
        """The cell's label says ``language`` and its `end` is (Julia) or is not (Python) a keyword."""
        self.expect_label(index, language)
        if language == "Julia":
            self.wait_for(index, "end", self.keyword)
        else:
            self.wait_for(index, "end", self.keyword, shown=False)

    def text(self, index: int) -> str:
        return self.cell(index).locator(".cm-content").inner_text()

    def edit(self, index: int) -> None:
        """Put the cursor in cell ``index``'s editor, at its start."""
        self.cell(index).locator(".cm-content").click()
        self.page.keyboard.press("Control+Home")


def open_notebook(page: Page, lab, app: str = "lab/tree") -> Editor:
    """Open the notebook in JupyterLab (or, with ``app`` "notebooks", in Notebook 7)."""
    page.goto(lab.url(f"{app}/{NOTEBOOK}"))
    editor = Editor(page)
    expect(editor.cells).to_have_count(len(CELLS), timeout=UI_TIMEOUT_MS)
    return editor


def saved_cells(lab) -> list:
    return json.loads(lab.api(f"api/contents/{NOTEBOOK}"))["content"]["cells"]


def test_julia_cells_are_edited_as_julia_and_keep_their_language(jupyterlab, page):
    write_notebook(jupyterlab.root / NOTEBOOK, "metapoly", KERNEL_NAME)
    errors = collect_errors(page)
    with screenshot_on_failure(page, errors):
        editor = open_notebook(page, jupyterlab)

        # Before anything ran: languages from the magics and the `%default` cell.
        for index, language in enumerate(LABELS):
            expect(editor.cell(index).locator(".jp-metapoly-LanguageLabel")).to_have_text(
                language, timeout=UI_TIMEOUT_MS)
        editor.wait_for(JULIA, "function", editor.keyword)
        editor.wait_for(JULIA, "end", editor.keyword)
        editor.wait_for(JULIA, '"hello', editor.string)
        interpolation = {shown for token, shown in editor.cell(JULIA).evaluate(TOKENS_JS) if token == "$"}
        assert interpolation and editor.string not in interpolation, "$(name) is not told from its string"
        editor.wait_for(BARE, "function", editor.keyword)
        editor.wait_for(PYTHON, "end", editor.keyword, shown=False)
        editor.wait_for(PYTHON_MAGIC, "import", editor.keyword)
        expect(editor.cell(JULIA).locator(".cm-metapoly-magic")).to_have_text("%%julia")

        # Julia's indentation and comments: a new block indents its body and `end` closes it.
        editor.edit(JULIA)
        page.keyboard.press("Control+End")
        for keys in ("Enter", "function g()", "Enter", "x = 1", "Enter", "end"):
            page.keyboard.press(keys) if keys == "Enter" else page.keyboard.type(keys)
        assert editor.text(JULIA).splitlines()[-3:] == ["function g()", "    x = 1", "end"]
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Control+/")
        assert editor.text(JULIA).splitlines()[-2] == "    # x = 1"

        # A language magic typed on a Python cell's first line makes it Julia at once, and taking it away
        # makes it Python again.
        editor.edit(PYTHON)
        page.keyboard.type("%%julia")
        page.keyboard.press("Enter")
        editor.expect_language(PYTHON, "Julia")
        page.keyboard.press("Control+Home")
        page.keyboard.press("Shift+ArrowDown")
        page.keyboard.press("Delete")
        assert editor.text(PYTHON) == CELLS[PYTHON]
        editor.expect_language(PYTHON, "Python")

        # So does a change of the `%default` cell above, for the cell without a magic.
        editor.edit(DEFAULT)
        page.keyboard.press("Control+a")
        page.keyboard.type("%default python")
        editor.expect_language(BARE, "Python")
        page.keyboard.press("Control+a")
        page.keyboard.type("%default julia")
        editor.expect_language(BARE, "Julia")

        # Saved with each cell's language in its metadata; nbconvert's HTML then highlights Julia as Julia.
        page.keyboard.press("Control+s")
        # (Read once saved: the tab's mark of unsaved changes goes when the file is written.)
        expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0, timeout=UI_TIMEOUT_MS)
        cells = saved_cells(jupyterlab)
        assert cells[JULIA]["source"] == editor.text(JULIA)
        languages = [cell["metadata"]["metapoly"]["language"] for cell in cells]
        assert languages == [label.lower() for label in LABELS]
        assert [cell["metadata"].get("magics_language") for cell in cells] == \
            [None, None, "julia", "julia", "julia", None]
        html, _ = HTMLExporter().from_filename(str(jupyterlab.root / NOTEBOOK))
        assert html.count('<span class="k">function</span>') == 3  # (greet, g, twice)

        # The same after reopening, and after running every cell.
        page.reload()
        editor = open_notebook(page, jupyterlab)
        editor.expect_language(BARE, "Julia")
        editor.expect_language(PYTHON, "Python")
        expect(page.get_by_role("contentinfo").get_by_text(f"{KERNEL_NAME} | Idle")).to_be_visible(
            timeout=KERNEL_TIMEOUT_MS)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        for index, value in ((BARE, "42"), (PYTHON_MAGIC, "True")):
            expect(editor.cell(index).locator(".jp-OutputArea-output")).to_have_text(
                value, timeout=KERNEL_TIMEOUT_MS)
        editor.expect_label(BOTH, "Python")
        for index in (PYTHON, JULIA, BARE, PYTHON_MAGIC):
            editor.expect_language(index, LABELS[index])
        editor.wait_for(PYTHON_MAGIC, "import", editor.keyword)  # (still highlighted as Python)

        # A cell run again after the `%default julia` below it ran as Julia, which the kernel's reply says:
        # it is Julia while its text is what ran.
        editor.edit(BOTH)
        page.keyboard.press("Shift+Enter")
        expect(editor.cell(BOTH).locator(".jp-OutputArea-output")).to_have_text(
            "5", timeout=KERNEL_TIMEOUT_MS)
        editor.expect_label(BOTH, "Julia")
        editor.edit(BOTH)
        page.keyboard.press("End")
        page.keyboard.type(" ")
        editor.expect_label(BOTH, "Python")
        assert not [e for e in errors if "metapoly" in e.lower()], errors


def test_notebook_7_shows_julia_cells_as_julia_too(jupyterlab, page):
    write_notebook(jupyterlab.root / NOTEBOOK, "metapoly", KERNEL_NAME)
    errors = collect_errors(page)
    with screenshot_on_failure(page, errors):
        editor = open_notebook(page, jupyterlab, app="notebooks")
        for index, language in enumerate(LABELS):
            expect(editor.cell(index).locator(".jp-metapoly-LanguageLabel")).to_have_text(
                language, timeout=UI_TIMEOUT_MS)
        editor.wait_for(JULIA, "function", editor.keyword)
        editor.wait_for(BARE, "function", editor.keyword)
        editor.wait_for(PYTHON, "end", editor.keyword, shown=False)


def test_notebooks_of_other_kernels_are_left_alone(jupyterlab, page):
    write_notebook(jupyterlab.root / NOTEBOOK, "python3", "Python 3 (ipykernel)")
    errors = collect_errors(page)
    with screenshot_on_failure(page, errors):
        editor = open_notebook(page, jupyterlab)
        expect(page.get_by_role("contentinfo").get_by_text("Python 3 (ipykernel) | Idle")).to_be_visible(
            timeout=KERNEL_TIMEOUT_MS)
        editor.wait_for(PYTHON_MAGIC, "import", editor.keyword)  # (highlighted, as Python)
        editor.wait_for(JULIA, "function", editor.keyword, shown=False)
        expect(page.locator(".jp-metapoly-LanguageLabel")).to_have_count(0)
        expect(page.locator(".cm-metapoly-magic")).to_have_count(0)
        assert not [cell.get("metadata", {}).get("metapoly") for cell in saved_cells(jupyterlab)
                    if cell["metadata"].get("metapoly")]

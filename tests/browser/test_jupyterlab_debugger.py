"""JupyterLab's debugger on a metapoly notebook, driven as a user drives it in headless Chromium: the bug
button of the notebook's toolbar is enabled (the kernel advertises the debugger) and turns it on; between
cells the Variables panel lists the variables of both languages (Python's by name, Julia's as `Main.x`); a
breakpoint set by clicking the gutter of a Python cell stops it in its function, where the call stack, the
line and the frame's locals show; Continue lets the cell finish with the value it computes.

Everything is read off JupyterLab's debugger panels and the notebook (tests/ipykernel_suite/test_debugger.py
checks the messages themselves)."""

from __future__ import annotations

import re

import nbformat
from lab_page import KERNEL_NAME, KERNEL_TIMEOUT_MS, UI_TIMEOUT_MS, collect_errors, screenshot_on_failure
from playwright.sync_api import Locator, Page, expect

NOTEBOOK = "debugger.ipynb"
CELLS = [
    "%%julia\njl_values = [1.0, 2.0, 3.0]",
    "counter = 41",
    "def bump(n):\n    m = n + 1\n    return m\n\nresult = bump(counter)",
    "result",
]
JULIA, COUNTER, BUMP, RESULT = range(len(CELLS))
BREAKPOINT_LINE = 2  # `    m = n + 1`, in bump
# Julia's name for a vector of Float64 (1.5 shows `Array{Float64,1}`, 1.6 and later `Vector{Float64}`).
JULIA_VECTOR = re.compile(r"Julia (Array\{Float64, ?1\}|Vector\{Float64\}), 3 elements")


def write_notebook(path) -> None:
    """Write the test's notebook, of the metapoly kernel, without outputs."""
    notebook = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "metapoly", "display_name": KERNEL_NAME, "language": "python"}})
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in CELLS]
    nbformat.write(notebook, str(path))


def run_cell(cell: Locator, page: Page) -> None:
    """Put the cursor in the cell's editor and run it (Ctrl+Enter: the selection stays on it)."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")


def variable(page: Page, name: str) -> Locator:
    """What the Variables panel's tree shows beside the variable ``name``: its value for the types JupyterLab
    shows values of (`int`, `float`, `bool`, `str`), its type otherwise (which metapoly's listing between
    cells marks with the language: `Julia Array{Float64,1}, 3 elements`)."""
    item = page.locator(".jp-DebuggerVariables jp-tree-view > jp-tree-item").filter(
        has=page.locator(":scope > .jp-DebuggerVariables-name").get_by_text(name, exact=True))
    return item.locator(":scope > .jp-DebuggerVariables-detail")


def click_gutter_beside(page: Page, cell: Locator, line: int) -> None:
    """Click the breakpoint gutter of ``cell`` level with its line ``line`` (1-based), where a user clicks."""
    text = cell.locator(".cm-line").nth(line - 1).bounding_box()
    gutter = cell.locator(".cm-gutter.cm-breakpoint-gutter").bounding_box()
    assert text and gutter, "the cell's editor is not shown"
    page.mouse.click(gutter["x"] + gutter["width"] / 2, text["y"] + text["height"] / 2)


def test_breakpoint_stops_a_python_cell_and_variables_of_both_languages_show(jupyterlab, page):
    write_notebook(jupyterlab.root / NOTEBOOK)
    errors = collect_errors(page)
    with screenshot_on_failure(page, errors):
        page.goto(jupyterlab.url(f"lab/tree/{NOTEBOOK}"))
        cells = page.locator(".jp-Notebook .jp-CodeCell")
        expect(cells).to_have_count(len(CELLS), timeout=UI_TIMEOUT_MS)
        # A cell run before the session has its kernel is not run (JupyterLab's rule): wait, as a user does,
        # until the status bar shows the kernel idle.
        expect(page.get_by_role("contentinfo").get_by_text(f"{KERNEL_NAME} | Idle")).to_be_visible(
            timeout=KERNEL_TIMEOUT_MS)

        # The Julia cell and the Python cell the debugged one reads.
        run_cell(cells.nth(JULIA), page)
        expect(cells.nth(JULIA).locator(".jp-OutputArea-output")).to_contain_text(
            "3-element", timeout=KERNEL_TIMEOUT_MS)
        run_cell(cells.nth(COUNTER), page)
        expect(cells.nth(COUNTER).locator(".jp-InputPrompt")).to_have_text("[2]:", timeout=KERNEL_TIMEOUT_MS)

        # The bug button is enabled only for a kernel whose kernel_info says it has a debugger; pressing it
        # starts the debugger (initialize, attach) and JupyterLab opens its sidebar.
        bug = page.locator(".jp-NotebookPanel-toolbar .jp-DebuggerBugButton")
        expect(bug).to_have_attribute("aria-disabled", "false", timeout=UI_TIMEOUT_MS)
        expect(bug).to_have_attribute("aria-pressed", "false")
        bug.click()
        expect(bug).to_have_attribute("aria-pressed", "true", timeout=UI_TIMEOUT_MS)
        sidebar = page.locator(".jp-DebuggerSidebar")
        expect(sidebar).to_be_visible(timeout=UI_TIMEOUT_MS)

        # No cell stopped: the Variables panel shows the kernel's globals, of both languages.
        scope = page.locator(".jp-DebuggerVariables-toolbar").get_by_role("combobox", name="Scope")
        expect(scope).to_have_value("Globals", timeout=UI_TIMEOUT_MS)
        expect(variable(page, "counter")).to_have_text("41", timeout=UI_TIMEOUT_MS)
        expect(variable(page, "Main.jl_values")).to_have_text(JULIA_VECTOR)

        # A breakpoint on the first line of bump's body, by clicking the gutter beside it: its red dot shows
        # there, and the Breakpoints panel lists it (pydevd set it at that line).
        bump = cells.nth(BUMP)
        click_gutter_beside(page, bump, BREAKPOINT_LINE)
        marker = bump.locator(".cm-breakpoint-gutter .cm-gutterElement").filter(
            has=page.locator(".cm-breakpoint-icon"), visible=True)
        expect(marker).to_have_count(1, timeout=UI_TIMEOUT_MS)
        dot, line = marker.bounding_box(), bump.locator(".cm-line").nth(BREAKPOINT_LINE - 1).bounding_box()
        assert dot and line and line["y"] <= dot["y"] + dot["height"] / 2 <= line["y"] + line["height"], \
            f"the breakpoint's dot at {dot} is not beside line {BREAKPOINT_LINE} at {line}"
        expect(page.locator(".jp-DebuggerBreakpoint .jp-DebuggerBreakpoint-line")).to_have_text(
            [str(BREAKPOINT_LINE)], timeout=UI_TIMEOUT_MS)

        # Running the cell stops it in bump, at the breakpoint: the cell stays busy, the debugger says it is
        # paused, the line is highlighted, and the call stack is bump's called from the cell.
        run_cell(bump, page)
        expect(page.locator(".jp-DebuggerPausedOverlay")).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
        expect(bump.locator(".jp-InputPrompt")).to_have_text("[*]:")
        expect(bump.locator(".cm-line.jp-DebuggerEditor-highlight")).to_have_text(
            "m = n + 1", timeout=UI_TIMEOUT_MS)
        frames = page.locator(".jp-DebuggerCallstack .jp-DebuggerCallstackFrame")
        expect(frames.locator(".jp-DebuggerCallstackFrame-name")).to_have_text(
            ["bump", "<module>"], timeout=UI_TIMEOUT_MS)
        expect(frames.locator(".jp-DebuggerCallstackFrame-location")).to_have_text(
            [re.compile(rf":{BREAKPOINT_LINE}$"), re.compile(r":5$")])
        expect(frames.and_(page.locator(".selected"))).to_have_text(re.compile(r"^bump"))

        # The Variables panel now shows the stopped frame's locals: n alone (m is not assigned yet, and none
        # of the kernel's or the debugger's own names), with the value bump was called with.
        expect(scope).to_have_value("Locals", timeout=UI_TIMEOUT_MS)
        expect(page.locator(".jp-DebuggerVariables jp-tree-view > jp-tree-item > .jp-DebuggerVariables-name")
               ).to_have_text(["n"], timeout=UI_TIMEOUT_MS)
        expect(variable(page, "n")).to_have_text("41")

        # Continue: the cell finishes, nothing is stopped any more, and the globals are back, result among
        # them; the next cell shows its value.
        # (The Callstack panel's toolbar button: its Pause became Continue when the cell stopped.)
        continue_button = sidebar.get_by_role("button", name=re.compile(r"^Continue( \(.*\))?$"))
        expect(continue_button).to_be_enabled()
        continue_button.click()
        expect(bump.locator(".jp-InputPrompt")).to_have_text("[3]:", timeout=KERNEL_TIMEOUT_MS)
        expect(page.locator(".jp-DebuggerPausedOverlay")).to_have_count(0, timeout=UI_TIMEOUT_MS)
        expect(frames).to_have_count(0)
        expect(sidebar.get_by_role("button", name=re.compile(r"^Pause( \(.*\))?$"))).to_be_visible()
        expect(bump.locator(".jp-DebuggerEditor-highlight")).to_have_count(0)
        expect(variable(page, "result")).to_have_text("42", timeout=UI_TIMEOUT_MS)
        expect(variable(page, "Main.jl_values")).to_have_text(JULIA_VECTOR)
        run_cell(cells.nth(RESULT), page)
        expect(cells.nth(RESULT).locator(".jp-OutputArea-output")).to_have_text(
            "42", timeout=KERNEL_TIMEOUT_MS)
        assert not [e for e in errors if re.search(r"debug|kernel", e, re.IGNORECASE)], errors

"""Widgets in a real JupyterLab, driven as a user drives them: a notebook of Python and Julia widget cells is
run from the Run menu in headless Chromium, sliders are moved with the keyboard, and the callbacks' effects
are read off the page (tests/test_comms.py checks the same at the protocol level)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from lab_page import KERNEL_NAME, KERNEL_TIMEOUT_MS, UI_TIMEOUT_MS, collect_errors, screenshot_on_failure
from playwright.sync_api import Page, expect

NOTEBOOK = "widgets.ipynb"
PYTHON_CALLBACK = """\
import ipywidgets as w
slider = w.IntSlider(value=3, max=10)
out = w.Output()
def on_change(change):
    with out:
        print('python saw', change['new'])
slider.observe(on_change, 'value')
display(slider, out)"""
# (Written the PythonCall way: the callback's `change` is a PyDict, converted explicitly.)
JULIA_CALLBACK = """\
%%julia
using PythonCall
widgets = pyimport("ipywidgets")
js = widgets.IntSlider(value=1)
lbl = widgets.Label("none")
js.observe(ch -> (lbl.value = "julia saw $(pyconvert(Int, ch["new"]))^2 = $(pyconvert(Int, ch["new"])^2)"),
           "value")
display(js)
display(lbl)"""
INTERACT = """\
from ipywidgets import interact
@interact(x=(0, 10))
def sq(x=2):
    print('square', x * x)"""


def write_notebook(path: Path) -> None:
    """Write the test's notebook, of the metapoly kernel, without outputs."""
    notebook = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "metapoly", "display_name": KERNEL_NAME, "language": "python"}})
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in (PYTHON_CALLBACK, JULIA_CALLBACK, INTERACT)]
    nbformat.write(notebook, str(path))


def move_slider(page: Page, cell: int, presses: int) -> None:
    """Focus the handle of the slider in notebook cell ``cell`` and press the right arrow ``presses`` times,
    as a user moving it with the keyboard does."""
    handle = page.locator(".jp-Notebook .jp-CodeCell").nth(cell).locator(".widget-slider .noUi-handle")
    handle.focus()
    for _ in range(presses):
        handle.press("ArrowRight")


def test_sliders_run_python_julia_and_interact_callbacks(jupyterlab, page):
    """Run All renders every widget; moving each slider runs its Python, Julia or interact callback, whose
    effect shows in its own widget."""
    write_notebook(jupyterlab.root / NOTEBOOK)
    errors = collect_errors(page)
    with screenshot_on_failure(page, errors):
        page.goto(jupyterlab.url(f"lab/tree/{NOTEBOOK}"))
        cells = page.locator(".jp-Notebook .jp-CodeCell")
        expect(cells).to_have_count(3, timeout=UI_TIMEOUT_MS)
        # Run All before the session has its kernel only clears the cells (JupyterLab's rule), so wait, as a
        # user does, until the status bar shows the kernel idle.
        expect(page.get_by_role("contentinfo").get_by_text(f"{KERNEL_NAME} | Idle")).to_be_visible(
            timeout=KERNEL_TIMEOUT_MS)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

        for cell in range(3):
            expect(cells.nth(cell).locator(".widget-slider .noUi-handle")).to_be_visible(
                timeout=KERNEL_TIMEOUT_MS)
        expect(cells.nth(2).locator(".widget-output")).to_have_text("square 4", timeout=UI_TIMEOUT_MS)
        expect(cells.nth(1).locator("div.widget-label")).to_have_text("none")
        expect(page.get_by_text("Error displaying widget")).to_have_count(0)

        move_slider(page, 0, 1)
        expect(cells.nth(0).locator(".widget-output")).to_have_text("python saw 4", timeout=UI_TIMEOUT_MS)
        move_slider(page, 1, 2)
        expect(cells.nth(1).locator("div.widget-label")).to_have_text("julia saw 3^2 = 9",
                                                                      timeout=UI_TIMEOUT_MS)
        move_slider(page, 2, 1)
        expect(cells.nth(2).locator(".widget-output")).to_have_text("square 9", timeout=UI_TIMEOUT_MS)

        expect(page.get_by_text("Error displaying widget")).to_have_count(0)
        # What the callbacks print goes to their Output widgets, never to the cells' own outputs: each cell
        # still shows just its widgets (the slider and the Output or Label; interact's one box).
        for cell, shown in enumerate((2, 2, 1)):
            expect(cells.nth(cell).locator(".jp-Cell-outputArea > .jp-OutputArea-child")).to_have_count(shown)
        assert not [e for e in errors if re.search(r"comm|kernel|widget", e, re.IGNORECASE)], errors

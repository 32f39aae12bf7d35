"""What the browser tests (tests/browser/) share about a JupyterLab page: the kernel's name as the page
shows it, how long to wait, and how a failure is reported."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

KERNEL_NAME = "Metapoly (Python + Julia)"
# The first run starts the kernel and its Julia worker; each wait is bounded by this.
KERNEL_TIMEOUT_MS = 90_000
UI_TIMEOUT_MS = 30_000


@contextlib.contextmanager
def screenshot_on_failure(page: Page, console: list):
    """On a failed check or wait, save a screenshot of the page and say where it is, with the page's
    console errors, in the failure."""
    try:
        yield
    except (AssertionError, PlaywrightError) as failure:
        shot = Path(tempfile.mkdtemp(prefix="metapoly-browser-")) / "failure.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
        except PlaywrightError as error:  # the browser itself failed: say so rather than hide the failure
            shot = f"none ({error})"
        errors = "\n".join(console) or "none"
        raise AssertionError(f"{failure}\nscreenshot: {shot}\nconsole errors:\n{errors}") from failure


def collect_errors(page: Page) -> list:
    """The page's console errors and uncaught exceptions, as they come."""
    errors = []

    def on_console(message) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors

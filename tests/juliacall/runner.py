"""Runs juliacall's own tests (test_all.py, copied here unchanged: see SOURCES.md) with pytest inside a
metapoly worker's Python, the Python that shares its process with Julia. In a Python cell of a real kernel:

    import runpy
    run = runpy.run_path("/path/to/tests/juliacall/runner.py")["run"]
    run()                                          # prints pytest's report, returns {node id: outcome}
    run(results="/tmp/r.jsonl", deselect=[...])   # also one JSON object a line, as each test goes

Results (appended and flushed as the run goes, so that a driver can tell which test was running when the
worker died or hung):
    {"event": "start", "test": node id}
    {"event": "end", "test": node id, "status": "pass" | "fail" | "error" | "not_run", "seconds",
     "message"}
    {"event": "collect", "status": "error", "message"}      when test_all.py could not be collected

pytest runs with this folder's own settings (pytest-in-worker.ini), never the project's: no plugins loaded
from entry points, no output capture (the worker captures the cell's output itself), no cache, no conftest.py
(this folder's keeps the project's own pytest from collecting test_all.py outside a worker).
"""

from __future__ import annotations

import json
import os
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TEST_FILE = os.path.join(HERE, "test_all.py")
MAX_MESSAGE = 300

# Not run, with the reason (SOURCES.md explains each): node ids, or a function's name for all its cases.
EXCLUDED = {
    "test_call_nogil": "calls Julia from two Python threads at once and expects the calls to overlap: the "
                       "worker's Julia has one thread and Julia 1.5 cannot adopt foreign threads "
                       "(jl_adopt_thread is Julia 1.9's), so juliacall here refuses calls from threads other "
                       "than the main one (RuntimeError)",
}


class Recorder:
    """A pytest plugin that writes each test's outcome (over its setup, call and teardown) as it ends."""

    def __init__(self, results: str | None) -> None:
        self.results = results
        self.outcomes: dict[str, str] = {}
        self.started: dict[str, float] = {}
        self.reports: dict[str, list] = {}

    def emit(self, record: dict) -> None:
        if self.results:
            with open(self.results, "a") as f:
                f.write(json.dumps(record) + "\n")

    def pytest_collection_modifyitems(self, config, items):
        # An excluded test is not run (deselected, never skipped), and recorded as such with its reason.
        reasons = {item.nodeid: EXCLUDED.get(item.nodeid.split("::")[-1]) or EXCLUDED.get(item.originalname)
                   for item in items}
        config.hook.pytest_deselected(items=[item for item in items if reasons[item.nodeid]])
        items[:] = [item for item in items if not reasons[item.nodeid]]
        for nodeid, reason in reasons.items():
            if reason:
                self.outcomes[nodeid] = "not_run"
                self.emit({"event": "start", "test": nodeid})
                self.emit({"event": "end", "test": nodeid, "status": "not_run", "seconds": 0.0,
                           "message": f"excluded: {reason}"})

    def pytest_runtest_logstart(self, nodeid, location):
        self.started[nodeid] = time.monotonic()
        self.reports[nodeid] = []
        self.emit({"event": "start", "test": nodeid})

    def pytest_runtest_logreport(self, report):
        self.reports.setdefault(report.nodeid, []).append(report)
        if report.when != "teardown":
            return
        reports = self.reports[report.nodeid]
        status, message = "pass", ""
        for r in reports:
            if r.failed:
                status = "fail" if r.when == "call" else "error"
                message = short(r)
                break
            if r.skipped:  # (every test runs here: one that skips itself, on upstream's conditions, fails)
                status, message = "fail", f"skipped itself ({short(r)}): every test must run here"
        self.outcomes[report.nodeid] = status
        seconds = time.monotonic() - self.started.get(report.nodeid, time.monotonic())
        self.emit({"event": "end", "test": report.nodeid, "status": status, "seconds": round(seconds, 3),
                   "message": message})

    def pytest_collectreport(self, report):
        if report.failed:
            self.emit({"event": "collect", "status": "error", "message": short(report)})


def short(report) -> str:
    """The one line that says why a test failed or was skipped."""
    longrepr = report.longrepr
    if isinstance(longrepr, tuple):  # a skip: (file, line, "Skipped: " reason)
        text = str(longrepr[2]).removeprefix("Skipped: ")
    else:
        crash = getattr(longrepr, "reprcrash", None)
        text = crash.message if crash is not None else str(longrepr)
    text = " | ".join(line.strip() for line in text.strip().splitlines())
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 3] + "..."


def run(results: str | None = None, deselect: list[str] | tuple = (), extra: list[str] | tuple = ()) -> dict:
    """Run test_all.py's tests but those ``deselect``ed (node ids); return {node id: status}."""
    import pytest

    recorder = Recorder(results)
    args = [TEST_FILE, "-c", os.path.join(HERE, "pytest-in-worker.ini"), "--rootdir", HERE, "--noconftest",
            "--import-mode=importlib", "--capture=no", "-p", "no:cacheprovider", "-p", "no:faulthandler",
            "-q", "-rfEs", "--tb=short", *extra]
    for nodeid in deselect:
        args += ["--deselect", nodeid]
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        pytest.main(args, plugins=[recorder])
    finally:
        if saved is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved
    return recorder.outcomes

"""Runs PythonCall.jl's and juliacall's own test suites (tests/pythoncall, tests/juliacall) in real kernels,
and reports them: shared by tests/test_pythoncall_suite.py and tests/test_juliacall_suite.py.

Each suite runs in one cell that records each test item as it starts and ends (JSON lines, see
tests/pythoncall/runner.jl and tests/juliacall/runner.py). When the worker dies in an item, or an item goes
quiet for longer than ``item_timeout``, that item is recorded as a crash or a timeout, the kernel is replaced
and the cell runs again without the items already done. A run that takes longer than ``budget`` seconds
stops; the items it did not reach are missing from its results (and their files' pass counts show it).
"""

from __future__ import annotations

import json
import os
import queue
import re
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from real_kernel import KernelSession, start_session

TESTS = Path(__file__).resolve().parent
PYTHONCALL = TESTS / "pythoncall"
JULIACALL = TESTS / "juliacall"
# METAPOLY_UPDATE_FLOORS=1: the suites' tests write this run's pass counts as the floors instead of checking.
UPDATE_FLOORS = os.environ.get("METAPOLY_UPDATE_FLOORS") == "1"


@dataclass
class Outcome:
    """One test item (Julia) or test function (Python) and how it went."""

    file: str
    name: str
    status: str  # pass, fail, error, skip, not_run, crash, timeout
    passed: int = 0
    failed: int = 0
    errored: int = 0
    broken: int = 0
    seconds: float = 0.0
    message: str = ""
    problems: list = field(default_factory=list)


@dataclass
class SuiteRun:
    """What a suite's run left: its outcomes, file-level problems, and how many kernels it took."""

    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kernels: int = 0
    seconds: float = 0.0

    def files(self) -> list[str]:
        return list(dict.fromkeys(o.file for o in self.outcomes))

    def passed(self, file: str) -> int:
        return sum(o.passed for o in self.outcomes if o.file == file)

    def applicable(self) -> tuple[float, float]:
        """The share of the applicable tests that pass: of the checks that ran (@tests, or test functions),
        and of the items that were not excluded (an item passes when all its checks do)."""
        checks = sum(o.passed + o.failed + o.errored for o in self.outcomes)
        items = [o for o in self.outcomes if o.status != "not_run"]
        return (sum(o.passed for o in self.outcomes) / max(checks, 1),
                sum(o.status == "pass" for o in items) / max(len(items), 1))


def read_events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    events = []
    for line in path.read_text(errors="replace").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:  # a line cut short by a dying worker
            continue
    return events


class Watch:
    """Waits for one cell while following the items it records; says how the cell ended: ``finished``,
    ``failed`` (an error outside any item, or the worker died), ``hung`` (no new record for ``quiet``
    seconds) or ``budget`` (past ``deadline``)."""

    def __init__(self, session: KernelSession, results: Path, quiet: float, deadline: float) -> None:
        self.session, self.results, self.quiet, self.deadline = session, results, quiet, deadline
        self.errors: list[str] = []

    def __call__(self, code: str) -> str:
        kc = self.session.kc
        msg_id = kc.execute(code, stop_on_error=False)
        seen = len(read_events(self.results))
        last_change = time.monotonic()
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                msg = None
            if msg is not None and msg["parent_header"].get("msg_id") == msg_id:
                if msg["msg_type"] == "error":
                    content = msg["content"]
                    self.errors.append(f"{content['ename']}: {content['evalue']}")
                elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return "failed" if self.errors else "finished"
            now = time.monotonic()
            count = len(read_events(self.results))
            if count != seen:
                seen, last_change = count, now
            if now - last_change > self.quiet:
                return "hung"
            if now > self.deadline:
                return "budget"


def run_suite(cell, key, outcome_of, results: Path, item_timeout: float, budget: float) -> SuiteRun:
    """Run a suite to its end through as many kernels as it takes.

    ``cell(results, done)`` is the code of the cell that runs the suite but for the ``done`` keys;
    ``key(event)`` is the (file, name) an event is about; ``outcome_of(event)`` the Outcome of an end event.
    """
    run = SuiteRun()
    start = time.monotonic()
    deadline = start + budget
    done: dict[tuple[str, str], Outcome] = {}
    session: KernelSession | None = None
    try:
        while True:
            if session is None:
                session = start_session()
                run.kernels += 1
            watch = Watch(session, results, item_timeout, deadline)
            before = len(done)
            how = watch(cell(results, list(done)))
            running = None
            for event in read_events(results):
                if event["event"] == "start":
                    running = key(event)
                elif event["event"] == "end":
                    done[key(event)] = outcome_of(event)
                    running = None
            if how == "finished":
                break
            if running is None or running in done:
                # (The worker died between items, or the runner itself failed: go on while items get done.)
                run.notes.append(f"the suite's cell ended outside any item ({how}): "
                                 + " / ".join(watch.errors))
                if len(done) == before or how == "budget":
                    break
                session.shutdown(now=True)
                session = None
                continue
            file, name = running
            if how == "failed":
                message = watch.errors[0].splitlines()[0] if watch.errors else "the cell failed"
                done[running] = Outcome(file, name, "crash", message=message[:300])
            elif how == "hung":
                message = f"no result after {item_timeout:.0f} s: the kernel was replaced"
                done[running] = Outcome(file, name, "timeout", message=message)
            else:
                done[running] = Outcome(file, name, "timeout", message="the suite's time budget ran out here")
                run.notes.append(f"the suite's time budget ({budget:.0f} s) ran out: the items after "
                                 f"{file} / {name} did not run")
                break
            # (A fresh kernel for what is left: the worker died, or is stuck in the item.)
            session.shutdown(now=True)
            session = None
    finally:
        if session is not None:
            session.shutdown(now=True)
    events = read_events(results)
    for event in events:
        if event["event"] == "file" and (event.get("parse_error") or event.get("problems")):
            text = f"{event['file']}: parse error: {event['parse_error']}" if event.get("parse_error") else ""
            for problem in event.get("problems") or []:
                text += f" {event['file']}: {problem}"
            if text.strip() not in run.notes:
                run.notes.append(text.strip())
        elif event["event"] == "setup" and event.get("errors"):
            text = f"@testmodule {event['name']} ({event['file']}): " + "; ".join(event["errors"])
            if text not in run.notes:
                run.notes.append(text)
        elif event["event"] == "collect":
            run.notes.append(f"collecting failed: {event['message']}")
    order = {}
    for event in events:
        if event["event"] == "file":
            for i, name in enumerate(event["items"]):
                order.setdefault((event["file"], name), (len(order), i))
    run.outcomes = sorted(done.values(), key=lambda o: order.get((o.file, o.name), (len(order), 0)))
    run.seconds = time.monotonic() - start
    return run


# ---------------------------------------------------------------------------------------------------------
# PythonCall.jl's test items (Julia), through tests/pythoncall/runner.jl.

def julia_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def pythoncall_cell(results: Path, done: list[tuple[str, str]]) -> str:
    skip = defaultdict(list)
    for file, name in done:
        skip[file].append(julia_string(name))
    pairs = ", ".join(f"{julia_string(file)} => String[{', '.join(names)}]" for file, names in skip.items())
    return (f"%%julia\ninclude({julia_string(str(PYTHONCALL / 'runner.jl'))})\n"
            f"PythonCallSuite.run_files(; results={julia_string(str(results))}, "
            f"skip=Dict{{String,Vector{{String}}}}({pairs}));")


def pythoncall_outcome(event: dict) -> Outcome:
    return Outcome(event["file"], event["item"], event["status"], event["passed"], event["failed"],
                   event["errored"], event["broken"], event["seconds"], event.get("exception") or "",
                   event.get("problems") or [])


def run_pythoncall(results: Path, item_timeout: float = 180, budget: float = 1200) -> SuiteRun:
    return run_suite(pythoncall_cell, lambda e: (e["file"], e["item"]), pythoncall_outcome, results,
                     item_timeout, budget)


# ---------------------------------------------------------------------------------------------------------
# juliacall's tests (Python), through tests/juliacall/runner.py.

def juliacall_cell(results: Path, done: list[tuple[str, str]]) -> str:
    deselect = [f"{file}::{name}" for file, name in done]
    return (f"%%python\nimport runpy\n"
            f"runpy.run_path({str(JULIACALL / 'runner.py')!r})['run'](results={str(results)!r}, "
            f"deselect={deselect!r})\nNone")


def juliacall_key(event: dict) -> tuple[str, str]:
    file, _, name = event["test"].partition("::")
    return file, name


def juliacall_outcome(event: dict) -> Outcome:
    file, name = juliacall_key(event)
    status = event["status"]
    return Outcome(file, name, status, passed=int(status == "pass"), failed=int(status == "fail"),
                   errored=int(status == "error"), broken=int(status == "skip"), seconds=event["seconds"],
                   message=event.get("message") or "")


def run_juliacall(results: Path, item_timeout: float = 120, budget: float = 600) -> SuiteRun:
    return run_suite(juliacall_cell, juliacall_key, juliacall_outcome, results, item_timeout, budget)


# ---------------------------------------------------------------------------------------------------------
# Reports and floors.

def causes(run: SuiteRun) -> Counter:
    """What stopped tests, by kind: a missing name, a missing method, a failed comparison, a crash..."""
    found: Counter = Counter()
    for o in run.outcomes:
        seen = set()
        for text in [o.message, *o.problems] if o.status not in ("pass", "not_run", "skip") else []:
            name = re.search(r"UndefVarError: (\S+) not defined", text)
            method = re.search(r"MethodError: no method matching (\S+?)\(", text)
            if name:
                cause = f"missing name {name.group(1)}"
            elif method:
                cause = f"missing method {method.group(1)}"
            elif text.startswith("parse error"):
                cause = "parse error"
            elif "ModuleNotFoundError" in text:
                cause = re.sub(r".*(ModuleNotFoundError: .*?)(\s\||$).*", r"\1", text)
            elif o.status in ("crash", "timeout") and text == o.message:
                cause = o.status
            elif " failed: " in text:
                cause = "wrong result (@test failed)"
            elif text:
                cause = "other error: " + re.sub(r"^.*?(error (in .*?|outside @test|stopped the item): )", "",
                                                 text)[:80]
            else:
                continue
            if cause not in seen:
                seen.add(cause)
                found[cause] += 1
    return found


def report(title: str, run: SuiteRun, floors: dict[str, int]) -> str:
    """A table of each file's counts against its floor, the items that did not pass, and their causes."""
    lines = [f"{title}: {len(run.outcomes)} items in {run.seconds:.0f} s, {run.kernels} kernel(s)", ""]
    header = (f"{'file':<16}{'passed':>7}{'floor':>7}{'failed':>7}{'errored':>8}{'broken':>7}   items: "
              "pass/fail/error/not run/crash/timeout")
    lines.append(header)
    totals = Counter()
    for file in run.files():
        mine = [o for o in run.outcomes if o.file == file]
        counts = {k: sum(getattr(o, k) for o in mine) for k in ("passed", "failed", "errored", "broken")}
        totals.update(counts)
        statuses = Counter(o.status for o in mine)
        lines.append(f"{file:<16}{counts['passed']:>7}{floors.get(file, 0):>7}{counts['failed']:>7}"
                     f"{counts['errored']:>8}{counts['broken']:>7}   "
                     f"{statuses['pass']}/{statuses['fail']}/{statuses['error']}/"
                     f"{statuses['not_run'] + statuses['skip']}/{statuses['crash']}/{statuses['timeout']}")
    lines.append(f"{'total':<16}{totals['passed']:>7}{sum(floors.values()):>7}{totals['failed']:>7}"
                 f"{totals['errored']:>8}{totals['broken']:>7}")
    checks, items = run.applicable()
    lines.append(f"applicable: {checks:.1%} of the checks that ran pass; {items:.1%} of the items not "
                 "excluded pass whole")
    if run.notes:
        lines += ["", "notes:"] + [f"  {note}" for note in run.notes]
    failing = [o for o in run.outcomes if o.status != "pass"]
    if failing:
        lines += ["", "items that did not pass (passed/failed/errored; why):"]
        for o in failing:
            lines.append(f"  {o.file} / {o.name}: {o.status} {o.passed}/{o.failed}/{o.errored}"
                         + (f"; {o.message}" if o.message else ""))
            # (The error that stopped an item is its message already.)
            problems = [p for p in o.problems if "error stopped the item" not in p]
            for problem in problems[:4]:
                lines.append(f"      {problem}")
            if len(problems) > 4:
                lines.append(f"      ... ({len(problems) - 4} more in the JSON report)")
    found = causes(run)
    if found:
        lines += ["", "causes (how many items each one affects):"]
        lines += [f"  {n:>3}  {cause}" for cause, n in found.most_common()]
    return "\n".join(lines) + "\n"


def report_dir() -> Path:
    """Where the reports go: METAPOLY_SUITE_REPORTS, or metapoly-suites in the temporary directory."""
    path = Path(os.environ.get("METAPOLY_SUITE_REPORTS") or Path(tempfile.gettempdir()) / "metapoly-suites")
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_report(name: str, title: str, run: SuiteRun, floors: dict[str, int]) -> str:
    """Write ``name``.txt (the report) and ``name``.json (every outcome) to report_dir(); print and return
    the report."""
    text = report(title, run, floors)
    directory = report_dir()
    (directory / f"{name}.txt").write_text(text)
    (directory / f"{name}.json").write_text(json.dumps(
        {"seconds": run.seconds, "kernels": run.kernels, "notes": run.notes,
         "pass_counts": {f: run.passed(f) for f in run.files()}, "floors": floors,
         "outcomes": [o.__dict__ for o in run.outcomes]}, indent=1))
    print(f"\n{text}(written to {directory / name}.txt and .json)")
    return text


def load_floors(path: Path) -> dict[str, int]:
    return {k: v for k, v in json.loads(path.read_text()).items() if not k.startswith("_")}


def save_floors(path: Path, run: SuiteRun) -> None:
    """Record the run's pass counts as the floors (METAPOLY_UPDATE_FLOORS=1), keeping the file's comment."""
    old = json.loads(path.read_text()) if path.exists() else {}
    new = {k: v for k, v in old.items() if k.startswith("_")}
    new.update({file: run.passed(file) for file in run.files()})
    path.write_text(json.dumps(new, indent=2, ensure_ascii=False) + "\n")

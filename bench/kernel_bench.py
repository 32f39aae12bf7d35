"""metapoly against ipykernel: startup, cell latency and output throughput, measured from a client.

Both kernels (ipykernel's ``python3`` and ``metapoly``) are started through jupyter_client in the same
run, one after the other, and measured the same way:

* ready: wall time of starting the kernel manager until a ``kernel_info`` reply arrives
  (``start_kernel`` + ``wait_for_ready``);
* first cell: wall time of the first ``1+1`` cell right after ready;
* first result: the way a user waits, median of ``--starts`` fresh kernels: from starting the kernel to the
  ``execute_result`` of its first cell, ``1+1`` in Python (and, for metapoly, on other fresh kernels, in
  Julia); then the first cell in the other language, and ``is_complete`` right after the first cell;
* restart: from the client's restart (``restart_kernel``) to the result of the next ``1+1``; for metapoly
  also from ``%restart`` (a new worker, same kernel) to the next result;
* round trip: median wall time of a ``1+1`` cell (execute_request sent until its execute_reply and
  idle status are both in), over ``--runs`` runs after a few warm-up runs; for metapoly once in Python
  and once in Julia (``%%julia``);
* lines: median, over 3 runs, of the wall time of a cell printing ``--lines`` lines (Python, and for
  metapoly also Julia), from sending until idle; the text received must be exactly the lines printed.

It then prints the ratios metapoly/ipykernel (Julia rows against ipykernel's Python) with the targets:
round trip and print throughput no slower than ipykernel (ratio <= 1.0), ready within 3x (ratio <= 3.0),
first result within 1.5x in Python and 2x in Julia, restart within 2x; and the absolute targets of the first
cell in the second language (<= 150 ms) and of is_complete after the first cell (<= 50 ms).

Run it with ``make bench`` or ``.venv/bin/python bench/kernel_bench.py [--runs N] [--lines N] [--starts N]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass, field

from jupyter_client.manager import KernelManager

# Generous: metapoly's first cells may wait for its Julia worker to finish starting.
STARTUP_TIMEOUT = 300
CELL_TIMEOUT = 300
WARMUP_RUNS = 5
LINE_REPEATS = 3

PY_CELL = "1+1"
JL_CELL = "%%julia\n1+1"
PY_INCOMPLETE = "for i in range(3):"


def py_lines_cell(lines: int) -> str:
    """A Python cell printing 0 .. lines-1, one per line."""
    return f"for i in range({lines}): print(i)"


def jl_lines_cell(lines: int) -> str:
    """A Julia cell printing 0 .. lines-1, one per line."""
    return f"%%julia\nfor i in 0:{lines - 1}; println(i); end"


@dataclass
class Measurements:
    """One kernel's numbers, in seconds; ``round_trip`` and ``lines`` are keyed by language ("py", "jl")."""

    ready: float = 0.0
    first_cell: float = 0.0
    round_trip: dict[str, float] = field(default_factory=dict)
    lines: dict[str, float] = field(default_factory=dict)
    first_result: dict[str, float] = field(default_factory=dict)
    second_language: float = 0.0
    is_complete: float = 0.0
    restart: float = 0.0
    worker_restart: float = 0.0


def start(kernel_name: str, started: list) -> tuple:
    """Start ``kernel_name`` and wait for its kernel_info reply; return (km, kc, seconds taken).

    The manager is appended to ``started`` before anything can fail, so the caller can always shut it down.
    """
    km = KernelManager(kernel_name=kernel_name)
    began = time.perf_counter()
    started.append(km)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
    return km, kc, time.perf_counter() - began


def result_of(kc, code: str) -> float:
    """Execute ``code``; seconds from sending it to its ``execute_result`` (raises on an error)."""
    began = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=CELL_TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            elapsed = time.perf_counter() - began
            break
        if msg["msg_type"] == "error":
            raise RuntimeError(f"cell {code!r} failed: {msg['content']['ename']}: {msg['content']['evalue']}")
    while kc.get_shell_msg(timeout=CELL_TIMEOUT)["parent_header"].get("msg_id") != msg_id:
        pass
    return elapsed


def first_result(kernel_name: str, cell: str, other: str | None, started: list) -> tuple[float, float, float]:
    """A fresh kernel's (seconds from starting it to the result of ``cell``, seconds of the ``other``
    language's first cell after it (0 without one), seconds of an is_complete right after ``cell``)."""
    km = KernelManager(kernel_name=kernel_name)
    started.append(km)
    began = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
    result_of(kc, cell)
    first = time.perf_counter() - began
    asked = time.perf_counter()
    kc.is_complete(PY_INCOMPLETE if other is None or "%%julia" in cell else "%%julia\nfunction f()")
    kc.get_shell_msg(timeout=CELL_TIMEOUT)
    is_complete = time.perf_counter() - asked
    second = result_of(kc, other) if other else 0.0
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return first, second, is_complete


def restart_to_result(kc, restart) -> float:
    """Seconds from ``restart()`` to the result of the next ``1+1`` (sent once the kernel answers, as
    clients do: what a new kernel publishes before the client's iopub connection is back is lost)."""
    began = time.perf_counter()
    restart()
    kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
    result_of(kc, PY_CELL)
    return time.perf_counter() - began


def run_cell(kc, code: str) -> tuple[float, str]:
    """Execute ``code``; return (seconds from sending to having both idle and the reply, stdout text).

    Raises if the cell does not finish with status ok.
    """
    began = time.perf_counter()
    msg_id = kc.execute(code)
    chunks = []
    while True:
        msg = kc.get_iopub_msg(timeout=CELL_TIMEOUT)
        # Leftovers of earlier requests (kernel_info's status messages) share the channel.
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            chunks.append(msg["content"]["text"])
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=CELL_TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - began
    if reply["content"]["status"] != "ok":
        content = reply["content"]
        raise RuntimeError(f"cell {code!r} failed: {content.get('ename')}: {content.get('evalue')}")
    return elapsed, "".join(chunks)


def median_round_trip(kc, code: str, runs: int) -> float:
    """Median seconds of ``runs`` executions of ``code``, after a few unmeasured warm-up runs."""
    for _ in range(WARMUP_RUNS):
        run_cell(kc, code)
    return statistics.median(run_cell(kc, code)[0] for _ in range(runs))


def first_difference(text: str, expected: str) -> str:
    """Describe where ``text`` first departs from ``expected``, line by line."""
    got, want = text.splitlines(keepends=True), expected.splitlines(keepends=True)
    for number, (got_line, want_line) in enumerate(zip(got, want, strict=False)):
        if got_line != want_line:
            return f"line {number} is {got_line!r}, expected {want_line!r}"
    return f"received {len(got)} lines, expected {len(want)}"


def median_lines_time(kc, code: str, lines: int) -> float:
    """Median seconds of printing ``lines`` lines with ``code``; raises if any run's output is wrong."""
    expected = "".join(f"{i}\n" for i in range(lines))
    times = []
    for _ in range(LINE_REPEATS):
        elapsed, text = run_cell(kc, code)
        if text != expected:
            raise AssertionError(f"{code!r}: wrong output; {first_difference(text, expected)}")
        times.append(elapsed)
    return statistics.median(times)


def measure(kernel_name: str, languages: dict[str, tuple[str, str]], args, started: list) -> Measurements:
    """Start ``kernel_name`` and take all its measurements; ``languages`` maps a label to its two cells."""
    print(f"measuring {kernel_name} ...", flush=True)
    result = Measurements()
    both = "jl" in languages
    starts = [first_result(kernel_name, PY_CELL, JL_CELL if both else None, started)
              for _ in range(args.starts)]
    result.first_result["py"] = statistics.median(run[0] for run in starts)
    result.second_language = statistics.median(run[1] for run in starts)
    result.is_complete = statistics.median(run[2] for run in starts)
    if both:
        result.first_result["jl"] = statistics.median(
            first_result(kernel_name, JL_CELL, None, started)[0] for _ in range(args.starts))
    km, kc, result.ready = start(kernel_name, started)
    result.first_cell, _ = run_cell(kc, PY_CELL)
    for language, (trip_cell, lines_cell) in languages.items():
        result.round_trip[language] = median_round_trip(kc, trip_cell, args.runs)
        result.lines[language] = median_lines_time(kc, lines_cell, args.lines)
    result.restart = statistics.median(
        restart_to_result(kc, lambda: km.restart_kernel(now=False)) for _ in range(args.starts))
    if both:
        result.worker_restart = statistics.median(
            restart_to_result(kc, lambda: run_cell(kc, "%restart")) for _ in range(args.starts))
    kc.stop_channels()
    return result


def report(base: Measurements, meta: Measurements, lines: int) -> None:
    """Print the aligned table of both kernels' numbers, the ratios and whether each target is met."""
    lines_label = f"{lines // 1000}k" if lines % 1000 == 0 else str(lines)
    # (label, unit scale, ipykernel value, metapoly value, maximum ratio or None for no target)
    rows = [
        ("first result py (s)", 1, base.first_result["py"], meta.first_result["py"], 1.5),
        ("first result jl (s)", 1, base.first_result["py"], meta.first_result["jl"], 2.0),
        ("restart to result (s)", 1, base.restart, meta.restart, 2.0),
        ("%restart to result (s)", 1, base.restart, meta.worker_restart, 2.0),
        ("ready (s)", 1, base.ready, meta.ready, 3.0),
        ("first cell (ms)", 1000, base.first_cell, meta.first_cell, None),
        ("round trip py (ms)", 1000, base.round_trip["py"], meta.round_trip["py"], 1.0),
        ("round trip jl (ms)", 1000, base.round_trip["py"], meta.round_trip["jl"], 1.0),
        (f"{lines_label} lines py (s)", 1, base.lines["py"], meta.lines["py"], 1.0),
        (f"{lines_label} lines jl (s)", 1, base.lines["py"], meta.lines["jl"], 1.0),
    ]
    print()
    print(f"{'':24}{'ipykernel':>11}{'metapoly':>11}{'ratio':>9}   target")
    for label, scale, base_value, meta_value, limit in rows:
        ratio = meta_value / base_value
        target = "-" if limit is None else f"<= {limit:.1f}  {'ok' if ratio <= limit else 'MISSED'}"
        print(f"{label:24}{base_value * scale:11.2f}{meta_value * scale:11.2f}{ratio:9.2f}   {target}")
    print("\n(jl rows compare metapoly's Julia with ipykernel's Python, %restart ipykernel's client restart; "
          "ratio = metapoly / ipykernel)")
    for label, value, limit in (("first cell in the other language", meta.second_language, 0.150),
                                ("is_complete right after the first cell", meta.is_complete, 0.050)):
        verdict = "ok" if value <= limit else "MISSED"
        print(f"metapoly {label}: {value * 1000:.0f} ms (target <= {limit * 1000:.0f} ms: {verdict})")
    print(f"(ipykernel's is_complete right after its first cell: {base.is_complete * 1000:.0f} ms)")


def main() -> None:
    """Parse the options, measure both kernels, print the table, and shut the kernels down."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200,
                        help="measured 1+1 cells per language (default 200)")
    parser.add_argument("--lines", type=int, default=100_000,
                        help="lines printed per output cell (default 100000)")
    parser.add_argument("--starts", type=int, default=3,
                        help="fresh kernels per first-result number (default 3)")
    args = parser.parse_args()

    started: list[KernelManager] = []
    try:
        base = measure("python3", {"py": (PY_CELL, py_lines_cell(args.lines))}, args, started)
        meta = measure("metapoly", {"py": (PY_CELL, py_lines_cell(args.lines)),
                                    "jl": (JL_CELL, jl_lines_cell(args.lines))}, args, started)
        report(base, meta, args.lines)
    finally:
        for km in started:
            if km.has_kernel:  # (the first-result kernels are shut down already)
                km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()

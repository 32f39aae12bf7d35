"""metapoly against ipykernel, interleaved: start, cell latency, output throughput and memory, from a client.

ipykernel's ``python3`` kernel and ``metapoly`` are started through jupyter_client in the same run and
measured the same way. Timings alternate between the kernels sample by sample (one of each, then the next
round), so that load on the machine hits both alike:

* first result: from starting a kernel to the ``execute_result`` of its first ``1+1``, on fresh kernels
  (``--starts`` rounds: ipykernel, metapoly with a Python cell, metapoly with a ``%%julia`` cell); then, on
  metapoly's, the first cell in the other language: its median and its worst case over every start;
* restart: from the client's restart to the next result (and, for metapoly, from ``%restart``);
* round trip: median of ``--runs`` ``1+1`` cells (sent until both its reply and idle are in), after warm-up;
* lines: median of 3 cells printing ``--lines`` lines, checked to arrive exactly;
* memory: proportional set size (PSS: shared pages count once across processes) of each kernel's process
  tree, with ``--kernels`` kernels of a kind running at once, each after ``import numpy`` and a cell in each
  of its languages and a few idle seconds. One kind at a time: the two kinds share library pages.

It prints both kernels' figures, the ratios metapoly/ipykernel (Julia rows against ipykernel's Python) and
each goal, ``ok`` or ``MISSED``. Run it with ``make bench`` or
``.venv/bin/python bench/kernel_bench.py [--runs N] [--lines N] [--starts N] [--kernels N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from jupyter_client.manager import KernelManager

STARTUP_TIMEOUT = 300
CELL_TIMEOUT = 300
WARMUP_RUNS = 5
LINE_REPEATS = 3
IDLE_BEFORE_MEMORY = 3.0

PY_CELL = "1+1"
JL_CELL = "%%julia\n1+1"


def py_lines_cell(lines: int) -> str:
    """A Python cell printing 0 .. lines-1, one per line."""
    return f"for i in range({lines}): print(i)"


def jl_lines_cell(lines: int) -> str:
    """A Julia cell printing 0 .. lines-1, one per line."""
    return f"%%julia\nfor i in 0:{lines - 1}; println(i); end"


def start(kernel_name: str, started: list) -> tuple:
    """Start ``kernel_name`` and wait for its kernel_info reply; return (manager, client).

    The manager is appended to ``started`` before anything can fail, so the caller can always shut it down.
    """
    km = KernelManager(kernel_name=kernel_name)
    started.append(km)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
    return km, kc


def stop(km, kc) -> None:
    """Shut a kernel down now."""
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run_cell(kc, code: str) -> tuple[float, float, str]:
    """Execute ``code``; return (seconds until its execute_result, seconds until both idle and the reply are
    in, stdout text). Raises if the cell fails."""
    began = time.perf_counter()
    msg_id = kc.execute(code)
    chunks, result = [], 0.0
    while True:
        msg = kc.get_iopub_msg(timeout=CELL_TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:  # (what earlier requests left on the channel)
            continue
        kind = msg["msg_type"]
        if kind == "execute_result":
            result = time.perf_counter() - began
        elif kind == "stream" and msg["content"]["name"] == "stdout":
            chunks.append(msg["content"]["text"])
        elif kind == "error":
            raise RuntimeError(f"cell {code!r} failed: {msg['content']['ename']}: {msg['content']['evalue']}")
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    while kc.get_shell_msg(timeout=CELL_TIMEOUT)["parent_header"].get("msg_id") != msg_id:
        pass
    return result, time.perf_counter() - began, "".join(chunks)


def first_result(kernel_name: str, cell: str, other: str | None, started: list) -> tuple[float, float]:
    """A fresh kernel's (seconds from starting it to the result of ``cell``, seconds of the ``other``
    language's first cell right after it, 0 without one)."""
    began = time.perf_counter()
    km, kc = start(kernel_name, started)
    run_cell(kc, cell)
    first = time.perf_counter() - began
    second = run_cell(kc, other)[0] if other else 0.0
    stop(km, kc)
    return first, second


def restart_to_result(kc, restart: Callable[[], object]) -> float:
    """Seconds from ``restart()`` to the result of the next ``1+1`` (sent once the kernel answers, as
    clients do)."""
    began = time.perf_counter()
    restart()
    kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
    run_cell(kc, PY_CELL)
    return time.perf_counter() - began


def lines_time(kc, code: str, lines: int) -> float:
    """Seconds of printing ``lines`` lines with ``code``; raises if the output is not exactly the lines."""
    elapsed, text = run_cell(kc, code)[1:]
    if text != "".join(f"{i}\n" for i in range(lines)):
        raise AssertionError(f"{code!r}: wrong output ({len(text.splitlines())} lines received)")
    return elapsed


def interleaved(samples: dict[str, Callable[[], Any]], rounds: int) -> dict[str, list[Any]]:
    """Call every sample once per round, in turn; the values of each."""
    values: dict[str, list[Any]] = {label: [] for label in samples}
    for _ in range(rounds):
        for label, sample in samples.items():
            values[label].append(sample())
    return values


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux's /proc)."""
    pids = [pid]
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            pids += [p for child in f.read().split() for p in process_tree(int(child))]
    return pids


def pss_mib(pid: int) -> float:
    """The proportional set size of process ``pid``, in MiB."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("Pss:")) / 1024


def memory_per_kernel(kernel_name: str, cells: list[str], kernels: int, started: list) -> list[float]:
    """PSS in MiB of each of ``kernels`` kernels running at once, each having run ``cells``."""
    running = []
    try:
        for _ in range(kernels):
            km, kc = start(kernel_name, started)
            running.append((km, kc))
            for cell in cells:
                run_cell(kc, cell)
        time.sleep(IDLE_BEFORE_MEMORY)  # (the idle warm-ups are part of a kernel's memory)
        return [sum(pss_mib(pid) for pid in process_tree(km.provisioner.process.pid)) for km, _ in running]
    finally:
        for km, kc in running:
            stop(km, kc)


def main() -> None:
    """Parse the options, measure both kernels interleaved, print the table and the goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="1+1 cells per kernel and language (200)")
    parser.add_argument("--lines", type=int, default=100_000, help="lines printed per output cell (100000)")
    parser.add_argument("--starts", type=int, default=10, help="fresh kernels per first-result figure (10)")
    parser.add_argument("--kernels", type=int, default=4, help="kernels running at once for memory (4)")
    args = parser.parse_args()
    started: list[KernelManager] = []
    try:
        print("first results ...", flush=True)
        starts = interleaved({"ipy": lambda: first_result("python3", PY_CELL, None, started),
                              "py": lambda: first_result("metapoly", PY_CELL, JL_CELL, started),
                              "jl": lambda: first_result("metapoly", JL_CELL, PY_CELL, started)}, args.starts)
        seconds = [run[1] for run in starts["py"] + starts["jl"]]
        base_first = statistics.median(run[0] for run in starts["ipy"])
        figures = {f"first {label}": (base_first, statistics.median(run[0] for run in starts[label]))
                   for label in ("py", "jl")}
        print("round trips, lines, restarts ...", flush=True)
        base_km, base = start("python3", started)
        meta_km, meta = start("metapoly", started)
        cells = {"ipy": (base, PY_CELL), "py": (meta, PY_CELL), "jl": (meta, JL_CELL)}
        for _ in range(WARMUP_RUNS):
            for kc, code in cells.values():
                run_cell(kc, code)
        trips = interleaved({label: lambda kc=kc, code=code: run_cell(kc, code)[1]
                             for label, (kc, code) in cells.items()}, args.runs)
        printed = interleaved({
            "ipy": lambda: lines_time(base, py_lines_cell(args.lines), args.lines),
            "py": lambda: lines_time(meta, py_lines_cell(args.lines), args.lines),
            "jl": lambda: lines_time(meta, jl_lines_cell(args.lines), args.lines)}, LINE_REPEATS)
        restarts = interleaved({
            "ipy": lambda: restart_to_result(base, lambda: base_km.restart_kernel(now=False)),
            "py": lambda: restart_to_result(meta, lambda: meta_km.restart_kernel(now=False)),
            "jl": lambda: restart_to_result(meta, lambda: run_cell(meta, "%restart"))}, args.starts)
        stop(base_km, base)
        stop(meta_km, meta)
        for name, values in (("trip", trips), ("lines", printed), ("restart", restarts)):
            for label in ("py", "jl"):
                figures[f"{name} {label}"] = (statistics.median(values["ipy"]),
                                              statistics.median(values[label]))
        print(f"memory of {args.kernels} kernels of each kind ...", flush=True)
        base_memory = memory_per_kernel("python3", ["import numpy", PY_CELL], args.kernels, started)
        meta_memory = memory_per_kernel("metapoly", ["import numpy", PY_CELL, JL_CELL], args.kernels, started)
        report(figures, seconds, base_memory, meta_memory, args)
    finally:
        for km in started:
            if km.has_kernel:
                km.shutdown_kernel(now=True)


# (key, label, unit scale, maximum ratio or None): the issue's goals, and the restarts' earlier ones.
ROWS = [
    ("first py", "first result, Python 1+1 (s)", 1, 1.15),
    ("first jl", "first result, Julia 1+1 (s)", 1, 1.15),
    ("trip py", "round trip of 1+1, Python (ms)", 1000, 1.0),
    ("trip jl", "round trip of 1+1, Julia (ms)", 1000, 1.0),
    ("lines py", "{lines} printed lines, Python (s)", 1, 0.5),
    ("lines jl", "{lines} printed lines, Julia (s)", 1, 0.2),
    ("restart py", "client restart to result (s)", 1, 2.0),
    ("restart jl", "%restart to result (s)", 1, 2.0),
]
SECOND_LANGUAGE_MAX = 0.100
MEMORY_MAX_MIB = 200


def report(figures: dict, seconds: list[float], base_memory: list[float], meta_memory: list[float],
           args) -> None:
    """Print the table of both kernels' figures, the ratios and whether each goal is met."""
    print(f"\n{'':38}{'ipykernel':>11}{'metapoly':>11}{'ratio':>8}   goal")
    for key, label, scale, limit in ROWS:
        base, meta = figures[key]
        ratio = meta / base
        verdict = "ok" if ratio <= limit else "MISSED"
        print(f"{label.format(lines=f'{args.lines:,}'):38}{base * scale:11.2f}{meta * scale:11.2f}"
              f"{ratio:8.2f}   <= {limit:.2f} {verdict}")
    worst = max(seconds)
    verdict = "ok" if worst <= SECOND_LANGUAGE_MAX else "MISSED"
    print(f"{'first cell in the second language (ms)':38}{'':11}{statistics.median(seconds) * 1000:11.0f}"
          f"{'':8}   worst {worst * 1000:.0f} of {len(seconds)} kernels <= {SECOND_LANGUAGE_MAX * 1000:.0f} "
          f"{verdict}")
    base_mib, meta_mib = statistics.median(base_memory), statistics.median(meta_memory)
    verdict = "ok" if max(meta_memory) <= MEMORY_MAX_MIB else "MISSED"
    print(f"{f'memory, {args.kernels} kernels at once (MiB PSS)':38}{base_mib:11.1f}{meta_mib:11.1f}"
          f"{meta_mib / base_mib:8.2f}   each <= {MEMORY_MAX_MIB} {verdict}")
    print("\n(medians; Julia rows against ipykernel's Python, %restart against ipykernel's client restart; "
          "ratio = metapoly / ipykernel)")


if __name__ == "__main__":
    main()

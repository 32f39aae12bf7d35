"""metapoly against ipykernel: startup, cell latency and output throughput, measured from a client.

Both kernels (ipykernel's ``python3`` and ``metapoly``) are started through jupyter_client in the same
run, one after the other, and measured the same way:

* ready: wall time of starting the kernel manager until a ``kernel_info`` reply arrives
  (``start_kernel`` + ``wait_for_ready``);
* first cell: wall time of the first ``1+1`` cell right after ready;
* round trip: median wall time of a ``1+1`` cell (execute_request sent until its execute_reply and
  idle status are both in), over ``--runs`` runs after a few warm-up runs; for metapoly once in Python
  and once in Julia (``%%julia``);
* lines: median, over 3 runs, of the wall time of a cell printing ``--lines`` lines (Python, and for
  metapoly also Julia), from sending until idle; the text received must be exactly the lines printed.

It then prints the ratios metapoly/ipykernel (Julia rows against ipykernel's Python) with the targets:
round trip and print throughput no slower than ipykernel (ratio <= 1.0), ready within 3x (ratio <= 3.0).

Run it with ``make bench`` or ``.venv/bin/python bench/kernel_bench.py [--runs N] [--lines N]``.
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
    for number, (got_line, want_line) in enumerate(zip(got, want)):
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
    _, kc, result.ready = start(kernel_name, started)
    result.first_cell, _ = run_cell(kc, PY_CELL)
    for language, (trip_cell, lines_cell) in languages.items():
        result.round_trip[language] = median_round_trip(kc, trip_cell, args.runs)
        result.lines[language] = median_lines_time(kc, lines_cell, args.lines)
    kc.stop_channels()
    return result


def report(base: Measurements, meta: Measurements, lines: int) -> None:
    """Print the aligned table of both kernels' numbers, the ratios and whether each target is met."""
    lines_label = f"{lines // 1000}k" if lines % 1000 == 0 else str(lines)
    # (label, unit scale, ipykernel value, metapoly value, maximum ratio or None for no target)
    rows = [
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
    print("\n(jl rows compare metapoly's Julia with ipykernel's Python; ratio = metapoly / ipykernel)")


def main() -> None:
    """Parse the options, measure both kernels, print the table, and shut the kernels down."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="measured 1+1 cells per language (default 200)")
    parser.add_argument("--lines", type=int, default=100_000, help="lines printed per output cell (default 100000)")
    args = parser.parse_args()

    started: list[KernelManager] = []
    try:
        base = measure("python3", {"py": (PY_CELL, py_lines_cell(args.lines))}, args, started)
        meta = measure("metapoly", {"py": (PY_CELL, py_lines_cell(args.lines)),
                                    "jl": (JL_CELL, jl_lines_cell(args.lines))}, args, started)
        report(base, meta, args.lines)
    finally:
        for km in started:
            km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()

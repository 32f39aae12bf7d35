"""metapoly's bridge: sharing float64 arrays between Python and Julia, against copying them.

One metapoly kernel is started through jupyter_client. For float64 vectors of 10^3, 10^4, ...,
10^``--max-exp`` elements it measures, in that kernel:

* cell py2jl: wall time of a ``%py2jl x`` cell (``x = np.random.rand(N)`` made in Python), from sending
  the execute_request until its execute_reply and idle status are both in; median of ``--repeats`` runs
  after one warm-up run. The line the magic prints must say the array was ``shared``;
* cell jl2py: the same for ``%jl2py y`` (``y = rand(N)`` made in Julia);
* in-process py2jl / jl2py: if the kernel's Python has the in-code ``julia`` object, the time of
  ``julia["x"] = x`` and of ``julia.eval("y")`` inside a Python cell (``time.perf_counter``, median of
  10 x ``--repeats`` calls after one warm-up call), free of ZMQ and front-end overhead. The cell also
  checks that both sides then point at the same memory. Without the object this part is skipped;
* floor: the median wall time of a no-op cell (``%julia nothing``), what any cell costs.

And, in this bench process, for arrays of the same sizes, three ways of copying (median of
``--repeats`` runs after one warm-up run): a pickle round trip (``pickle.loads(pickle.dumps(a,
protocol=5))``), a raw bytes round trip (``np.frombuffer(a.tobytes(), a.dtype).copy()``) and a plain
``a.copy()`` (also shown as bandwidth, array bytes per second). The fastest of the three is "best copy".

At the largest size it also reads the worker's resident memory (``VmRSS`` of ``/proc/PID/status``, PID
being what ``os.getpid()`` says in a Python cell, the same process as Julia's ``getpid()``) before and
after the ``%py2jl x`` runs, the ``%jl2py y`` runs and the in-process runs: sharing must not allocate
anything proportional to the array.

Targets printed at the end: shared transfer time flat in the array size (time at 10^max within 2x of
the time at 10^3, for each direction, cell and in-process), at least 1000x faster than the best copy
at 10^max (the cell times cannot meet this: a cell costs the no-op floor of a few ms, while copying
800 MB takes well under a second; the in-process times are the ones to judge), and worker memory growth
over the sharing runs at 10^max below 10% of the array's size (or 16 MB, whichever is larger: smaller
arrays drown in the worker's own allocations).

Run it with ``.venv/bin/python bench/bridge_bench.py [--max-exp 8] [--repeats 5]``. At the default
10^8 (800 MB per array; the worker holds two such arrays at once, the bench process up to three) it
takes under a minute.
"""

from __future__ import annotations

import argparse
import pickle
import queue
import statistics
import time
from dataclasses import dataclass, field

import numpy as np
from jupyter_client.manager import KernelManager

# Generous: metapoly's first cells may wait for its Julia worker to finish starting, and making or
# collecting 10^8-element arrays takes seconds.
STARTUP_TIMEOUT = 300
CELL_TIMEOUT = 300
WARMUP_RUNS = 1            # per size and measure: the first bridge call of a kind compiles code paths
FLOOR_WARMUP_RUNS = 5
FLOOR_RUNS_FACTOR = 10     # the floor is the median of this many times --repeats no-op cells
IN_PROCESS_FACTOR = 10     # in-process calls per size: this many times --repeats
MIN_EXP = 3

FLAT_LIMIT = 2.0           # time at 10^max / time at 10^3
SPEEDUP_TARGET = 1000.0    # best copy / shared transfer, at 10^max
RSS_GROWTH_LIMIT = 0.10    # worker RSS growth over the sharing runs / array bytes, at 10^max ...
RSS_NOISE_MB = 16.0        # ... but never below this: small arrays drown in the worker's own allocations

NOOP_CELL = "%julia nothing"
PY2JL_CELL = "%py2jl x"
JL2PY_CELL = "%jl2py y"

# Prints "yes" when the kernel's Python has the in-code API, otherwise "no: why".
API_PROBE_CELL = """\
_bb_julia = globals().get("julia")
if _bb_julia is None:
    print("no: no 'julia' object in the Python namespace")
elif not (callable(getattr(_bb_julia, "eval", None)) and hasattr(type(_bb_julia), "__setitem__")):
    print("no: 'julia' is a " + type(_bb_julia).__name__ + " without eval() and item assignment")
else:
    print("yes")
del _bb_julia"""

# Both print "<median microseconds> <shared: True/False>"; the first call is a warm-up.
IN_PROCESS_PY2JL_CELL = """\
import statistics as _bb_statistics, time as _bb_time
_bb_times = []
for _bb_i in range({runs} + 1):
    _bb_began = _bb_time.perf_counter()
    julia["x"] = x
    _bb_times.append(_bb_time.perf_counter() - _bb_began)
print(_bb_statistics.median(_bb_times[1:]) * 1e6, julia.eval("Int(pointer(x))") == x.ctypes.data)
del _bb_times, _bb_began, _bb_i"""

IN_PROCESS_JL2PY_CELL = """\
import statistics as _bb_statistics, time as _bb_time
_bb_times = []
for _bb_i in range({runs} + 1):
    _bb_began = _bb_time.perf_counter()
    _bb_view = julia.eval("y")
    _bb_times.append(_bb_time.perf_counter() - _bb_began)
    del _bb_view
_bb_view = julia.eval("y")
print(_bb_statistics.median(_bb_times[1:]) * 1e6, _bb_view.ctypes.data == julia.eval("Int(pointer(y))"))
del _bb_view, _bb_times, _bb_began, _bb_i"""


class CellError(RuntimeError):
    """A cell that did not finish with status ok (or not in time); the message says which and why."""


@dataclass
class SizeResult:
    """One array size's numbers, in seconds; the in-process ones are None when that part was skipped."""

    n: int
    py2jl: float = 0.0
    jl2py: float = 0.0
    in_process_py2jl: float | None = None
    in_process_jl2py: float | None = None
    pickle: float = 0.0
    bytes: float = 0.0
    plain: float = 0.0

    @property
    def best_copy(self) -> float:
        """The fastest of the three copy baselines."""
        return min(self.pickle, self.bytes, self.plain)


@dataclass
class Memory:
    """Worker RSS (MB) around the sharing runs at the largest size: label -> (before, after)."""

    array_mb: float = 0.0
    around: dict[str, tuple[float, float]] = field(default_factory=dict)
    start: float = 0.0
    end: float = 0.0


def start(kernel_name: str, started: list) -> tuple:
    """Start ``kernel_name`` and wait for its kernel_info reply; return (km, kc).

    The manager is appended to ``started`` before anything can fail, so the caller can always shut it down.
    """
    km = KernelManager(kernel_name=kernel_name)
    started.append(km)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
    return km, kc


def run_cell(kc, code: str) -> tuple[float, str]:
    """Execute ``code``; return (seconds from sending to having both idle and the reply, stdout text).

    Raises :class:`CellError` if the cell does not finish with status ok within ``CELL_TIMEOUT``, with the
    error's name, value and traceback, and whatever the cell wrote to stderr.
    """
    began = time.perf_counter()
    msg_id = kc.execute(code)
    chunks, errors, tracebacks = [], [], []
    try:
        while True:
            msg = kc.get_iopub_msg(timeout=CELL_TIMEOUT)
            # Leftovers of earlier requests (kernel_info's status messages) share the channel.
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            content = msg["content"]
            if msg["msg_type"] == "stream":
                (chunks if content["name"] == "stdout" else errors).append(content["text"])
            elif msg["msg_type"] == "error":
                tracebacks.extend(content.get("traceback", []))
            elif msg["msg_type"] == "status" and content["execution_state"] == "idle":
                break
        while True:
            reply = kc.get_shell_msg(timeout=CELL_TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
    except queue.Empty:
        raise CellError(f"cell {code!r} did not finish within {CELL_TIMEOUT} s") from None
    elapsed = time.perf_counter() - began
    content = reply["content"]
    if content["status"] != "ok":
        details = "".join(f"\n    {line}" for line in tracebacks + "".join(errors).splitlines())
        raise CellError(f"cell {code!r} failed: {content.get('ename')}: {content.get('evalue')}{details}")
    return elapsed, "".join(chunks)


def check_shared(code: str, text: str, name: str, n: int) -> None:
    """Raise unless ``text`` is the one line a bridge magic prints for ``name`` (``n`` elements), shared."""
    lines = text.splitlines()
    if len(lines) != 1 or not lines[0].startswith(f"{name} -> ") or str(n) not in lines[0] \
            or not lines[0].endswith(", shared"):
        raise AssertionError(f"{code!r} printed {text!r}; "
                             f"expected one line '{name} -> ... ({n} ...), shared'")


def median_bridge_cell(kc, code: str, name: str, n: int, repeats: int) -> float:
    """Median seconds of ``repeats`` runs of the bridge magic ``code`` after warm-ups; each must say
    shared."""
    times = []
    for run in range(WARMUP_RUNS + repeats):
        elapsed, text = run_cell(kc, code)
        check_shared(code, text, name, n)
        if run >= WARMUP_RUNS:
            times.append(elapsed)
    return statistics.median(times)


def median_floor(kc, repeats: int) -> float:
    """Median seconds of a no-op Julia cell: what any cell costs, bridge or not."""
    for _ in range(FLOOR_WARMUP_RUNS):
        run_cell(kc, NOOP_CELL)
    return statistics.median(run_cell(kc, NOOP_CELL)[0] for _ in range(FLOOR_RUNS_FACTOR * repeats))


def one_line(kc, code: str) -> str:
    """Run ``code`` and return the single line it prints; raises if it prints anything else."""
    _, text = run_cell(kc, code)
    lines = text.splitlines()
    if len(lines) != 1:
        raise AssertionError(f"{code!r} printed {text!r}; expected exactly one line")
    return lines[0]


def worker_pid(kc) -> int:
    """The worker's process id, asked of Python; checks that Julia runs in the same process."""
    py_pid = int(one_line(kc, "import os\nprint(os.getpid())"))
    jl_pid = int(one_line(kc, "%%julia\nprintln(getpid())"))
    if py_pid != jl_pid:
        raise AssertionError(f"Python runs in process {py_pid} but Julia in {jl_pid}")
    return py_pid


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (VmRSS of /proc/PID/status)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS in /proc/{pid}/status")


def in_process_api(kc) -> tuple[bool, str]:
    """Whether the kernel's Python has the in-code ``julia`` object; (False, why) when it has not."""
    answer = one_line(kc, API_PROBE_CELL)
    return answer == "yes", answer.partition(": ")[2]


def in_process_time(kc, template: str, repeats: int, what: str) -> float:
    """Seconds per call (median) measured inside the kernel by ``template``; raises unless it was shared."""
    code = template.format(runs=IN_PROCESS_FACTOR * repeats)
    answer = one_line(kc, code)
    micros, shared = answer.split()
    if shared != "True":
        raise AssertionError(f"in-process {what}: Python and Julia do not point at the same memory")
    return float(micros) / 1e6


def median_seconds(action, repeats: int) -> float:
    """Median seconds of ``action()`` over ``repeats`` runs after one unmeasured warm-up run."""
    action()
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def copy_baselines(result: SizeResult, repeats: int) -> None:
    """Time the three copy baselines on a fresh array of ``result.n`` float64s, in this process."""
    a = np.random.rand(result.n)
    result.pickle = median_seconds(lambda: pickle.loads(pickle.dumps(a, protocol=5)), repeats)
    result.bytes = median_seconds(lambda: np.frombuffer(a.tobytes(), dtype=a.dtype).copy(), repeats)
    result.plain = median_seconds(a.copy, repeats)


def measure_size(kc, n: int, largest: bool, api: bool, pid: int, memory: Memory, args) -> SizeResult:
    """All measurements for arrays of ``n`` elements; at the largest size also the worker's RSS."""
    result = SizeResult(n)

    def around(label: str, action):
        """Run ``action()``; at the largest size record the worker's RSS before and after it."""
        before = rss_mb(pid) if largest else 0.0
        value = action()
        if largest:
            memory.around[label] = (before, rss_mb(pid))
        return value

    run_cell(kc, f"x = np.random.rand({n})")
    result.py2jl = around(PY2JL_CELL, lambda: median_bridge_cell(kc, PY2JL_CELL, "x", n, args.repeats))
    run_cell(kc, f"%julia y = rand({n});")
    result.jl2py = around(JL2PY_CELL, lambda: median_bridge_cell(kc, JL2PY_CELL, "y", n, args.repeats))
    if api:
        result.in_process_py2jl = around('julia["x"] = x', lambda: in_process_time(
            kc, IN_PROCESS_PY2JL_CELL, args.repeats, "py2jl"))
        result.in_process_jl2py = around('julia.eval("y")', lambda: in_process_time(
            kc, IN_PROCESS_JL2PY_CELL, args.repeats, "jl2py"))
    # Python drops its arrays (x, and y, the view of Julia's y); Julia drops x (the view of Python's x)
    # and y. The next request releases the cross-language references; the last collection frees y.
    run_cell(kc, "del x, y")
    run_cell(kc, "%%julia\nx = nothing; y = nothing; GC.gc()")
    run_cell(kc, "%julia GC.gc()")
    copy_baselines(result, args.repeats)
    return result


def power(n: int) -> str:
    """``10^k`` for a power of ten ``n``."""
    return f"10^{len(str(n)) - 1}"


def fmt(value: float | None, scale: float, width: int, digits: int = 3) -> str:
    """``value * scale`` right-aligned in ``width`` columns, or ``-`` when there is no value."""
    return f"{'-':>{width}}" if value is None else f"{value * scale:{width}.{digits}f}"


def speedup_text(value: float) -> str:
    """A speedup as ``12345x``, ``12.3x`` or ``0.0123x``: three significant digits below 100."""
    return f"{value:.0f}x" if value >= 100 else f"{value:.1f}x" if value >= 1 else f"{value:.3g}x"


def ratio(num: float | None, den: float | None, width: int) -> str:
    """``num / den`` as a speedup right-aligned in ``width`` columns, or ``-`` when either is missing."""
    return f"{'-':>{width}}" if num is None or den is None else f"{speedup_text(num / den):>{width}}"


def report(results: list[SizeResult], floor: float, memory: Memory, api: bool, why_not: str) -> None:
    """Print the table of all sizes, then each target with its measured value and whether it is met."""
    columns = [("N", 6), ("py2jl ms", 10), ("jl2py ms", 10), ("ip py2jl us", 12), ("ip jl2py us", 12),
               ("pickle ms", 11), ("bytes ms", 10), ("copy ms", 10), ("copy GB/s", 10),
               ("best/py2jl", 11), ("best/jl2py", 11), ("best/ip py2jl", 14), ("best/ip jl2py", 14)]
    print()
    print("".join(f"{title:>{width}}" for title, width in columns))
    for r in results:
        bandwidth = r.n * 8 / r.plain / 1e9
        cells = [f"{power(r.n):>6}", fmt(r.py2jl, 1e3, 10), fmt(r.jl2py, 1e3, 10),
                 fmt(r.in_process_py2jl, 1e6, 12, 1), fmt(r.in_process_jl2py, 1e6, 12, 1),
                 fmt(r.pickle, 1e3, 11, 4), fmt(r.bytes, 1e3, 10, 4), fmt(r.plain, 1e3, 10, 4),
                 f"{bandwidth:10.2f}",
                 ratio(r.best_copy, r.py2jl, 11), ratio(r.best_copy, r.jl2py, 11),
                 ratio(r.best_copy, r.in_process_py2jl, 14), ratio(r.best_copy, r.in_process_jl2py, 14)]
        print("".join(cells))
    print("\npy2jl/jl2py: %py2jl x / %jl2py y cells, client wall time (median); ip: in-process, "
          "julia[\"x\"] = x / julia.eval(\"y\") inside a Python cell;")
    print("pickle/bytes/copy: copy baselines in the bench process; best: the fastest of them; "
          "best/...: speedup of sharing over it")
    print(f"no-op cell floor ({NOOP_CELL}, median): {floor * 1e3:.3f} ms")
    if not api:
        print(f"in-process measurements skipped: {why_not}")

    first, last = results[0], results[-1]
    top = power(last.n)
    print(f"\n{'target':56}{'measured':>16}   result")

    def target(label: str, measured: float | None, shown: str, ok) -> None:
        """One target line: ``ok(measured)`` decides; a missing measurement is reported as skipped."""
        verdict = "skipped" if measured is None else "ok" if ok(measured) else "MISSED"
        print(f"{label:56}{'-' if measured is None else shown:>16}   {verdict}")

    for label, lo, hi in (("py2jl cell", first.py2jl, last.py2jl), ("jl2py cell", first.jl2py, last.jl2py),
                          ("py2jl in-process", first.in_process_py2jl, last.in_process_py2jl),
                          ("jl2py in-process", first.in_process_jl2py, last.in_process_jl2py)):
        flat = None if lo is None else hi / lo
        target(f"{label} flat: time {top} / time 10^3 <= {FLAT_LIMIT:g}", flat,
               f"{flat or 0:.2f}", lambda v: v <= FLAT_LIMIT)
    for label, shared in (("py2jl cell", last.py2jl), ("jl2py cell", last.jl2py),
                          ("py2jl in-process", last.in_process_py2jl),
                          ("jl2py in-process", last.in_process_jl2py)):
        speedup = None if shared is None else last.best_copy / shared
        target(f"{label} vs best copy at {top} >= {SPEEDUP_TARGET:g}x", speedup,
               speedup_text(speedup or 0), lambda v: v >= SPEEDUP_TARGET)
    limit = max(RSS_GROWTH_LIMIT * memory.array_mb, RSS_NOISE_MB)
    for label, (before, after) in memory.around.items():
        growth = after - before
        target(f"worker RSS growth over {label} at {top} <= {limit:.0f} MB", growth,
               f"{growth:+.1f} MB", lambda v: v <= limit)
    print(f"\narray at {top}: {memory.array_mb:.0f} MB; worker RSS {memory.start:.0f} MB at the start, "
          f"{memory.end:.0f} MB at the end (arrays deleted)")
    print(f"at {top}, cell time above the no-op floor: py2jl {(last.py2jl - floor) * 1e3:+.3f} ms, "
          f"jl2py {(last.jl2py - floor) * 1e3:+.3f} ms; the best copy takes {last.best_copy * 1e3:.1f} ms")


def main() -> None:
    """Parse the options, start the kernel, measure every size, print the table, and shut the kernel down."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-exp", type=int, default=8,
                        help="largest array is 10^MAX_EXP float64s (default 8: 800 MB)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="measured runs per size and measure (default 5)")
    args = parser.parse_args()
    if args.max_exp < MIN_EXP:
        parser.error(f"--max-exp must be at least {MIN_EXP}")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    sizes = [10 ** k for k in range(MIN_EXP, args.max_exp + 1)]
    memory = Memory(array_mb=sizes[-1] * 8 / 2**20)
    started: list[KernelManager] = []
    try:
        print("starting metapoly ...", flush=True)
        _, kc = start("metapoly", started)
        run_cell(kc, "import numpy as np")
        pid = worker_pid(kc)
        memory.start = rss_mb(pid)
        api, why_not = in_process_api(kc)
        print(f"worker pid {pid}; in-process API: {'yes' if api else 'no (' + why_not + ')'}", flush=True)
        floor = median_floor(kc, args.repeats)
        results = []
        for n in sizes:
            print(f"measuring {power(n)} ...", flush=True)
            results.append(measure_size(kc, n, n == sizes[-1], api, pid, memory, args))
        memory.end = rss_mb(pid)
        kc.stop_channels()
        report(results, floor, memory, api, why_not)
    finally:
        for km in started:
            km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()

"""Calls across the languages: Julia calling Python through `Py`, against Python calling Python.

One metapoly kernel is started through jupyter_client; every figure is measured inside its worker, free of
ZMQ and front-end overhead, as the median over ``--rounds`` rounds of ``--calls`` calls each (the first
round is a warm-up):

* Python -> Python: ``ident(1.5)`` for ``def ident(x): return x``, timed in a Python cell
  (``time.perf_counter``): the anchor the others are divided by;
* Julia -> Python: the same ``ident`` called from a Julia cell as a ``Py`` (``f(1.5)``, a Float64 in and
  out), timed with ``time_ns``;
* attribute access on a ``Py``: ``np.pi`` from a Julia cell, against ``np.pi`` in a Python cell.

Goal: at most 2 us per call. Run: ``.venv/bin/python bench/calls_bench.py [--calls 100000]``.
"""

from __future__ import annotations

import argparse
import json

from jupyter_client.manager import start_new_kernel

PY_SETUP = "import time, statistics, numpy as np\ndef ident(x):\n    return x"
PY_TIMING = """
def per_call(action, calls, rounds):
    times = []
    for _ in range(rounds + 1):
        started = time.perf_counter()
        for _ in range(calls):
            action()
        times.append((time.perf_counter() - started) / calls)
    return statistics.median(times[1:]) * 1e9
print(per_call(lambda: ident(1.5), {calls}, {rounds}), per_call(lambda: np.pi, {calls}, {rounds}))
"""
JL_TIMING = """
using Statistics
const bench_ident = pyget(Py, :ident)
const bench_np = pyimport("numpy")
function bench_per_call(action, calls, rounds)
    times = Float64[]
    for _ in 1:rounds + 1
        started = time_ns()
        for _ in 1:calls
            action()
        end
        push!(times, (time_ns() - started) / calls)
    end
    return median(times[2:end])
end
println(bench_per_call(() -> bench_ident(1.5)::Float64, {calls}, {rounds}), " ",
        bench_per_call(() -> bench_np.pi::Float64, {calls}, {rounds}))
"""


def run(kc, code: str) -> str:
    """The stdout of one cell (which must succeed)."""
    out = []
    reply = kc.execute_interactive(code, timeout=600, output_hook=lambda msg: out.append(msg))
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(m["content"]["text"] for m in out if m["msg_type"] == "stream")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=300)
    try:
        run(kc, PY_SETUP)
        py_call, py_attr = map(float, run(kc, PY_TIMING.format(calls=args.calls, rounds=args.rounds)).split())
        jl_call, jl_attr = map(float, run(kc, "%%julia\n" + JL_TIMING.format(calls=args.calls,
                                                                            rounds=args.rounds)).split())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    rows = [("call ident(1.5)", py_call, jl_call), ("attribute np.pi", py_attr, jl_attr)]
    print(f"{'median per operation':<24}{'Python->Python':>16}{'Julia->Python':>16}{'ratio':>9}   goal")
    for name, py, jl in rows:
        verdict = "ok" if jl <= 2000 else "MISSED"
        print(f"{name:<24}{py:>13.0f} ns{jl:>13.0f} ns{jl / py:>9.2f}   <= 2 us  {verdict}")
    print(json.dumps({"calls": args.calls, "rounds": args.rounds,
                      "ns": {name: {"python": py, "julia": jl} for name, py, jl in rows}}))


if __name__ == "__main__":
    main()

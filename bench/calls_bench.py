"""Calls across the languages, against calls within one language, measured in the same run.

One metapoly kernel is started through jupyter_client; every figure is measured inside its worker, free of
ZMQ and front-end overhead, as the median over ``--rounds`` rounds of ``--calls`` calls each (the first
round is a warm-up):

* Python -> Python: ``ident(1.5)`` for ``def ident(x): return x``, timed in a Python cell
  (``time.perf_counter``): the anchor the cross-language calls are divided by;
* Julia -> Python: the same ``ident`` called from a Julia cell as a ``Py`` (``f(1.5)``, a Float64 in, a
  ``Py`` out, as in PythonCall), timed with ``time_ns``;
* Python -> Julia: ``jl_ident(x) = x`` called from a Python cell through its juliacall wrapper
  (``julia.jl_ident``, an ``AnyValue``: ``f(1.5)``);
* attribute access: ``np.pi`` on a ``Py`` from Julia, ``julia.Base.pi`` on a wrapper from Python
  (a new ``AnyValue`` each time, as juliacall gives), each against ``np.pi`` in a Python cell;
* zero copy on call arguments: a Julia function summing a 10^7-element numpy array, called from Python
  (the array crosses per call) against the same function called from Julia on the same memory, in
  alternating rounds of 20 calls each (median of 7 rounds each).

Goals: a call from Julia to Python within 300 ns, from Python to Julia within 1.1 us, an attribute
within 2 us either way, and the sum within 1.1x. Run: ``.venv/bin/python bench/calls_bench.py``.
"""

from __future__ import annotations

import argparse
import json

from cell_output import run
from jupyter_client.manager import start_new_kernel

PY_SETUP = """
import time, statistics, numpy as np
def ident(x):
    return x
julia.eval('''jl_ident(x) = x; jl_sum(a) = sum(a)
function jl_sum_ms(a, calls)  # jl_sum called from Julia on the same memory: ms per call
    started = time_ns()
    for _ in 1:calls
        jl_sum(a)
    end
    return (time_ns() - started) / calls / 1e6
end''')
big = np.random.rand(10**7)
"""
PY_TIMING = """
def per_call(action, calls, rounds):
    times = []
    for _ in range(rounds + 1):
        started = time.perf_counter()
        for _ in range(calls):
            action()
        times.append((time.perf_counter() - started) / calls)
    return statistics.median(times[1:]) * 1e9
def sums_ms(rounds=7, calls=20):
    from_python, from_julia = [], []
    for _ in range(rounds):
        from_python.append(per_call(lambda: julia.jl_sum(big), calls, 1) / 1e6)
        from_julia.append(julia.jl_sum_ms(big, calls))
    return statistics.median(from_python), statistics.median(from_julia)
jl_ident, base = julia.jl_ident, julia.Base
print(per_call(lambda: ident(1.5), {calls}, {rounds}), per_call(lambda: np.pi, {calls}, {rounds}),
      per_call(lambda: jl_ident(1.5), {calls}, {rounds}), per_call(lambda: base.pi, {calls}, {rounds}),
      *sums_ms())
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
println(bench_per_call(() -> bench_ident(1.5)::Py, {calls}, {rounds}), " ",
        bench_per_call(() -> bench_np.pi::Py, {calls}, {rounds}))
"""



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=300)
    try:
        run(kc, PY_SETUP)
        py_call, py_attr, to_jl_call, to_jl_attr, sum_from_py, sum_in_jl = map(
            float, run(kc, PY_TIMING.format(calls=args.calls, rounds=args.rounds)).split())
        jl_call, jl_attr = map(float, run(kc, "%%julia\n" + JL_TIMING.format(
            calls=args.calls, rounds=args.rounds)).split())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    rows = [("Julia->Python call", py_call, jl_call, 300), ("Python->Julia call", py_call, to_jl_call, 1100),
            ("Julia->Python attribute", py_attr, jl_attr, 2000),
            ("Python->Julia attribute", py_attr, to_jl_attr, 2000)]
    print(f"{'median per operation':<26}{'Python->Python':>16}{'across':>13}{'ratio':>9}   goal")
    for name, within, across, goal in rows:
        verdict = "ok" if across <= goal else "MISSED"
        print(f"{name:<26}{within:>13.0f} ns{across:>10.0f} ns{across / within:>9.2f}   "
              f"<= {goal} ns  {verdict}")
    ratio = sum_from_py / sum_in_jl
    print(f"{'sum of 10^7 (Julia)':<26}{'from Julia':>13} {sum_in_jl:.2f} ms, from Python "
          f"{sum_from_py:.2f} ms: {ratio:.2f}x   <= 1.1x  {'ok' if ratio <= 1.1 else 'MISSED'}")
    print(json.dumps({"calls": args.calls, "rounds": args.rounds, "sum_ms": [sum_in_jl, sum_from_py],
                      "ns": {row[0]: {"within": row[1], "across": row[2]} for row in rows}}))


if __name__ == "__main__":
    main()

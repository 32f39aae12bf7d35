"""Converting Python and Julia containers (copies: lists, dicts), against a pickle round trip.

One metapoly kernel is started through jupyter_client. For sizes 10^4 ... 10^``--max-exp`` it times, as
the wall time of a magic cell (median of ``--repeats`` runs after one warm-up), from the front end:

* ``%py2jl ints`` of ``list(range(N))``, ``%py2jl floats`` of ``[float(i) for i in range(N)]``,
  ``%py2jl words`` of ``[str(i) for i in range(N)]``, ``%py2jl mixed`` of ints and strings alternating and
  ``%py2jl table`` of ``{i: float(i) ...}``;
* ``%jl2py jwords`` of ``string.(1:N)``, ``%jl2py jmixed`` (ints and strings alternating) and
  ``%jl2py jdict`` of ``Dict(i => float(i) for i in 1:N)``;

and, in the kernel's Python for the Python values, a pickle round trip (``pickle.loads(pickle.dumps(v))``)
of the same value: the cost of copying it at all. Dicts stop at 10^6.

Goal: a list of 10^7 ints well under a second, a dict of 10^6 entries a few seconds at most.
Run: ``.venv/bin/python bench/containers_bench.py [--max-exp 7] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from jupyter_client.manager import start_new_kernel

MAX_DICT = 10**6


def cell(kc, code: str) -> float:
    """Seconds for one cell (which must succeed)."""
    started = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=900, output_hook=lambda msg: None)
    assert reply["content"]["status"] == "ok", reply["content"]
    return time.perf_counter() - started


def median_cell(kc, code: str, repeats: int) -> float:
    cell(kc, code)
    return statistics.median(cell(kc, code) for _ in range(repeats))


def pickle_seconds(kc, name: str, repeats: int) -> float:
    out = []
    kc.execute_interactive(
        f"import pickle, time, statistics\n_t = []\nfor _ in range({repeats}):\n"
        f"    _s = time.perf_counter()\n"
        f"    pickle.loads(pickle.dumps({name}))\n"
        f"    _t.append(time.perf_counter() - _s)\n"
        f"print(statistics.median(_t))", timeout=900,
        output_hook=lambda msg: out.append(msg["content"].get("text", "")))
    return float("".join(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-exp", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=300)
    print(f"{'size':>9} {'value':<42}{'metapoly':>10}{'pickle':>10}{'ratio':>8}")
    try:
        for exp in range(4, args.max_exp + 1):
            n = 10**exp
            cell(kc, f"ints = list(range({n}))\n"
                     f"floats = [float(i) for i in ints]\n"
                     f"words = [str(i) for i in ints]\n"
                     f"mixed = [i if i % 2 else str(i) for i in ints]\n"
                     f"table = {{i: float(i) for i in range({min(n, MAX_DICT)})}}")
            cell(kc, f"%julia jwords = string.(1:{n}); "
                     f"jmixed = Any[isodd(i) ? i : string(i) for i in 1:{n}]; "
                     f"jdict = Dict(i => float(i) for i in 1:{min(n, MAX_DICT)});")
            rows = [("ints", "%py2jl ints", "list of int"),
                    ("floats", "%py2jl floats", "list of float"),
                    ("words", "%py2jl words", "list of str"),
                    ("mixed", "%py2jl mixed", "list of int and str")]
            if n <= MAX_DICT:
                rows.append(("table", "%py2jl table", "dict int => float"))
            for name, magic, what in rows:
                ours, pickled = median_cell(kc, magic, args.repeats), pickle_seconds(kc, name, args.repeats)
                print(f"{n:>9} {what + ' (' + magic + ')':<42}"
                      f"{ours:>9.3f}s{pickled:>9.3f}s{ours / pickled:>8.1f}")
            for magic, what in (("%jl2py jwords", "Vector{String}"),
                                ("%jl2py jmixed", "Vector{Any} (int, str)"),
                                ("%jl2py jdict", "Dict{Int,Float64}")):
                if what.startswith("Dict") and n > MAX_DICT:
                    continue
                print(f"{n:>9} {what + ' (' + magic + ')':<42}{median_cell(kc, magic, args.repeats):>9.3f}s")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()

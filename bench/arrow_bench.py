"""Arrow tables into Julia without copies, against copying them, in the same run.

One metapoly kernel is started through jupyter_client. A table of ``--rows`` rows (a float column and a
string column) is made as a pyarrow Table, a polars DataFrame and a pandas DataFrame with Arrow-backed
columns, and each is moved with ``%py2jl`` (timed inside the worker, around the magic, median of
``--rounds``); against it, the same data as a pandas DataFrame of numpy columns (``%py2jl`` shares the
floats and copies the strings) and a pickle round trip of the pyarrow table. Then, in Julia, the sum of the
float column and the total length of the strings, read through the Arrow columns; and back, a Julia column
table of the same shape as a pyarrow Table (``pyarrow.table``, median of 3 after one that compiles), as a
polars DataFrame (``%jl2py --polars``) and with ``%jl2py`` (a pandas DataFrame, once); and the table that
came from pyarrow going back as its own buffers (``%jl2py --arrow``). Goal: each Arrow move under 50 ms
for 10^7 rows, with every column shared (back: the numeric ones).
Run: ``.venv/bin/python bench/arrow_bench.py``.
"""

from __future__ import annotations

import argparse
import json

from cell_output import run
from jupyter_client.manager import start_new_kernel

SETUP = """
import time, statistics, pickle
import numpy as np, pandas as pd, pyarrow as pa, polars as pl
rng = np.random.default_rng(0)
x = rng.random({rows})
s = np.array([f"s{{i % 1000}}é" for i in range({rows})], dtype=object)
at = pa.table({{"x": x, "s": pa.array(s, pa.string())}})
pt = pl.from_arrow(at)
ap = at.to_pandas(types_mapper=pd.ArrowDtype)
np_frame = pd.DataFrame({{"x": x, "s": s}})
def moved(name, rounds={rounds}):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        get_ipython().run_line_magic("py2jl", name)
        times.append(time.perf_counter() - started)
    return statistics.median(times)
"""
TIMES = """
arrow = [moved(n) for n in ("at", "pt", "ap")]
numpy = moved("np_frame", rounds=1)
started = time.perf_counter()
pickle.loads(pickle.dumps(at))
print(json.dumps({{"arrow": arrow, "numpy_frame": numpy, "pickle": time.perf_counter() - started}}))
"""
BACK = """%julia jt = (x = rand({rows}), s = [string("s", i % 1000, "é") for i in 1:{rows}])
----
from juliacall import Main as jl
pa.table(jl.jt)  # (compiles the export)
arrow_back = []
for _ in range(3):
    started = time.perf_counter()
    back = pa.table(jl.jt)
    arrow_back.append(time.perf_counter() - started)
arrow_back = statistics.median(arrow_back)
def timed(line):
    started = time.perf_counter()
    get_ipython().run_line_magic("jl2py", line)
    return time.perf_counter() - started
polars_back = timed("--polars jt=pt_back")
timed("--arrow at=at_back")  # (compiles the export of Arrow's own columns)
arrow_again = timed("--arrow at=at_back")
started = time.perf_counter()
get_ipython().run_line_magic("jl2py", "jt")
pandas_back = time.perf_counter() - started
print(arrow_back, pandas_back, polars_back, arrow_again)
"""
READS = """%%julia
reads = @elapsed (sum(at.x), sum(sizeof, at.s))
print(reads)
"""



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10**7)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=300)
    try:
        run(kc, "import json\n" + SETUP.format(rows=args.rows, rounds=args.rounds))
        lines = run(kc, TIMES.format()).strip().splitlines()
        figures = json.loads(lines[-1])
        make, back = BACK.format(rows=args.rows).split("----\n")
        run(kc, make)
        arrow_back, pandas_back, polars_back, arrow_again = map(
            float, run(kc, back).strip().splitlines()[-1].split())
        run(kc, READS)  # (compiles the reads)
        reads = float(run(kc, READS).strip())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    names = ("pyarrow Table", "polars DataFrame", "pandas (Arrow dtypes)")
    for name, seconds in zip(names, figures["arrow"], strict=True):
        verdict = "ok" if seconds < 0.05 else "MISSED"
        print(f"%py2jl of a {args.rows:.0e}-row {name:<22} {seconds * 1e3:8.1f} ms   < 50 ms  {verdict}")
    print(f"%py2jl of the same as a pandas frame of numpy columns (strings copied): "
          f"{figures['numpy_frame'] * 1e3:.0f} ms; a pickle round trip of the pyarrow table: "
          f"{figures['pickle'] * 1e3:.0f} ms")
    print(f"Julia reading both columns over the Arrow buffers (sum, total string bytes): "
          f"{reads * 1e3:.0f} ms")
    print(f"back: pyarrow.table of a Julia column table of the same shape (floats shared, strings laid out "
          f"once): {arrow_back * 1e3:.0f} ms; %jl2py --polars: {polars_back * 1e3:.0f} ms; %jl2py of it as a "
          f"pandas DataFrame: {pandas_back * 1e3:.0f} ms")
    verdict = "ok" if arrow_again < 0.05 else "MISSED"
    print(f"back: %jl2py --arrow of the table that came from pyarrow (its own buffers): "
          f"{arrow_again * 1e3:.1f} ms   < 50 ms  {verdict}")
    print(json.dumps({"rows": args.rows, **figures, "julia_reads": reads, "arrow_back": arrow_back,
                      "polars_back": polars_back, "pandas_back": pandas_back, "arrow_again": arrow_again}))


if __name__ == "__main__":
    main()

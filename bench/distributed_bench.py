"""A Python function under `pmap` on 2 Julia processes that host Python, against the same on one process.

One metapoly kernel is started through jupyter_client; in a Julia cell, a 10^7-element numpy array is cut
into 8 chunks (contiguous `Py` views), and a Python-calling Julia function (numpy's sort of the chunk, then
its median) is mapped over them: with `map` in the kernel's worker, then with `pmap` on 2 processes added
with `addprocs(2)`, which receive each chunk through Distributed (pickled, its data out of band). Each is
the median of ``--rounds`` runs after a warm-up. Printed: both times and their ratio (< 1: the 2 processes
win, their ideal being 0.5 on a 2-core machine), the bytes Distributed moved for the chunks against the
bytes of their data, and how long a `remotecall_fetch` takes to send one chunk to a process, against the
same data as a Julia `Vector{Float64}` (which Julia's serializer writes from the array's memory).
Run: ``.venv/bin/python bench/distributed_bench.py [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import json

from cell_output import run
from jupyter_client.manager import start_new_kernel

CELL = """%%julia
using Distributed, Serialization, Statistics
addprocs(2)
@everywhere using PythonCall
@everywhere bench_median(chunk) = pyconvert(Float64, pyimport("numpy").median(pyimport("numpy").sort(chunk)))
bench_np = pyimport("numpy")
bench_x = bench_np.random.rand(10^7)
bench_chunks = [bench_x[pyslice(i, i + 1_250_000)] for i in 0:1_250_000:10^7-1]
bench_time(f) = (f(); median([@elapsed(f()) for _ in 1:{rounds}]))
bench_one = bench_time(() -> map(bench_median, bench_chunks))
bench_two = bench_time(() -> pmap(bench_median, bench_chunks))
bench_moved = sum(c -> (io = IOBuffer(); serialize(io, c); position(io)), bench_chunks)
bench_data = sum(c -> pyconvert(Int, c.nbytes), bench_chunks)
bench_chunk, bench_vector = bench_chunks[1], pyconvert(Vector{{Float64}}, bench_chunks[1])
bench_cross = bench_time(() -> remotecall_fetch(c -> 0, 2, bench_chunk))
bench_native = bench_time(() -> remotecall_fetch(c -> 0, 2, bench_vector))
print(join((bench_one, bench_two, bench_moved, bench_data, bench_cross, bench_native), " "))
"""



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=300)
    try:
        one, two, moved, data, cross, native = map(float, run(kc, CELL.format(rounds=args.rounds)).split())
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"pmap of a Python function over 8 chunks of 10^7 floats: one process {one * 1e3:.0f} ms, "
          f"2 processes {two * 1e3:.0f} ms: {two / one:.2f}x")
    print(f"bytes moved for the chunks: {moved / 1e6:.1f} MB for {data / 1e6:.1f} MB of data "
          f"({moved / data:.4f}x)")
    print(f"a chunk to another process (remotecall_fetch): as a numpy array {cross * 1e3:.2f} ms, as a Julia "
          f"Vector{{Float64}} {native * 1e3:.2f} ms: {cross / native:.2f}x")
    print(json.dumps({"rounds": args.rounds, "one_s": one, "two_s": two, "moved_bytes": moved,
                      "data_bytes": data, "cross_s": cross, "native_s": native}))


if __name__ == "__main__":
    main()

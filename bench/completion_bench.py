"""Completion latency: metapoly (a Python and a Julia cell) against ipykernel's completion of the same Python.

Both kernels are started through jupyter_client in the same run. Each gets the same setup cell, then
``--runs`` complete_requests per sample after a few warm-up requests (the warm kernel the target is about);
the latency is the wall time from sending the request to receiving its reply, and the median is reported.
Every reply is checked to contain the expected match.

Samples: a name defined in an earlier cell, an attribute after ``.``, a module attribute; for metapoly also
the same in a ``%%julia`` cell (a global, a field, ``Base.`` names). It prints the medians, the ratios
metapoly/ipykernel (Julia against ipykernel's Python) and the 200 ms target.

Run it with ``make bench`` or ``.venv/bin/python bench/completion_bench.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from jupyter_client.manager import start_new_kernel

STARTUP_TIMEOUT = 300
WARMUP_RUNS = 3
TARGET_MS = 200

PY_SETUP = ("import os\nbench_values = {'alpha': 1}\n"
            "class BenchPoint:\n    xcoord = 1\nbench_pt = BenchPoint()")
JL_SETUP = "%%julia\nstruct BenchJlPoint; xcoord; ycoord; end\nbench_jl_pt = BenchJlPoint(1, 2)"
PY_SAMPLES = [("bench_val", "bench_values"), ("bench_pt.xc", "xcoord"), ("os.path.jo", "join")]
JL_SAMPLES = [("%%julia\nbench_jl_p", "bench_jl_pt"), ("%%julia\nbench_jl_pt.yc", "ycoord"),
              ("%%julia\nBase.printl", "println")]


def median_ms(kc, samples: list, runs: int) -> float:
    """Median completion latency over every sample, in milliseconds."""
    times = []
    for code, expected in samples:
        for run in range(WARMUP_RUNS + runs):
            started = time.perf_counter()
            msg_id = kc.complete(code, len(code))
            reply = kc.get_shell_msg(timeout=60)
            assert reply["parent_header"]["msg_id"] == msg_id
            elapsed = time.perf_counter() - started
            assert expected in reply["content"]["matches"], (code, reply["content"])
            if run >= WARMUP_RUNS:
                times.append(elapsed * 1000)
    return statistics.median(times)


def measure(kernel_name: str, runs: int) -> dict:
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=STARTUP_TIMEOUT)
    try:
        kc.execute_interactive(PY_SETUP, timeout=STARTUP_TIMEOUT, output_hook=lambda msg: None)
        result = {"py": median_ms(kc, PY_SAMPLES, runs)}
        if kernel_name == "metapoly":
            kc.execute_interactive(JL_SETUP, timeout=STARTUP_TIMEOUT, output_hook=lambda msg: None)
            result["jl"] = median_ms(kc, JL_SAMPLES, runs)
        return result
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="measured requests per sample")
    args = parser.parse_args()
    ipykernel = measure("python3", args.runs)
    metapoly = measure("metapoly", args.runs)
    print(f"completion latency, median of {args.runs} requests x {len(PY_SAMPLES)} samples (warm kernel)")
    print(f"{'':24}{'ipykernel':>12}{'metapoly':>12}{'ratio':>8}   target")
    for label, key in (("Python cell", "py"), ("Julia cell", "jl")):
        ratio = metapoly[key] / ipykernel["py"]
        print(f"{label:24}{ipykernel['py']:>10.1f}ms{metapoly[key]:>10.1f}ms{ratio:>8.2f}   < {TARGET_MS} ms")


if __name__ == "__main__":
    main()

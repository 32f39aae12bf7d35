"""Processes a cell starts from the worker: they start with no signal blocked (Julia blocks some in its main
thread), so that a pool's terminate() ends them and `with Pool()` returns, under every start method and
after Dask's LocalCluster; and the children the main thread forks end with the worker (tests/test_lifecycle.py
checks that)."""

import pytest

TERMINATE = """
import multiprocessing as mp, time
process = mp.get_context({method!r}).Process(target=time.sleep, args=(60,))
process.start()
process.terminate()
process.join(20)
process.exitcode
"""


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_terminate_ends_a_process_of_every_start_method(module_kernel, method):
    assert module_kernel.ok(TERMINATE.format(method=method), timeout=60).result == "-15"


def test_a_subprocess_starts_with_no_signal_blocked(module_kernel):
    code = ("import subprocess\n"
            "subprocess.run(['grep', 'SigBlk', '/proc/self/status'], capture_output=True).stdout")
    assert module_kernel.ok(code).result == "b'SigBlk:\\t0000000000000000\\n'"
    forked = ("import os\nread, write = os.pipe()\nif os.fork() == 0:\n"
              "    os.write(write, open('/proc/self/status', 'rb').read())\n    os._exit(0)\n"
              "os.close(write)\n"
              "[line for line in os.read(read, 1 << 16).split(b'\\n') if line.startswith(b'SigBlk')]")
    assert module_kernel.ok(forked).result == "[b'SigBlk:\\t0000000000000000']"


def test_a_process_pool_after_dask_returns(module_kernel):
    module_kernel.ok("from dask.distributed import LocalCluster, Client\n"
                     "cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, "
                     "dashboard_address=None)\nclient = Client(cluster)", timeout=120)
    try:
        assert module_kernel.ok("client.submit(abs, -3).result()").result == "3"
        for method in ("spawn", "forkserver", "fork"):
            code = (f"import multiprocessing as mp\nwith mp.get_context({method!r}).Pool(2) as pool:\n"
                    "    squares = pool.map(abs, [-1, -2])\nsquares")
            assert module_kernel.ok(code, timeout=60).result == "[1, 2]"
        code = ("from concurrent.futures import ProcessPoolExecutor\nwith ProcessPoolExecutor(2) as ex:\n"
                "    found = list(ex.map(abs, [-4, -5]))\nfound")
        assert module_kernel.ok(code, timeout=60).result == "[4, 5]"
    finally:
        module_kernel.ok("client.close()\ncluster.close()", timeout=60)

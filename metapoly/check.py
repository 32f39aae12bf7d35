"""``python -m metapoly check``: what a user runs first when something is wrong.

Prints the versions in play against the ones metapoly declares it needs, the Julia and libpython found (or
why not), whether the worker's system image is in use, and runs one cell in each language twice: through a
worker started directly (which tells a worker's problem from the kernel's), then through the installed
kernel, started by jupyter_client as Jupyter starts it. Every problem is named with its fix, and makes the
exit status 1; "everything works" is said only when nothing failed.
"""

from __future__ import annotations

import importlib.metadata
import sys
import tempfile
import time

from . import __version__
from .locate import find_julia, find_libpython, julia_project_dir
from .session import WorkerSession
from .sysimage import cache_dir
from .worker_errors import WorkerError

_CELLS = (("python", "import os; os.getpid()"), ("julia", "getpid()"))
KERNEL_TIMEOUT = 120


def run_check(out=print) -> int:
    """Print the diagnosis; returns a process exit status (0 when everything works)."""
    out(f"metapoly {__version__}")
    out(f"Python {sys.version.split()[0]} at {sys.executable}")
    problems = _versions(out)
    libpython = find_libpython()
    out(f"libpython: {libpython.path}" if libpython else f"libpython: PROBLEM: {libpython.how}")
    problems += [] if libpython else [libpython.how]
    julia = find_julia()
    out(f"julia: {julia.path} (from {julia.how})" if julia else f"julia: PROBLEM: {julia.how}")
    out(f"worker project: {julia_project_dir()}")
    if not julia:
        return _verdict(out, problems + [julia.how])
    problems += _worker(out)
    problems += _kernel(out)
    return _verdict(out, problems)


def _verdict(out, problems: list) -> int:
    if problems:
        out(f"{len(problems)} problem{'s' if len(problems) > 1 else ''}:")
        for problem in problems:
            out(f"  - {problem}")
        return 1
    out("Python and Julia share one process, in the worker and through the installed kernel: "
        "everything works.")
    return 0


def _versions(out) -> list:
    # The packages metapoly declares, against the versions it declares (extras' packages are not needed).
    problems = []
    try:
        requirements = importlib.metadata.requires("metapoly") or ()
    except importlib.metadata.PackageNotFoundError:  # (run from a checkout, with another Python)
        out("  PROBLEM: metapoly is not installed in this Python")
        return [f"metapoly is not installed in {sys.executable}: `pip install .` from the checkout, or use "
                "the Python that has it (`make setup` makes .venv)"]
    try:
        from packaging.requirements import Requirement
        from packaging.version import Version
    except ImportError:
        return ["packaging, which metapoly requires, is not installed: `pip install packaging`"]
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker is not None:
            continue
        try:
            installed = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            out(f"  {requirement.name}: PROBLEM: not installed")
            problems.append(f"{requirement.name} is not installed: `pip install '{requirement}'`")
            continue
        if requirement.specifier and Version(installed) not in requirement.specifier:
            out(f"  {requirement.name} {installed}: PROBLEM: metapoly needs {requirement.specifier}")
            problems.append(f"{requirement.name} {installed} does not work with metapoly: "
                            f"`pip install '{requirement}'`")
        else:
            out(f"  {requirement.name} {installed}")
    return problems


def _worker(out) -> list:
    session = WorkerSession()
    started = time.monotonic()
    session.start()
    try:
        session.wait_ready()
    except WorkerError as exc:
        out(f"worker: PROBLEM: {exc.message}")
        session.shutdown()
        return [f"the worker does not start (see above; its log is {session.supervisor.log_path})"]
    out(f"worker: Julia {session.info.get('julia_version')}, pid {session.pid}, "
        f"ready in {time.monotonic() - started:.1f} s")
    out(f"embedded Python: {session.info.get('python_status')}")
    if session.supervisor.image:
        out(f"system image: in use ({session.supervisor.image})")
    else:
        out("system image: not in use, so workers start slower: `python -m metapoly sysimage` builds it "
            f"(in {cache_dir()})")
    problems, pids = [], set()
    try:
        for language, code in _CELLS:
            reply = session.execute(language, code, 0, lambda frame: out(frame.text(), end=""))
            if reply.get("status") == "ok":
                pids.add(reply.get("data", {}).get("text/plain"))
                out(f"{language} cell in the worker: ok ({code} = {reply['data']['text/plain']})")
            else:
                out(f"{language} cell in the worker: PROBLEM: {reply.get('ename')}: {reply.get('evalue')}")
                problems.append(f"{language} cells fail in the worker (see above)")
    except WorkerError as exc:
        out(f"worker: PROBLEM: {exc.message}")
        problems.append("the worker died running a cell (see above)")
    finally:
        session.shutdown()
    if not problems and len(pids) != 1:
        problems.append("Python and Julia did not run in one process")
    return problems


def _kernel(out) -> list:
    # As Jupyter starts it: the installed kernelspec's command, through jupyter_client.
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        from jupyter_client.manager import start_new_kernel
    except ImportError:
        out("kernel: PROBLEM: jupyter_client is not installed")
        return ["Jupyter's client library is missing, so no Jupyter can start the kernel: `pip install .`"]

    try:
        spec = KernelSpecManager().get_kernel_spec("metapoly")
    except NoSuchKernel:
        out("kernelspec: PROBLEM: not installed")
        return ["Jupyter does not know the metapoly kernel: `python -m metapoly install`"]
    out(f"kernelspec: {spec.resource_dir} (runs {spec.argv[0]})")
    with tempfile.TemporaryFile("w+") as log:
        try:
            km, kc = start_new_kernel(kernel_name="metapoly", startup_timeout=KERNEL_TIMEOUT, stderr=log)
        except RuntimeError as exc:
            log.seek(0)
            tail = "".join(log.readlines()[-8:]).rstrip()
            out(f"kernel: PROBLEM: it did not start ({exc}); its output ends:\n{tail}")
            return [f"the installed kernel does not start; if it runs another Python than this one, "
                    f"`{sys.executable} -m metapoly install` points it here"]
    try:
        pids: set[str] = set()
        for language, code in _CELLS:
            reply = kc.execute_interactive(f"%{language} {code}", timeout=KERNEL_TIMEOUT,
                                           output_hook=_pids_into(pids))
            if reply["content"]["status"] != "ok":
                out(f"{language} cell through the kernel: PROBLEM: {reply['content'].get('evalue')}")
                return [f"{language} cells fail through the installed kernel (see above)"]
            out(f"{language} cell through the kernel: ok")
        return [] if len(pids) == 1 else ["the kernel's cells did not run in one process"]
    except TimeoutError:
        out(f"kernel: PROBLEM: no answer within {KERNEL_TIMEOUT} s")
        return ["the installed kernel does not answer cells"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _pids_into(pids: set):
    # An output hook collecting the values of the cells (their pids).
    def hook(msg: dict) -> None:
        if msg["msg_type"] == "execute_result":
            pids.add(msg["content"]["data"].get("text/plain"))
    return hook

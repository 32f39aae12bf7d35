"""Building the worker's system image (:mod:`metapoly.sysimage` finds it): ``python -m metapoly sysimage``.

Julia 1.5 cannot cache native code for packages, but it can write a whole system image. Building one takes
three steps, as PackageCompiler takes them: a worker runs a workload of every kind of request with
``--trace-compile`` (the methods its request paths compile), a Julia process loads the worker over Julia's
own image and compiles those methods with ``--output-o`` (``julia/sysimage.jl``), and the C compiler links
the object into a shared library, recorded in the manifest :mod:`metapoly.sysimage` reads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from functools import partial
from pathlib import Path

from .locate import julia_project_dir
from .session import WorkerSession
from .supervisor import Supervisor
from .sysimage import cache_dir, current_image, file_stamp, manifest_path, sources_hash
from .worker_errors import WorkerError

BUILD_TIMEOUT = float(os.environ.get("METAPOLY_SYSIMAGE_TIMEOUT", "1800"))


class BuildError(Exception):
    """Why an image could not be built."""


def build(julia: str, log=print, timeout: float = BUILD_TIMEOUT) -> str:
    """Build the image for ``julia`` and the current sources (unless it is current already); its path.

    Raises :class:`BuildError` saying why it could not be built. ``log`` gets one line per step.
    """
    existing = current_image(julia)
    if existing:
        return existing
    compiler = shutil.which(os.environ.get("CC") or "cc") or shutil.which("gcc")
    if not compiler:
        raise BuildError("no C compiler (cc or gcc) to link the image with")
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    sources = sources_hash()  # (what the image is built from, even if a file changes meanwhile)
    directory = cache_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="metapoly-sysimage-", dir=directory) as scratch:
        work = Path(scratch)
        log("tracing what a worker compiles...")
        _trace(julia, work / "trace.jl", deadline)
        log("compiling the image (a few minutes)...")
        # (Incremental, over Julia's own image: without one, --output-o would bootstrap Julia from scratch.)
        image_file = "print(unsafe_string(Base.JLOptions().image_file))"
        base = subprocess.run([julia, "--startup-file=no", "-e", image_file], capture_output=True, text=True,
                              timeout=120).stdout
        _run([julia, "--startup-file=no", "--history-file=no", f"--project={julia_project_dir()}",
              f"--sysimage={base}", f"--output-o={work / 'worker.o'}",
              str(julia_project_dir() / "sysimage.jl"), str(work / "trace.jl"), str(work / "info.json")],
             deadline, work / "build.log")
        info = json.loads((work / "info.json").read_text())
        if not info.get("libjulia"):
            raise BuildError("the Julia library (libjulia) was not found to link against")
        log("linking...")
        name = manifest_path().with_suffix(f".{sources[:16]}.so").name
        _run([compiler, "-shared", "-o", str(work / name), "-Wl,--whole-archive", str(work / "worker.o"),
              "-Wl,--no-whole-archive", info["libjulia"]], deadline, work / "link.log")
        for old in directory.glob(manifest_path().with_suffix(".*.so").name):  # (an image takes 170 MB)
            old.unlink()
        (work / name).replace(directory / name)
    manifest = {"image": name, "image_stat": file_stamp(str(directory / name)),
                "julia": os.path.realpath(julia), "project": str(julia_project_dir()), "sources": sources,
                "base_image": info["base_image"], "base_image_stat": file_stamp(info["base_image"]),
                "julia_version": info["julia_version"], "methods_compiled": info["compiled"],
                "methods_skipped": info["skipped"], "build_seconds": round(time.monotonic() - started, 1)}
    manifest_path().write_text(json.dumps(manifest, indent=1))
    forget_gone_installs(directory)
    return str(directory / name)


def forget_gone_installs(directory: Path) -> None:
    """Delete the images (170 MB each) and manifests of installs whose worker is gone: a checkout deleted or
    moved, an environment removed. Each build does it."""
    for manifest in directory.glob("worker-*.json"):
        try:
            project = json.loads(manifest.read_text()).get("project", "")
        except (OSError, ValueError):
            continue
        if project and not os.path.isdir(project):
            for stale in directory.glob(manifest.with_suffix(".*").name):
                stale.unlink(missing_ok=True)


def _run(command: list, deadline: float, log_path: Path) -> None:
    # Quiet: the output goes to a log, quoted only when the step fails.
    with open(log_path, "wb") as log:
        try:
            done = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise BuildError(f"{Path(command[0]).name} took longer than the build's time limit") from None
    if done.returncode != 0:
        tail = log_path.read_text(errors="replace").strip().splitlines()[-5:]
        raise BuildError(f"{Path(command[0]).name} failed (status {done.returncode}): " + " | ".join(tail))


def _trace(julia: str, trace: Path, deadline: float) -> None:
    # A worker without any image runs one request of every kind; Julia writes each method it compiles.
    traced = partial(Supervisor, julia=julia, julia_args=[f"--trace-compile={trace}"], use_image=False)
    session = WorkerSession(supervisor=traced)
    session.start()
    try:
        session.wait_ready(max(1.0, deadline - time.monotonic()))
        for request_type, fields, body in _WORKLOAD:
            try:
                session.request(request_type, fields, body)
            except WorkerError as exc:
                raise BuildError(f"the traced worker failed: {exc.message}") from None
    finally:
        session.shutdown()
    if not trace.exists():
        raise BuildError("the traced worker wrote no trace")


def _cell(language: str, code: str) -> tuple:
    fields = {"language": language, "cell": 1, "silent": False, "store_history": False}
    return ("execute_request", fields, code)


# One request of every kind the front end makes, with the values cells commonly show in both languages.
_WORKLOAD = [
    _cell("julia", "1 + 1"),
    _cell("python", "1 + 1"),
    _cell("julia", 'x = [1.0, 2.0, 3.0]; m = [1 2; 3 4]; println("text"); print(stderr, "err\\n")\n'
                   '(1, "a", :b, 2.5, nothing, Dict("a" => 1), (a = 1,), 1:3, m, x)'),
    _cell("julia", 'display(x); display("text/html", "<b>x</b>"); @info "info"; "s"'),
    _cell("julia", "error(\"fails\")"),
    _cell("julia", "?sum"),
    _cell("julia", "for i in 1:3; print(i); end; struct Point; x::Int; end; Point(1)"),
    _cell("python", "import numpy as np\na = np.arange(3.0)\nprint('text')\n{'a': [1, 2.5, None]}, a"),
    _cell("python", "1 / 0"),
    _cell("python", "from IPython.display import display, HTML\ndisplay(HTML('<b>x</b>'))\n%time 1"),
    _cell("julia", 'p = pyimport("math"); p.sqrt(2.0); pyeval("[1, 2]"); py"a"; Py(x); pyset!("y", m)'),
    _cell("julia", 'using PythonCall; np = pyimport("numpy"); v = np.arange(3.0); s = v.sum()\n'
                   'pyconvert(Float64, s), pyconvert(Vector{Float64}, v), PyArray(v), pylist([1, 2]), '
                   'pydict(a=1), pyconvert(Any, pylist([1])), pyjl([1, 2]), pyfunc(identity)'),
    _cell("julia", "np.ones(2)"),
    _cell("python", "julia.eval('x'), julia.Base.sum(julia.eval('x')), julia.eval('Dict(\"a\" => 1)')"),
    _cell("python", "from juliacall import Main as jl\nv = jl.seval('[1.0, 2.0]'); v.append(3.0)\n"
                    "jl.Base.sum(np.ones(3)), len(v), v[0], np.asarray(v), jl.seval('Dict(1 => 2)'), jl.x"),
    # (Arrow both ways, where pyarrow is installed: the first export compiled in a session took a second.)
    _cell("python", "try:\n    import pyarrow as pa\nexcept ImportError:\n    pa = None\nif pa is not None:\n"
                    "    v = pa.array(['b'], pa.string_view())\n"
                    "    julia['at'] = pa.table({'x': [1.0], 'n': [1], 's': ['a'], 'v': v})\n"
                    "    pa.table(jl.seval('(x = [1.0], n = [1], s = [\"a\"], b = [true], "
                    "m = [1, missing])'))\n"
                    "    pa.table(jl.at)"),
    ("execute_request", {"language": "julia", "cell": 1, "silent": False, "store_history": False,
                         "variables": {"in": ["a"], "out": ["b"], "sync": []}}, "b = sum(a)"),
    _cell("julia", 'c = Comm("metapoly.trace"; data=Dict("a" => 1)); c.on_msg = m -> nothing; '
                   'send_comm(c, Dict("b" => 2)); close_comm(c)'),
    _cell("python", "import comm\nc = comm.create_comm(target_name='metapoly.trace')\nc.send({'a': 1})"),
    ("comm_request", {"msg_type": "comm_msg"}, json.dumps({"content": {"comm_id": "none", "data": {}}})),
    ("comm_info_request", {"target_name": None}, ""),
    ("py2jl_request", {"names": [["a", "a"]], "copy": False}, ""),
    ("jl2py_request", {"names": [["x", "x"], ["m", "m"]], "copy": False}, ""),
    ("variables_request", {}, ""),
    ("complete_request", {"language": "julia", "cursor": 6}, "Base.su"),
    ("complete_request", {"language": "python", "cursor": 2}, "le"),
    ("inspect_request", {"language": "julia", "cursor": 3, "detail": 0, "help": False}, "sum"),
    ("inspect_request", {"language": "python", "cursor": 3, "detail": 0, "help": False}, "len"),
    ("is_complete_request", {"language": "julia"}, "f("),
    ("is_complete_request", {"language": "julia"}, "f(1)"),
    ("history_request", {"hist_access_type": "tail", "n": 3, "output": False, "raw": True}, ""),
]

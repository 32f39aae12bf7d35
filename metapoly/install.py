"""Installing the kernelspec through jupyter_client, the way ipykernel installs its own."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

from .locate import kernelspec_dir

KERNEL_NAME = "metapoly"


def install_kernelspec(user: bool = False, prefix: str | None = None) -> str:
    """Install ``kernelspec/`` as the ``metapoly`` kernel; returns the directory it went to.

    ``argv[0]`` is pinned to this interpreter, so that any Jupyter (in another environment too) starts the
    kernel with the Python that has metapoly installed.
    """
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / KERNEL_NAME
        shutil.copytree(kernelspec_dir(), staged)
        spec_file = staged / "kernel.json"
        spec = json.loads(spec_file.read_text())
        spec["argv"][0] = sys.executable
        spec_file.write_text(json.dumps(spec, indent=2) + "\n")
        return KernelSpecManager().install_kernel_spec(str(staged), KERNEL_NAME, user=user, prefix=prefix)

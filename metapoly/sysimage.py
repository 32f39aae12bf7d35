"""The worker's system image, found: Julia's own image plus the worker and the compiled code of its
request paths, with which a worker starts ready in a fraction of a second instead of compiling for seconds.

The image is cached under the user's cache directory with a manifest of what it was built from (the Julia,
its base image, the worker's sources and where they are): a worker starts with it only while all of these
are unchanged, and without it otherwise. Finding it is cheap (a few file reads and stats) and needs no
worker; building it is :mod:`metapoly.sysimage_build`'s.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from .locate import julia_project_dir

_log = logging.getLogger("metapoly")


def cache_dir() -> Path:
    """Where images are kept: ``$METAPOLY_CACHE``, else ``$XDG_CACHE_HOME/metapoly`` (``~/.cache/metapoly``
    by default)."""
    configured = os.environ.get("METAPOLY_CACHE")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "metapoly"


def manifest_path() -> Path:
    """The manifest of this install's image: one per place the worker's sources are (a checkout, an
    environment), so that installs side by side keep an image each."""
    where = hashlib.sha256(str(julia_project_dir()).encode()).hexdigest()[:12]
    return cache_dir() / f"worker-{where}.json"


def sources_hash() -> str:
    """A digest of the worker's Julia code (every ``.jl`` file under ``src``, at any depth): an image is
    current only for the code it was built from. Each file's path within the project is part of it, so
    that moving a file (into a folder, say) makes the image stale too."""
    project = julia_project_dir()
    digest = hashlib.sha256()
    files = [project / "Project.toml", project / "sysimage.jl", *(project / "src").rglob("*.jl")]
    for path in sorted(files):
        digest.update(path.relative_to(project).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def current_image(julia: str) -> str | None:
    """The path of the image to start a worker of ``julia`` with, or None if there is none for this Julia
    and these sources (or it was rejected). Cheap: a few file reads and stats."""
    manifest = _read_manifest()
    if manifest is None or manifest.get("julia") != os.path.realpath(julia):
        return None
    # (The image holds the worker's own paths: the Python half is imported from beside its Julia files.)
    if manifest.get("project") != str(julia_project_dir()):
        return None
    if manifest.get("base_image_stat") != file_stamp(manifest.get("base_image", "")):
        return None  # Julia itself was upgraded
    image = cache_dir() / manifest.get("image", "")
    if file_stamp(str(image)) != manifest.get("image_stat") or manifest.get("sources") != sources_hash():
        return None
    return str(image)


def reject(image: str, reason: str) -> None:
    """Stop using ``image`` (a worker could not start with it) until the next build."""
    _log.warning("metapoly: the worker's system image %s is not used any more: %s", image, reason)
    manifest = manifest_path()
    try:
        manifest.replace(manifest.with_suffix(".rejected"))
    except OSError:
        pass


def _read_manifest() -> dict | None:
    try:
        return json.loads(manifest_path().read_text())
    except (OSError, ValueError):
        return None


def file_stamp(path: str) -> list | None:
    """The size and modification time (whole seconds) of ``path``, as manifests record them; None if it is
    not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, int(st.st_mtime)]

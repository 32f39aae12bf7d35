"""The worker's system image: `make setup` builds it, workers start from it, and a missing, stale or corrupt
image means a worker that starts without it, never a broken kernel."""

import json
import os
import shutil
from pathlib import Path

import pytest
from real_kernel import start_session

from metapoly import sysimage
from metapoly.locate import find_julia, julia_project_dir

JULIA_IMAGE = "%julia unsafe_string(Base.JLOptions().image_file)"


def fake_image(cache: Path, julia: str, **changes) -> Path:
    """A cached image that is current for ``julia`` and today's sources, except for ``changes`` to its
    manifest; its content is not an image."""
    image = cache / "worker-test.so"
    image.write_bytes(b"not an image")
    base = cache / "base.so"
    base.write_bytes(b"base")
    manifest = {"image": image.name, "image_stat": sysimage.file_stamp(str(image)),
                "julia": os.path.realpath(julia), "project": str(julia_project_dir()),
                "sources": sysimage.sources_hash(), "base_image": str(base),
                "base_image_stat": sysimage.file_stamp(str(base)), **changes}
    sysimage.manifest_path().write_text(json.dumps(manifest))
    return image


@pytest.mark.fast
def test_an_image_is_current_only_for_its_julia_and_sources(image_cache):
    julia = shutil.which("true")
    image = fake_image(image_cache, julia)
    assert sysimage.current_image(julia) == str(image)
    assert sysimage.current_image(shutil.which("false")) is None
    fake_image(image_cache, julia, sources="older sources")
    assert sysimage.current_image(julia) is None
    fake_image(image_cache, julia, project="/where/the/checkout/was")  # (moved, or another install)
    assert sysimage.current_image(julia) is None
    fake_image(image_cache, julia, base_image_stat=[1, 2])  # Julia was upgraded in place
    assert sysimage.current_image(julia) is None
    fake_image(image_cache, julia)
    image.write_bytes(b"changed since it was built")
    assert sysimage.current_image(julia) is None


@pytest.mark.fast
def test_a_rejected_image_is_not_used_again(image_cache):
    julia = shutil.which("true")
    image = fake_image(image_cache, julia)
    sysimage.reject(str(image), "it would not start")
    assert sysimage.current_image(julia) is None


@pytest.mark.fast
def test_the_sources_hash_covers_every_julia_file_and_where_it_is(monkeypatch, tmp_path):
    project = tmp_path / "julia"
    (project / "src" / "C").mkdir(parents=True)
    (project / "Project.toml").write_text('name = "MetapolyWorker"\n')
    (project / "sysimage.jl").write_text("# the build's Julia half\n")
    (project / "src" / "MetapolyWorker.jl").write_text('include("C/C.jl")\n')
    (project / "src" / "C" / "C.jl").write_text("c() = 1\n")
    monkeypatch.setattr(sysimage, "julia_project_dir", lambda: project)
    first = sysimage.sources_hash()
    assert sysimage.sources_hash() == first
    (project / "src" / "C" / "notes.md").write_text("not Julia code")
    assert sysimage.sources_hash() == first
    (project / "src" / "C" / "C.jl").write_text("c() = 2\n")  # a file in a folder changed
    changed = sysimage.sources_hash()
    assert changed != first
    (project / "src" / "C" / "C.jl").rename(project / "src" / "C.jl")  # the same file, moved out of it
    moved = sysimage.sources_hash()
    assert moved != changed
    (project / "src" / "D").mkdir()
    (project / "src" / "C.jl").rename(project / "src" / "D" / "C.jl")  # into another folder
    assert sysimage.sources_hash() not in (first, changed, moved)


def test_workers_start_from_the_system_image(kernel):
    image = sysimage.current_image(find_julia().path)
    assert image, "no current system image: `python -m metapoly sysimage` (make setup) should have built one"
    assert kernel.ok(JULIA_IMAGE).result == repr(image).replace("'", '"')


def test_a_corrupt_image_is_set_aside_and_the_worker_starts_without_it(image_cache, monkeypatch):
    fake_image(image_cache, find_julia().path)
    session = start_session(env={**os.environ, "METAPOLY_CACHE": str(image_cache)})
    try:
        assert "worker-test.so" not in session.ok(JULIA_IMAGE).result
        assert session.ok("%julia 1 + 1").result == "2" and session.ok("1 + 1").result == "2"
        manifest = sysimage.manifest_path()
        assert not manifest.exists() and manifest.with_suffix(".rejected").exists()
    finally:
        session.shutdown(now=True)


def test_without_an_image_the_worker_starts_all_the_same(image_cache):
    session = start_session(env={**os.environ, "METAPOLY_CACHE": str(image_cache)})
    try:
        assert session.ok("%julia 1 + 1").result == "2" and session.ok("1 + 1").result == "2"
    finally:
        session.shutdown(now=True)

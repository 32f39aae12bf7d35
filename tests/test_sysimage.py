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


@pytest.fixture
def cache(monkeypatch, tmp_path):
    """An empty image cache of the test's own (``METAPOLY_CACHE``)."""
    monkeypatch.setenv("METAPOLY_CACHE", str(tmp_path))
    return tmp_path


def fake_image(cache: Path, julia: str, **changes) -> Path:
    """A cached image that is current for ``julia`` and today's sources, except for ``changes`` to its
    manifest; its content is not an image."""
    image = cache / "worker-test.so"
    image.write_bytes(b"not an image")
    base = cache / "base.so"
    base.write_bytes(b"base")
    manifest = {"image": image.name, "image_stat": sysimage._stat(str(image)), "julia": os.path.realpath(julia),
                "project": str(julia_project_dir()),
                "sources": sysimage.sources_hash(), "base_image": str(base),
                "base_image_stat": sysimage._stat(str(base)), **changes}
    sysimage.manifest_path().write_text(json.dumps(manifest))
    return image


@pytest.mark.fast
def test_an_image_is_current_only_for_its_julia_and_sources(cache):
    julia = shutil.which("true")
    image = fake_image(cache, julia)
    assert sysimage.current_image(julia) == str(image)
    assert sysimage.current_image(shutil.which("false")) is None
    fake_image(cache, julia, sources="older sources")
    assert sysimage.current_image(julia) is None
    fake_image(cache, julia, project="/where/the/checkout/was")  # (moved, or another install)
    assert sysimage.current_image(julia) is None
    fake_image(cache, julia, base_image_stat=[1, 2])  # Julia was upgraded in place
    assert sysimage.current_image(julia) is None
    fake_image(cache, julia)
    image.write_bytes(b"changed since it was built")
    assert sysimage.current_image(julia) is None


@pytest.mark.fast
def test_a_rejected_image_is_not_used_again(cache):
    julia = shutil.which("true")
    image = fake_image(cache, julia)
    sysimage.reject(str(image), "it would not start")
    assert sysimage.current_image(julia) is None


@pytest.mark.fast
@pytest.mark.fast
def test_images_of_installs_that_are_gone_are_deleted(cache, tmp_path):
    kept = tmp_path / "checkout" / "julia"
    kept.mkdir(parents=True)
    for name, project in (("worker-gone", tmp_path / "moved-away" / "julia"), ("worker-kept", kept)):
        (cache / f"{name}.json").write_text(json.dumps({"project": str(project)}))
        (cache / f"{name}.0123.so").write_bytes(b"image")
    (cache / "worker-gone.rejected").write_text("{}")
    sysimage.forget_gone_installs(cache)
    assert sorted(p.name for p in cache.glob("worker-*")) == ["worker-kept.0123.so", "worker-kept.json"]


def test_without_a_c_compiler_the_build_says_so(cache, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CC", raising=False)
    with pytest.raises(sysimage.BuildError, match="no C compiler"):
        sysimage.build(shutil.which("true") or "/bin/true")


def test_workers_start_from_the_system_image(kernel):
    image = sysimage.current_image(find_julia().path)
    assert image, "no current system image: `python -m metapoly sysimage` (make setup) should have built one"
    assert kernel.ok(JULIA_IMAGE).result == repr(image).replace("'", '"')


def test_a_corrupt_image_is_set_aside_and_the_worker_starts_without_it(cache, monkeypatch):
    fake_image(cache, find_julia().path)
    session = start_session(env={**os.environ, "METAPOLY_CACHE": str(cache)})
    try:
        assert "worker-test.so" not in session.ok(JULIA_IMAGE).result
        assert session.ok("%julia 1 + 1").result == "2" and session.ok("1 + 1").result == "2"
        manifest = sysimage.manifest_path()
        assert not manifest.exists() and manifest.with_suffix(".rejected").exists()
    finally:
        session.shutdown(now=True)


def test_without_an_image_the_worker_starts_all_the_same(cache):
    session = start_session(env={**os.environ, "METAPOLY_CACHE": str(cache)})
    try:
        assert session.ok("%julia 1 + 1").result == "2" and session.ok("1 + 1").result == "2"
    finally:
        session.shutdown(now=True)

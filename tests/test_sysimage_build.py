"""Building the worker's system image (metapoly/sysimage_build.py): what it refuses without a C compiler, and
the images of gone installs it deletes. (Building one for real is `make setup`'s; tests/test_sysimage.py tests
the image it built.)"""

import json
import shutil

import pytest

from metapoly import sysimage_build


@pytest.mark.fast
def test_images_of_installs_that_are_gone_are_deleted(image_cache, tmp_path):
    kept = tmp_path / "checkout" / "julia"
    kept.mkdir(parents=True)
    for name, project in (("worker-gone", tmp_path / "moved-away" / "julia"), ("worker-kept", kept)):
        (image_cache / f"{name}.json").write_text(json.dumps({"project": str(project)}))
        (image_cache / f"{name}.0123.so").write_bytes(b"image")
    (image_cache / "worker-gone.rejected").write_text("{}")
    sysimage_build.forget_gone_installs(image_cache)
    assert sorted(p.name for p in image_cache.glob("worker-*")) == ["worker-kept.0123.so", "worker-kept.json"]


@pytest.mark.fast
def test_without_a_c_compiler_the_build_says_so(image_cache, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CC", raising=False)
    with pytest.raises(sysimage_build.BuildError, match="no C compiler"):
        sysimage_build.build(shutil.which("true") or "/bin/true")

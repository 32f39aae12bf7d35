"""%lsmagic names every magic, ours and MetaKernel's that are kept, and nothing else."""

import pytest

pytestmark = pytest.mark.fast


@pytest.fixture
def kernel(fast_kernel):
    return fast_kernel


def test_lsmagic_lists_the_magics(kernel):
    text = kernel.ok("%lsmagic").stream()
    for magic in ("%python", "%%python", "%julia", "%%julia", "%py2jl", "%jl2py", "%default", "%matplotlib",
                  "%restart", "%help", "%lsmagic", "%%time", "%shell", "%%html"):
        assert magic in text.split()
    for left_out in ("%magic", "%get", "%set", "%cd", "%download", "%kernel", "%parallel"):
        assert left_out not in text.split()


def test_lsmagic_takes_no_arguments(kernel):
    result = kernel.execute("%lsmagic --all")
    assert result.status == "error" and result.errors[0]["ename"] == "UsageError"

"""%lsmagic names metapoly's magics, then asks the worker's IPython for its own (which Python cells run)."""

import pytest

from metapoly import protocol


@pytest.fixture
def kernel(fast_kernel):
    fast_kernel.worker.cell("python", "%lsmagic", "Available line magics:\n%alias  %time  %timeit")
    return fast_kernel


@pytest.mark.fast
def test_lsmagic_lists_ours_then_ipythons(kernel):
    result = kernel.ok("%lsmagic")
    ours = result.stream().split()
    for magic in ("%python", "%%python", "%julia", "%%julia", "%py2jl", "%jl2py", "%default", "%restart",
                  "%help", "%lsmagic", "%vars"):
        assert magic in ours
    # MetaKernel's own are gone: IPython's of the same name run in the worker.
    for left_out in ("%magic", "%get", "%set", "%cd", "%download", "%kernel", "%parallel", "%%time", "%shell",
                     "%%html", "%matplotlib"):
        assert left_out not in ours
    request_type, fields, body = kernel.worker.requests[-1]
    assert request_type == protocol.EXECUTE_REQUEST
    assert fields["language"] == "python" and body == "%lsmagic"


@pytest.mark.fast
def test_lsmagic_takes_no_arguments(kernel):
    result = kernel.execute("%lsmagic --all")
    assert result.status == "error" and result.errors[0]["ename"] == "UsageError"

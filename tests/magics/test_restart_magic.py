"""%restart: fresh state in both languages, the kernel stays, the old worker is gone."""

import pytest


def test_restart_gives_fresh_state_in_both_languages(module_kernel, gone):
    module_kernel.ok("py_var = 1")
    module_kernel.ok("%julia jl_var = 1")
    module_kernel.ok("%default julia")
    old_worker = module_kernel.worker_pid()
    result = module_kernel.ok("%restart\nprint('on the new worker')")
    assert "Python and Julia start fresh" in result.stream() and "on the new worker" in result.stream()
    assert gone(old_worker)
    assert module_kernel.ok("'py_var' in globals()").result == "False"  # runs as Python again
    assert module_kernel.ok("%julia isdefined(Main, :jl_var)").result == "false"
    assert module_kernel.worker_pid() != old_worker


@pytest.mark.fast
def test_restart_takes_no_arguments(fast_kernel):
    fast_kernel.worker.cell("python", "kept = 1")
    fast_kernel.worker.cell("python", "kept", "1")
    fast_kernel.ok("kept = 1")
    result = fast_kernel.execute("%restart --now")
    assert result.status == "error" and result.errors[0]["ename"] == "UsageError"
    assert fast_kernel.ok("kept").result == "1"
    assert fast_kernel.worker.restarts == 0

"""How the way a worker ended is put in words (metapoly/worker_errors.py)."""

import pytest

from metapoly.worker_errors import describe_exit, likely_cause


@pytest.mark.fast
# `cause`: a phrase of the hint at why, or None for no hint at all.
@pytest.mark.parametrize("returncode, described, cause", [
    (-11, "was killed by SIGSEGV", "a crash"),
    (-9, "was killed by SIGKILL", "memory ran out"),
    (-15, "was killed by SIGTERM", "stopped from outside"),
    (-1, "was killed by SIGHUP", "stopped from outside"),
    (143, "was stopped by SIGTERM (exit status 143)", "stopped from outside"),
    (129, "was stopped by SIGHUP (exit status 129)", "stopped from outside"),
    (0, "exited with status 0", "exit()"),
    (3, "exited with status 3", None),
    (None, "stopped answering", None),
])
def test_exits_are_named_plainly(returncode, described, cause):
    assert describe_exit(returncode) == described
    if cause is None:
        assert likely_cause(returncode) == ""
    else:
        assert cause in likely_cause(returncode)
    assert ("crash" in likely_cause(returncode)) == (returncode == -11)

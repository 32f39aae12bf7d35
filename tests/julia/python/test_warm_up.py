"""The background warm-up, in this process: it imports nothing in its thread (a cell iterating over
sys.modules meanwhile would fail)."""

import sys
import threading

import pytest

from _metapoly_worker import warm_up


@pytest.mark.fast
def test_the_warm_up_thread_leaves_sys_modules_alone(published):
    shell = published[0]
    warm_up.in_background(shell)  # (what it imports, it imports here)
    before = set(sys.modules)
    [thread] = [t for t in threading.enumerate() if t.name == "metapoly-warm-up"]
    thread.join(timeout=60)
    assert set(sys.modules) == before

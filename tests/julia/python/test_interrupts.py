"""Interrupt requests raise KeyboardInterrupt in running user code only, even in a blocking call."""

import threading
import time

import pytest

from _metapoly_worker import interrupts


@pytest.fixture(autouse=True, scope="module")
def handler():
    interrupts.install()


def request_after(seconds: float) -> None:
    threading.Timer(seconds, interrupts.request).start()


@pytest.mark.fast
def test_a_blocking_call_in_user_code_is_cut_short():
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with interrupts.user_code():
            request_after(0.2)
            time.sleep(30)
    assert time.monotonic() - started < 5


@pytest.mark.fast
def test_a_request_when_no_user_code_runs_does_nothing():
    request_after(0.0)
    time.sleep(0.3)  # would raise if the request had been taken
    with interrupts.user_code():
        time.sleep(0.1)  # and no stale request is left for the next cell


@pytest.mark.fast
def test_a_deadline_cuts_user_code_short_and_is_gone_after_the_block():
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with interrupts.deadline(0.2):
            time.sleep(30)
    assert time.monotonic() - started < 5
    with interrupts.deadline(0.1):
        pass
    time.sleep(0.3)  # the cancelled deadline never fires

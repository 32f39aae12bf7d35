"""The kernel application's own pieces, without a kernel."""

import pytest
import zmq
from ipykernel.iostream import IOPubThread
from jupyter_client.session import Session

from metapoly.app import FrontEndStream, MetapolyApp


@pytest.fixture
def iopub():
    context = zmq.Context()
    socket = context.socket(zmq.PUB)
    thread = IOPubThread(socket)
    thread.start()
    yield thread
    thread.stop()
    thread.close()
    context.term()


@pytest.mark.fast
def test_the_front_ends_streams_flush_nothing_without_asking_the_iopub_thread(iopub):
    stream = FrontEndStream(Session(), iopub, "stdout", watchfd=False)
    asked = []
    schedule = iopub.schedule
    iopub.schedule = lambda task: (asked.append(task), schedule(task))
    stream.flush()
    assert asked == []
    stream.write("something")
    stream.flush()  # (ipykernel's: the text is sent, and the flush waits for the iopub thread)
    assert asked and not stream._flush_pending
    asked.clear()
    stream.flush()
    assert asked == []
    assert MetapolyApp.outstream_class.default_value == "metapoly.app.FrontEndStream"

"""Python output: ordered, coalesced, streamed."""

import time

import pytest

from _metapoly_worker.stdio import INTERVAL, OutputBuffer, StreamWriter


class Recorder:
    def __init__(self):
        self.frames = []

    def send(self, header, body=b""):
        self.frames.append((header, body))


@pytest.mark.fast
def test_a_line_after_a_quiet_spell_leaves_at_once():
    channel = Recorder()
    out = StreamWriter(OutputBuffer(channel), "stdout")
    print("first", file=out)
    assert channel.frames == [({"type": "stream", "name": "stdout"}, b"first\n")]


@pytest.mark.fast
def test_a_burst_is_coalesced_and_flushed_in_the_background():
    channel = Recorder()
    buffer = OutputBuffer(channel)
    out = StreamWriter(buffer, "stdout")
    for i in range(1000):
        print(i, file=out)
    time.sleep(INTERVAL * 5)
    assert len(channel.frames) <= 3
    assert b"".join(body for _, body in channel.frames) == "".join(f"{i}\n" for i in range(1000)).encode()


@pytest.mark.fast
def test_order_between_streams_is_kept_and_the_marker_comes_last():
    channel = Recorder()
    buffer = OutputBuffer(channel)
    out, err = StreamWriter(buffer, "stdout"), StreamWriter(buffer, "stderr")
    out.write("a")
    err.write("b")
    out.write("c")
    buffer.end(9)
    kinds = [(h.get("name") or h["type"], body) for h, body in channel.frames]
    assert kinds == [("stdout", b"a"), ("stderr", b"b"), ("stdout", b"c"), ("done", b"")]


@pytest.mark.fast
def test_writer_behaves_like_a_text_stream():
    out = StreamWriter(OutputBuffer(Recorder()), "stdout")
    assert out.write("é") == 1 and out.writable() and not out.isatty() and out.encoding == "utf-8"
    try:
        out.write(b"bytes")
    except TypeError as exc:
        assert "str" in str(exc)
    else:
        raise AssertionError("bytes were accepted")


@pytest.mark.fast
def test_a_recorder_gets_each_run_of_the_current_requests_text_as_it_is_sent():
    channel = Recorder()
    buffer = OutputBuffer(channel)
    out, err = StreamWriter(buffer, "stdout"), StreamWriter(buffer, "stderr")
    buffer.begin(3)
    outer, inner = [], []
    assert buffer.record("stdout", outer.append) is None
    out.write("a")
    out.write("b")
    err.write("not recorded")
    assert buffer.record("stdout", inner.append) == outer.append  # (what was pending went to the outer)
    out.write("c")
    buffer.write("stdout", "another request's", 2)
    assert buffer.record("stdout", outer.append) == inner.append
    assert buffer.record("stdout", None) == outer.append
    out.write("d")
    buffer.end(3)
    assert (outer, inner) == (["ab"], ["c"])
    assert b"".join(body for _, body in channel.frames) == b"abnot recordedcanother request'sd"

"""The protocol's framing on the Python side, against the same bytes the worker produces."""

import socket

import pytest

from metapoly.protocol import ChannelClosed, Connection, encode_frame


@pytest.fixture
def pair():
    a, b = socket.socketpair()
    yield Connection(a), Connection(b)
    a.close()
    b.close()


@pytest.mark.fast
def test_frame_layout():
    frame = encode_frame({"type": "x"}, "é")
    assert frame[:8] == (13).to_bytes(4, "big") + (2).to_bytes(4, "big")
    assert frame[8:] == b'{"type": "x"}' + "é".encode()


@pytest.mark.fast
def test_frames_round_trip_and_split_reads(pair):
    a, b = pair
    a.send({"type": "one", "id": 1}, b"\x00binary\xff")
    a.send({"type": "two"}, "text ✓")
    first = b.receive_one()
    assert first.header == {"type": "one", "id": 1} and first.body == b"\x00binary\xff"
    second = b.receive_one()
    assert second.type == "two" and second.text() == "text ✓"


@pytest.mark.fast
def test_buffered_frames_are_returned_without_reading(pair):
    a, b = pair
    a.sock.sendall(encode_frame({"type": "a"}) + encode_frame({"type": "b"})
                   + encode_frame({"type": "c"})[:5])
    b.fill()
    assert [f.type for f in b.buffered()] == ["a", "b"]
    assert b.buffered() == []


@pytest.mark.fast
def test_json_body(pair):
    a, b = pair
    a.send({"type": "reply"}, '{"status": "ok"}')
    assert b.receive_one().json() == {"status": "ok"}


@pytest.mark.fast
def test_closed_channel(pair):
    a, b = pair
    a.sock.close()
    with pytest.raises(ChannelClosed):
        b.receive_one()

"""The schemas every message is checked against (message_schemas.py) reject what the spec does not allow."""

from datetime import datetime

import pytest
from message_schemas import problems


def message(msg_type: str, content: dict) -> dict:
    header = {"msg_id": "m", "msg_type": msg_type, "session": "s", "username": "u", "date": "2026-01-01",
              "version": "5.4"}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": content, "msg_id": "m",
            "msg_type": msg_type, "buffers": []}


@pytest.mark.fast
@pytest.mark.parametrize("msg_type, content", [
    ("display_data", {"data": {"text/plain": "x"}, "metadata": {}, "transient": {}}),
    ("update_display_data", {"data": {}, "metadata": {}, "transient": {"display_id": "d"}}),
    ("execute_reply", {"status": "ok", "execution_count": 1, "payload": [], "user_expressions": {}}),
    ("execute_reply", {"status": "error", "execution_count": 1, "ename": "E", "evalue": "", "traceback": []}),
    ("is_complete_reply", {"status": "incomplete", "indent": "  "}),
    ("input_request", {"prompt": "? ", "password": False}),
    ("debug_event", {"type": "event", "seq": 3, "event": "stopped", "body": {}}),
])
def test_what_the_spec_allows_passes(msg_type, content):
    assert problems(message(msg_type, content)) == []


@pytest.mark.fast
@pytest.mark.parametrize("msg_type, content, says", [
    ("display_data", {"data": {"text/plain": "x"}, "metadata": {}}, "'transient' is a required property"),
    ("display_data", {"data": {"plain": "x"}, "metadata": {}, "transient": {}}, "does not match"),
    ("update_display_data", {"data": {}, "metadata": {}, "transient": {}}, "'display_id' is a required"),
    ("execute_reply", {"status": "error", "ename": "E", "evalue": "", "traceback": []}, "execution_count"),
    ("is_complete_reply", {"status": "incomplete"}, "'indent' is a required property"),
    ("input_request", {"prompt": "? ", "password": 0}, "is not of type 'boolean'"),
    ("stream", {"name": "stdlog", "text": ""}, "is not one of"),
    ("status", {"execution_state": "busy", "extra": 1}, None),
    ("execute_dance", {}, "not a message type a kernel sends"),
])
def test_what_it_does_not_allow_is_named(msg_type, content, says):
    found = problems(message(msg_type, content))
    if says is None:  # (fields beyond the spec's are allowed, as ipykernel adds some)
        assert found == []
    else:
        assert any(says in p for p in found), found


@pytest.mark.fast
def test_the_envelope_is_checked_too():
    msg = message("status", {"execution_state": "idle"})
    msg["header"]["version"] = "4.1"
    msg["header"]["date"] = datetime(2026, 1, 1)
    msg["surprise"] = 1
    found = problems(msg)
    assert any("does not match" in p for p in found) and any("surprise" in p for p in found)
    assert any("has no time zone" in p for p in found)

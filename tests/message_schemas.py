"""JSON schemas of every message a kernel sends, written from the Jupyter messaging spec (version 5.4), as
strict as the spec and as ipykernel shapes its messages: every field the spec lists is required (where
ipykernel always sends it, as `transient` of `display_data`), with its type. Every message the integration
tests see is checked against them (``real_kernel.validate``); jupyter_kernel_test's schemas leave fields
out (`transient`) and have none for comms or the debugger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jsonschema import Draft7Validator

STRING, BOOLEAN, INTEGER = {"type": "string"}, {"type": "boolean"}, {"type": "integer"}
OBJECT, STRINGS = {"type": "object"}, {"type": "array", "items": {"type": "string"}}
MIME_BUNDLE = {"type": "object", "propertyNames": {"pattern": r"^[\w\-+.]+/[\w\-+.]+$"}}
HEADER = {
    "type": "object",
    "required": ["msg_id", "msg_type", "session", "username", "date", "version"],
    "properties": {"msg_id": STRING, "msg_type": STRING, "session": STRING, "username": STRING,
                   "version": {"type": "string", "pattern": r"^5\.\d+$"}},
}
ENVELOPE = {
    "type": "object",
    "required": ["header", "parent_header", "metadata", "content", "msg_id", "msg_type"],
    "properties": {"header": HEADER, "parent_header": OBJECT, "metadata": OBJECT, "content": OBJECT,
                   "msg_id": STRING, "msg_type": STRING, "buffers": {"type": "array"}},
    "additionalProperties": False,
}


def content(required: dict, optional: dict | None = None) -> dict:
    """A content schema: the ``required`` fields with their schemas, and ``optional`` ones."""
    return {"type": "object", "required": sorted(required),
            "properties": {**required, **(optional or {})}}


def reply(ok: dict, optional: dict | None = None) -> dict:
    """A reply's content: ``ok``'s fields when its status is "ok", an error's fields when "error"."""
    error = content({"status": {"const": "error"}, "ename": STRING, "evalue": STRING, "traceback": STRINGS})
    return {"oneOf": [content({"status": {"const": "ok"}, **ok}, optional), error,
                      content({"status": {"const": "aborted"}})]}


DAP_MESSAGE = {"seq": INTEGER, "type": STRING}
SCHEMAS: dict[str, dict[str, Any]] = {
    # IOPub
    "status": content({"execution_state": {"enum": ["busy", "idle", "starting"]}}),
    "execute_input": content({"code": STRING, "execution_count": INTEGER}),
    "stream": content({"name": {"enum": ["stdout", "stderr"]}, "text": STRING}),
    "display_data": content({"data": MIME_BUNDLE, "metadata": OBJECT, "transient": OBJECT}),
    "update_display_data": content({"data": MIME_BUNDLE, "metadata": OBJECT,
                                    "transient": content({"display_id": STRING})}),
    "execute_result": content({"execution_count": INTEGER, "data": MIME_BUNDLE, "metadata": OBJECT},
                              {"transient": OBJECT}),
    "error": content({"ename": STRING, "evalue": STRING, "traceback": STRINGS}),
    "clear_output": content({"wait": BOOLEAN}),
    "comm_open": content({"comm_id": STRING, "target_name": STRING, "data": OBJECT},
                         {"target_module": {"type": ["string", "null"]}}),
    "comm_msg": content({"comm_id": STRING, "data": OBJECT}),
    "comm_close": content({"comm_id": STRING, "data": OBJECT}),
    "debug_event": content({**DAP_MESSAGE, "type": {"const": "event"}, "event": STRING}, {"body": OBJECT}),
    # Shell and control replies
    "execute_reply": {"allOf": [reply({"execution_count": INTEGER, "payload": {"type": "array"},
                                       "user_expressions": OBJECT}),
                                {"if": {"properties": {"status": {"const": "error"}}},
                                 "then": {"required": ["execution_count"]}}]},
    "inspect_reply": reply({"found": BOOLEAN, "data": MIME_BUNDLE, "metadata": OBJECT}),
    "complete_reply": reply({"matches": STRINGS, "cursor_start": INTEGER, "cursor_end": INTEGER,
                             "metadata": OBJECT}),
    "history_reply": reply({"history": {"type": "array", "items": {"type": "array", "minItems": 3,
                                                                   "maxItems": 3}}}),
    "is_complete_reply": {**content({"status": {"enum": ["complete", "incomplete", "invalid", "unknown"]}},
                                    {"indent": STRING}),
                          "if": {"properties": {"status": {"const": "incomplete"}}},
                          "then": {"required": ["indent"]}},
    "kernel_info_reply": reply({
        "protocol_version": {"type": "string", "pattern": r"^5\.\d+$"}, "implementation": STRING,
        "implementation_version": STRING, "banner": STRING,
        "language_info": content({"name": STRING, "version": STRING, "mimetype": STRING,
                                  "file_extension": STRING},
                                 {"pygments_lexer": STRING, "codemirror_mode": {"type": ["string", "object"]},
                                  "nbconvert_exporter": STRING}),
        "help_links": {"type": "array", "items": content({"text": STRING, "url": STRING})},
    }, {"debugger": BOOLEAN}),
    "comm_info_reply": reply({"comms": {"type": "object",
                                        "additionalProperties": content({"target_name": STRING})}}),
    "interrupt_reply": reply({}),
    "shutdown_reply": reply({"restart": BOOLEAN}),
    "debug_reply": content({**DAP_MESSAGE, "type": {"const": "response"}, "request_seq": INTEGER,
                            "success": BOOLEAN, "command": STRING}, {"message": STRING, "body": OBJECT}),
    # Stdin
    "input_request": content({"prompt": STRING, "password": BOOLEAN}),
}
_VALIDATORS = {t: Draft7Validator(s) for t, s in SCHEMAS.items()}
_ENVELOPE = Draft7Validator(ENVELOPE)


def problems(msg: dict) -> list[str]:
    """What is wrong with ``msg`` (a message as jupyter_client gives it) by the spec: [] when nothing."""
    found = [f"envelope: {e.message}" for e in _ENVELOPE.iter_errors(msg)]
    msg_type = msg.get("msg_type")
    date = msg.get("header", {}).get("date")
    if isinstance(date, datetime) and date.tzinfo is None:  # (jupyter_client parses the ISO 8601 text)
        found.append(f"date {date} has no time zone")
    if msg_type != msg.get("header", {}).get("msg_type"):
        found.append(f"msg_type {msg_type!r} differs from the header's")
    validator = _VALIDATORS.get(msg_type)
    if validator is None:
        return [*found, f"{msg_type!r} is not a message type a kernel sends"]
    return found + [f"content: {e.message} (at {'/'.join(map(str, e.absolute_path)) or 'the top'})"
                    for e in validator.iter_errors(msg.get("content"))]

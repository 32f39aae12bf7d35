"""Every request gets exactly one reply the wire can carry (metapoly/wire_safety.py): text UTF-8 cannot
encode is replaced, malformed requests get error replies. Before, each of these left a request unanswered."""

import pytest

from metapoly import wire_safety


@pytest.mark.fast
def test_scrub_replaces_lone_surrogates_at_any_depth_and_keeps_the_rest():
    value = {"text/plain": "x\ud800y", "list": ["ok", "\udfff"], "n": 3, "emoji": "\U0001f600"}
    assert wire_safety.scrub(value) == {"text/plain": "x\ufffdy", "list": ["ok", "\ufffd"], "n": 3,
                                        "emoji": "\U0001f600"}


@pytest.mark.fast
def test_bad_requests_are_named():
    assert wire_safety.bad_request("1+1", 3) is None
    assert wire_safety.bad_request("1+1", None) is None
    assert "string" in wire_safety.bad_request(123)
    assert "integer" in wire_safety.bad_request("x", "x")
    assert "integer" in wire_safety.bad_request("x", True)


SURROGATE_REPR = "class Odd:\n    def __repr__(self):\n        return 'x\\ud800y'\n"


def test_unencodable_text_in_results_errors_and_prompts_is_replaced(shared_kernel):
    assert shared_kernel.ok(SURROGATE_REPR + "Odd()").result == "x\ufffdy"
    result = shared_kernel.execute("raise ValueError('x\\ud800y')")
    assert result.status == "error" and len(result.errors) == 1
    assert result.errors[0]["evalue"] == "x\ufffdy"
    answered = shared_kernel.execute("input('\\ud800?')", answers=["fine"], allow_stdin=True)
    assert answered.status == "ok" and answered.result == "'fine'"
    assert shared_kernel.ok("1 + 1").result == "2"


def test_malformed_requests_get_error_replies(shared_kernel):
    kc = shared_kernel.kc
    for msg_type, content in (("execute_request", {"code": 123, "silent": False}),
                              ("complete_request", {"code": "pri", "cursor_pos": "x"}),
                              ("inspect_request", {"code": "print", "cursor_pos": [], "detail_level": 0})):
        msg = kc.session.msg(msg_type, content)
        kc.shell_channel.send(msg)
        reply = shared_kernel.reply(msg["header"]["msg_id"], 30)
        assert reply["content"]["status"] == "error", msg_type
        assert reply["content"]["ename"] == "BadRequest"
    msg = kc.session.msg("is_complete_request", {"code": None})
    kc.shell_channel.send(msg)
    assert shared_kernel.reply(msg["header"]["msg_id"], 30)["content"]["status"] == "unknown"
    assert shared_kernel.ok("2 + 2").result == "4"

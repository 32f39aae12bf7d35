"""Execute requests sent at once run in order; a failing cell aborts the queued ones after it, as in
ipykernel, unless the client asked not to stop on errors."""


def _send_all(kernel, cells: list, **kwargs) -> list:
    ids = [kernel.kc.execute(code, **kwargs) for code in cells]
    replies = []
    while len(replies) < len(ids):
        reply = kernel.kc.get_shell_msg(timeout=60)
        if reply["parent_header"]["msg_id"] in ids:  # (not a stray reply to an earlier test's request)
            replies.append(reply)
    assert [r["parent_header"]["msg_id"] for r in replies] == ids
    return [r["content"] for r in replies]


def test_requests_sent_at_once_run_in_order(kernel):
    replies = _send_all(kernel, [
        "import time; time.sleep(0.3); queue_order = ['python']",
        "%julia sleep(0.2); queue_order_jl = [1]",
        "queue_order.append('again')",
        "%julia push!(queue_order_jl, 2)",
    ])
    assert [r["status"] for r in replies] == ["ok"] * 4
    assert kernel.ok("queue_order").result == "['python', 'again']"
    assert kernel.ok("%julia Tuple(queue_order_jl)").result == "(1, 2)"


def test_a_failing_cell_aborts_the_cells_queued_after_it(kernel):
    kernel.ok("queue_ran = []")
    replies = _send_all(kernel, ["queue_ran.append(1)", "%julia error(\"stop here\")", "queue_ran.append(3)",
                                 "%julia queue_never = 1"])
    assert [r["status"] for r in replies] == ["ok", "error", "aborted", "aborted"]
    assert kernel.ok("queue_ran").result == "[1]"
    assert kernel.ok("%julia isdefined(Main, :queue_never)").result == "false"


def test_without_stop_on_error_the_queue_goes_on(kernel):
    kernel.ok("queue_ran = []")
    replies = _send_all(kernel, ["1 / 0", "queue_ran.append(2)"], stop_on_error=False)
    assert [r["status"] for r in replies] == ["error", "ok"]
    assert kernel.ok("queue_ran").result == "[2]"

"""input(), getpass() and sys.stdin in the worker's Python, answered over a real socket pair."""

import socket
import threading

import pytest
from IPython.core.error import StdinNotImplementedError

from _metapoly_worker import user_input
from _metapoly_worker.stdio import OutputBuffer, StreamWriter
from metapoly.protocol import Connection


@pytest.fixture
def front_end():
    """Installs the worker's input functions, sending on one end of a socket pair; a thread reading the
    other end answers each request as the channel's reader thread would deliver the reply."""
    worker_end, client_end = socket.socketpair()
    output = OutputBuffer(Connection(worker_end))
    client = Connection(client_end)
    requests = []

    def answer(replies):
        def serve():
            for status, text in replies:
                frame = client.receive_one()
                while frame.type != "input_request":  # output sent before the request
                    requests.append((frame.header, frame.body))
                    frame = client.receive_one()
                requests.append((frame.header, frame.body))
                user_input.deliver({"type": "input_reply", "status": status}, text.encode())
        threading.Thread(target=serve, daemon=True).start()
        return requests

    saved = user_input.builtins.input, user_input.getpass.getpass, user_input.sys.stdin
    user_input.install(output)
    yield answer, output
    user_input.builtins.input, user_input.getpass.getpass, user_input.sys.stdin = saved
    worker_end.close()
    client_end.close()


@pytest.mark.fast
def test_input_sends_pending_output_then_the_prompt(front_end):
    answer, output = front_end
    requests = answer([("ok", "Ada")])
    StreamWriter(output, "stdout").write("Who? ")
    assert input("name: ") == "Ada"
    assert requests[0] == ({"type": "stream", "name": "stdout"}, b"Who? ")
    assert requests[1][0] == {"type": "input_request", "prompt": "name: ", "password": False}


@pytest.mark.fast
def test_getpass_asks_for_a_hidden_answer_and_stdin_reads_lines(front_end):
    answer, _ = front_end
    requests = answer([("ok", "secret"), ("ok", "line"), ("eof", "")])
    assert user_input.getpass.getpass() == "secret"
    assert requests[0][0]["password"] is True and requests[0][0]["prompt"] == "Password: "
    assert user_input.sys.stdin.readline() == "line\n"
    assert user_input.sys.stdin.readline() == ""


@pytest.mark.fast
@pytest.mark.parametrize("status, error", [("eof", EOFError), ("interrupted", KeyboardInterrupt),
                                           ("unsupported", StdinNotImplementedError)])
def test_answers_other_than_a_line_raise(front_end, status, error):
    answer, _ = front_end
    answer([(status, "")])
    with pytest.raises(error):
        input()

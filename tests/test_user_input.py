"""input(), getpass() and readline() answered through the client's stdin channel, mid-cell."""

import pytest


def test_python_input_after_the_output_before_it(kernel):
    result = kernel.execute("print('hello')\nname = input('Name? ')\nprint('hi', name)", answers=["Ada"])
    assert result.status == "ok"
    assert result.prompts == [{"prompt": "Name? ", "password": False}]
    assert result.stream() == "hello\nhi Ada\n"
    # The prompt was asked only after 'hello' had been sent.
    assert result.messages[0]["content"]["text"] == "hello\n"


def test_two_prompts_and_a_prompt_in_a_loop(kernel):
    two = kernel.execute("a = input('a? ')\nb = input('b? ')\na + b", answers=["1", "2"])
    assert [p["prompt"] for p in two.prompts] == ["a? ", "b? "] and two.result == "'12'"
    loop = kernel.execute("total = 0\nfor i in range(3):\n    total += int(input(f'{i}: '))\ntotal",
                          answers=["10", "20", "30"])
    assert loop.result == "60" and len(loop.prompts) == 3


def test_getpass_and_stdin(kernel):
    result = kernel.execute("import getpass, sys\n(getpass.getpass(), sys.stdin.readline())",
                            answers=["secret", "line"])
    assert result.prompts[0] == {"prompt": "Password: ", "password": True}
    assert result.result == "('secret', 'line\\n')"


def test_julia_readline(kernel):
    result = kernel.execute('%%julia\nprint("Name? ")\nname = readline()\nprintln("hi ", name)\n'
                            "readline(stdin)", answers=["Ada", "again"])
    assert result.status == "ok" and len(result.prompts) == 2
    assert result.stream() == "Name? hi Ada\n" and result.result == '"again"'
    assert result.messages[0]["content"]["text"] == "Name? "  # sent before the prompt


def test_julia_readline_in_a_loop(kernel):
    result = kernel.execute("%%julia\ns = 0\nfor i in 1:3\n    global s += parse(Int, readline())\nend\ns",
                            answers=["1", "2", "3"])
    assert result.result == "6"


def test_end_of_input(kernel):
    assert kernel.execute("input()", answers=["\x04"]).errors[0]["ename"] == "EOFError"
    assert kernel.execute("%julia readline()", answers=["\x04"]).result == '""'


@pytest.mark.parametrize("code", ["input('x? ')", "%julia readline()"], ids=["python", "julia"])
def test_without_stdin_a_clear_error_not_a_hang(kernel, code):
    result = kernel.execute(code, allow_stdin=False, timeout=30)
    [error] = result.errors
    assert result.status == "error" and error["ename"] == "StdinNotImplementedError"
    # (Python's in ipykernel's words.)
    assert "does not support input requests" in error["evalue"]
    assert kernel.ok("1 + 1").result == "2"


@pytest.mark.parametrize("code, ename", [
    ("input('x? ')", "KeyboardInterrupt"), ("%julia readline()", "InterruptException"),
], ids=["python", "julia"])
def test_an_interrupt_cancels_the_prompt_and_keeps_state(kernel, code, ename):
    kernel.ok("kept = 41")
    kernel.ok("%julia kept_jl = 42")
    msg_id = kernel.kc.execute(code, stop_on_error=False)  # the cells after it must not be aborted
    kernel.kc.get_stdin_msg(timeout=30)
    kernel.km.interrupt_kernel()
    reply = kernel.reply(msg_id, timeout=30)["content"]
    assert reply["status"] == "error" and reply["ename"] == ename
    assert kernel.ok("kept").result == "41" and kernel.ok("%julia kept_jl").result == "42"

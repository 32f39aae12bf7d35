"""Output of any size, from either language and from the processes they start, arrives whole and in order
and never stops the worker (python/_metapoly_worker/stdio.py, julia/src/Stdio/stdio.jl), through the real
kernel. Each of these lost output past 64 KB or hung the worker before file descriptors 1 and 2 were drained
by a thread of their own."""


import re


def lines(n: int) -> str:
    return "".join(f"{i}\n" for i in range(1, n + 1))


def test_a_shell_command_prints_everything_before_what_follows_it(shared_kernel):
    result = shared_kernel.ok("import os\nprint('a')\nrc = os.system('seq 1 200000')\nprint('rc', rc)",
                              timeout=60)
    assert result.stream() == "a\n" + lines(200_000) + "rc 0\n"


def test_large_writes_to_the_descriptors_arrive_whole(shared_kernel):
    result = shared_kernel.ok("import os, subprocess\nos.write(1, b'x' * 200_000)\n"
                              "subprocess.run(['seq', '1', '150000'])\nos.write(2, b'e' * 100_000)",
                              timeout=60)
    assert result.stream() == "x" * 200_000 + lines(150_000)
    assert result.stream("stderr") == "e" * 100_000


def test_julia_prints_after_starting_a_process_and_c_prints_of_a_megabyte(shared_kernel):
    result = shared_kernel.ok('%%julia\nrun(`true`)\nprint("y"^100_000)\n'
                              'ccall(:printf, Cint, (Cstring,), "z"^1_000_000 * "\\n");', timeout=60)
    assert result.stream().count("y") == 100_000
    assert result.stream().count("z") == 1_000_000
    result = shared_kernel.ok('%%julia\nrun(`seq 1 100000`)', timeout=60)
    assert result.stream() == lines(100_000)


def test_julia_prints_and_its_child_processes_output_keep_their_order(shared_kernel):
    result = shared_kernel.ok('%%julia\nprintln("before"); run(`echo child`); println("after")')
    assert result.stream() == "before\nchild\nafter\n"
    messages = shared_kernel.ok('%%julia\nprint("A"); print(stderr, "B"); print("C"); @warn "D"; print("E")')
    streams = [(m["content"]["name"], m["content"]["text"]) for m in messages.of_type("stream")]
    assert [name for name, _ in streams] == ["stdout", "stderr", "stdout", "stderr", "stdout"]
    text = re.sub(r"\x1b\[[0-9;]*m", "", "".join(text for _, text in streams))
    assert text.replace("\n", "").startswith("ABC┌ Warning: D")


def test_julia_output_survives_the_users_own_redirection(shared_kernel):
    result = shared_kernel.ok('%%julia\nold = stdout\nrd, wr = redirect_stdout()\nprintln("captured")\n'
                              'redirect_stdout(old)\nclose(wr)\nprint("got: ", read(rd, String))\n'
                              'run(`echo child`)')
    assert result.stream() == "got: captured\nchild\n"

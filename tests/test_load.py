"""Proof under load: a thousand cells in alternating languages without a failure or a leak, and hundreds of
malformed magic lines each answered with an error, never a crash."""

import random

CELLS = 1000
MAX_GROWTH_MB = 50


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _collect_garbage(kernel) -> None:
    kernel.ok("import gc; gc.collect();")
    kernel.ok("%julia GC.gc();")


def _check(kernel, i: int) -> None:
    kind = i % 6
    run = lambda code: kernel.execute(code, stop_on_error=False)  # noqa: E731
    if kind == 0:
        result = run(f"print('py', {i})")
        assert result.status == "ok" and result.stream() == f"py {i}\n"
    elif kind == 1:
        result = run(f'%julia println("jl ", {i})')
        assert result.status == "ok" and result.stream() == f"jl {i}\n"
    elif kind == 2:
        result = run(f"raise ValueError('bad {i}')")
        assert result.status == "error" and [e["evalue"] for e in result.errors] == [f"bad {i}"]
    elif kind == 3:
        result = run(f'%julia error("bad {i}")')
        assert result.status == "error" and [e["evalue"] for e in result.errors] == [f"bad {i}"]
    elif kind == 4:
        assert run(f"values_{i % 7} = list(range({i})); {i} * 2").result == str(i * 2)
    else:
        assert run(f"%julia values_{i % 7} = collect(1:{i}); {i} + 1").result == str(i + 1)


def test_a_thousand_cells_alternating_languages_without_failure_or_leak(kernel):
    pid = kernel.worker_pid()
    for i in range(12):  # every kind of cell once, so that first-use costs are not counted as growth
        _check(kernel, i)
    _collect_garbage(kernel)
    before = _rss_mb(pid)
    for i in range(CELLS):
        _check(kernel, i)
    _collect_garbage(kernel)
    growth = _rss_mb(pid) - before
    print(f"worker RSS {before:.0f} MB before, growth {growth:+.1f} MB over {CELLS} cells")
    assert kernel.worker_pid() == pid  # the same worker all along
    assert growth < MAX_GROWTH_MB, f"the worker grew by {growth:.1f} MB over {CELLS} cells"


def _malformed_magic_lines() -> list:
    junk = random.Random(5)

    def binary(n: int) -> str:
        return "".join(chr(junk.choice([0, 1, 7, 27, 127, 0xFFFD, 0xD7FF]) or junk.randrange(1, 32))
                       for _ in range(n))

    lines = [
        "%py2jl", "%jl2py", "%py2jl --copy", "%jl2py --copy", "%julia", "%python", "%%julia", "%%python",
        "%%julia --nope\n1", "%%python --nope\n1", "%py2jl --deep x", "%jl2py -x y", "%py2jl =x",
        "%py2jl x=", "%jl2py ==", "%default cobol", "%default julia python", "%matplotlib qt",
        "%matplotlib --force", "%restart now", "%", "%%", "%nosuchmagic", "%%nosuchmagic\n1",
        "%py2jl " + "x" * 1_000_000, "%jl2py " + "y " * 100_000, "%julia " + "z" * 1_000_000,
        "%default " + "j" * 100_000, "%restart " + "r" * 100_000, "%%julia <" + "q" * 100_000 + "\n1",
    ]
    names = ["py2jl", "jl2py", "julia", "python", "default", "matplotlib", "restart", "pyjl", "jul ia"]
    while len(lines) < 200:
        name = junk.choice(names)
        shape = junk.randrange(4)
        if shape == 0:
            lines.append(f"%{name} \x01{binary(junk.randrange(1, 40))}")
        elif shape == 1:
            lines.append(f"%{name} --{binary(5)} x")
        elif shape == 2:
            lines.append(f"%{name}{binary(3)}")
        else:
            lines.append(f"%{name} -{junk.choice('abcxyz')} \x00{binary(10)}")
    return lines


def test_two_hundred_malformed_magic_lines_are_errors_not_crashes(kernel):
    kernel.ok("kept = 41")
    kernel.ok("%julia kept = 42")
    pid = kernel.worker_pid()
    for line in _malformed_magic_lines():
        result = kernel.execute(line, stop_on_error=False)
        assert result.status == "error", repr(line[:80])
        assert len(result.errors) == 1, repr(line[:80])
    assert kernel.km.is_alive() and kernel.worker_pid() == pid
    assert kernel.ok("kept").result == "41"
    assert kernel.ok("%julia kept").result == "42"

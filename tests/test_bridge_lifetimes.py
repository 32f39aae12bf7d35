"""Shared memory stays valid while either side holds it, and is released after both let go."""

RSS = "int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) // 1024"


def test_a_thousand_round_trips_do_not_leak(fresh_kernel):
    kernel = fresh_kernel
    pinned = "%julia length(MetapolyWorker.Convert.PINNED)"
    at_start = kernel.ok(pinned).result  # (juliacall's modules, pinned for the session)
    kernel.ok("import numpy as np\nfor warm_i in range(20):\n    julia['warm'] = np.ones(1_000_000)")
    before = int(kernel.ok(RSS).result)
    kernel.ok("for i in range(1000):\n"
              "    a = np.full(1_000_000, float(i))\n"      # 8 MB, a new one every time
              "    julia['a'] = a\n"
              "    assert julia['a'] is a\n"
              "    b = julia.eval('b = a .+ 1')\n"           # Julia memory seen from Python
              "    assert b[0] == i + 1 and julia['b'] is b\n")
    growth = int(kernel.ok(RSS).result) - before
    assert growth < 600, f"the worker grew by {growth} MB over 1,000 round trips of 8 MB arrays"
    kernel.ok("%julia a = b = nothing; GC.gc()")
    kernel.ok("del a, b\nimport gc; gc.collect()")
    assert kernel.ok(pinned).result == at_start


def test_python_memory_is_released_after_both_sides_let_go(kernel):
    kernel.ok("import numpy as np, weakref, gc\nowned = np.ones(10)\nprobe = weakref.ref(owned)\n")
    kernel.ok("%py2jl owned")
    kernel.ok("del owned; gc.collect()")
    assert kernel.ok("probe() is None").result == "False"  # Julia still holds it
    assert kernel.ok("%julia sum(owned)").result == "10.0"
    kernel.ok("%julia owned = nothing; GC.gc()")
    kernel.ok("%julia 1")  # released on the main thread at the next request
    assert kernel.ok("gc.collect(); probe() is None").result == "True"


def test_julia_memory_stays_valid_while_python_holds_a_view(kernel):
    kernel.ok("%julia held = fill(3.0, 1000)")
    kernel.ok("%jl2py held")
    kernel.ok("%julia held = nothing; GC.gc(); GC.gc()")
    assert kernel.ok("float(held.sum())").result == "3000.0"


def test_a_shared_julia_vector_cannot_move_under_python(kernel):
    kernel.ok("%julia lt_v = collect(1.0:10_000.0);")
    kernel.ok("%jl2py lt_v")
    result = kernel.execute("%julia for i in 1:10^5; push!(lt_v, i); end")
    assert result.status == "error" and "cannot resize array with shared data" in result.errors[0]["evalue"]
    kernel.ok("%julia GC.gc()")
    assert kernel.ok("lt_v[:3].tolist(), float(lt_v.sum())").result == "([1.0, 2.0, 3.0], 50005000.0)"


def test_read_only_python_memory_stays_read_only(kernel):
    kernel.ok("import numpy as np\nlt_ro = np.frombuffer(b'A', dtype=np.uint8)")
    assert "copied" in kernel.ok("%py2jl lt_ro").stream()
    kernel.ok("%julia lt_ro[1] = UInt8('B')")
    assert kernel.ok("b'A'[0], int(lt_ro[0])").result == "(65, 65)"
    # A call takes it as juliacall does: a read-only PyArray over it, which refuses writes.
    assert kernel.ok("julia.eval('a -> a[1]')(np.frombuffer(b'A', dtype=np.uint8))").result == "65"
    refused = kernel.execute("julia.eval('a -> (a[1] = 0x42; a[1])')(np.frombuffer(b'A', dtype=np.uint8))")
    assert "is read-only" in refused.errors[0]["evalue"]
    assert kernel.ok("b'A'[0]").result == "65"

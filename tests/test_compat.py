"""PythonCall's GC and GIL in Julia cells (julia/src/PythonCall): the release of the Python objects Julia
dropped after Julia's garbage collection, and the GIL held across a block."""


def jl(kernel, code: str) -> str:
    return kernel.ok("%%julia\n" + code).result


def test_julias_collection_releases_the_python_objects_julia_dropped(kernel):
    kernel.ok("import weakref\nclass CpObj: pass\ncp_objs = [CpObj() for _ in range(50)]\n"
              "cp_refs = [weakref.ref(o) for o in cp_objs]")
    jl(kernel, "cp_held = collect(pyget(Py, :cp_objs)); pyexec(\"cp_objs.clear()\", Main); nothing")
    # Garbage, then collected: nothing stays queued (Python's next operation would release it), and the
    # Python objects are gone.
    assert jl(kernel, "cp_held = nothing; GC.gc(); isempty(PythonCall.GC.QUEUE.items)") == "true"
    assert kernel.ok("sum(r() is not None for r in cp_refs)").result == "0"
    # The same for objects finalized by hand (from threads, in PythonCall's own test).
    kernel.ok("cp_objs = [CpObj() for _ in range(50)]\ncp_refs = [weakref.ref(o) for o in cp_objs]")
    assert jl(kernel, "let objs = collect(pyget(Py, :cp_objs))\n    pyexec(\"cp_objs.clear()\", Main)\n"
                      "    PythonCall.GIL.@unlock Threads.@threads for o in objs\n        finalize(o)\n"
                      "    end\n    GC.gc()\n    isempty(PythonCall.GC.QUEUE.items)\nend") == "true"
    assert kernel.ok("sum(r() is not None for r in cp_refs)").result == "0"
    assert jl(kernel, "PythonCall.GC.enable(), PythonCall.GC.disable(), PythonCall.GC.gc()") == \
        "(nothing, nothing, nothing)"


def test_the_gil_held_across_a_block_keeps_pythons_threads_waiting(kernel):
    kernel.ok("import threading, time\ncp_items, cp_stop = [], False\ndef cp_fill():\n"
              "    while not cp_stop:\n        cp_items.append(0)\n        time.sleep(0.001)\n"
              "cp_thread = threading.Thread(target=cp_fill)\ncp_thread.start()")
    try:
        # Julia code that neither yields nor calls Python, between two reads of the list's length (no
        # Python code runs in them, which would let Python switch threads).
        jl(kernel, "cp_items = pyget(Py, :cp_items)\n"
                   "cp_busy() = (a = pylen(cp_items); t = time(); while time() - t < 0.2 end; "
                   "a == pylen(cp_items))")
        held = jl(kernel, "PythonCall.GIL.@lock cp_busy()")
        let_go = jl(kernel, "PythonCall.GIL.lock(() -> PythonCall.GIL.@unlock cp_busy())")
        as_always = jl(kernel, "cp_busy()")
        assert (held, let_go, as_always) == ("true", "false", "false")
    finally:
        kernel.ok("cp_stop = True\ncp_thread.join()")

"""The worker's own Python threads, which a debugger must neither trace nor suspend.

When a breakpoint stops the cell, pydevd suspends every thread it traces: the worker's threads (the one that
reads interrupts and input replies, the output flushers) must go on, as ipykernel's own threads do. pydevd
skips threads that carry its two marks.
"""

import threading


def start_worker_thread(target, name: str, *args) -> threading.Thread:
    """Start a daemon thread of the worker's own, running ``target(*args)``."""
    thread = threading.Thread(target=target, args=args, name=name, daemon=True)
    thread.pydev_do_not_trace = True
    thread.is_pydev_daemon_thread = True
    thread.start()
    return thread

"""juliacall's tests (test_all.py) run inside a kernel's worker, through runner.py (which
tests/test_juliacall_suite.py starts): the project's own pytest, in the front end's process, does not
collect them."""

collect_ignore = ["test_all.py"]

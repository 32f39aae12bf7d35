"""%default (and the sticky %%%julia) choose the language of cells without a magic."""

import pytest


@pytest.fixture
def kernel(fast_kernel):
    """A fast kernel whose worker answers the cells below, each in its language only."""
    for language, code, value in [("julia", "typeof(1)", "Int64"), ("python", "type(1).__name__", "'int'"),
                                  ("julia", "1 // 2", "1//2"), ("julia", "Int === Int64", "true"),
                                  ("python", "isinstance(1, int)", "True")]:
        fast_kernel.worker.cell(language, code, value)
    return fast_kernel


@pytest.fixture
def restore_python(kernel):
    yield kernel
    kernel.ok("%default python")


@pytest.mark.fast
def test_default_julia_then_back(restore_python):
    kernel = restore_python
    assert "julia" in kernel.ok("%default julia").stream()
    assert kernel.ok("typeof(1)").result == "Int64"
    assert kernel.ok("%%python\ntype(1).__name__").result == "'int'"
    assert "julia" in kernel.ok("%default").stream()
    kernel.ok("%default python")
    assert kernel.ok("type(1).__name__").result == "'int'"


@pytest.mark.fast
def test_the_rest_of_the_cell_runs_in_the_new_default(restore_python):
    assert restore_python.ok("%default julia\n1 // 2").result == "1//2"


@pytest.mark.fast
def test_sticky_form_sets_the_default(restore_python):
    kernel = restore_python
    kernel.ok("%%%julia")
    assert kernel.ok("Int === Int64").result == "true"
    kernel.ok("%%%python")
    assert kernel.ok("isinstance(1, int)").result == "True"


@pytest.mark.fast
def test_a_wrong_argument_is_an_error_and_changes_nothing(kernel):
    result = kernel.execute("%default cobol")
    assert result.status == "error" and "python or julia" in result.errors[0]["evalue"]
    assert kernel.ok("type(1).__name__").result == "'int'"

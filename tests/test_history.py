"""History as ipykernel keeps it, for cells of both languages: history_request (tail, range, search,
unique) through a real kernel, across restarts, and before the worker is up."""

import nbformat
import pytest
from real_kernel import start_session

from metapoly import protocol


def history(kernel, **request) -> list:
    content = kernel.reply(kernel.kc.history(**{"raw": True, "output": False, **request}), 60)["content"]
    assert content["status"] == "ok"
    return [tuple(entry) for entry in content["history"]]


@pytest.fixture(scope="module")
def kernel_with_history(tmp_path_factory, monkeypatch_module):
    """A kernel of the module's own, on a history database of its own."""
    monkeypatch_module.setenv("METAPOLY_HISTORY", str(tmp_path_factory.mktemp("history") / "history.sqlite"))
    session = start_session()
    yield session
    session.shutdown(now=True)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_cells_of_both_languages_are_stored_as_typed(kernel_with_history):
    k = kernel_with_history
    cells = ["h_a = 1", "%%julia\nh_b = 2", "%julia h_c = 3\nh_d = 4", "%py2jl h_a", "h_a + 1"]
    numbers = [k.ok(cell).reply["execution_count"] for cell in cells]
    tail = history(k, hist_access_type="tail", n=len(cells))
    assert [(line, text) for _, line, text in tail] == list(zip(numbers, cells, strict=True))
    assert [text for *_, text in history(k, hist_access_type="range", session=0, start=numbers[0],
                                         stop=numbers[-1] + 1)] == cells
    found = history(k, hist_access_type="search", pattern="*h_b*")
    assert [text for *_, text in found] == ["%%julia\nh_b = 2"]
    k.ok("%%julia\nh_b = 2")
    assert len(history(k, hist_access_type="search", pattern="*h_b*", unique=True)) == 1
    # IPython's own view of it.
    assert "%%julia\nh_b = 2" in k.ok(f"%history -n {numbers[1]}").stream()
    assert k.ok(f"In[{numbers[0]}]").result == "'h_a = 1'"


def test_what_cells_print_is_kept_for_notebook_as_ipython_keeps_it(kernel_with_history, tmp_path):
    k = kernel_with_history
    k.ok('import sys\nprint("h_out")\nprint("h_err", file=sys.stderr)\nprint("h_again")')
    target = tmp_path / "exported.ipynb"
    k.ok(f"%notebook {target}")
    [cell] = [c for c in nbformat.read(target, as_version=4).cells if "h_out" in c.source]
    assert [(o.name, "".join(o.text)) for o in cell.outputs] == [
        ("stdout", "h_out\n"), ("stderr", "h_err\n"), ("stdout", "h_again\n")]


def test_silent_cells_are_not_stored(kernel_with_history):
    k = kernel_with_history
    k.kc.execute("h_silent = 1", silent=True)
    k.ok("h_after = 1")
    assert "h_silent = 1" not in [text for *_, text in history(k, hist_access_type="tail", n=5)]


def test_history_outlives_a_restart_and_is_there_before_the_worker(kernel_with_history):
    k = kernel_with_history
    k.ok("h_before_restart = 1")
    k.km.restart_kernel(now=False)
    k.kc.wait_for_ready(timeout=120)
    # A console asks at once, while the new worker is still starting: the database answers.
    early = history(k, hist_access_type="tail", n=50)
    assert ("h_before_restart = 1") in [text for *_, text in early]
    k.ok("h_after_restart = 1")
    tail = history(k, hist_access_type="tail", n=50)
    sessions = {text: session for session, _, text in tail}
    assert sessions["h_after_restart = 1"] > sessions["h_before_restart = 1"]
    current = history(k, hist_access_type="range", session=0, start=1)
    assert [text for *_, text in current] == ["h_after_restart = 1"]


def test_unknown_or_odd_history_requests_get_an_empty_answer(kernel_with_history):
    assert history(kernel_with_history, hist_access_type="bogus") == []
    assert history(kernel_with_history, hist_access_type="range", session="x", start=None) == []
    assert kernel_with_history.ok("1 + 1").result == "2"


@pytest.mark.fast
@pytest.mark.parametrize("request_", [{"hist_access_type": "tail", "n": -5}, {"hist_access_type": "range",
                                      "session": "x", "start": None}, {"hist_access_type": "search",
                                                                         "pattern": None}])
def test_while_the_worker_starts_the_database_answers_even_odd_requests(fast_kernel, request_, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("METAPOLY_HISTORY", str(tmp_path / "history.sqlite"))
    fast_kernel.worker.ready = False
    assert fast_kernel.history(output=False, raw=True, **request_) == {"status": "ok", "history": []}


@pytest.mark.fast
def test_only_the_first_request_of_a_cell_stores_it(fast_kernel):
    fast_kernel.worker.script(protocol.EXECUTE_REQUEST, {"status": "ok"})
    fast_kernel.ok("%julia x = 1\ny = 2")
    stores = [(f["language"], f["store_history"], f.get("raw")) for _, f, _ in fast_kernel.worker.requests]
    assert stores == [("julia", True, "%julia x = 1\ny = 2"), ("python", False, None)]
    assert fast_kernel.worker.recorded == []


@pytest.mark.fast
def test_a_cell_of_our_magics_only_is_recorded_once(fast_kernel):
    fast_kernel.ok("%default python")
    [(fields, body)] = fast_kernel.worker.recorded
    assert body == "%default python" and fields["store_history"] is True
    fast_kernel.execute("%default python", silent=True)  # (silent: never stored, as in IPython)
    assert len(fast_kernel.worker.recorded) == 1

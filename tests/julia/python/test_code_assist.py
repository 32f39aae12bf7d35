"""Completion and inspection of Python code against the live ``__main__`` (the worker's shell)."""

import sys

import pytest

from _metapoly_worker import code_assist
from _metapoly_worker.stdio import OutputBuffer


class Discard:
    def send(self, header, body=b""):
        pass


@pytest.fixture(scope="module")
def shell(start_shell):
    shell = start_shell(OutputBuffer(Discard()))
    main = sys.modules["__main__"].__dict__
    main["unit_assist_var"] = {"key_one": 1}
    yield shell
    main.pop("unit_assist_var", None)


@pytest.mark.fast
def test_names_of_main_complete(shell):
    reply = code_assist.complete(shell, "unit_assist_v", 13)
    assert reply["matches"] == ["unit_assist_var"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (0, 13)
    assert reply["metadata"]["_jupyter_types_experimental"][0]["text"] == "unit_assist_var"


@pytest.mark.fast
def test_dictionary_keys_complete(shell):
    code = "unit_assist_var['key_"
    assert "key_one" in code_assist.complete(shell, code, len(code))["matches"]


@pytest.mark.fast
@pytest.mark.parametrize("code, cursor", [("", 0), ("   ", 3), ("x", 50), ("x", -3)])
def test_nothing_typed_or_a_bad_cursor_gives_a_valid_reply(shell, code, cursor):
    reply = code_assist.complete(shell, code, cursor)
    assert 0 <= reply["cursor_start"] <= reply["cursor_end"] <= len(code)


@pytest.mark.fast
def test_properties_are_not_run(shell):
    ran = []

    class Loud:
        @property
        def boom(self):
            ran.append(1)
            return 1

    sys.modules["__main__"].__dict__["unit_loud"] = Loud()
    code_assist.complete(shell, "unit_loud.boom.", 15)
    assert ran == []


@pytest.mark.fast
def test_inspect_finds_the_called_function(shell):
    reply = code_assist.inspect(shell, "len([1, 2", 9, 0)
    assert reply["found"] and "Return the number of items" in reply["data"]["text/plain"]
    assert list(reply["data"]) == ["text/plain"]  # (ipykernel's compact text, no HTML headings)


@pytest.mark.fast
def test_inspect_an_unknown_name(shell):
    assert code_assist.inspect(shell, "unit_no_such_name", 17, 0) == {"found": False, "data": {}}

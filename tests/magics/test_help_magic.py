"""%help lists every magic grouped by purpose; %help %MAGIC explains one, with an example; %help NAME
shows documentation."""

import pytest

from metapoly import protocol


@pytest.fixture
def kernel(fast_kernel):
    fast_kernel.worker.script(protocol.INSPECT_REQUEST, {"found": True, "data": {
        "text/plain": "Return the number of items in a container."}}, "python", "len")
    fast_kernel.worker.cell("python", "%lsmagic", "Available line magics:\n%alias  %time  %timeit")
    return fast_kernel


def _page(result) -> str:
    pages = [p["data"]["text/plain"] for p in result.reply.get("payload", []) if p.get("source") == "page"]
    assert len(pages) == 1
    return pages[0]


def _all_magics(kernel) -> list:
    """metapoly's magics, as %lsmagic lists them."""
    listing = kernel.ok("%lsmagic").stream()
    return [word for word in listing.split() if word.startswith("%")]


@pytest.mark.fast
def test_help_lists_every_magic_grouped_with_one_line_each(kernel):
    text = _page(kernel.ok("%help"))
    for title in ("Run code in a language:", "Move data between the languages:", "Session:", "Help:"):
        assert title in text
    lines = text.splitlines()
    for magic in _all_magics(kernel):
        assert sum(line.strip().startswith(magic + " ") for line in lines) == 1, magic
    assert "?name" in text and "Shift-Tab" in text and "IPython magic" in text


@pytest.mark.fast
@pytest.mark.parametrize("magic", ["%python", "%%python", "%julia", "%%julia", "%py2jl", "%jl2py", "%default",
                                   "%restart", "%help", "%lsmagic"])
def test_every_metapoly_magic_has_help_with_an_example(kernel, magic):
    text = _page(kernel.ok(f"%help {magic}"))
    assert text.startswith(magic + " ")
    assert "Example" in text


@pytest.mark.fast
def test_every_listed_magic_has_help(kernel):
    for magic in _all_magics(kernel):
        assert "Example" in _page(kernel.ok(f"%help {magic}")), magic


@pytest.mark.fast
def test_help_on_a_name_in_the_default_language(kernel):
    assert "Return the number of items" in _page(kernel.ok("%help len"))


@pytest.mark.fast
def test_help_on_an_unknown_magic_says_so_and_lists_them(kernel):
    text = _page(kernel.ok("%help %nosuch"))
    assert "%nosuch is not a magic" in text and "%julia" in text

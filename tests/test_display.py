"""Rich display through the kernel: every MIME type from both languages, order, failures and limits."""

import base64
import io
import re

import pytest
from PIL import Image

ANSI = re.compile(r"\x1b\[[0-9;]*m")

RICH_MIMES = {"text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml", "image/png",
              "image/jpeg", "application/json"}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "red").save(buffer, fmt)
    return buffer.getvalue()


def decoded(data: str) -> Image.Image:
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    image.load()
    return image


PNG_BASE64 = base64.b64encode(image_bytes("png")).decode()
JPEG_BASE64 = base64.b64encode(image_bytes("jpeg")).decode()

JULIA_RICH = f'''%%julia
using Base64
struct AllMimes end
Base.show(io::IO, ::MIME"text/plain", ::AllMimes) = print(io, "all mimes")
Base.show(io::IO, ::MIME"text/html", ::AllMimes) = print(io, "<b>all</b>")
Base.show(io::IO, ::MIME"text/markdown", ::AllMimes) = print(io, "**all**")
Base.show(io::IO, ::MIME"text/latex", ::AllMimes) = print(io, raw"$\\alpha$")
Base.show(io::IO, ::MIME"image/svg+xml", ::AllMimes) = print(io, """{SVG}""")
Base.show(io::IO, ::MIME"image/png", ::AllMimes) = write(io, base64decode("{PNG_BASE64}"))
Base.show(io::IO, ::MIME"image/jpeg", ::AllMimes) = write(io, base64decode("{JPEG_BASE64}"))
Base.show(io::IO, ::MIME"application/json", ::AllMimes) = print(io, "{{\\"answer\\": 42}}")
'''

PYTHON_RICH = f'''
import base64
class AllMimes:
    def __repr__(self): return "all mimes"
    def _repr_html_(self): return "<b>all</b>"
    def _repr_markdown_(self): return "**all**"
    def _repr_latex_(self): return r"$\\alpha$"
    def _repr_svg_(self): return {SVG!r}
    def _repr_png_(self): return base64.b64decode({base64.b64encode(image_bytes("png"))!r})
    def _repr_jpeg_(self): return base64.b64decode({base64.b64encode(image_bytes("jpeg"))!r})
    def _repr_json_(self): return {{"answer": 42}}
'''


def check_all_mimes(data: dict) -> None:
    assert set(data) == RICH_MIMES
    assert data["text/html"] == "<b>all</b>" and data["text/markdown"] == "**all**"
    assert data["text/latex"] == "$\\alpha$" and data["image/svg+xml"] == SVG
    assert data["application/json"] == {"answer": 42}
    assert decoded(data["image/png"]).format == "PNG" and decoded(data["image/png"]).size == (3, 2)
    assert decoded(data["image/jpeg"]).format == "JPEG"


@pytest.mark.parametrize("definition, value", [
    (JULIA_RICH, "%julia AllMimes()"), (PYTHON_RICH, "AllMimes()"),
], ids=["julia", "python"])
def test_every_mime_type_as_result_and_as_display(kernel, definition, value):
    kernel.ok(definition)
    check_all_mimes(kernel.ok(value).of_type("execute_result")[0]["content"]["data"])
    shown = kernel.ok(value.replace("AllMimes()", "display(AllMimes())") + ";")
    [message] = shown.of_type("display_data")
    check_all_mimes(message["content"]["data"])


@pytest.mark.parametrize("code", [
    '%%julia\nprintln("one")\ndisplay(HTML("<i>two</i>"))\nprintln("three")\ndisplay("four")\nprint("five")',
    'from IPython.display import HTML\nprint("one")\ndisplay(HTML("<i>two</i>"))\nprint("three")\n'
    'display("four")\nprint("five", end="")',
], ids=["julia", "python"])
def test_prints_and_displays_keep_their_order(kernel, code):
    result = kernel.ok(code)
    seen = [m["content"]["text"].strip() if m["msg_type"] == "stream" else m["content"]["data"]["text/plain"]
            for m in result.messages]
    assert seen[0] == "one" and seen[2] == "three" and seen[4] == "five"
    assert "HTML" in seen[1] and seen[3] in ('"four"', "'four'")
    assert result.messages[1]["content"]["data"]["text/html"] == "<i>two</i>"


def test_julia_display_of_one_mime_type(kernel):
    [shown] = kernel.ok('%julia display(MIME("text/html"), HTML("<hr>"))').of_type("display_data")
    assert shown["content"]["data"] == {"text/plain": 'HTML{String}("<hr>")', "text/html": "<hr>"}
    # (The fields ipykernel always sends: a client that parses by the spec's schema needs `transient`.)
    assert shown["content"]["metadata"] == {} and shown["content"]["transient"] == {}


def test_julia_markdown_and_latex(kernel):
    data = kernel.ok('%%julia\nusing Markdown\nMarkdown.parse("# Title\\n\\n\\$x^2\\$")').of_type(
        "execute_result")[0]["content"]["data"]
    assert {"text/markdown", "text/latex", "text/html"} <= set(data)


def test_julia_log_messages_reach_the_notebook_in_colour_as_with_ijulia(kernel):
    warning = kernel.ok('%julia @warn "careful"').stream("stderr")
    assert "\x1b[33m" in warning and "Warning: careful" in ANSI.sub("", warning)
    assert kernel.ok('%julia printstyled("red"; color=:red)').stream() == "\x1b[31mred\x1b[39m"


def test_julia_display_of_a_string_in_a_format_passes_it_raw(kernel):
    displays = kernel.ok('%julia display("text/html", "<i>raw</i>"); display(MIME("text/latex"), "\\$x\\$")'
                         ).of_type("display_data")
    shown = [d["content"]["data"] for d in displays]
    assert [data.get("text/html", data.get("text/latex")) for data in shown] == ["<i>raw</i>", "$x$"]


def test_update_display_and_clear_output_from_python(kernel):
    result = kernel.ok(
        "from IPython.display import HTML, clear_output, update_display\n"
        "handle = display(HTML('<p>old</p>'), display_id=True)\n"
        "handle.update(HTML('<p>new</p>'))\n"
        "update_display('plain', display_id=handle.display_id)\n"
        "print('gone soon')\n"
        "clear_output(wait=True)\n"
        "print('kept')\n"
        "clear_output()"
    )
    [shown] = result.of_type("display_data")
    updates = result.of_type("update_display_data")
    display_id = shown["content"]["transient"]["display_id"]
    assert [u["content"]["transient"]["display_id"] for u in updates] == [display_id, display_id]
    assert updates[0]["content"]["data"]["text/html"] == "<p>new</p>"
    assert updates[1]["content"]["data"]["text/plain"] == "'plain'"
    order = [m["msg_type"] for m in result.messages]
    assert order == ["display_data", "update_display_data", "update_display_data", "stream", "clear_output",
                     "stream", "clear_output"]
    assert [c["content"]["wait"] for c in result.of_type("clear_output")] == [True, False]


def test_pandas_dataframes_are_html_tables(kernel):
    data = kernel.ok("import pandas as pd\npd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})").of_type(
        "execute_result")[0]["content"]["data"]
    assert "<table" in data["text/html"] and "a  b" in data["text/plain"]


@pytest.mark.parametrize("code", [
    "class BadRepr:\n    def __repr__(self): raise ValueError('no repr')\n"
    "    def _repr_html_(self): raise RuntimeError('no html')\nBadRepr()",
    "%%julia\nstruct BadShow end\nBase.show(io::IO, ::BadShow) = error(\"no show\")\n"
    "Base.show(io::IO, ::MIME\"text/html\", ::BadShow) = error(\"no html\")\nBadShow()",
], ids=["python", "julia"])
def test_a_failing_representation_leaves_text_and_a_warning(kernel, code):
    result = kernel.ok(code)
    data = result.of_type("execute_result")[0]["content"]["data"]
    assert set(data) == {"text/plain"} and "Bad" in data["text/plain"]
    warnings = result.stream("stderr")
    assert "Warning" in warnings and ("no repr" in warnings or "no show" in warnings)
    assert "no html" in warnings


@pytest.mark.parametrize("code", [
    "'x' * 30_000_000",
    '%julia "x"^30_000_000',
    "%%julia\nstruct Endless end\nBase.show(io::IO, ::Endless) = while true; print(io, 'x'); end\nEndless()",
], ids=["python", "julia", "julia-endless-show"])
def test_a_huge_value_is_cut_with_a_notice(kernel, code):
    text = kernel.ok(code, timeout=60).of_type("execute_result")[0]["content"]["data"]["text/plain"]
    assert len(text) < 1_100_000 and "output cut" in text
    assert kernel.ok("1 + 1").result == "2"


def test_python_mimebundle_protocol_and_display_without_import(kernel):
    kernel.ok("class Bundle:\n"
              "    def _repr_mimebundle_(self, include=None, exclude=None):\n"
              "        return {'text/html': '<i>b</i>', 'application/json': {'k': [1]}}\n"
              "    def __repr__(self): return 'Bundle()'")
    data = kernel.ok("Bundle()").of_type("execute_result")[0]["content"]["data"]
    assert data == {"text/html": "<i>b</i>", "application/json": {"k": [1]}, "text/plain": "Bundle()"}
    [shown] = kernel.ok("display(Bundle())").of_type("display_data")
    assert shown["content"]["data"]["text/html"] == "<i>b</i>"

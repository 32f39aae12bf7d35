"""Rich display in Python cells: IPython's machinery, publishing on the worker's channel."""

import json

import pytest

from _metapoly_worker import display
from _metapoly_worker.stdio import StreamWriter


@pytest.mark.fast
def test_display_comes_after_the_output_printed_before_it(published):
    shell, output, frames = published
    frames.clear()
    StreamWriter(output, "stdout").write("before")
    shell.display_pub.publish({"text/plain": "x", "image/png": b"\x89PNG"}, transient={"display_id": "d"})
    assert [h["type"] for h, _ in frames] == ["stream", "display_data"]
    content = json.loads(frames[1][1])
    assert content["data"] == {"text/plain": "x", "image/png": "iVBORw=="}
    assert content["transient"] == {"display_id": "d"}


@pytest.mark.fast
def test_updates_and_clear_output(published):
    shell, _, frames = published
    frames.clear()
    shell.display_pub.publish({"text/plain": "y"}, update=True)
    shell.display_pub.clear_output(wait=True)
    assert [h["type"] for h, _ in frames] == ["update_display_data", "clear_output"]
    assert json.loads(frames[1][1]) == {"wait": True}


@pytest.mark.fast
def test_a_failing_repr_leaves_a_warning_and_a_plain_text_fallback(published, capsys):
    class Broken:
        def __repr__(self):
            raise ValueError("no repr")

        def _repr_html_(self):
            return "<b>fine</b>"

    data = display.mime_bundle(Broken(), published[0])
    assert data["text/html"] == "<b>fine</b>"
    assert data["text/plain"].startswith("<") and "Broken object at 0x" in data["text/plain"]
    assert "Warning: __repr__() raised ValueError: no repr" in capsys.readouterr().err


@pytest.mark.fast
def test_huge_representations_are_cut_or_left_out(capsys):
    data = display.cap_bundle({"text/plain": "x" * (display.TEXT_LIMIT + 5),
                               "text/html": "y" * (display.DATA_LIMIT + 1), "text/markdown": "fine"})
    assert data["text/plain"].startswith("x" * display.TEXT_LIMIT + "\n… [output cut:")
    assert "text/html" not in data and data["text/markdown"] == "fine"
    assert "text/html representation" in capsys.readouterr().err

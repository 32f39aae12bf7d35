"""nbconvert and metapoly notebooks: each code cell highlighted in its own language.

nbconvert's highlighter reads a cell's language from ``metadata.magics_language`` (its
HighlightMagicsPreprocessor sets it for ``%%julia`` cells only). The JupyterLab extension stores it for
every cell it sees; :class:`MetapolyLanguagePreprocessor` does the same for notebooks saved elsewhere
(papermill, nbclient, another editor), and ``jupyter nbconvert --to metapoly_html`` is nbconvert's HTML
export with it.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from .cell_language import notebook_languages

KERNEL_NAME = "metapoly"


def store_languages(notebook: Any) -> None:
    """Write each code cell's language into its metadata, as the JupyterLab extension does:
    ``metapoly.language``, and ``magics_language`` ("julia") for Julia cells."""
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell, language in zip(cells, notebook_languages(cell.source for cell in cells), strict=True):
        cell.metadata["metapoly"] = {**cell.metadata.get("metapoly", {}), "language": language}
        if language == "julia":
            cell.metadata["magics_language"] = "julia"
        elif cell.metadata.get("magics_language") == "julia":
            del cell.metadata["magics_language"]


class MetapolyLanguagePreprocessor(Preprocessor):
    """Records each code cell's language in a notebook of the metapoly kernel (others are left alone), so
    that nbconvert highlights Julia cells as Julia."""

    def preprocess(self, nb: Any, resources: dict) -> tuple[Any, dict]:
        """Store the languages of ``nb``'s cells if it is a metapoly notebook."""
        if nb.metadata.get("kernelspec", {}).get("name") == KERNEL_NAME:
            store_languages(nb)
        return nb, resources


class MetapolyHTMLExporter(HTMLExporter):
    """nbconvert's HTML export, with :class:`MetapolyLanguagePreprocessor` (``--to metapoly_html``)."""

    export_from_notebook = "HTML (metapoly)"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register_preprocessor(MetapolyLanguagePreprocessor, enabled=True)

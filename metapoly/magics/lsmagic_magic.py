"""%lsmagic: the names of every magic, metapoly's and IPython's."""

from metapoly.magic_args import shorten
from metapoly.magics import MetapolyMagic


class LsmagicMagic(MetapolyMagic):
    def line_lsmagic(self, args: str) -> None:
        """
        %lsmagic - list the names of every line and cell magic: metapoly's, then IPython's

        metapoly's magics work in cells of either language. IPython's (%timeit, %%bash, %matplotlib...)
        and `!cmd` lines work in Python cells, as under ipykernel. `%help` lists metapoly's grouped by
        purpose with one line each; `%help %NAME` explains one, `%NAME?` one of IPython's.

        Example:
            %lsmagic
        """
        if args.strip():
            return self.fail("UsageError", f"%lsmagic takes no arguments (got {shorten(args)})")
        line = " ".join(f"%{n}" for n in sorted(self.kernel.line_magics))
        cell = " ".join(f"%%{n}" for n in sorted(self.kernel.cell_magics))
        self.kernel.Print("metapoly's magics (both languages; %help explains them):\n"
                          f"Line magics:\n{line}\n\nCell magics:\n{cell}\n\nIPython's magics (Python cells):")
        self.retval = self.kernel.run_cell("python", "%lsmagic")


def register_magics(kernel) -> None:
    kernel.register_magics(LsmagicMagic)

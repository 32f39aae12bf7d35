"""%lsmagic: the names of every magic."""

from metapoly.magic import MetapolyMagic, shorten


class LsmagicMagic(MetapolyMagic):
    def line_lsmagic(self, args: str) -> None:
        """
        %lsmagic - list the names of every line and cell magic

        `%help` lists them grouped by purpose with one line each; `%help %NAME` explains one.

        Example:
            %lsmagic
        """
        if args.strip():
            return self.fail("UsageError", f"%lsmagic takes no arguments (got {shorten(args)})")
        line = " ".join(f"%{n}" for n in sorted(self.kernel.line_magics) if n != "magic")
        cell = " ".join(f"%%{n}" for n in sorted(self.kernel.cell_magics))
        self.kernel.Print(f"Line magics:\n{line}\n\nCell magics:\n{cell}\n\n%help explains them.")


def register_magics(kernel) -> None:
    kernel.register_magics(LsmagicMagic)

"""%default: choose the language of cells that have no language magic."""

from metapoly.magic_args import shorten
from metapoly.magics import LANGUAGES, MetapolyMagic


class DefaultMagic(MetapolyMagic):
    def line_default(self, args: str) -> None:
        """
        %default [python|julia] - set (or show) the language of cells without a language magic

        Cells run as Python until this is used. A notebook that is mostly Julia starts with
        `%default julia`; single cells can still use %%python (or %%julia). `%%%julia`, MetaKernel's
        "sticky" form, does the same as `%default julia`.

        Examples:
            %default julia
            %default
        """
        choice = args.strip().lower()
        if not choice:
            self.kernel.Print(f"Cells without a language magic run as {self.kernel.default_language}.")
        elif choice in LANGUAGES:
            self.kernel.default_language = choice
            self.kernel.Print(f"Cells without a language magic now run as {choice}.")
        else:
            self.fail("UsageError", f"%default takes python or julia, not {shorten(args)}")
        self.evaluate = bool(self.code.strip()) and self.retval is None


def register_magics(kernel) -> None:
    kernel.register_magics(DefaultMagic)

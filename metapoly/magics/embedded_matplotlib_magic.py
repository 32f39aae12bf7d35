"""%matplotlib: matplotlib in the embedded Python shows figures inline.

Named so as not to collide with MetaKernel's ``matplotlib_magic`` module, whose %matplotlib configures
matplotlib in the front-end process; this one replaces it.
"""

from metapoly.magic import MetapolyMagic, shorten


class EmbeddedMatplotlibMagic(MetapolyMagic):
    def line_matplotlib(self, args: str) -> None:
        """
        %matplotlib [inline] - show matplotlib figures inline (the default; the line is optional)

        Figures drawn in a Python cell appear below it when the cell ends, or where `plt.show()` is
        called, as PNG and SVG; no window opens and no file is written. This line is accepted so that
        notebooks written for ipykernel run unchanged, and it switches back to inline plots after
        `matplotlib.use(...)`. Interactive backends (widget, notebook, qt...) are not available.

        Example:
            %matplotlib inline
            import matplotlib.pyplot as plt
            plt.plot([1, 4, 9, 16])
        """
        backend = args.strip() or "inline"
        if backend != "inline":
            return self.fail("UsageError", f"%matplotlib {shorten(backend)}: metapoly shows figures inline only; "
                             "use %matplotlib inline (or nothing at all)")
        self.retval = self.kernel.use_matplotlib(backend)
        self.evaluate = self.retval is None


def register_magics(kernel) -> None:
    kernel.register_magics(EmbeddedMatplotlibMagic)

"""%python and %%python: run code in the Python embedded in the Julia worker.

Named so as not to collide with MetaKernel's ``python_magic`` module, whose %python runs code in the
front-end process; this one replaces it.
"""

from metapoly.magics import LanguageMagic


class EmbeddedPythonMagic(LanguageMagic):
    language = "python"

    def line_python(self, args: str) -> None:
        """
        %python CODE - run one line of Python; a bare %python first line runs the whole cell as Python

        Python runs in __main__ of the interpreter embedded in the kernel's Julia worker (the same
        process as Julia, sharing its memory). Cells without a magic run as Python too, unless
        `%default julia` was used.

        Examples:
            %python import math; r = math.sqrt(2)

            %python
            for i in range(3):
                print(i)
        """
        self.run_line(args)

    def cell_python(self, args: str) -> None:
        """
        %%python - run the whole cell as Python

        The cell runs in __main__ of the embedded Python; the value of its last expression is shown
        (as in IPython) unless the cell ends with `;`. Useful in notebooks whose default is Julia.

        Example:
            %%python
            import numpy as np
            a = np.arange(6).reshape(2, 3)
            a.sum()
        """
        self.run_cell(args)


def register_magics(kernel) -> None:
    kernel.register_magics(EmbeddedPythonMagic)

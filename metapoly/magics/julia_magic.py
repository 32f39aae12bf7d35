"""%julia and %%julia: run code in the Julia worker's ``Main``."""

from metapoly.magics import LanguageMagic


class JuliaMagic(LanguageMagic):
    language = "julia"

    def line_julia(self, args: str) -> None:
        """
        %julia CODE - run one line of Julia; a bare %julia first line runs the whole cell as Julia

        Julia code runs in the module Main of the kernel's one Julia worker, which also hosts the
        notebook's Python: variables persist across cells. The value of the last expression is shown
        unless the line ends with `;`.

        Examples:
            %julia x = sum(1:10)

            %julia
            function fib(n)
                n < 2 ? n : fib(n - 1) + fib(n - 2)
            end
            fib(20)
        """
        self.run_line(args)

    def cell_julia(self, args: str) -> None:
        """
        %%julia - run the whole cell as Julia

        The cell runs in Main of the Julia worker, with the REPL's scoping rules (a top-level loop can
        update a global without `global`). Output streams while the cell runs; the value of the last
        expression is shown unless the cell ends with `;`. To make Julia the language of every
        following cell, use `%default julia`.

        Example:
            %%julia
            xs = [i^2 for i in 1:5]
            println("sum = ", sum(xs))
            xs
        """
        self.run_cell(args)


def register_magics(kernel) -> None:
    kernel.register_magics(JuliaMagic)

"""%julia and %%julia: run code in the Julia worker's ``Main``."""

from metapoly.magic_args import parse_cell_variables
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
        %%julia [NAME | <NAME | >NAME ...] - run the whole cell as Julia, passing Python variables

        The cell runs in Main of the Julia worker, with the REPL's scoping rules (a top-level loop can
        update a global without `global`). Output streams while the cell runs; the value of the last
        expression is shown unless the cell ends with `;`. To make Julia the language of every
        following cell, use `%default julia`.

        Python variables named on the %%julia line cross as juliacall's IPython magic passes them:
        <NAME goes into Julia before the cell, >NAME comes back to Python after it, and a bare NAME
        does both (back only if the cell rebound it). Going in, a numpy array becomes a Julia array
        over the same memory (PyArray if it is not dense); coming out, a Julia value is a juliacall
        wrapper (an array numpy reads in place: numpy.asarray(z)). For plain Python values instead,
        use %jl2py.

        Examples:
            %%julia
            xs = [i^2 for i in 1:5]
            println("sum = ", sum(xs))
            xs

            %%julia <x >total
            total = sum(x)
        """
        try:
            variables = parse_cell_variables(args)
        except ValueError as exc:
            return self.fail("UsageError", str(exc))
        self.run(self.code, variables=variables if args.strip() else None)
        self.evaluate = False


def register_magics(kernel) -> None:
    kernel.register_magics(JuliaMagic)

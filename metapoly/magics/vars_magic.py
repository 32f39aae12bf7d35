"""%vars: what lives where, in both languages."""

from metakernel import ExceptionWrapper

from metapoly.magic_args import shorten
from metapoly.magics import LANGUAGES, MetapolyMagic


class VarsMagic(MetapolyMagic):
    def line_vars(self, args: str) -> None:
        """
        %vars [python|julia] - list the variables of both languages: type, size, shared or proxy

        One table per language, with each variable the notebook made: what it is (its type, and its
        size for arrays and containers), and how it relates to the other language: "shared" when both
        languages see the same memory (a numpy array moved with %py2jl, a Julia array moved with
        %jl2py), "proxy" when it stands for an object of the other language (a Py in Julia, a
        juliacall value in Python), "proxied" when the other language holds a proxy of it. Modules and
        names starting with _ are left out.

        Examples:
            %vars
            %vars julia
        """
        only = args.strip().lower()
        if only and only not in LANGUAGES:
            return self.fail("UsageError", f"%vars takes python, julia or nothing, not {shorten(args)}")
        reply = self.kernel.variables()
        if isinstance(reply, ExceptionWrapper):
            self.retval, self.evaluate = reply, False
            return
        tables = [format_table(language.capitalize(), reply[language])
                  for language in LANGUAGES if not only or language == only]
        self.kernel.Print("\n\n".join(tables))


def format_table(title: str, rows: list) -> str:
    """``title``, then one aligned line per ``[name, summary, how]`` row (or a line saying there is none)."""
    if not rows:
        return f"{title}: no variables"
    width = max(len(name) for name, _, _ in rows)
    kind = max(len(summary) for _, summary, _ in rows)
    lines = [f"  {name:<{width}}  {summary:<{kind}}  {how}".rstrip() for name, summary, how in rows]
    return f"{title}:\n" + "\n".join(lines)


def register_magics(kernel) -> None:
    kernel.register_magics(VarsMagic)

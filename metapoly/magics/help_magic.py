"""%help: every magic grouped by purpose, one magic's docstring, or help on a name."""

from metapoly.code_assist import help_on, magic_help
from metapoly.magics import MetapolyMagic

# Magics not listed here are shown under "Other", so that %help lists every magic there is.
GROUPS = [
    ("Run code in a language", ["python", "julia", "default"]),
    ("Move data between the languages", ["py2jl", "jl2py", "vars"]),
    ("Session", ["restart"]),
    ("Help", ["help", "lsmagic"]),
]
WITHOUT_MAGICS = """\
In Python cells, as under ipykernel: every IPython magic (%timeit, %matplotlib, %%bash, %run, %pip...,
all listed by %lsmagic; %NAME? explains one), !cmd and files = !ls, In/Out/_N, exit.
In Julia cells, as under IJulia: ;cmd runs a shell command.

Help without magics:
  ?name, name?        help on name in the cell's language: Python's in the pager (??name adds the
                      source), Julia's in the cell output, with its search: line
  Tab                 complete names, attributes, fields, dictionary keys, paths, \\alpha, magics
  Shift-Tab           documentation of the name at the cursor"""


class HelpMagic(MetapolyMagic):
    def line_help(self, args: str) -> None:
        """
        %help [%MAGIC | NAME] - list the magics, explain one, or show help on a name

        With no argument, lists every magic grouped by purpose, one line each. `%help %julia` (or
        `%help %%julia`) shows that magic's full description with examples. `%help NAME` shows the
        documentation of NAME in the default language (Julia docstrings, Python signatures and
        docstrings), as `?NAME` does. Help appears in the pager (in JupyterLab, below the cell).

        Examples:
            %help
            %help %py2jl
            %help len
        """
        self.kernel.page(self.help_for(args))

    def help_for(self, args: str) -> dict:
        """What ``%help ARGS`` shows, as a MIME bundle."""
        name = args.strip()
        if not name:
            return {"text/plain": self.overview()}
        if name.startswith("%"):
            return magic_help(self.kernel, name) or {
                "text/plain": f"{name} is not a magic of this kernel.\n\n{self.overview()}"}
        return help_on(self.kernel, self.kernel.default_language, name)

    def overview(self) -> str:
        """Every magic, grouped by purpose, with the first line of its docstring."""
        names = {n for table in (self.kernel.line_magics, self.kernel.cell_magics) for n in table}
        grouped = [(title, [n for n in members if n in names]) for title, members in GROUPS]
        listed = {n for _, members in grouped for n in members}
        grouped.append(("Other", sorted(names - listed)))
        lines = ["metapoly magics (%help %NAME explains one, with examples):"]
        for title, members in grouped:
            if members:
                lines += ["", f"{title}:"] + [f"  {line}" for n in members for line in self._summaries(n)]
        return "\n".join(lines + ["", WITHOUT_MAGICS])

    def _summaries(self, name: str) -> list:
        summaries = []
        for mtype in ("line", "cell"):
            magic = getattr(self.kernel, f"{mtype}_magics").get(name)
            if magic is not None:
                summaries.append(magic.get_help(mtype, name).strip().split("\n", 1)[0])
        return summaries


def register_magics(kernel) -> None:
    kernel.register_magics(HelpMagic)

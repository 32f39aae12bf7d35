"""The worker's IPython shell: Python cells run through it exactly as ipykernel runs them.

``run_cell`` gives every IPython line and cell magic, ``!cmd`` (in the worker process, so in the directory
the user's Python is in), ``In``/``Out``/``_N``, ``exit``, IPython's tracebacks and ``?``. What ipykernel
sends on its sockets is collected here instead: the value of the cell goes out as an ``execute_result`` on
the output channel (after what the cell printed, before its figures), the traceback and the pager and
exit payloads go back in the reply (see :mod:`.execute`).
"""

import io
import os
import sys
import tokenize
import traceback
from contextlib import contextmanager
from types import TracebackType

from IPython.core import page, pylabtools
from IPython.core.autocall import ExitAutocall
from IPython.core.compilerop import CachingCompiler
from IPython.core.displayhook import DisplayHook
from IPython.core.error import UsageError
from IPython.core.interactiveshell import InteractiveShell
from traitlets import Instance, default
from traitlets.config import Config

from metapoly import cell_files
from metapoly.history import history_file
from metapoly.magic_args import parse_move_args
from metapoly.protocol import CELL_DIRECTORY_VARIABLE, ERROR, EXECUTE_RESULT

from . import comms, history
from .display import ChannelPublisher, WorkerFormatter, cap_bundle
from .protocol import to_json

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# The GUI names that need no event loop, as ipykernel lists them (IPython names inline's gui "inline" before
# 8.24, None since).
NO_LOOP = (None, "inline", "nbagg", "webagg", "notebook", "ipympl", "widget")
_WORKER_DIR = os.path.dirname(os.path.abspath(__file__))
# Where cells' files are named: the kernel's directory, as ipykernel names it (see metapoly.cell_files).
CELL_DIRECTORY = os.environ.pop(CELL_DIRECTORY_VARIABLE, None) or cell_files.cell_directory()


class EditorLineCompiler(CachingCompiler):
    """IPython's compiler, naming a cell's file as ipykernel's does (by a hash of its code, as JupyterLab's
    debugger expects: ``/tmp/ipykernel_<pid>/<hash>.py``, the pid being the kernel's), with the cell's first
    line at ``first_line`` (set before each cell).

    The front end sends a ``%%python`` cell without its magic line: the line numbers of tracebacks and
    syntax errors must still be the editor's, and the file's name the whole cell's (``source``). Blank lines
    are prepended where the cell is cached (which tracebacks read) and parsed, and only for the cell itself,
    not for what its magics compile later.
    """

    first_line = 1
    source = None  # the whole cell, which names the cell's file (set before each cell)

    def get_code_name(self, raw_code, transformed_code, number):
        return cell_files.cell_file(raw_code, CELL_DIRECTORY)

    def cache(self, transformed_code, number=0, raw_code=None):
        raw_code, self.source = self.source or raw_code, None
        return super().cache("\n" * (self.first_line - 1) + transformed_code, number, raw_code)

    def ast_parse(self, source, filename="<unknown>", symbol="exec"):
        offset, self.first_line = self.first_line - 1, 1
        return super().ast_parse("\n" * offset + source, filename, symbol)


class ResultHook(DisplayHook):
    """Sends the value of a cell as an ``execute_result``, in order with the cell's other output.

    The cell's number and its `;` are those of the code being run (``shell.running``), which is not always
    the last cell IPython stored: the Python lines after a first line of Julia (`%julia x`) are not stored
    again, and IPython would number their value and read their `;` from the stored line. A line that is not
    the end of its cell (`%python x` before more Julia) shows no value.
    """

    def write_output_prompt(self):
        """(No ``Out[N]:`` prompt: the client numbers the result.)"""

    def quiet(self):
        _, code, show_value = self.shell.running
        if code is None:
            return super().quiet()
        if not show_value:
            return True
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(self.shell.transform_cell(code)).readline))
        except (tokenize.TokenError, SyntaxError, IndentationError):
            return False
        skipped = (tokenize.ENDMARKER, tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)
        last = next((t for t in reversed(tokens) if t[0] not in skipped), None)
        return last is not None and last[0] == tokenize.OP and last[1] == ";"

    def write_format_data(self, format_dict, md_dict=None):
        cell = self.shell.running[0]
        content = {"execution_count": self.prompt_count if cell is None else cell,
                   "data": cap_bundle(format_dict), "metadata": md_dict or {}}
        ChannelPublisher.output.send_message({"type": EXECUTE_RESULT}, to_json(content).encode())

    def finish_displayhook(self):
        """(Nothing to flush: the output buffer keeps the order.)"""


class AskExit(ExitAutocall):
    """``exit``/``quit``/``exit()``: ask the client to leave, as ipykernel's do; ``exit(keep_kernel=True)``
    leaves the kernel running."""

    def __call__(self, keep_kernel=False):
        self._ip.keep_kernel_on_exit = keep_kernel
        self._ip.ask_exit()


class KernelFace:
    """What code written for ipykernel finds at ``get_ipython().kernel``: the Jupyter parent of the request
    being served (ipywidgets' ``Output`` captures output by its id) and the comm manager."""

    def __init__(self) -> None:
        self.parent_header = {}

    def get_parent(self, channel: str = "shell") -> dict:
        """The request being served, as ipykernel's ``get_parent`` returns it (its ``header`` only)."""
        return {"header": self.parent_header} if self.parent_header else {}

    @property
    def comm_manager(self):
        return comms.manager()


class ZMQInteractiveShell(InteractiveShell):
    """The shell behind ``get_ipython()`` and every Python cell.

    Named as ipykernel's shell is: libraries tell a notebook from a terminal by this name (rich's Jupyter
    output, the ``is_notebook()`` of many packages).

    A traceback goes where ipykernel shows it: the error of the cell itself is kept for the reply in
    ``last_error``; one shown while the cell's code runs (``interact``'s, ``%run``'s, an ``Output`` widget's)
    or outside any cell (in a comm callback) goes out at once as an ``error`` output. What a ``_repr_*_``
    method or a figure that failed to render would show as a traceback becomes a one-line warning, and the
    rest of the output still shows. ``payload`` collects the pager and exit requests of the running cell.
    """

    displayhook_class = ResultHook
    # The cell number and code ``execute.run_cell`` runs, and whether it shows a value.
    running = (None, None, True)
    compiler_class = EditorLineCompiler
    exiter = Instance(ExitAutocall)
    keep_kernel_on_exit = False
    kernel = None  # a KernelFace, set by start_shell
    output = None  # the worker's OutputBuffer, set by start_shell
    in_cell = False  # set while IPython runs a cell (see execute.run_cell)
    _in_user_code = False
    _ends_cell = False

    @default("exiter")
    def _default_exiter(self):
        return AskExit(self)

    def init_history(self):
        self.history_manager = history.CellHistory(shell=self, parent=self)
        self.configurables.append(self.history_manager)

    def init_display_formatter(self):
        self.display_formatter = WorkerFormatter(parent=self)
        self.configurables.append(self.display_formatter)

    def init_hooks(self):
        super().init_hooks()
        self.set_hook("show_in_pager", page.as_hook(self._page), 99)
        self.payload = []
        self.last_error = None

    @contextmanager
    def _tee(self, channel):
        """What the cell prints on ``channel`` ("stdout" or "stderr") kept in the history's outputs, as
        IPython 9 keeps it (``%notebook`` exports it), but a run of text at a time as the worker's output
        buffer sends it. IPython wraps ``sys.stdout.write`` for the cell, which doubled the cost of every
        print; its checks that a display, a result or a traceback is not being written are moot here, where
        those never go through the streams. (IPython 8 keeps no such outputs and never calls this.)"""
        from IPython.core.history import HistoryOutput

        outputs, count = self.history_manager.outputs, self.execution_count
        output_type = "out_stream" if channel == "stdout" else "err_stream"

        def record(text):
            cell = outputs[count]
            if cell and cell[-1].output_type == output_type:
                cell[-1].bundle["stream"].append(text)
            else:
                cell.append(HistoryOutput(output_type=output_type, bundle={"stream": [text]}))

        outer = self.output.record(channel, record)  # (a cell's code may run a cell: it records its own)
        try:
            yield
        finally:
            self.output.record(channel, outer)

    def _page(self, data, start=0, screen_lines=0, pager_cmd=None):
        # `x?`, `%pdoc`...: the client's pager shows it, as under ipykernel.
        bundle = data if isinstance(data, dict) else {"text/plain": data}
        self.payload.append({"source": "page", "data": bundle, "start": start})

    def ask_exit(self):
        self.payload.append({"source": "ask_exit", "keepkernel": self.keep_kernel_on_exit})

    def enable_matplotlib(self, gui=None):
        # Checked before IPython switches the backend: a GUI backend would leave pyplot unable to show.
        try:
            needs_loop = pylabtools.find_gui_and_backend(gui, self.pylab_gui_select)[0] not in NO_LOOP
        except (KeyError, ValueError):  # (an unknown name: IPython's own error says so)
            needs_loop = False
        if needs_loop:
            self.enable_gui(gui)
        return super().enable_matplotlib(gui)

    def enable_gui(self, gui=None):
        """Only backends drawn by the client (``NO_LOOP``): the worker runs no GUI event loop (qt, tk...)."""
        if gui not in NO_LOOP:
            raise UsageError(f"{gui} needs a GUI event loop, which this kernel does not run: figures show "
                             "inline (%matplotlib inline)")

    async def run_code(self, code_obj, result=None, *, async_=False):
        outer, self._in_user_code = self._in_user_code, True
        try:
            return await super().run_code(code_obj, result, async_=async_)
        finally:
            self._in_user_code = outer

    def showtraceback(self, exc_tuple=None, filename=None, tb_offset=None, exception_only=False,
                      running_compiled_code=False):
        if not self.display_formatter.formatting:
            self._ends_cell = self.in_cell and (running_compiled_code or not self._in_user_code)
            return super().showtraceback(exc_tuple, filename, tb_offset, exception_only,
                                         running_compiled_code)
        etype, value, tb = exc_tuple if exc_tuple else sys.exc_info()
        frames = traceback.extract_tb(tb)
        # The first frame outside IPython is the method that failed (a _repr_html_, say).
        culprit = next((f.name for f in frames if "IPython" not in f.filename.split(os.sep)), None)
        what = f"{culprit}() raised " if culprit else ""
        sys.stderr.write(f"Warning: {what}{etype.__name__}: {value}; its output is not shown.\n")

    def _get_exc_info(self, exc_tuple=None):
        etype, value, tb = super()._get_exc_info(exc_tuple)
        without_worker_frames(value)
        return etype, value, _without_repeats(value, _user_frames(tb))

    def showsyntaxerror(self, filename=None, running_compiled_code=False):
        self._ends_cell = self.in_cell and (running_compiled_code or not self._in_user_code)
        return super().showsyntaxerror(filename, running_compiled_code)

    def _showtraceback(self, etype, evalue, stb):
        error = {"ename": etype.__name__, "evalue": str(evalue), "traceback": stb}
        if self._ends_cell:
            self.last_error = error
        else:
            ChannelPublisher.output.send_message({"type": ERROR}, to_json(error).encode())
        self._ends_cell = False

    def show_usage_error(self, exc):
        # (ipykernel prints it on stderr and the cell fails without an error message; here the error
        # message carries it, so that a failed cell always has exactly one.)
        self.last_error = {"ename": "UsageError", "evalue": str(exc), "traceback": [f"UsageError: {exc}"]}


def add_julia_magics(shell: ZMQInteractiveShell, julia) -> None:
    """``%julia CODE``, ``%%julia``, ``%py2jl`` and ``%jl2py`` where IPython meets them: inside Python code
    (the front end runs those that start a cell). ``%julia``'s value is Julia's, converted to Python as by
    ``julia.eval``, so that ``n = %julia sum(1:10)`` works; the others move variables as the front end's
    do."""

    def julia_magic(line, cell=None):
        """Run Julia code in ``Main``; its value converted to Python. ``x = %julia sum(1:10)``."""
        return julia.eval(line if cell is None else cell)

    def mover(magic: str, to: str):
        def move(line, local_ns=None):
            try:
                options, pairs = parse_move_args(line, magic)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
            # Inside a function the variables moved would be globals of the same names: refused.
            names = [source if to == "julia" else target for source, target in pairs]
            in_function = local_ns is not None and local_ns is not shell.user_ns
            local = [name for name in names if in_function and name in local_ns]
            if local:
                example = 'julia["x"] = x' if to == "julia" else 'x = julia["x"]'
                raise UsageError(f"{', '.join(local)}: a local variable; %{magic} moves global variables (in "
                                 f"a function, {example} moves a local)")
            print("\n".join(julia._move(to, pairs, options)))

        move.__doc__ = f"metapoly's %{magic} (`%help %{magic}`), here inside Python code."
        move.needs_local_scope = True
        return move

    shell.register_magic_function(julia_magic, "line_cell", "julia")
    shell.register_magic_function(mover("py2jl", "julia"), "line", "py2jl")
    shell.register_magic_function(mover("jl2py", "python"), "line", "jl2py")


def without_worker_frames(exc: BaseException) -> None:
    """Take the worker's own frames out of the tracebacks of ``exc``, its causes and contexts (the `julia`
    object raising JuliaError, say): tracebacks show the user's frames."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc.__traceback__ = _without_repeats(exc, _user_frames(exc.__traceback__))
        exc = exc.__cause__ or exc.__context__


def _without_repeats(exc: BaseException, tb):
    # A recursion between the languages ends after some hundred frames (the worker's JlWrap/entry.jl:
    # MAX_CROSSINGS), alternating between the user's functions and juliacall's calls, which IPython does
    # not fold: only the outermost and innermost are shown.
    if getattr(exc, _SHORTENED, False):
        return exc.__traceback__
    frames = _frames(tb)
    crossing = isinstance(exc, RecursionError) and str(exc).startswith(CROSSING_RECURSION)
    if not crossing or len(frames) <= 3 * RECURSION_FRAMES_KEPT:
        return tb
    setattr(exc, _SHORTENED, True)
    left_out = len(frames) - 2 * RECURSION_FRAMES_KEPT
    exc.args = (f"{exc} [{left_out} frames of the recursion are not shown]",)
    exc.__traceback__ = _rebuilt(frames[:RECURSION_FRAMES_KEPT] + frames[-RECURSION_FRAMES_KEPT:])
    return exc.__traceback__


RECURSION_FRAMES_KEPT = 6
# How that error begins (JlWrap/entry.jl's TOO_DEEP): a recursion within Python is IPython's to show.
CROSSING_RECURSION = "maximum recursion depth exceeded in calls between Python and Julia"
_SHORTENED = "_metapoly_shortened"  # (set on an error whose traceback was shortened: once is enough)


def _frames(tb) -> list:
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    return frames


def _user_frames(tb):
    frames = [f for f in _frames(tb) if not f.tb_frame.f_code.co_filename.startswith(_WORKER_DIR)]
    return _rebuilt(frames)


def _rebuilt(frames: list):
    rebuilt = None
    for frame in reversed(frames):
        rebuilt = TracebackType(rebuilt, frame.tb_frame, frame.tb_lasti, frame.tb_lineno)
    return rebuilt


def start_shell(output) -> ZMQInteractiveShell:
    """Create the shell over ``__main__``, publishing on ``output``; matplotlib figures then show inline."""
    config = Config()
    config.HistoryManager.hist_file = history_file()
    # Libraries tell a Jupyter kernel from a terminal by this section (tqdm.auto then shows a widget), as
    # they tell it by `get_ipython().kernel` (pandas then leaves the width to the client).
    config.IPKernelApp = Config()
    ChannelPublisher.output = output
    shell = ZMQInteractiveShell.instance(config=config, user_module=sys.modules["__main__"],
                                         display_pub_class=ChannelPublisher)
    shell.kernel = KernelFace()
    shell.output = output
    comms.install(output, shell.kernel)
    shell.extension_manager.load_extension("storemagic")  # (%store, which ipykernel loads too)
    # Like ipykernel: pyplot picks the inline backend (no window; figures shown at the end of each cell).
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    return shell

# The names that mean Python's things inside `@py`: Python's builtins, and the operators and builtin calls
# that go straight to PythonCall's functions instead of through a Python call.

"""
    BUILTINS

The names `@py` reads from Python's `builtins` module (when the code runs) instead of Julia's scope:
every public builtin of Python 3.11 but the ones the `site` module adds for the interactive prompt
(`exit`, `quit`, `copyright`, `credits`, `license`), `help` excepted, as PythonCall has it.
"""
const BUILTINS = Set{Symbol}([
    # constants
    :None, :True, :False, :NotImplemented, :Ellipsis,
    # functions and classes
    :abs, :aiter, :all, :anext, :any, :ascii, :bin, :bool, :breakpoint, :bytearray, :bytes, :callable,
    :chr, :classmethod, :compile, :complex, :delattr, :dict, :dir, :divmod, :enumerate, :eval, :exec,
    :filter, :float, :format, :frozenset, :getattr, :globals, :hasattr, :hash, :help, :hex, :id, :input,
    :int, :isinstance, :issubclass, :iter, :len, :list, :locals, :map, :max, :memoryview, :min, :next,
    :object, :oct, :open, :ord, :pow, :print, :property, :range, :repr, :reversed, :round, :set, :setattr,
    :slice, :sorted, :staticmethod, :str, :sum, :super, :tuple, :type, :vars, :zip,
    # exceptions and warnings
    :ArithmeticError, :AssertionError, :AttributeError, :BaseException, :BaseExceptionGroup,
    :BlockingIOError, :BrokenPipeError, :BufferError, :BytesWarning, :ChildProcessError,
    :ConnectionAbortedError, :ConnectionError, :ConnectionRefusedError, :ConnectionResetError,
    :DeprecationWarning, :EOFError, :EncodingWarning, :EnvironmentError, :Exception, :ExceptionGroup,
    :FileExistsError, :FileNotFoundError, :FloatingPointError, :FutureWarning, :GeneratorExit, :IOError,
    :ImportError, :ImportWarning, :IndentationError, :IndexError, :InterruptedError, :IsADirectoryError,
    :KeyError, :KeyboardInterrupt, :LookupError, :MemoryError, :ModuleNotFoundError, :NameError,
    :NotADirectoryError, :NotImplementedError, :OSError, :OverflowError, :PendingDeprecationWarning,
    :PermissionError, :ProcessLookupError, :RecursionError, :ReferenceError, :ResourceWarning,
    :RuntimeError, :RuntimeWarning, :StopAsyncIteration, :StopIteration, :SyntaxError, :SyntaxWarning,
    :SystemError, :SystemExit, :TabError, :TimeoutError, :TypeError, :UnboundLocalError,
    :UnicodeDecodeError, :UnicodeEncodeError, :UnicodeError, :UnicodeTranslateError, :UnicodeWarning,
    :UserWarning, :ValueError, :Warning, :ZeroDivisionError,
])

pyisnot(x, y) = !pyis(x, y)
pynotin(v, x) = !pyin(v, x)

# (name, number of arguments) => (function, whether it returns a new `Py`). The others return Julia
# values (`x === y` a `Bool`, `jllen(x)` an `Int`), as PythonCall's functions of those names do. A
# builtin called with another number of arguments is an ordinary call of Python's builtin.
const OPERATIONS = Dict{Tuple{Symbol,Int},Tuple{Any,Bool}}(
    # Python's operators under Julia's names: `÷` is `//`, `^` is `**`, `⊻` is `^`, `===` is `is`,
    # `!` is `not`
    (:+, 1) => (pypos, true), (:-, 1) => (pyneg, true), (:~, 1) => (pyinv, true), (:!, 1) => (pynot, false),
    (:+, 2) => (pyadd, true), (:-, 2) => (pysub, true), (:*, 2) => (pymul, true),
    (:/, 2) => (pytruediv, true), (:÷, 2) => (pyfloordiv, true), (:%, 2) => (pymod, true),
    (:^, 2) => (pypow, true), (:<<, 2) => (pylshift, true), (:>>, 2) => (pyrshift, true),
    (:&, 2) => (pyand, true), (:|, 2) => (pyor, true), (:⊻, 2) => (pyxor, true),
    (:(==), 2) => (pyeq, true), (:!=, 2) => (pyne, true), (:≠, 2) => (pyne, true),
    (:<, 2) => (pylt, true), (:<=, 2) => (pyle, true), (:≤, 2) => (pyle, true), (:>, 2) => (pygt, true),
    (:>=, 2) => (pyge, true), (:≥, 2) => (pyge, true),
    (:(===), 2) => (pyis, false), (:≡, 2) => (pyis, false), (:!==, 2) => (pyisnot, false),
    (:≢, 2) => (pyisnot, false), (:in, 2) => (pyin, false), (:∈, 2) => (pyin, false),
    (:∉, 2) => (pynotin, false),
    # builtins without arguments
    (:help, 0) => (pyhelp, false), (:int, 0) => (pyint, true), (:float, 0) => (pyfloat, true),
    (:complex, 0) => (pycomplex, true), (:tuple, 0) => (pytuple, true), (:list, 0) => (pylist, true),
    (:dict, 0) => (pydict, true), (:set, 0) => (pyset, true), (:frozenset, 0) => (pyfrozenset, true),
    # builtins of one argument
    (:abs, 1) => (pyabs, true), (:all, 1) => (pyall, false), (:any, 1) => (pyany, false),
    (:ascii, 1) => (pyascii, true), (:bytes, 1) => (pybytes, true), (:bool, 1) => (pybool, true),
    (:callable, 1) => (pycallable, false), (:complex, 1) => (pycomplex, true), (:dict, 1) => (pydict, true),
    (:dir, 1) => (pydir, true), (:float, 1) => (pyfloat, true), (:frozenset, 1) => (pyfrozenset, true),
    (:help, 1) => (pyhelp, false), (:int, 1) => (pyint, true), (:iter, 1) => (pyiter, true),
    (:list, 1) => (pylist, true), (:next, 1) => (pynext, true), (:range, 1) => (pyrange, true),
    (:repr, 1) => (pyrepr, true), (:set, 1) => (pyset, true), (:slice, 1) => (pyslice, true),
    (:str, 1) => (pystr, true), (:tuple, 1) => (pytuple, true), (:type, 1) => (pytype, true),
    # PythonCall's builtins that give Julia values
    (:jlascii, 1) => (x -> pyascii(String, x), false), (:jlbool, 1) => (pytruth, false),
    (:jlbytes, 1) => (x -> pybytes(Base.CodeUnits, x), false), (:jlhash, 1) => (pyhash, false),
    (:jllen, 1) => (pylen, false), (:jlrepr, 1) => (x -> pyrepr(String, x), false),
    (:jlstr, 1) => (x -> pystr(String, x), false),
    # builtins of two and three arguments
    (:pow, 2) => (pypow, true), (:complex, 2) => (pycomplex, true), (:delattr, 2) => (pydelattr, false),
    (:divmod, 2) => (pydivmod, true), (:getattr, 2) => (pygetattr, true), (:hasattr, 2) => (pyhasattr, false),
    (:issubclass, 2) => (pyissubclass, false), (:isinstance, 2) => (pyisinstance, false),
    (:range, 2) => (pyrange, true), (:slice, 2) => (pyslice, true),
    (:pow, 3) => (pypow, true), (:range, 3) => (pyrange, true), (:setattr, 3) => (pysetattr, false),
    (:slice, 3) => (pyslice, true),
)

# Names of OPERATIONS that are no builtin: used with another number of arguments, they are an error.
const OPERATORS = Set{Symbol}(name for (name, _) in keys(OPERATIONS) if !(name in BUILTINS))

# `x op= y`: Python's in-place operators.
const INPLACE = Dict{Symbol,Any}(
    :+= => pyiadd, :-= => pyisub, :*= => pyimul, :/= => pyitruediv, :÷= => pyifloordiv, :%= => pyimod,
    :^= => pyipow, :<<= => pyilshift, :>>= => pyirshift, :&= => pyiand, :|= => pyior, :⊻= => pyixor,
)

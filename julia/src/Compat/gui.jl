# The event loops of Python's GUI toolkits, run by Julia timers (PythonCall's `event_loop_on`), and Qt's
# plugin path. A timer's callback runs whenever Julia's main task waits: while the worker is idle between
# cells, and while a Julia cell sleeps or does I/O, so windows stay responsive in between. Nothing runs
# them while a Python cell (or one long call into Python) runs.

const QT_TOOLKITS = (:pyqt4, :pyqt5, :pyside, :pyside2, :pyside6)

# `event_step(gui, interval)`: a function that handles the events a toolkit has pending, taking at most
# about `interval` seconds. Importing the toolkit fails (ImportError) when it is not installed.
const EVENT_STEP_SOURCE = """
def event_step(gui, interval):
    if gui in ("pyqt4", "pyqt5", "pyside", "pyside2", "pyside6"):
        import importlib
        package = {"pyqt4": "PyQt4", "pyqt5": "PyQt5", "pyside": "PySide", "pyside2": "PySide2",
                   "pyside6": "PySide6"}[gui]
        core = importlib.import_module(package + ".QtCore")
        # (PySide6 and PyQt6 scope the flag in its enum; the older bindings have it on the class.)
        flags = getattr(core.QEventLoop, "ProcessEventsFlag", core.QEventLoop).AllEvents
        milliseconds = int(interval * 1000)
        def step():
            app = core.QCoreApplication.instance()
            if app is not None:
                # As IPython's Qt input hook does: libraries that would start a loop of their own see that
                # one runs.
                app._in_event_loop = True
                core.QCoreApplication.processEvents(flags, milliseconds)
    elif gui in ("gtk", "gtk3"):
        if gui == "gtk":
            import gtk as toolkit
        else:
            import gi
            if gi.get_required_version("Gtk") is None:
                gi.require_version("Gtk", "3.0")
            from gi.repository import Gtk as toolkit
        def step():
            while toolkit.events_pending():
                toolkit.main_iteration()
    elif gui == "wx":
        import wx
        def step():
            app = wx.GetApp()
            if app is not None:
                app._in_event_loop = True
                loop = wx.GUIEventLoop()
                active = wx.EventLoopActivator(loop)
                while loop.Pending():
                    loop.Dispatch()
                app.ProcessIdle()
                del active
    elif gui == "tkinter":
        import tkinter, _tkinter
        flags = _tkinter.ALL_EVENTS | _tkinter.DONT_WAIT
        def step():
            root = tkinter._default_root
            if root is not None:
                while root.tk.dooneevent(flags):
                    pass
    else:
        raise ValueError(f"no event loop for {gui!r}: one of pyqt4, pyqt5, pyside, pyside2, pyside6, "
                         "gtk, gtk3, wx, tkinter")
    return step
"""

const EVENT_STEP = pynew()   # `event_step`, made the first time an event loop is asked for
const EVENT_LOOPS = Dict{Symbol,Timer}()

"""
    event_loop_on(g::Symbol; interval=0.04, fix=false) -> Timer

Run the event loop of the Python GUI toolkit `g` every `interval` seconds, from a Julia `Timer`, so that
its windows respond while Julia waits (the worker between cells, a Julia cell that sleeps or reads). `g`:
`:pyqt4`, `:pyqt5`, `:pyside`, `:pyside2`, `:pyside6`, `:gtk` (gtk), `:gtk3` (gi), `:wx`, `:tkinter`. A
`PyException` if the toolkit cannot be imported. With `fix`, a Qt toolkit first gets
[`fix_qt_plugin_path`](@ref). Asked again, gives the loop already running. As PythonCall's (public, not
exported).
"""
function event_loop_on(g::Symbol; interval::Real=0.04, fix::Bool=false)
    haskey(EVENT_LOOPS, g) && return EVENT_LOOPS[g]
    fix && g in QT_TOOLKITS && fix_qt_plugin_path()
    if pyisnull(EVENT_STEP)
        scope = pydict()
        pyexec(EVENT_STEP_SOURCE, scope)
        pycopy!(EVENT_STEP, scope["event_step"])
    end
    step = EVENT_STEP(string(g), Float64(interval))
    return EVENT_LOOPS[g] = Timer(timer -> run_step(g, step, timer), 0; interval=interval)
end

# A step that fails would fail again at every tick: the loop stops, saying why once.
function run_step(g::Symbol, step::Py, timer::Timer)
    try
        step()
    catch err
        close(timer)
        get(EVENT_LOOPS, g, nothing) === timer && delete!(EVENT_LOOPS, g)
        println(stderr, "The $g event loop stopped: ", sprint(showerror, err))
    end
    return nothing
end

"""
    event_loop_off(g::Symbol)

Stop the event loop of `g` if it runs ([`event_loop_on`](@ref)).
"""
function event_loop_off(g::Symbol)
    timer = pop!(EVENT_LOOPS, g, nothing)
    timer === nothing || close(timer)
    return nothing
end

# Where each Qt's configuration file says its plugins are: the file, its key, the folders under that path.
const QT_CONFIGURATIONS = (("qt6.conf", "Libraries", ("qt6", "plugins")), ("qt.conf", "Prefix", ("plugins",)))

"""
    fix_qt_plugin_path() -> Bool

Set `QT_PLUGIN_PATH` in Python's `os.environ` from the `qt6.conf` or `qt.conf` beside Python's executable,
if it is not set yet; whether it set it. Qt looks for that file beside the program that runs, which here
is Julia, not Python, so a Qt installed with Python (conda's) may not find its plugins otherwise.
"""
function fix_qt_plugin_path()
    environ = pyimport("os").environ
    pycontains(environ, "QT_PLUGIN_PATH") && return false
    directory = dirname(pyconvert(String, pyimport("sys").executable))
    for (file, key, plugins) in QT_CONFIGURATIONS
        for path in conf_values(joinpath(directory, file), key)
            candidate = joinpath(directory, path, plugins...)   # (a relative path is from the file's)
            isdir(candidate) || continue
            environ["QT_PLUGIN_PATH"] = realpath(candidate)
            return true
        end
    end
    return false
end

# The values of `key = value` lines in a Qt configuration file (none if there is no such file).
function conf_values(path::String, key::String)
    isfile(path) || return String[]
    pattern = Regex("^\\s*$key\\s*=\\s*(.*?)\\s*\$", "i")
    found = (match(pattern, line) for line in eachline(path))
    return String[strip(m.captures[1], '"') for m in found if m !== nothing]
end

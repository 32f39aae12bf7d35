# Python objects every session needs, made once Python runs (`init_objects`).

"""
    pybuiltins

Python's `builtins` module: `pybuiltins.None`, `pybuiltins.len`, `pybuiltins.range(3)`.
"""
const pybuiltins = pynew()

# Types of Python's standard library that `py*` functions make objects of.
const PY_TYPES = (date=pynew(), time=pynew(), datetime=pynew(), timedelta=pynew(), Fraction=pynew())

"""
    init_objects()

Fill in `pybuiltins` and the other Python constants (once Python runs).
"""
function init_objects()
    with_py() do
        pycopy!(pybuiltins, pynew(import_ref("builtins")))
        datetime, fractions = pynew(import_ref("datetime")), pynew(import_ref("fractions"))
        for name in (:date, :time, :datetime, :timedelta)
            pycopy!(PY_TYPES[name], pynew(getattr_ref(getptr(datetime), name)))
        end
        pycopy!(PY_TYPES.Fraction, pynew(getattr_ref(getptr(fractions), "Fraction")))
    end
    return nothing
end

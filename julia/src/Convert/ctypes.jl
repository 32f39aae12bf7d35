# ctypes' simple values, by PythonCall's rules: a number to the Julia type of its C type (and to wider
# types, as numpy's numbers), a pointer to a `Ptr` (a `char *` to a `Cstring` too). A ctypes object keeps a
# pointer to its value right after its header. (Several of these names are one type on a platform: on
# Linux `c_longlong`, `c_ssize_t` are `c_long`, and `c_size_t` `c_ulong`.)

const CTYPES_NUMBERS = ("char" => Cchar, "wchar" => Cwchar_t, "byte" => Cchar, "ubyte" => Cuchar,
                        "short" => Cshort, "ushort" => Cushort, "int" => Cint, "uint" => Cuint,
                        "long" => Clong, "ulong" => Culong, "longlong" => Clonglong,
                        "ulonglong" => Culonglong, "size_t" => Csize_t, "ssize_t" => Cssize_t,
                        "float" => Cfloat, "double" => Cdouble)

const CTYPES_POINTERS = ("char_p" => (Ptr{Cchar}, Cstring), "wchar_p" => (Ptr{Cwchar_t}, Cwstring),
                         "void_p" => (Ptr{Cvoid}, nothing))

"""
    init_ctypes()

Register PythonCall's rules for ctypes' simple types (`c_int`, `c_double`, `c_char_p`...).
"""
function init_ctypes()
    for (name, R) in CTYPES_NUMBERS
        add_number_rules("ctypes:c_$name", R, PYCONVERT_PRIORITY_NORMAL; indirect=true)
    end
    for (name, (R, string_type)) in CTYPES_POINTERS
        rule = SimpleValue{R,true,true}()
        string_type === nothing || pyconvert_add_rule("ctypes:c_$name", string_type, rule)
        pyconvert_add_rule("ctypes:c_$name", R, rule)
        pyconvert_add_rule("ctypes:c_$name", Ptr, rule)
    end
    return nothing
end

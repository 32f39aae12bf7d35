# The methods of juliacall's number classes (`NumberValue`, `ComplexValue`, `RealValue`, `RationalValue`,
# `IntegerValue`): Julia numbers that compute and compare with Python's numbers too (converted to Julia's),
# and give Python's `float`, `int`, `complex`, `round`...

# The other operand: a wrapped Julia value as itself, a Python number as a Julia number, else nothing.
function number_operand(a::Args, i::Int)
    isinstance(a[i], getptr(pyjlbasetype)) && return handle_value(a[i])
    v = pyconvert(Number, py(a, i), NOT_CONVERTED)
    return v === NOT_CONVERTED ? nothing : v
end

number_unary(x, a) = OPERATORS[string_arg(a, 1)](x)

function number_binary(x, a)
    other = number_operand(a, 2)
    other === nothing && return pybuiltins.NotImplemented
    f = OPERATORS[string_arg(a, 1)]
    return truth(a[3]) ? f(other, x) : f(x, other)
end

function number_power(x, a)
    y = number_operand(a, 1)
    y === nothing && return pybuiltins.NotImplemented
    reflected = truth(a[3])
    is_none(a, 2) && return reflected ? y^x : x^y
    z = number_operand(a, 2)
    z === nothing && return pybuiltins.NotImplemented
    return reflected ? powermod(y, x, z) : powermod(x, y, z)
end

function number_compare(x, a)
    other = number_operand(a, 2)
    other === nothing && return pybuiltins.NotImplemented
    return OPERATORS[string_arg(a, 1)](x, other)
end

for f in (:number_unary, :number_binary, :number_power, :number_compare)
    @eval error_type(::typeof($f), x, err) = err isa MethodError ? pybuiltins.TypeError : nothing
end

# Python's hash of the equal Python number, so that equal numbers hash alike in both.
hash_of_number(x::Integer) = pyhash(pyint(x))
hash_of_number(x::Real) = isinteger(x) && abs(x) < 2^62 ? pyhash(pyint(Int(x))) : pyhash(pyfloat(x))
hash_of_number(x::Number) = pyhash(pycomplex(ComplexF64(x)))

number_float(x, a) = Float64(x)
number_int(x, a) = convert(Integer, x)
number_complex(x, a) = ComplexF64(x)
number_index(x, a) = convert(Integer, x)
number_real(x, a) = real(x)
number_imag(x, a) = imag(x)
number_conjugate(x, a) = conj(x)
number_numerator(x, a) = numerator(x)
number_denominator(x, a) = denominator(x)
number_round(x, a) = a.n == 0 || is_none(a, 1) ? round(Integer, x) : round(x; digits=pyconvert(Int, py(a, 1)))
number_trunc(x, a) = trunc(Integer, x)
number_floor(x, a) = floor(Integer, x)
number_ceil(x, a) = ceil(Integer, x)

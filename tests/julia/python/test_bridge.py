"""The Python half of the bridge: descriptions out, values in, without the worker."""

import numpy as np
import pytest

from _metapoly_worker import bridge


@pytest.mark.fast
def test_plain_values_are_described_exactly():
    assert bridge.describe(None) == {"t": "none"}
    assert bridge.describe(2**70) == {"t": "int", "v": str(2**70)}
    assert bridge.describe(float("inf")) == {"t": "float", "v": "inf"}
    assert bridge.describe(np.float64(2.5)) == {"t": "float", "v": "2.5"}
    assert bridge.describe((1, "a"))["t"] == "tuple"


@pytest.mark.fast
def test_arrays_are_described_by_address_and_order():
    keep = []
    c = np.zeros((2, 3))
    d = bridge.describe(c, keep=keep)
    assert d["ptr"] == c.ctypes.data and d["order"] == "C" and d["shape"] == [2, 3] and not d["copied"]
    assert keep == [c] and d["owner"] == id(c)
    assert bridge.describe(np.asfortranarray(c))["order"] == "F"
    strided = bridge.describe(np.zeros((4, 4))[:, ::2], keep=keep)
    assert strided["copied"] and strided["owner"] == id(keep[-1])


@pytest.mark.fast
@pytest.mark.parametrize("value, message", [
    ((i for i in range(2)), "builtins.generator has no Julia equivalent"),
    (np.array(["a"]), "dtype <U1 has no Julia equivalent"),
    ([1, object()], "builtins.object has no Julia equivalent"),
])
def test_values_that_cannot_cross(value, message):
    with pytest.raises(bridge.BridgeError, match=message):
        bridge.describe(value)


@pytest.mark.fast
def test_export_is_all_or_nothing():
    # (With copy: a value with no Julia equivalent cannot cross as itself.)
    with pytest.raises(bridge.BridgeError) as info:
        bridge.export_names(["ok", "missing", "gen"], True, {"ok": 1, "gen": (i for i in [])})
    assert str(info.value) == ("missing: no such Python variable; "
                               "gen: a Python builtins.generator has no Julia equivalent")


@pytest.mark.fast
def test_objects_with_no_equivalent_cross_as_themselves_where_asked():
    gen, keep = (i for i in []), []
    assert bridge.describe([1, gen], False, keep, objects=True) == {
        "t": "list", "v": [{"t": "int", "v": "1"}, {"t": "object", "ptr": id(gen)}]}
    assert keep == [gen]  # alive until Julia holds its own reference
    descriptions, _ = bridge.export_names(["gen"], False, {"gen": gen})
    assert descriptions == [{"t": "object", "ptr": id(gen)}]


@pytest.mark.fast
def test_building_from_julia_descriptions():
    assert bridge.build({"t": "range", "start": 1, "stop": 6, "step": 1}) == range(1, 6)
    assert bridge.build({"t": "dict", "k": {"t": "strs", "v": ["a"]},
                         "v": {"t": "list", "v": [{"t": "none"}]}}) == {"a": None}
    data = np.arange(6.0)
    view = bridge.build({"t": "array", "ptr": data.ctypes.data, "dtype": "float64", "shape": [2, 3],
                         "handle": None})
    assert view.tolist() == [[0.0, 2.0, 4.0], [1.0, 3.0, 5.0]] and view.flags.f_contiguous


@pytest.mark.fast
def test_bindings_are_all_or_nothing():
    namespace = {}
    with pytest.raises(bridge.BridgeError):
        bridge.import_values([("a", {"t": "int", "v": "1"}), ("b", {"t": "bogus"})], namespace)
    assert namespace == {}
    assert bridge.import_values([("a", {"t": "str", "v": "x"})], namespace) == ["str (1 chars)"]


@pytest.mark.fast
@pytest.mark.parametrize("name, ok", [("x", True), ("héllo", True), ("class", False), ("a b", False),
                                      ("1x", False)])
def test_valid_python_names(name, ok):
    assert bridge.valid_name(name) is ok


@pytest.mark.fast
def test_lists_of_one_plain_type_cross_whole():
    keep = []
    ints = bridge.describe(list(range(5)), False, keep)
    assert ints["t"] == "array" and ints["dtype"] == "int64" and ints["fresh"]
    assert keep[0].tolist() == [0, 1, 2, 3, 4]
    assert bridge.describe(["a", "b"], False, []) == {"t": "strs", "v": ["a", "b"]}
    assert bridge.describe([2**70, 1], False, [])["t"] == "list"  # beyond Int64: item by item
    assert bridge.describe([1, (2,)], False, [])["t"] == "list"
    table = bridge.describe({"x": 1.5, "y": 2.5}, False, [])
    assert table["k"] == {"t": "strs", "v": ["x", "y"]} and table["v"]["t"] == "array"


@pytest.mark.fast
def test_mixed_plain_values_cross_as_one_json_array():
    mixed = [1, "a", 2.5, None, True]
    assert bridge.describe(mixed, False, []) == {"t": "plain", "v": mixed}
    assert bridge.describe([1, "a", float("nan")], False, [])["t"] == "list"  # JSON has no NaN
    assert bridge.describe([2**70, "a"], False, [])["t"] == "list"  # nor integers beyond Int64
    assert bridge.build({"t": "plain", "v": [1, "a"]}) == [1, "a"]

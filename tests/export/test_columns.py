"""Attribute values formatted a column at a time give what one value at a time gives."""

import math

import numpy as np

from esfgraph.export.attributes import attribute_types, formatter, text_columns
from esfgraph.export.xmltext import escape_text, quote_attribute, value_blocks

RECORDS = [
    {"n": 1, "big": 2**40, "x": 0.5, "s": "plain", "t": ("a", "b"), "flag": True, "mixed": 1},
    {"n": np.int64(7), "big": 3, "x": float("nan"), "s": 'a "quoted" <b> & c', "t": None, "flag": False},
    {"n": None, "x": 3, "s": "ctrl\x01char", "t": ("x\x02", "y"), "mixed": 2.5, "only_nan": float("nan")},
    {"s": "tab\there\nline", "flag": np.bool_(True), "nums": [1, 2]},
]


def test_types_column_by_column():
    assert attribute_types(RECORDS, reserved=()) == {
        "n": "integer", "big": "long", "x": "double", "s": "string", "t": "string", "flag": "boolean",
        "mixed": "double", "nums": "string"}


def test_texts_match_one_value_at_a_time():
    types = attribute_types(RECORDS, reserved=())
    texts = text_columns(RECORDS, types)
    for key, kind in types.items():
        expected = [None if r.get(key) is None else formatter(kind)(r[key]) for r in RECORDS]
        assert texts[key] == expected, key
    assert texts["s"][2] == "ctrlchar" and texts["t"] == ["a;b", None, "x;y", None]
    assert texts["x"] == ["0.5", None, "3.0", None] and not math.isnan(float(texts["x"][0]))


def test_blocks_escape_each_value_as_before():
    types = attribute_types(RECORDS, reserved=())
    texts = text_columns(RECORDS, types)
    columns = [(key, f"<{key} v=", kind) for key, kind in types.items()]
    quoted = value_blocks(texts, columns, "/>", True, len(RECORDS))
    plain = value_blocks(texts, columns, "</d>", False, len(RECORDS))
    assert quoted[1] == ('<n v="7"/>\n<big v="3"/>\n<s v=' + quote_attribute('a "quoted" <b> & c') + '/>\n'
                         '<flag v="false"/>\n')
    assert plain[3] == "<s v=" + escape_text("tab\there\nline") + "</d>\n<flag v=true</d>\n<nums v=1;2</d>\n"
    assert quoted[3].startswith('<s v="tab&#9;here&#10;line"/>')
    assert value_blocks({}, [], "/>", True, 2) == ["", ""]

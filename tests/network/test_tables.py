"""write_table: cells handed to the csv module as they are come out as _cell writes them."""

from __future__ import annotations

import csv
import io

import numpy as np

from esfgraph.network.tables import _cell, write_table


class Name(str):
    """A str subclass, as a library may hand out."""


VALUES = [None, "", "plain", 'quote " and, comma', "line\nbreak", 0, 7, -3, True, False, 0.5, 1 / 3,
          ("a", "b"), ["x", 2], (), np.int64(12), np.float64(0.25), Name("sub")]


def _expected(columns, rows) -> str:
    handle = io.StringIO(newline="")
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return handle.getvalue()


def test_every_kind_of_cell_is_written_as_cell_would(tmp_path):
    columns = [f"c{i}" for i in range(len(VALUES))] + ["missing"]
    rows = [dict(zip(columns, VALUES)), dict(zip(columns, reversed(VALUES)))]
    path = write_table(tmp_path / "t.csv", columns, rows)
    written = path.read_bytes().decode("utf-8")
    assert written == _expected(columns, rows)
    first = list(csv.reader(io.StringIO(written, newline="")))[1]
    assert first[:5] == ["", "", "plain", 'quote " and, comma', "line\nbreak"]
    assert first[5:] == ["0", "7", "-3", "True", "False", "0.50000000", "0.33333333", "a;b", "x;2", "",
                         "12", "0.25000000", "sub", ""]


def test_rows_can_be_a_generator(tmp_path):
    path = write_table(tmp_path / "g.csv", ["n"], ({"n": i} for i in range(3)))
    assert path.read_text(encoding="utf-8") == "n\n0\n1\n2\n"

"""Amounts, counts, dates and periods as printed."""

from __future__ import annotations

import pytest

from esfgraph.extract.values import parse_amount, parse_count, parse_date, parse_period


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("3\u00a0574\u00a0500 kr", 3574500),
        ("8 936 300 kr", 8936300),
        ("6 979 677", 6979677),
        ("108880", 108880),
        ("2\u202f000\u202f000 SEK", 2000000),
        ("1 000 000:-", 1000000),
        ("1 000 000,00 kr", 1000000),
        ("1.250.000", 1250000),
        ("0", 0),
    ],
)
def test_amounts(text, amount):
    assert parse_amount(text) == (amount, None)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1.1", "'1.1' is not a whole amount in kronor"),
        ("1.100", "'1.100' is not a whole amount in kronor"),  # ambiguous: no guess
        ("-2147483648", "'-2147483648' is a database placeholder (the int32 limit), not an amount"),
        ("-500", "'-500' is negative"),
        ("6 979 677 6 979 677", "'6 979 677 6 979 677' is not a whole amount in kronor"),
        ("ca 2 miljoner", "'ca 2 miljoner' is not a whole amount in kronor"),
        ("99 999 999 999", "'99 999 999 999' is implausibly large"),
        ("", "no value"),
    ],
)
def test_broken_amounts_are_none_with_a_problem(text, problem):
    assert parse_amount(text) == (None, problem)


def test_counts():
    assert parse_count("120") == (120, None)
    assert parse_count("1 200") == (1200, None)
    assert parse_count("ca 120") == (None, "'ca 120' is not a whole number")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2008-05-01 till 2010-10-31", "2008-05-01", "2010-10-31"),
        ("2019-09-02 - 2022-06-24", "2019-09-02", "2022-06-24"),
        ("2016-10-01-2018-09-30", "2016-10-01", "2018-09-30"),
        ("2015-06-01 – 2017-05-31", "2015-06-01", "2017-05-31"),
        ("1 maj 2008 till 31 oktober 2010", "2008-05-01", "2010-10-31"),
        ("2008-5-1 - 2010-10-31", "2008-05-01", "2010-10-31"),
    ],
)
def test_periods(text, start, end):
    assert parse_period(text) == (start, end, [])


def test_period_problems():
    assert parse_period("2008-05-01") == ("2008-05-01", None, ["'2008-05-01' has only one date"])
    assert parse_period("2010-02-30 - 2011-01-01") == (None, "2011-01-01", ["start date '2010-02-30' does not exist"])
    assert parse_period("2012-01-01 - 2011-01-01")[2] == ["'2012-01-01 - 2011-01-01' ends before it starts"]
    assert parse_period("pågår") == (None, None, ["'pågår' has no dates"])


def test_single_dates():
    assert parse_date("2023-01-01") == ("2023-01-01", None)
    assert parse_date("1 mars 2022") == ("2022-03-01", None)
    assert parse_date("snart") == (None, "'snart' is not one date")

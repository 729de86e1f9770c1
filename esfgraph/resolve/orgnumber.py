"""Swedish organisation numbers as printed: the ten digits, and their check digit.

An organisation number is ten digits (``212000-0563``), printed with or without the
hyphen, sometimes with a century (``16``, ``19``, ``20``) in front; its last digit is a
Luhn check digit. :func:`org_number_digits` reads the number from its printed form;
:func:`luhn_ok` tells whether the check digit holds (a number that fails it is still
used, with less confidence: :data:`esfgraph.resolve.rules.CONFIDENCE`).

Examples
--------
>>> org_number_digits("212000-0563"), luhn_ok("2120000563")
('2120000563', True)
"""

from __future__ import annotations

__all__ = ["org_number_digits", "luhn_ok"]

_ASCII_DIGITS = frozenset("0123456789")


def luhn_ok(digits: str) -> bool:
    """Return whether the last of ``digits`` (ASCII digits) is their Luhn check digit.

    Examples
    --------
    >>> luhn_ok("2120000563"), luhn_ok("2120000564")
    (True, False)
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def org_number_digits(printed: str | None) -> str | None:
    """Return the ten digits of a printed organisation number, or None (``"212000-0563"``).

    Only 0-9 count: ``str.isdigit`` also accepts "¹" or "٣", which are no part of a number.

    Examples
    --------
    >>> org_number_digits("16212000-0563"), org_number_digits("12-34")
    ('2120000563', None)
    """
    digits = "".join(ch for ch in printed or "" if ch in _ASCII_DIGITS)
    if len(digits) == 12 and digits.startswith(("16", "19", "20")):
        digits = digits[2:]
    return digits if len(digits) == 10 else None

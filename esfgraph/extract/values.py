"""Turn printed values into typed ones: amounts, counts, dates and project periods.

Every parser returns ``(value, problem)``: the typed value, or ``None`` and a short
reason when the printed text is not a trustworthy value. A broken value never becomes a
wrong number: ``"1.1"`` as a budget or ``"-2147483648"`` (a database's empty int32) give
``None`` and a problem that the caller turns into a record warning.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = [
    "parse_amount",
    "parse_count",
    "parse_date",
    "parse_period",
    "MAX_PLAUSIBLE_SEK",
]

#: Larger than any ESF project budget (the largest are a few hundred million kronor).
MAX_PLAUSIBLE_SEK = 10_000_000_000

# Space-like characters used as thousands separators: space, no-break space,
# narrow no-break space, thin space.
_GROUP_SPACES = " \u00a0\u202f\u2009"
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+")
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")  # 1.100.000; "1.100" stays ambiguous
_PLAIN_DIGITS = re.compile(r"\d+")
_CURRENCY = re.compile(r"\s*(?:kr\.?|kronor|sek|:-)\s*$", re.IGNORECASE)
_ZERO_DECIMALS = re.compile(r"[,.]0{1,2}$")
_MINUS = "-\u2212\u2013"

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_TEXT_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})(?!\d)", re.IGNORECASE
)


def _digits_of(text: str) -> str | None:
    """Return the digits of a well-formed non-negative integer, else ``None``."""
    if _PLAIN_DIGITS.fullmatch(text) or _SPACE_GROUPED.fullmatch(text):
        return "".join(ch for ch in text if ch not in _GROUP_SPACES)
    if _DOT_GROUPED.fullmatch(text):
        return text.replace(".", "")
    return None


def parse_amount(text: str) -> tuple[int | None, str | None]:
    """Parse an amount in kronor as printed (``"3 574 500 kr"``) into an ``int``.

    Parameters
    ----------
    text : str
        The value as printed: digits grouped by spaces or no-break spaces, with or
        without ``kr``/``SEK``/``:-``; ``,00`` öre are accepted.

    Returns
    -------
    tuple
        ``(amount, None)``, or ``(None, problem)`` when the text is empty, not a whole
        number of kronor (``"1.1"``), negative, or implausibly large.

    Examples
    --------
    >>> parse_amount("3\u00a0574\u00a0500 kr")
    (3574500, None)
    >>> parse_amount("1.1")
    (None, "'1.1' is not a whole amount in kronor")
    """
    raw = text.strip()
    if not raw:
        return None, "no value"
    value = _CURRENCY.sub("", raw).strip()
    value = _ZERO_DECIMALS.sub("", value)
    negative = value[:1] in _MINUS
    digits = _digits_of(value[1:].strip() if negative else value)
    if digits is None:
        return None, f"{raw!r} is not a whole amount in kronor"
    if digits in ("2147483648", "2147483647"):
        return None, f"{raw!r} is a database placeholder (the int32 limit), not an amount"
    if negative and int(digits) != 0:
        return None, f"{raw!r} is negative"
    amount = int(digits)
    if amount > MAX_PLAUSIBLE_SEK:
        return None, f"{raw!r} is implausibly large"
    return amount, None


def parse_count(text: str) -> tuple[int | None, str | None]:
    """Parse a count such as planned participants (``"120"``, ``"1 200"``).

    Parameters
    ----------
    text : str
        Digits as printed, perhaps grouped in thousands by spaces (``1 200``) or, from
        a million up, by dots (``1.200.000``).

    Returns
    -------
    tuple
        ``(count, None)``, or ``(None, problem)`` when the text is empty, not a whole
        number, or longer than nine digits.

    Examples
    --------
    >>> parse_count("120")
    (120, None)
    """
    raw = text.strip()
    if not raw:
        return None, "no value"
    digits = _digits_of(raw)
    if digits is None or len(digits) > 9:
        return None, f"{raw!r} is not a whole number"
    return int(digits), None


def _dates_in(text: str) -> list[tuple[int, str]]:
    """Return ``(position, ISO date)`` for every date written in ``text``, in order."""
    found: list[tuple[int, str]] = []
    for match in _ISO_DATE.finditer(text):
        found.append((match.start(), _iso(match.group(1), match.group(2), match.group(3))))
    for match in _TEXT_DATE.finditer(text):
        month = str(_MONTHS[match.group(2).lower()])
        found.append((match.start(), _iso(match.group(3), month, match.group(1))))
    found.sort()
    return found


def _iso(year: str, month: str, day: str) -> str:
    """Return ``YYYY-MM-DD``, or ``"!"+text`` when the date does not exist."""
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return f"!{year}-{month}-{day}"


def parse_date(text: str) -> tuple[str | None, str | None]:
    """Parse one date (``"2022-03-01"``, ``"1 mars 2022"``) into ISO form.

    Parameters
    ----------
    text : str
        The date as printed: year-month-day (``-``, ``.`` or ``/`` between) or day,
        Swedish month name and year.

    Returns
    -------
    tuple
        ``(iso_date, None)``, or ``(None, problem)`` when the text holds no date, more
        than one, or a date that does not exist (``"2022-02-30"``).

    Examples
    --------
    >>> parse_date("2022-03-01")
    ('2022-03-01', None)
    """
    raw = text.strip()
    dates = _dates_in(raw)
    if len(dates) != 1:
        return None, f"{raw!r} is not one date" if raw else "no value"
    iso = dates[0][1]
    if iso.startswith("!"):
        return None, f"{raw!r} is not a valid date"
    return iso, None


def parse_period(text: str) -> tuple[str | None, str | None, list[str]]:
    """Parse a project period into ISO start and end dates.

    Accepts the forms the project bank prints: ``"2008-05-01 till 2010-10-31"``,
    ``"2019-09-02 - 2022-06-24"``, ``"2016-10-01-2018-09-30"`` (no spaces), en dashes,
    and Swedish month names.

    Parameters
    ----------
    text : str
        The value as printed.

    Returns
    -------
    tuple
        ``(start, end, problems)``; a date that cannot be read is ``None`` and
        explained in ``problems``.

    Examples
    --------
    >>> parse_period("2016-10-01-2018-09-30")
    ('2016-10-01', '2018-09-30', [])
    """
    raw = text.strip()
    if not raw:
        return None, None, ["no value"]
    dates = [iso for _, iso in _dates_in(raw)]
    problems: list[str] = []
    if not dates:
        return None, None, [f"{raw!r} has no dates"]
    if len(dates) == 1:
        problems.append(f"{raw!r} has only one date")
    elif len(dates) > 2:
        problems.append(f"{raw!r} has more than two dates; the first two are used")
    start = dates[0]
    end = dates[1] if len(dates) > 1 else None
    if start.startswith("!"):
        problems.append(f"start date {start[1:]!r} does not exist")
        start = None
    if end is not None and end.startswith("!"):
        problems.append(f"end date {end[1:]!r} does not exist")
        end = None
    if start and end and end < start:
        problems.append(f"{raw!r} ends before it starts")
    return start, end, problems

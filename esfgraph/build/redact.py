"""Privacy: a record without its contact persons, for ``records.jsonl`` with ``--redact-contacts``.

Examples
--------
>>> record = {"title": "T", "contact_name": "Ada Berg", "contact_email": "ada@x.se",
...           "summary": "Ring Ada Berg eller skriv till info@y.se", "fields": {"Kontaktperson": "Ada Berg"}}
>>> redacted(record)
{'title': 'T', 'contact_name': None, 'contact_email': None, 'summary': 'Ring [redacted] eller skriv till [redacted]', 'fields': {}}
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["CONTACT_KEYS", "redacted"]

CONTACT_KEYS = ("contact_name", "contact_email", "contact_phone")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT_LABEL = re.compile(r"kontakt|e-?post|e-?mail|telefon|mobil|phone|contact", re.IGNORECASE)


def redacted(record: dict[str, Any]) -> dict[str, Any]:
    """Return ``record`` without contact persons: the contact keys, the page fields
    that carry them, and every other occurrence of their values or of an e-mail address."""
    secrets = [record.get(key) for key in CONTACT_KEYS if record.get(key)]

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            for secret in secrets:
                value = value.replace(secret, "[redacted]")
            return _EMAIL.sub("[redacted]", value)
        if isinstance(value, list):
            return [scrub(item) for item in value]
        if isinstance(value, dict):
            return {key: scrub(item) for key, item in value.items()}
        return value

    fields = {k: v for k, v in (record.get("fields") or {}).items() if not _CONTACT_LABEL.search(k)}
    cleaned = {key: (None if key in CONTACT_KEYS else value) for key, value in record.items()}
    cleaned["fields"] = fields
    return scrub(cleaned)

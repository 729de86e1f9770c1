"""Resolve stage: every organisation mention on a page -> one canonical organisation.

"Af Jönköping" and "Arbetsförmedlingen i Jönköping" are one office of one agency;
"Socialtjänsten" on a Vaggeryd page and on a Jokkmokk page are two organisations. The
rules, their ``method`` names and confidences are documented in ``docs/resolution.md``;
the Swedish reference data they use ships in ``data/reference/`` and user corrections
go in ``data/curation/aliases.csv``.

Examples
--------
>>> from esfgraph.model import ProjectRecord
>>> record = ProjectRecord(source="p.txt", title="T", owner="Socialtjänsten",
...                        contact_email="x@vaggeryd.se", partners=["AF Jönköping"])
>>> res = Resolver().resolve(record)
>>> [(m.raw, m.label, m.method) for m in res.mentions]
[('Socialtjänsten', 'Socialtjänsten, Vaggeryds kommun', 'municipal-unit-email-domain'), ('AF Jönköping', 'Arbetsförmedlingen Jönköping', 'agency-office')]
"""

from .linking import link_organisations, replaceable
from .merge import merge_organisations
from .postal import place_owner_by_postal_code
from .reference import Reference, ReferenceDataError, clear_cache
from .report import CSV_COLUMNS, REVIEW_THRESHOLD, resolution_summary, summary_lines, write_resolution_csv
from .resolver import Resolver, record_project_key

__all__ = [
    "Reference",
    "ReferenceDataError",
    "Resolver",
    "merge_organisations",
    "write_resolution_csv",
    "resolution_summary",
    "summary_lines",
    "record_project_key",
    "clear_cache",
    "CSV_COLUMNS",
    "REVIEW_THRESHOLD",
    "place_owner_by_postal_code",
    "link_organisations",
    "replaceable",
]

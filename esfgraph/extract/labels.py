"""The field labels of the project bank's pages, and what each one fills in a record.

A label is matched on a line of its own (``Projektnummer:`` or ``Projektnummer`` with the
value on the next line), before its value on the same line (``Region: Sydsverige``), or
glued to its value with no separator, as the 2007–2013 print layout does
(``ProjektägareAME - Arbetsmarknadsenheten``). Glued labels are split on the known label
text, never on letter case: ``Kontaktpersonstefan Johansson`` is the contact
``stefan Johansson``. Matching a whole label ignores case; labels are never matched by a
prefix unless they are printed glued, so a near-miss such as ``Total Kostnader`` is not
taken for ``Total projektbudget``.

To teach the extractor a new label, add a :class:`Label` to :data:`LABELS` (or to a
layout module's ``labels``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Label", "LABELS", "LabelTable"]


@dataclass(frozen=True)
class Label:
    """One field label and where its value goes.

    Attributes
    ----------
    text : str
        The label as printed, without a colon (``"Beviljat ESF-stöd"``).
    attribute : str or None
        The :class:`~esfgraph.model.ProjectRecord` attribute it fills; ``None`` keeps
        the value in ``record.fields`` only.
    kind : str
        How the value is read: ``text``, ``amount`` (int SEK), ``count`` (int),
        ``period`` (start and end dates), ``start`` or ``end`` (one date), ``orgnr``
        (a Swedish organisation number, kept as its ten digits).
    glued : bool
        Whether the label may be printed glued to its value (2007–2013 print layout).
    priority : int
        When several labels fill one attribute, the lowest priority present wins
        (``Projektnummer`` before ``Diarienummer`` for the project number).
    """

    text: str
    attribute: str | None
    kind: str = "text"
    glued: bool = False
    priority: int = 0


#: Every label the extractor knows, for all layouts.
LABELS: tuple[Label, ...] = (
    # 2007–2013 print layout: glued to the value.
    Label("Programområde", "programme_area", glued=True),
    Label("Projektfas", "phase", glued=True),
    Label("Projektägare", "owner", glued=True),
    Label("Kontaktperson", "contact_name", glued=True),
    Label("E-post", "contact_email", glued=True),
    Label("Telefonnummer", "contact_phone", glued=True),
    Label("Beviljat ESF-stöd", "esf_grant_sek", "amount", glued=True),
    Label("Total projektbudget", "total_budget_sek", "amount", glued=True),
    Label("Projektperiod", None, "period", glued=True),
    Label("Region", "region", glued=True),
    # 2014–2020 layouts.
    Label("Projektnummer", "project_number"),
    Label("Diarienummer", "diary_number"),
    Label("Utlysning", "call_number"),
    Label("Utlysningsnummer", "call_number"),
    Label("Namn", "title"),
    Label("Name", "title"),
    Label("Projektnamn", "title"),
    Label("Planerat antal deltagare", "planned_participants", "count"),
    Label("Stödmottagare", "owner", priority=1),
    Label("Stödmottagare postnr", None),
    Label("Stödmottagarens address", None),
    Label("Stödmottagarens adress", None),
    Label("Specifikt mål", "specific_objective"),
    Label("Unionens medfinansieringsgrad", "co_financing_rate"),
    Label("Medfinansieringsgrad", "co_financing_rate", priority=1),
    Label("Interventionstyp", "intervention_type"),
    Label("Telefon", "contact_phone", priority=1),
    Label("Epost", "contact_email", priority=1),
    Label("E-postadress", "contact_email", priority=1),
    Label("Beviljat stöd", "esf_grant_sek", "amount", priority=1),
    Label("Total budget", "total_budget_sek", "amount", priority=1),
    # ESF+ 2021–2027.
    Label("Fond", "fund"),
    Label("Programperiod", "programme_period"),
    Label("Startdatum", None, "start"),
    Label("Slutdatum", None, "end"),
    Label("Projektägare organisationsnummer", "owner_org_number", "orgnr"),
    Label("Projektägare org.nr.", "owner_org_number", "orgnr"),
    Label("Projektägare org.nr", "owner_org_number", "orgnr"),
    Label("Projektägare orgnr", "owner_org_number", "orgnr"),
    Label("Organisationsnummer", "owner_org_number", "orgnr", priority=1),
    Label("NUTS2", "nuts2"),
    Label("NUTS 2", "nuts2"),
    Label("NUTS2-region", "nuts2"),
    Label("Beviljat ESF+-stöd", "esf_grant_sek", "amount"),
    Label("Beviljat ESF+ stöd", "esf_grant_sek", "amount"),
)


# Pure, and asked for the same short lines (labels, mostly) page after page.
@lru_cache(maxsize=1 << 14)
def _norm(text: str) -> str:
    """Return the key a label is looked up by: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


class LabelTable:
    """Fast lookup of labels on a line.

    Parameters
    ----------
    labels : iterable of Label
        The labels to know; later duplicates of a label text are ignored.

    Examples
    --------
    >>> table = LabelTable(LABELS)
    >>> table.exact("Projektnummer").attribute
    'project_number'
    >>> table.glued("Kontaktpersonstefan Johansson")
    (Label(text='Kontaktperson', ...), 'stefan Johansson')
    """

    def __init__(self, labels) -> None:
        self._by_key: dict[str, Label] = {}
        for label in labels:
            self._by_key.setdefault(_norm(label.text), label)
        # A label that begins with a glued label's text is tried as glued too, so that
        # "Projektägare organisationsnummer 212000-0142" is never the owner's name.
        roots = [label.text.casefold() for label in self._by_key.values() if label.glued]
        glued = [
            label
            for label in self._by_key.values()
            if label.glued or any(label.text.casefold().startswith(root) for root in roots)
        ]
        # Longest first, so "Projektägare organisationsnummer" wins over "Projektägare".
        self._glued = sorted(glued, key=lambda label: -len(label.text))
        self._glued_keys = tuple((label.text.casefold(), label) for label in self._glued)

    def exact(self, text: str) -> Label | None:
        """Return the label whose text is exactly ``text`` (ignoring case and spacing)."""
        return self._by_key.get(_norm(text))

    def glued(self, line: str) -> tuple[Label, str] | None:
        """Return ``(label, value)`` when ``line`` starts with a glued label and a value."""
        folded = line[:48].casefold()
        for key, label in self._glued_keys:
            if folded.startswith(key) and len(line) > len(key):
                value = line[len(key) :].strip()
                if value:
                    return label, value
        return None

    def __iter__(self):
        return iter(self._by_key.values())

"""The data passed between pipeline stages: records, extraction results, mentions.

These small typed containers are the contract between stages. ``extract`` produces
:class:`ExtractionResult` objects holding a :class:`ProjectRecord`; ``resolve`` turns a
record into :class:`Mention` objects and the :class:`Organisation` objects they point
to; ``rdf`` turns both into triples. Everything here is plain data (JSON-able through
``to_dict``) so that it can cross process boundaries and be cached.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "RECORD_KEYS",
    "ROLES",
    "LISTED_ROLES",
    "ORG_TYPES",
    "Status",
    "Role",
    "ProjectRecord",
    "ExtractionResult",
    "Mention",
    "Organisation",
    "RecordResolution",
]

#: Extraction outcome of one input file, as written to ``build.json``.
Status = Literal["ok", "warnings", "rejected"]

#: The part an organisation plays in a project (SKOS concepts in ontology/vocab/roles.ttl).
Role = Literal["owner", "co_financier", "partner", "transnational_partner", "mentioned"]

ROLES: tuple[str, ...] = ("owner", "co_financier", "partner", "transnational_partner", "mentioned")

#: Roles that the page lists explicitly; ``mentioned`` (free text) is not among them.
LISTED_ROLES: tuple[str, ...] = ("owner", "co_financier", "partner", "transnational_partner")

#: Organisation types (SKOS concepts in ontology/vocab/org-types.ttl).
ORG_TYPES: tuple[str, ...] = (
    "agency",  # national government agency (Arbetsförmedlingen, Försäkringskassan...)
    "agency_office",  # a local office of an agency
    "county_board",  # Länsstyrelsen i X
    "municipality",  # the municipal government (X kommun)
    "municipal_unit",  # a unit of a municipality (Socialtjänsten, AME...)
    "region",  # regional government (Region X, landsting)
    "regional_unit",  # a unit of a region
    "coordination_association",  # samordningsförbund
    "study_association",  # studieförbund (ABF, Folkuniversitetet...)
    "folk_high_school",
    "school",  # schools, colleges, universities
    "company",
    "non_profit",  # föreningar, förbund, stiftelser
    "social_enterprise",  # Coompanion, Samhall, social cooperatives
    "foreign",  # transnational partner organisation
    "unknown",
)


@dataclass
class ProjectRecord:
    """Everything extracted from one project page.

    Keys and meanings follow DESIGN.md ("Record keys from extract"). Fields the page
    does not state are ``None`` (lists are empty). Strings keep their case and are
    only trimmed; amounts are ``int`` in SEK; dates are ISO ``YYYY-MM-DD`` strings.
    """

    source: str  # path of the input file as given (posix form)
    format: str | None = None  # "esf-2007", "esf-2014" or "esf-2021"
    layout: str | None = None  # finer layout name, see esfgraph.extract.layouts
    title: str | None = None
    project_number: str | None = None
    diary_number: str | None = None  # Diarienummer, where printed separately
    call_number: str | None = None  # Utlysning (the call, not the project)
    programme_area: str | None = None  # as printed after its label
    specific_objective: str | None = None
    phase: str | None = None
    owner: str | None = None
    owner_org_number: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    esf_grant_sek: int | None = None
    total_budget_sek: int | None = None
    period_start: str | None = None
    period_end: str | None = None
    region: str | None = None
    planned_participants: int | None = None
    fund: str | None = None
    programme_period: str | None = None
    nuts2: str | None = None
    co_financing_rate: str | None = None  # as printed, e.g. "50%"
    intervention_type: str | None = None
    co_financiers: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    transnational_text: str | None = None
    sections: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)  # every label -> value as printed
    warnings: list[str] = field(default_factory=list)
    sha256: str | None = None  # of the input file's bytes
    source_url: str | None = None  # from a fetch sidecar, where known
    media_type: str | None = None  # "text/plain" or "text/html"

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a JSON-able dict, keys in declaration order."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ProjectRecord":
        """Rebuild a record from :meth:`to_dict` output (unknown keys are ignored)."""
        names = cls.__dataclass_fields__.keys()
        return cls(**{k: v for k, v in data.items() if k in names})


RECORD_KEYS: tuple[str, ...] = tuple(ProjectRecord.__dataclass_fields__.keys())


@dataclass
class ExtractionResult:
    """The outcome for one input file: a record, or the reason it was rejected."""

    path: str
    status: Status
    record: ProjectRecord | None = None
    reason: str | None = None  # one line, for rejected inputs
    warnings: list[str] = field(default_factory=list)

    def build_entry(self) -> dict[str, Any]:
        """Return the entry for ``build.json``'s ``files`` list."""
        return {
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "warnings": list(self.warnings),
        }


@dataclass
class Organisation:
    """A canonical organisation (or unit of one) that mentions resolve to.

    ``iri`` is built with :mod:`esfgraph.iris`; ``parent`` is the IRI of the
    organisation this one is an ``org:unitOf`` (agency office -> agency, municipal
    unit -> municipality). A parent is itself an :class:`Organisation` that the
    resolver returns too.
    """

    iri: str
    label: str
    type: str = "unknown"  # one of ORG_TYPES
    parent: str | None = None
    municipality_code: str | None = None  # four digits, where located in / governing one
    county_code: str | None = None  # two digits
    org_number: str | None = None  # Swedish organisationsnummer, digits only "2120000142"
    country: str | None = None  # ISO 3166-1 alpha-2, for foreign organisations

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Mention:
    """One organisation mention on one page and what it resolved to.

    The columns of ``resolution.csv`` are ``source, raw, role, canonical, label,
    method, confidence, evidence``; the other attributes feed the RDF.
    """

    source: str  # the record's source
    project: str  # project IRI
    raw: str  # the text as printed
    role: str  # one of ROLES
    canonical: str  # organisation IRI
    label: str  # the canonical organisation's label
    method: str  # which rule resolved it (documented in docs/resolution.md)
    confidence: float  # 0..1
    position: int = 0  # order within its list on the page, for stable output
    country: str | None = None  # ISO code, for transnational partners
    evidence: str | None = None  # for a name found in the prose: the sentence it was found in

    def csv_row(self) -> dict[str, Any]:
        """Return the row for ``resolution.csv``."""
        return {
            "source": self.source,
            "raw": self.raw,
            "role": self.role,
            "canonical": self.canonical,
            "label": self.label,
            "method": self.method,
            "confidence": f"{self.confidence:.2f}",
            "evidence": self.evidence or "",
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RecordResolution:
    """Everything the resolver says about one record."""

    source: str
    project: str  # project IRI
    mentions: list[Mention] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)  # incl. parents
    municipality_codes: list[str] = field(default_factory=list)  # from the Kommun list
    countries: list[str] = field(default_factory=list)  # ISO codes, transnational
    region: str | None = None  # ESF region concept key, e.g. "smaland-och-oarna"
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

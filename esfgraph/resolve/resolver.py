"""The resolver: one :class:`~esfgraph.model.ProjectRecord` in, one resolution out.

:meth:`Resolver.resolve` is pure (it reads nothing but the record and the reference
data, which are loaded once), so the build runs it in worker processes. It works in
four steps:

1. the page's context: its Kommun list as codes, its ESF region, and the municipality its
   generic units belong to (the owner's own, else the owner's e-mail domain, else the only
   municipality listed);
2. the listed mentions, owner first, each through :func:`~esfgraph.resolve.rules.resolve_mention`;
3. the transnational text: countries and partner organisations;
4. the free text: known agencies, regions, municipalities (role ``mentioned``), once each,
   leaving out organisations the page already lists in a role.
"""

from __future__ import annotations

from ..iris import org_iri, project_iri, project_key
from ..model import Mention, Organisation, ProjectRecord, RecordResolution
from .freetext import find_text_mentions
from .orgs import OrgSpec, Resolved
from .reference import Reference
from .listed import resolve_listed
from .rules import Context, org_number_digits, resolve_mention
from .text import norm
from .transnational import Transnational, find_transnational

__all__ = ["Resolver", "record_project_key", "LIST_SECTIONS", "TRANSNATIONAL_SECTION"]

#: Section headings whose text is a list of names, not prose (norm keys).
LIST_SECTIONS = frozenset({"medfinansiärer", "samarbetspartners", "kommun", "kommuner", "relaterade dokument"})
TRANSNATIONAL_SECTION = "transnationellt samarbete"

# Confidence of a partner country with no organisation named, and of named partners.
_COUNTRY_CONFIDENCE = 0.5
_IRI_CACHE_SIZE = 1 << 16
_PARTNER_CONFIDENCE = 0.4
_PARTNER_NO_COUNTRY_CONFIDENCE = 0.3
_OWNER_METHODS = {"municipality", "municipal-unit", "curation", "org-number"}


def record_project_key(record: ProjectRecord) -> str:
    """Return the key of the record's project, as :func:`esfgraph.iris.project_iri` uses it.

    Curation rows scoped to a project (``project:<key>``) and project-scoped units use it.

    Parameters
    ----------
    record : ProjectRecord
        An extracted page.

    Returns
    -------
    str
        The project number slugged, else ``k`` + 16 hex digits of title, owner and start.

    Examples
    --------
    >>> record_project_key(ProjectRecord(source="p.txt", project_number="2019/00144"))
    '2019-00144'
    >>> record_project_key(ProjectRecord(source="p.txt", title="Trappsteget",
    ...                                  owner="AME - Arbetsmarknadsenheten", period_start="2008-05-01"))
    'k834da545a7683d2d'
    """
    number = record.project_number or record.diary_number
    return project_key(number, record.title, record.owner, record.period_start)


class Resolver:
    """Resolves the organisation mentions of project records.

    Parameters
    ----------
    reference : Reference, optional
        Reference tables and curation; :meth:`Reference.load` by default.
    base : str, optional
        Base of the IRIs (``esfgraph.iris.DEFAULT_BASE`` by default).

    Examples
    --------
    >>> from esfgraph.model import ProjectRecord
    >>> record = ProjectRecord(source="p.txt", title="T", owner="Kävlinge Lärcentrum",
    ...                        co_financiers=["Af Jönköping"], municipalities=["Kävlinge"])
    >>> res = Resolver().resolve(record)
    >>> [(m.role, m.canonical.rsplit("/org/", 1)[1], m.method) for m in res.mentions]
    [('owner', 'kommun-1261/larcentrum', 'municipal-unit'), ('co_financier', 'arbetsformedlingen/jonkoping', 'agency-office')]
    >>> res.municipality_codes
    ['1261']
    """

    def __init__(self, reference: Reference | None = None, base: str | None = None):
        self.reference = reference if reference is not None else Reference.load()
        self.base = base
        # key -> IRI: org_iri slugs every part of a key, and the same keys come back on
        # page after page (an agency, a municipality); bounded in _org_iri.
        self._iris: dict[str, str] = {}

    def _org_iri(self, key: str) -> str:
        iri = self._iris.get(key)
        if iri is None:
            if len(self._iris) >= _IRI_CACHE_SIZE:
                self._iris.clear()
            iri = self._iris[key] = org_iri(key, self.base)
        return iri

    # ------------------------------------------------------------------ context
    def _municipality_codes(self, record: ProjectRecord, warnings: list[str]) -> list[str]:
        codes = set()
        for name in record.municipalities:
            code = self.reference.municipality_code(name)
            if code is None:
                warnings.append(f"unknown municipality in the Kommun list: {name!r}")
            else:
                codes.add(code)
        return sorted(codes)

    def _context(self, record: ProjectRecord, pkey: str, codes: list[str]) -> tuple[Context, Resolved | None]:
        """The page's context, and the owner as resolved in it when that is already known.

        The owner is resolved without a context first (it may be what places the page);
        when the page's context stays that bare one, the same answer is returned, so that
        the owner is not resolved twice (the rules are a function of name, context and number).
        """
        ref = self.reference
        bare = Context(pkey, record.title)
        owner = None
        if record.owner:
            owner = resolve_mention(ref, record.owner, bare, record.owner_org_number)
            if (owner is not None and owner.method in _OWNER_METHODS and owner.org.municipality_code
                    and owner.org.type in ("municipality", "municipal_unit")):
                return Context(pkey, record.title, owner.org.municipality_code, "owner"), None
        email_code = ref.municipality_for_domain(record.contact_email)
        if email_code:
            return Context(pkey, record.title, email_code, "email-domain"), None
        if len(codes) == 1:
            return Context(pkey, record.title, codes[0], "only-municipality"), None
        return bare, owner

    # ------------------------------------------------------------------ resolve
    def resolve(self, record: ProjectRecord) -> RecordResolution:
        """Resolve every organisation mention of one record.

        Parameters
        ----------
        record : ProjectRecord
            An extracted page.

        Returns
        -------
        RecordResolution
            Mentions (owner, co-financiers, partners, transnational partners, then free-text
            mentions), the organisations they point to and their parents (sorted by IRI),
            the Kommun list as codes, the transnational countries and the ESF region key.
        """
        ref = self.reference
        warnings: list[str] = []
        project = project_iri(record, self.base)
        pkey = record_project_key(record)
        codes = self._municipality_codes(record, warnings)
        region = ref.esf_region_key(record.region)
        if record.region and region is None:
            warnings.append(f"unknown ESF region: {record.region!r}")
        ctx, owner = self._context(record, pkey, codes)

        orgs: dict[str, OrgSpec] = {}
        mentions: list[Mention] = []

        def add(raw: str, role: str, found: Resolved, position: int, country: str | None = None,
                evidence: str | None = None) -> None:
            for spec in (found.org, *found.parents):
                orgs.setdefault(spec.key, spec)
            mentions.append(Mention(
                source=record.source, project=project, raw=raw, role=role,
                canonical=self._org_iri(found.org.key), label=found.org.label, method=found.method,
                confidence=found.confidence, position=position, country=country or found.org.country,
                evidence=evidence,
            ))

        listed = [("owner", [record.owner] if record.owner else []),
                  ("co_financier", record.co_financiers), ("partner", record.partners)]
        for role, names in listed:
            for position, raw in enumerate(names):
                number = record.owner_org_number if role == "owner" else None
                known = owner if role == "owner" else None
                for found in resolve_listed(ref, raw, ctx, number, several=role != "owner", whole=known):
                    add(raw.strip(), role, found, position)
        if record.owner_org_number and not org_number_digits(record.owner_org_number):
            warnings.append(f"owner organisation number is not ten digits: {record.owner_org_number!r}")

        transnational = self._transnational(record, pkey, add)
        self._text_mentions(record, {m.canonical for m in mentions}, add, ctx)
        return RecordResolution(
            source=record.source,
            project=project,
            mentions=mentions,
            organisations=sorted((self._organisation(o) for o in orgs.values()), key=lambda o: o.iri),
            municipality_codes=codes,
            countries=transnational.countries,
            region=region,
            warnings=warnings,
        )

    # ------------------------------------------------------------------ parts
    @staticmethod
    def _transnational_text(record: ProjectRecord) -> str | None:
        if record.transnational_text:
            return record.transnational_text
        for heading, text in record.sections.items():
            if norm(heading) == TRANSNATIONAL_SECTION:
                return text
        return None

    def _transnational(self, record: ProjectRecord, pkey: str, add) -> Transnational:
        """Add the transnational partners: named organisations, else one per country."""
        ref = self.reference
        found = find_transnational(ref, self._transnational_text(record))
        position = 0
        with_partner = set()
        for partner in found.partners:
            confidence = _PARTNER_CONFIDENCE if partner.country else _PARTNER_NO_COUNTRY_CONFIDENCE
            spec = OrgSpec(partner.key, partner.name, "foreign", country=partner.country)
            add(partner.name, "transnational_partner", Resolved(spec, "transnational-name", confidence), position)
            with_partner.add(partner.country)
            position += 1
        for iso in found.countries:
            if iso in with_partner:
                continue
            country = ref.countries[iso]
            where = record.title or pkey
            spec = OrgSpec(f"project/{pkey}/partner-{iso.lower()}",
                           f"Transnationell partner i {country.name_sv} ({where})", "foreign", country=iso)
            add(found.first_printed[iso], "transnational_partner",
                Resolved(spec, "transnational-country", _COUNTRY_CONFIDENCE), position)
            position += 1
        return found

    def _text_mentions(self, record: ProjectRecord, listed: set[str], add, ctx: Context) -> None:
        """Add free-text mentions (once each) of organisations the page does not list in a role."""
        seen = set(listed)
        texts = [text for heading, text in record.sections.items() if norm(heading) not in LIST_SECTIONS]
        position = 0
        for found in find_text_mentions(self.reference, texts, ctx):
            iri = self._org_iri(found.resolved.org.key)
            if iri in seen:
                continue
            seen.add(iri)
            evidence = found.evidence
            if record.contact_name and record.contact_name.strip() in evidence:
                evidence = evidence.replace(record.contact_name.strip(), "…")  # the contact stays out (privacy)
            add(found.raw, "mentioned", found.resolved, position, evidence=evidence)
            position += 1

    def _organisation(self, spec: OrgSpec) -> Organisation:
        return Organisation(
            iri=self._org_iri(spec.key),
            label=spec.label,
            type=spec.type,
            parent=self._org_iri(spec.parent) if spec.parent else None,
            municipality_code=spec.municipality_code,
            county_code=spec.county_code,
            org_number=spec.org_number,
            country=spec.country,
        )

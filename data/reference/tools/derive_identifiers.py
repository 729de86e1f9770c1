"""Add organisation numbers and Wikidata identifiers to the reference tables.

A maintainer's tool, run by hand when the fact files change; the project never runs it
and never reads the fact files at run time. Usage::

    python data/reference/tools/derive_identifiers.py FACTS_DIR

``FACTS_DIR`` holds ``municipalities_se.csv``, ``regions_counties_lansstyrelser_se.csv``,
``agencies_se.csv`` and ``universities_se.csv`` (see ``data/reference/README.md`` for
where they come from). Existing keys and columns are kept; the identifier columns are
(re)written; rows the script does not know keep what they have.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

#: Existing agency keys -> the agency's name in agencies_se.csv.
AGENCY_SOURCE_NAMES = {
    "arbetsformedlingen": "Arbetsförmedlingen",
    "forsakringskassan": "Försäkringskassan",
    "migrationsverket": "Migrationsverket",
    "kriminalvarden": "Kriminalvården",
    "skolverket": "Statens skolverk",
    "socialstyrelsen": "Socialstyrelsen",
    "skatteverket": "Skatteverket",
    "kronofogden": "Kronofogdemyndigheten",
    "polismyndigheten": "Polismyndigheten",
    "tillvaxtverket": "Tillväxtverket",
    "myndigheten-for-delaktighet": "Myndigheten för delaktighet",
    "specialpedagogiska-skolmyndigheten": "Specialpedagogiska skolmyndigheten",
    "myndigheten-for-yrkeshogskolan": "Myndigheten för yrkeshögskolan",
    "arbetsmiljoverket": "Arbetsmiljöverket",
    "statens-institutionsstyrelse": "Statens institutionsstyrelse",
    "sametinget": "Sametinget",
    "trafikverket": "Trafikverket",
    "myndigheten-for-ungdoms-och-civilsamhallesfragor": "Myndigheten för ungdoms- och civilsamhällesfrågor",
    "statistiska-centralbyran": "Statistiska centralbyrån",
    "inspektionen-for-arbetsloshetsforsakringen": "Inspektionen för arbetslöshetsförsäkringen",
    "folkhalsomyndigheten": "Folkhälsomyndigheten",
    "jamstalldhetsmyndigheten": "Jämställdhetsmyndigheten",
}

#: Agencies added for ESF projects: key, label as people write it, abbreviations (only
#: those unlikely to be ordinary words), aliases, name in agencies_se.csv.
NEW_AGENCIES = [
    ("vinnova", "Vinnova", "", "Verket för innovationssystem", "Verket för innovationssystem"),
    ("universitets-och-hogskoleradet", "Universitets- och högskolerådet", "UHR", "", "Universitets- och högskolerådet"),
    ("skolinspektionen", "Skolinspektionen", "", "Statens skolinspektion", "Statens skolinspektion"),
    ("inspektionen-for-vard-och-omsorg", "Inspektionen för vård och omsorg", "IVO", "", "Inspektionen för vård och omsorg"),
    ("boverket", "Boverket", "", "", "Boverket"),
    ("brottsforebyggande-radet", "Brottsförebyggande rådet", "Brå|BRÅ", "", "Brottsförebyggande rådet"),
    ("diskrimineringsombudsmannen", "Diskrimineringsombudsmannen", "", "", "Diskrimineringsombudsmannen"),
    ("jordbruksverket", "Jordbruksverket", "", "Statens jordbruksverk", "Statens jordbruksverk"),
    ("kulturradet", "Kulturrådet", "", "Statens kulturråd", "Statens kulturråd"),
    ("myndigheten-for-familjeratt-och-foraldraskapsstod", "Myndigheten för familjerätt och föräldraskapsstöd", "MFoF", "", "Myndigheten för familjerätt och föräldraskapsstöd"),
    ("pensionsmyndigheten", "Pensionsmyndigheten", "", "", "Pensionsmyndigheten"),
    ("naturvardsverket", "Naturvårdsverket", "", "", "Naturvårdsverket"),
    ("skogsstyrelsen", "Skogsstyrelsen", "", "", "Skogsstyrelsen"),
    ("riksantikvarieambetet", "Riksantikvarieämbetet", "RAÄ", "", "Riksantikvarieämbetet"),
    ("myndigheten-for-tillgangliga-medier", "Myndigheten för tillgängliga medier", "MTM", "", "Myndigheten för tillgängliga medier"),
    ("myndigheten-for-vard-och-omsorgsanalys", "Myndigheten för vård- och omsorgsanalys", "", "Vårdanalys", "Myndigheten för vård- och omsorgsanalys"),
    ("e-halsomyndigheten", "E-hälsomyndigheten", "", "", "E-hälsomyndigheten"),
    ("kammarkollegiet", "Kammarkollegiet", "", "", "Kammarkollegiet"),
    ("konsumentverket", "Konsumentverket", "", "", "Konsumentverket"),
    ("energimyndigheten", "Energimyndigheten", "", "Statens energimyndighet", "Statens energimyndighet"),
    ("forsvarsmakten", "Försvarsmakten", "", "", "Försvarsmakten"),
    ("barnombudsmannen", "Barnombudsmannen", "", "", "Barnombudsmannen"),
    ("livsmedelsverket", "Livsmedelsverket", "", "", "Livsmedelsverket"),
]

#: State universities: source name -> (key, label, everyday abbreviations, aliases).
#: Aliases are the former and English names people still write; the source's alias
#: column also holds unit names and one wrong university ("Jönköping University" for
#: LiU), which are left out.
UNIVERSITIES = {
    "Blekinge tekniska högskola": ("blekinge-tekniska-hogskola", "Blekinge tekniska högskola", "BTH", "Högskolan i Karlskrona/Ronneby|Blekinge Institute of Technology"),
    "Försvarshögskolan": ("forsvarshogskolan", "Försvarshögskolan", "FHS", "Swedish Defence University"),
    "Gymnastik- och idrottshögskolan": ("gymnastik-och-idrottshogskolan", "Gymnastik- och idrottshögskolan", "GIH", "Idrottshögskolan i Stockholm"),
    "Göteborgs universitet": ("goteborgs-universitet", "Göteborgs universitet", "GU", "University of Gothenburg"),
    "Högskolan Dalarna": ("hogskolan-dalarna", "Högskolan Dalarna", "HDa", "Högskolan i Dalarna|Dalarna University"),
    "Högskolan i Borås": ("hogskolan-i-boras", "Högskolan i Borås", "HB", "Borås högskola|University of Borås"),
    "Högskolan i Gävle": ("hogskolan-i-gavle", "Högskolan i Gävle", "HiG|HIG", "Gävle högskola|University of Gävle"),
    "Högskolan i Halmstad": ("hogskolan-i-halmstad", "Högskolan i Halmstad", "HH", "Halmstad högskola|Halmstad University"),
    "Högskolan i Skövde": ("hogskolan-i-skovde", "Högskolan i Skövde", "HiS", "University of Skövde"),
    "Högskolan Kristianstad": ("hogskolan-kristianstad", "Högskolan Kristianstad", "HKR", "Högskolan i Kristianstad|Kristianstad University"),
    "Högskolan Väst": ("hogskolan-vast", "Högskolan Väst", "HV", "Högskolan i Trollhättan/Uddevalla|University West"),
    "Karlstads universitet": ("karlstads-universitet", "Karlstads universitet", "KaU|KAU", "Högskolan i Karlstad|Karlstad University"),
    "Karolinska institutet": ("karolinska-institutet", "Karolinska institutet", "KI", ""),
    "Konstfack": ("konstfack", "Konstfack", "", "Konstfackskolan"),
    "Kungl. Konsthögskolan": ("kungl-konsthogskolan", "Kungl. Konsthögskolan", "KKH", "Kungliga Konsthögskolan"),
    "Kungl. Musikhögskolan i Stockholm": ("kungl-musikhogskolan-i-stockholm", "Kungl. Musikhögskolan i Stockholm", "KMH", "Kungliga Musikhögskolan i Stockholm|Kungliga Musikhögskolan"),
    "Kungl. Tekniska högskolan": ("kungl-tekniska-hogskolan", "Kungl. Tekniska högskolan", "KTH", "Kungliga Tekniska högskolan|Royal Institute of Technology"),
    "Linköpings universitet": ("linkopings-universitet", "Linköpings universitet", "LiU|LIU", "Linköping University"),
    "Linnéuniversitetet": ("linneuniversitetet", "Linnéuniversitetet", "LNU", "Linneuniversitetet|Linnaeus University"),
    "Luleå tekniska universitet": ("lulea-tekniska-universitet", "Luleå tekniska universitet", "LTU", "Luleå tekniska högskola|Högskolan i Luleå|Luleå University of Technology"),
    "Lunds universitet": ("lunds-universitet", "Lunds universitet", "LU", "Lund University"),
    "Malmö universitet": ("malmo-universitet", "Malmö universitet", "MAU|Mau|MAH", "Malmö högskola|Malmö University"),
    "Mittuniversitetet": ("mittuniversitetet", "Mittuniversitetet", "MIUN|Miun", "Mitthögskolan|Mid Sweden University"),
    "Mälardalens universitet": ("malardalens-universitet", "Mälardalens universitet", "MDU|MDH", "Mälardalens högskola|Mälardalens universitet|Mälardalen University"),
    "Stockholms konstnärliga högskola": ("stockholms-konstnarliga-hogskola", "Stockholms konstnärliga högskola", "SKH", "Uniarts"),
    "Stockholms universitet": ("stockholms-universitet", "Stockholms universitet", "SU", "Stockholm University"),
    "Sveriges lantbruksuniversitet": ("sveriges-lantbruksuniversitet", "Sveriges lantbruksuniversitet", "SLU", "Swedish University of Agricultural Sciences"),
    "Södertörns högskola": ("sodertorns-hogskola", "Södertörns högskola", "SH", "Södertörn University"),
    "Umeå universitet": ("umea-universitet", "Umeå universitet", "UmU|UMU", "Umeå University"),
    "Uppsala universitet": ("uppsala-universitet", "Uppsala universitet", "UU", "Uppsala University"),
    "Örebro universitet": ("orebro-universitet", "Örebro universitet", "ORU|ÖRU", "Högskolan i Örebro|Örebro University"),
}

#: Private universities and university colleges (huvudman not the state): written by
#: hand, names only (no organisation number or Wikidata id was at hand to check).
PRIVATE_UNIVERSITIES = [
    ("chalmers-tekniska-hogskola", "Chalmers tekniska högskola", "CTH", "Chalmers|Chalmers University of Technology"),
    ("handelshogskolan-i-stockholm", "Handelshögskolan i Stockholm", "HHS", "Stockholm School of Economics"),
    ("jonkoping-university", "Jönköping University", "JU", "Högskolan i Jönköping|Stiftelsen Högskolan i Jönköping"),
    ("sophiahemmet-hogskola", "Sophiahemmet Högskola", "", ""),
    ("ersta-skondal-bracke-hogskola", "Ersta Sköndal Bräcke högskola", "", "Ersta Sköndal högskola"),
    ("rodakorsets-hogskola", "Röda Korsets Högskola", "", ""),
    ("enskilda-hogskolan-stockholm", "Enskilda Högskolan Stockholm", "", "Teologiska Högskolan Stockholm"),
    ("beckmans-designhogskola", "Beckmans designhögskola", "", "Beckmans Designhögskola"),
]


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({h: r.get(h, "") for h in header} for r in rows)


def digits(org_nr: str) -> str:
    return org_nr.replace("-", "").strip()


def with_columns(header: list[str], *extra: str) -> list[str]:
    return header + [c for c in extra if c not in header]


def fill_columns(table: str, facts_file: Path, fact_code: str, columns: dict[str, Callable[[dict], str]]) -> None:
    """Fill ``columns`` of the reference table ``table`` from the fact whose ``fact_code``
    is the row's ``code``; each column's value is computed from that fact."""
    by_code = {r[fact_code]: r for r in read(facts_file)}
    path = HERE / table
    rows = read(path)
    for row in rows:
        fact = by_code[row["code"]]
        row.update({column: value(fact) for column, value in columns.items()})
    write(path, with_columns(list(rows[0]), *columns), rows)


def municipalities(facts: Path) -> None:
    fill_columns("municipalities.csv", facts / "municipalities_se.csv", "municipality_code", {
        "org_number": lambda fact: digits(fact["org_nr"]),
        "wikidata": lambda fact: fact["wikidata"],
    })


def counties(facts: Path) -> None:
    fill_columns("counties.csv", facts / "regions_counties_lansstyrelser_se.csv", "county_code", {
        "county_wikidata": lambda fact: fact["county_wikidata"],
        "region_org_number": lambda fact: digits(fact["region_org_nr"]),
        "region_wikidata": lambda fact: fact["region_wikidata"],
        "county_board_org_number": lambda fact: digits(fact["lansstyrelse_org_nr"]),
        "county_board_wikidata": lambda fact: fact["lansstyrelse_wikidata"],
    })


def agencies(facts: Path) -> None:
    by_name = {r["name"]: r for r in read(facts / "agencies_se.csv")}
    path = HERE / "agencies.csv"
    rows = read(path)
    known = {r["key"] for r in rows}
    for key, label, abbreviations, aliases, source in NEW_AGENCIES:
        if key not in known:
            rows.append({"key": key, "label": label, "abbreviations": abbreviations, "aliases": aliases})
            AGENCY_SOURCE_NAMES[key] = source
    for row in rows:
        fact = by_name.get(AGENCY_SOURCE_NAMES.get(row["key"], ""))
        if fact:
            row["org_number"], row["wikidata"] = digits(fact["org_nr"]), fact["wikidata"]
    write(path, with_columns(list(rows[0]), "wikidata"), rows)


def universities(facts: Path) -> None:
    rows = []
    for fact in read(facts / "universities_se.csv"):
        key, label, abbreviations, aliases = UNIVERSITIES[fact["name"]]
        rows.append({"key": key, "label": label, "abbreviations": abbreviations, "aliases": aliases,
                     "org_number": digits(fact["org_nr"]), "wikidata": fact["wikidata"]})
    for key, label, abbreviations, aliases in PRIVATE_UNIVERSITIES:
        rows.append({"key": key, "label": label, "abbreviations": abbreviations, "aliases": aliases})
    rows.sort(key=lambda r: r["key"])
    write(HERE / "universities.csv", ["key", "label", "abbreviations", "aliases", "org_number", "wikidata"], rows)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: derive_identifiers.py FACTS_DIR", file=sys.stderr)
        return 2
    facts = Path(argv[1])
    for step in (municipalities, counties, agencies, universities):
        step(facts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

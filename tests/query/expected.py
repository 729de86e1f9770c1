"""The rows each library query returns on tests/fixtures/graph/fixture.trig, worked out by
hand from the table at the top of that file (as Python values, see QueryResult.values)."""

from decimal import Decimal

from tests.fixtures.graph import ID, org, project

AF_JKPG, AF_ESK, AF_VAG = org("arbetsformedlingen/jonkoping"), org("arbetsformedlingen/eskilstuna"), org("arbetsformedlingen/vaggeryd")
FK, AME, EXC = org("forsakringskassan"), org("kommun-0665/ame-arbetsmarknadsenheten"), org("name/excentrum")
VAGGERYD, JKPG, ESKILSTUNA = org("kommun-0665"), org("kommun-0680"), org("kommun-0484")


def _projects(*keys):
    return ";".join(project(k) for k in keys)


PAIRS = [
    (AF_JKPG, "Arbetsförmedlingen Jönköping", FK, "Försäkringskassan", 3, _projects("p1", "p2", "p8"), 2008, 2018),
    (AF_ESK, "Arbetsförmedlingen Eskilstuna", ESKILSTUNA, "Eskilstuna kommun", 2, _projects("p3", "p7"), 2011, 2011),
    (AF_JKPG, "Arbetsförmedlingen Jönköping", VAGGERYD, "Vaggeryds kommun", 2, _projects("p2", "p8"), 2009, 2018),
    (AF_JKPG, "Arbetsförmedlingen Jönköping", AME, "AME - Arbetsmarknadsenheten", 2, _projects("p1", "p4"), 2008, 2015),
    (AF_JKPG, "Arbetsförmedlingen Jönköping", JKPG, "Jönköpings kommun", 2, _projects("p1", "p4"), 2008, 2015),
    (FK, "Försäkringskassan", VAGGERYD, "Vaggeryds kommun", 2, _projects("p2", "p8"), 2009, 2018),
    (FK, "Försäkringskassan", EXC, "Excentrum", 2, _projects("p3", "p6"), 2011, 2016),
    (AME, "AME - Arbetsmarknadsenheten", JKPG, "Jönköpings kommun", 2, _projects("p1", "p4"), 2008, 2015),
]

#: The live query's rows: the same pairs and their evidence (every role in the fixture that
#: makes a pair is a listed one).
LIVE_PAIRS = [(*pair, "listed") for pair in PAIRS]

_VAGGERYD_PROJECTS = [
    (project("p1"), "2008-0001", "Trappsteget", "2008-05-01", "owner", AME, "AME - Arbetsmarknadsenheten",
     "AME - Arbetsmarknadsenheten"),
    (project("p2"), "2009-0002", "Steget vidare", "2009-01-07", "owner", VAGGERYD, "Vaggeryds kommun", "Vaggeryds kommun"),
    (project("p4"), "2015-0004", "Nya steg", "2015-02-01", "owner", AME, "AME - Arbetsmarknadsenheten",
     "Vaggeryds kommun, AME"),
    (project("p8"), "2018-0008", "Vidare tillsammans", "2018-03-01", "owner", VAGGERYD, "Vaggeryds kommun", "Vaggeryds kommun"),
]

#: (query name, parameters, expected rows); every library query appears at least once.
CASES = [
    ("recurring-partnerships", {}, PAIRS),
    ("recurring-partnerships", {"min_shared": "3"}, PAIRS[:1]),
    ("recurring-partnerships-live", {}, LIVE_PAIRS),
    ("recurring-partnerships-live", {"min_shared": 3}, LIVE_PAIRS[:1]),
    ("organisation-projects", {"org": "kommun-0665"}, _VAGGERYD_PROJECTS),
    ("organisation-projects", {"org": VAGGERYD, "include_units": "false"},
     [_VAGGERYD_PROJECTS[1], _VAGGERYD_PROJECTS[3]]),
    ("organisation-projects", {"org": "lansstyrelsen-06"},
     [(project("p1"), "2008-0001", "Trappsteget", "2008-05-01", "mentioned", org("lansstyrelsen-06"),
       "Länsstyrelsen i Jönköpings län", "länsstyrelsen")]),
    ("projects-in-municipality", {}, [
        (project("p1"), "2008-0001", "Trappsteget", AME, "AME - Arbetsmarknadsenheten", "2008-05-01", "2010-10-31", 3574500),
        (project("p2"), "2009-0002", "Steget vidare", VAGGERYD, "Vaggeryds kommun", "2009-01-07", "2010-12-31", 1000000),
        (project("p8"), "2018-0008", "Vidare tillsammans", VAGGERYD, "Vaggeryds kommun", "2018-03-01", "2020-02-29", 1500000),
    ]),
    ("projects-in-municipality", {"municipality_code": "0484"}, [
        (project("p7"), None, "Okänt projekt", ESKILSTUNA, "Eskilstuna kommun", None, None, None),
        (project("p3"), "2011-0003", "Vägen in", ESKILSTUNA, "Eskilstuna kommun", "2011-08-01", "2014-06-30", 7270054),
        (project("p8"), "2018-0008", "Vidare tillsammans", VAGGERYD, "Vaggeryds kommun", "2018-03-01", "2020-02-29", 1500000),
    ]),
    ("funding-by-region-period", {}, [
        (None, None, None, 1, 0, 0),  # p7: no period, region or amounts
        ("2007-2013", "ostra-mellansverige", "Östra Mellansverige", 1, 7270054, 15000000),
        ("2007-2013", "smaland-och-oarna", "Småland och Öarna", 2, 4574500, 11436300),
        ("2007-2013", "sydsverige", "Sydsverige", 1, 108880, 200000),
        ("2014-2020", "ovre-norrland", "Övre Norrland", 1, 5978228, 12000000),
        ("2014-2020", "smaland-och-oarna", "Småland och Öarna", 2, 3500000, 8000000),
    ]),
    ("funding-by-region-period", {"period": "2014-2020"}, [
        ("2014-2020", "ovre-norrland", "Övre Norrland", 1, 5978228, 12000000),
        ("2014-2020", "smaland-och-oarna", "Småland och Öarna", 2, 3500000, 8000000),
    ]),
    ("funding-by-region-period", {"period": "2007-2013", "region": "smaland-och-oarna"},
     [("2007-2013", "smaland-och-oarna", "Småland och Öarna", 2, 4574500, 11436300)]),
    ("agency-offices", {}, [
        (AF_ESK, "Arbetsförmedlingen Eskilstuna", "Eskilstuna", ESKILSTUNA, "Eskilstuna kommun", 2),
        (AF_ESK, "Arbetsförmedlingen Eskilstuna", "Eskilstuna", FK, "Försäkringskassan", 1),
        (AF_ESK, "Arbetsförmedlingen Eskilstuna", "Eskilstuna", EXC, "Excentrum", 1),
        (AF_JKPG, "Arbetsförmedlingen Jönköping", "Jönköping", FK, "Försäkringskassan", 3),
        (AF_JKPG, "Arbetsförmedlingen Jönköping", "Jönköping", VAGGERYD, "Vaggeryds kommun", 2),
        (AF_JKPG, "Arbetsförmedlingen Jönköping", "Jönköping", AME, "AME - Arbetsmarknadsenheten", 2),
        (AF_JKPG, "Arbetsförmedlingen Jönköping", "Jönköping", JKPG, "Jönköpings kommun", 2),
        (AF_JKPG, "Arbetsförmedlingen Jönköping", "Jönköping", org("foreign/de/bildungswerk"), "Bildungswerk", 1),
        (AF_JKPG, "Arbetsförmedlingen Jönköping", "Jönköping", org("foreign/it/obiettivo-formazione"),
         "Obiettivo Formazione", 1),
        (AF_VAG, "Arbetsförmedlingen Vaggeryd", "Vaggeryd", None, None, 0),  # an office in no project
    ]),
    ("agency-offices", {"agency": "forsakringskassan"}, []),
    ("top-co-financiers", {}, [
        (AF_JKPG, "Arbetsförmedlingen Jönköping", "agency-office", 4, 8074500, 19436300),
        (FK, "Försäkringskassan", "agency", 3, 11844554, 26436300),
        (AF_ESK, "Arbetsförmedlingen Eskilstuna", "agency-office", 2, 7270054, 15000000),
        (EXC, "Excentrum", "non-profit", 1, 5978228, 12000000),
    ]),
    ("top-co-financiers", {"by_parent": True}, [
        (org("arbetsformedlingen"), "Arbetsförmedlingen", "agency", 6, 15344554, 34436300),
        (FK, "Försäkringskassan", "agency", 3, 11844554, 26436300),
        (EXC, "Excentrum", "non-profit", 1, 5978228, 12000000),
    ]),
    ("transnational-partners-by-country", {}, [
        (f"{ID}country/IT", "IT", "Italien", 2, 2, "Cooperativa Sociale;Obiettivo Formazione"),
        (f"{ID}country/DE", "DE", "Tyskland", 1, 1, "Bildungswerk"),
    ]),
    # Each country once, named in the language asked for (the store has both).
    ("transnational-partners-by-country", {"lang": "en"}, [
        (f"{ID}country/IT", "IT", "Italy", 2, 2, "Cooperativa Sociale;Obiettivo Formazione"),
        (f"{ID}country/DE", "DE", "Germany", 1, 1, "Bildungswerk"),
    ]),
    ("projects-per-year", {}, [
        (None, 1, 0, 0),  # p7 has no start date
        (2008, 2, 3683380, 9136300),
        (2009, 1, 1000000, 2500000),
        (2011, 1, 7270054, 15000000),
        (2015, 1, 2000000, 5000000),
        (2016, 1, 5978228, 12000000),
        (2018, 1, 1500000, 3000000),
    ]),
    ("projects-per-year", {"region": "smaland-och-oarna"}, [
        (2008, 1, 3574500, 8936300), (2009, 1, 1000000, 2500000),
        (2015, 1, 2000000, 5000000), (2018, 1, 1500000, 3000000),
    ]),
    ("owners-by-org-type", {}, [
        ("municipality", "municipality", 2, 4),
        ("municipal-unit", "municipal-unit", 2, 3),
        ("region", "region", 1, 1),
    ]),
    ("multi-municipality-projects", {}, [
        (project("p8"), "2018-0008", "Vidare tillsammans", 3, 2, "Eskilstuna;Jönköping;Vaggeryd"),
        (project("p1"), "2008-0001", "Trappsteget", 2, 1, "Jönköping;Vaggeryd"),
    ]),
    ("multi-municipality-projects", {"min_municipalities": 3},
     [(project("p8"), "2018-0008", "Vidare tillsammans", 3, 2, "Eskilstuna;Jönköping;Vaggeryd")]),
    ("bridging-organisations", {}, [
        (FK, "Försäkringskassan", 3, 5, "ostra-mellansverige;ovre-norrland;smaland-och-oarna"),
        (EXC, "Excentrum", 2, 2, "ostra-mellansverige;ovre-norrland"),
    ]),
    ("bridging-organisations", {"min_regions": 3},
     [(FK, "Försäkringskassan", 3, 5, "ostra-mellansverige;ovre-norrland;smaland-och-oarna")]),
    ("quality-projects-without-partners", {},
     [(project("p5"), "2008-0005", "Sommarskolan", "Kävlinge Lärcentrum", "p5.txt")]),
    ("quality-low-confidence-mentions", {}, [
        (project("p6"), "partner", "Föreningen X?", None, None, "unresolved", None, "p6.html"),
        (project("p6"), "partner", "Okänd förening", org("name/okand-forening"), "Okänd förening", "unmatched",
         Decimal("0.3"), "p6.html"),
        (project("p1"), "mentioned", "länsstyrelsen", org("lansstyrelsen-06"), "Länsstyrelsen i Jönköpings län",
         "text-mention", Decimal("0.45"), "p1.txt"),
    ]),
    ("quality-low-confidence-mentions", {"max_confidence": "0.4"}, [
        (project("p6"), "partner", "Föreningen X?", None, None, "unresolved", None, "p6.html"),
        (project("p6"), "partner", "Okänd förening", org("name/okand-forening"), "Okänd förening", "unmatched",
         Decimal("0.3"), "p6.html"),
    ]),
    ("quality-missing-fields", {},
     [(project("p7"), None, "p7.txt", "end_date;esf_grant_sek;programme_period;region;start_date;total_budget_sek")]),
    ("organisation-scores", {}, [
        (FK, "Försäkringskassan", 9, 14, 0.52, 0.14, 3, f"{ID}analysis/cluster/1",
         "Försäkringskassan / Arbetsförmedlingen Jönköping"),
        (EXC, "Excentrum", 7, 8, 0.31, 0.08, 2, f"{ID}analysis/cluster/2", "Excentrum"),
        (AF_JKPG, "Arbetsförmedlingen Jönköping", 6, 11, 0.12, 0.10, 3, f"{ID}analysis/cluster/1",
         "Försäkringskassan / Arbetsförmedlingen Jönköping"),
    ]),
]

"""Fixed data of the generator: layout shares, defects, regions, names, words, sentences.

Nothing here is random; ``universe`` and ``projects`` draw from it. Organisation names
come from ``data/reference/`` at generation time, not from here (the fallbacks below are
used only when a table is missing).
"""

from __future__ import annotations

__all__ = [
    "LAYOUT_SHARES",
    "LAYOUT_FORMAT",
    "DEFECTS",
    "ESF_REGIONS",
    "COUNTY_REGION",
    "COUNTY_LAN",
    "FIRST_NAMES",
    "LAST_NAMES",
    "COMPANY_HEADS",
    "COMPANY_TAILS",
    "ASSOCIATION_WORDS",
    "UNIT_POPULARITY",
    "MUNICIPAL_UNITS",
    "STUDY_POPULARITY",
    "STUDY_DOMAINS",
    "STUDY_ASSOCIATIONS",
    "FALLBACK_AGENCIES",
    "AGENCY_RATES",
    "COUNTRIES",
    "FOREIGN_WORDS",
    "TITLE_WORDS",
    "TITLE_SUFFIXES",
    "SENTENCES",
    "TRANSNATIONAL_BODIES",
    "MENTION_TEMPLATES",
    "PLACE_TEMPLATES",
    "BANNERS_2007",
    "WEBINAR_TOPICS",
    "MONTHS",
    "COOKIE_BANNER",
    "SECTIONS_2007",
    "AREAS_2007",
    "AREAS_2014",
    "ESFPLUS_OBJECTIVES",
]

#: Shares of the four layouts (the project bank's history: ~40 / 30 / 10 / 15, normalised).
LAYOUT_SHARES: dict[str, float] = {
    "esf-2007-print": 40 / 95,
    "esf-2014-colon": 30 / 95,
    "esf-2014-intermediate": 10 / 95,
    "esf-2021": 15 / 95,
}

#: The record ``format`` each layout gives.
LAYOUT_FORMAT = {
    "esf-2007-print": "esf-2007",
    "esf-2014-colon": "esf-2014",
    "esf-2014-intermediate": "esf-2014",
    "esf-2021": "esf-2021",
}

#: Defect kinds and their relative weights among defective pages, with the extraction
#: statuses a correct extractor may give such a page.
DEFECTS: dict[str, tuple[float, tuple[str, ...]]] = {
    "missing_region": (2.0, ("ok", "warnings")),
    "total_kostnader": (1.5, ("ok", "warnings")),  # near-miss label, broken value
    "budget_1_1": (1.5, ("warnings",)),
    "mojibake": (1.5, ("warnings",)),
    "soft_hyphen": (1.5, ("ok", "warnings")),
    "crlf": (2.0, ("ok",)),
    "bom": (1.5, ("ok",)),
    "cp1252": (1.5, ("ok", "warnings")),
    "empty": (0.5, ("rejected",)),
    "truncated": (0.8, ("rejected", "warnings")),
}

#: The ESF regions (2007–2020 and ESF+), by county code; NUTS 2 codes for ESF+.
ESF_REGIONS: dict[str, tuple[str, str, str]] = {
    # key: (2007 print spelling, 2014 spelling, NUTS2)
    "ovre-norrland": ("Övre Norrland", "Övre Norrland", "SE33"),
    "mellersta-norrland": ("Mellersta Norrland", "Mellersta Norrland", "SE32"),
    "norra-mellansverige": ("Norra Mellansverige", "Norra Mellansverige", "SE31"),
    "ostra-mellansverige": ("Östra Mellansverige", "Östra Mellansverige", "SE12"),
    "stockholm": ("Stockholm", "Stockholm", "SE11"),
    "vastsverige": ("Västsverige", "Västsverige", "SE23"),
    "smaland-och-oarna": ("Småland och Öarna", "Småland & Öarna", "SE21"),
    "sydsverige": ("Sydsverige", "Sydsverige", "SE22"),
}
COUNTY_REGION = {
    "25": "ovre-norrland", "24": "ovre-norrland",
    "23": "mellersta-norrland", "22": "mellersta-norrland",
    "17": "norra-mellansverige", "20": "norra-mellansverige", "21": "norra-mellansverige",
    "03": "ostra-mellansverige", "04": "ostra-mellansverige", "05": "ostra-mellansverige",
    "18": "ostra-mellansverige", "19": "ostra-mellansverige",
    "01": "stockholm",
    "13": "vastsverige", "14": "vastsverige",
    "06": "smaland-och-oarna", "07": "smaland-och-oarna", "08": "smaland-och-oarna",
    "09": "smaland-och-oarna",
    "10": "sydsverige", "12": "sydsverige",
}  # fmt: skip
COUNTY_LAN = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län",
    "05": "Östergötlands län", "06": "Jönköpings län", "07": "Kronobergs län",
    "08": "Kalmar län", "09": "Gotlands län", "10": "Blekinge län", "12": "Skåne län",
    "13": "Hallands län", "14": "Västra Götalands län", "17": "Värmlands län",
    "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
    "21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län",
    "24": "Västerbottens län", "25": "Norrbottens län",
}  # fmt: skip

# --------------------------------------------------------------------------- words

FIRST_NAMES = (
    "Anna Maria Eva Karin Sara Lena Kristina Elisabeth Emma Ingrid Malin Johanna Linda "
    "Magdalena Helena Camilla Sofia Ulrika Annika Marie Petra Jenny Susanne Åsa Therese "
    "Lars Mikael Anders Johan Per Erik Karl Peter Thomas Jan Daniel Fredrik Stefan "
    "Hans Bengt Mats Magnus Andreas Jonas Niklas Christer Michael Göran Björn Ola Håkan "
    "Ahmed Fatima Ali Mohammed Leila Amir Nadia Yusuf Mirja Aino Juha Pekka"
).split()
LAST_NAMES = (
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson "
    "Gustafsson Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson "
    "Magnusson Olofsson Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg "
    "Lundgren Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin "
    "Engström Eklund Danielsson Håkansson Lundin Björk Bergman Gunnarsson Holm Samuelsson "
    "Fransson Wikström Isaksson Ladebäck Anderberg Lallukka Fjellner Stenberg Nyström "
    "Öberg Åberg Mäkinen Hassan Ali Yilmaz Nordin Strand Falk"
).split()
COMPANY_HEADS = (
    "Nord Syd Väst Öst Jobb Kompetens Framtid Steg Bro Lärande Ex Pro Miljö Vård Bygg "
    "Data Ljus Berg Skog Sjö Fjäll Äng Kraft Väg Mötes Idé Arbets Utvecklings Karriär "
    "Start Nyckel Fokus Balans Dialog Flex Team Human Puls Vision Insikt Kunskaps Bas "
    "Lots Brygg Horisont Resurs Plattform Tillväxt"
).split()
COMPANY_TAILS = (
    "centrum huset partner gruppen kraft konsult utveckling service link nätet verkstaden "
    "kompaniet akademin coaching bolaget fabriken rådgivning forum kompetens byrån lab "
    "arena porten vägen"
).split()
ASSOCIATION_WORDS = (
    "Vägen Ut|Bryggan|Gemenskapen|Hoppet|Medmänniskan|Nya Steg|Framsteget|Kvinnojouren|"
    "Fontänhuset|Kamratstödet|Verdandi|Unga Vuxna|Invandrarföreningen|Idrottsalliansen|"
    "Kulturhuset|Hembygdsföreningen|Pensionärsföreningen|Företagarföreningen|Byalaget|"
    "Grannsamverkan|Ungdomens Hus|Mötesplatsen|Stödcentrum|Återbruket|Naturskyddsgruppen"
).split("|")
#: How often pages name each municipal unit (labels of data/reference/municipal_units.csv).
UNIT_POPULARITY = {
    "Socialtjänsten": 6.0, "Socialförvaltningen": 4.0, "Arbetsmarknadsavdelningen": 3.0,
    "Arbetsmarknadsenheten": 4.0, "Kommunledningskontoret": 1.5, "Vuxenutbildningen": 2.0,
    "Barn- och utbildningsförvaltningen": 1.0, "Individ- och familjeomsorgen": 1.0,
    "Gymnasieskolan": 1.0, "Näringslivskontoret": 0.8, "Integrationsenheten": 1.0,
    "Försörjningsstöd": 0.6, "Lärcentrum": 0.8, "Arbetsmarknads- och familjeförvaltningen": 0.5,
    "Jobbcentrum": 0.6, "Flyktingmottagningen": 0.5, "Daglig verksamhet": 0.4,
}  # fmt: skip
# Used only when data/reference/ has no unit table.
MUNICIPAL_UNITS = tuple(UNIT_POPULARITY.items())
#: Study associations: popularity and e-mail domains, by key of data/reference/organisations.csv.
STUDY_POPULARITY = {"folkuniversitetet": 4.0, "abf": 4.0, "studieforbundet-vuxenskolan": 3.0,
                    "studieframjandet": 1.5, "medborgarskolan": 1.5, "sensus": 1.0, "bilda": 1.0, "nbv": 0.7}  # fmt: skip
STUDY_DOMAINS = {"folkuniversitetet": "folkuniversitetet.se", "abf": "abf.se", "studieforbundet-vuxenskolan": "sv.se",
                 "sensus": "sensus.se", "bilda": "bilda.nu", "nbv": "nbv.se"}  # fmt: skip
STUDY_ASSOCIATIONS = (
    ("Folkuniversitetet", "folkuniversitetet.se", 4.0),
    ("ABF", "abf.se", 4.0),
    ("Studieförbundet Vuxenskolan", "sv.se", 3.0),
)
# Used only when data/reference/ has no agency table yet.
FALLBACK_AGENCIES = (
    ("Arbetsförmedlingen", ("Af", "AF"), "2021005646", "arbetsformedlingen.se"),
    ("Försäkringskassan", ("FK",), "2021005521", "forsakringskassan.se"),
    ("Migrationsverket", (), "2021001595", "migrationsverket.se"),
    ("Kriminalvården", (), "2021002825", "kriminalvarden.se"),
    ("Skolverket", (), "2021005729", "skolverket.se"),
    ("Socialstyrelsen", (), "2021000118", "socialstyrelsen.se"),
)
#: How often an agency appears among a project's co-financiers or partners.
AGENCY_RATES = {
    "arbetsformedlingen": 0.78,
    "forsakringskassan": 0.5,
    "migrationsverket": 0.06,
    "kriminalvarden": 0.04,
    "skolverket": 0.02,
    "socialstyrelsen": 0.02,
}
COUNTRIES = (
    # (Swedish name, upper-case heading form, ISO, org templates, cities, weight)
    ("Italien", "ITALIEN", "IT", ("Cooperativa Sociale {w}", "Consorzio {w}", "Associazione {w}"),
     ("Florens", "Bologna", "Turin", "Milano", "Neapel"), 3.0),
    ("Tyskland", "TYSKLAND", "DE", ("{w} Bildungswerk e.V.", "Jobcenter {c}", "{w} gGmbH"),
     ("Berlin", "Hamburg", "München", "Leipzig", "Köln"), 4.0),
    ("England", "ENGLAND", "GB", ("{w} Trust", "{w} Community Foundation"),
     ("London", "Manchester", "Leeds", "Bristol"), 2.0),
    ("Spanien", "SPANIEN", "ES", ("Fundación {w}", "Asociación {w}"),
     ("Madrid", "Barcelona", "Sevilla", "Valencia"), 2.5),
    ("Finland", "FINLAND", "FI", ("{w} ry", "{w} Oy"),
     ("Helsingfors", "Åbo", "Tammerfors", "Uleåborg"), 3.0),
    ("Polen", "POLEN", "PL", ("Fundacja {w}", "Stowarzyszenie {w}"),
     ("Krakow", "Gdansk", "Warszawa", "Lodz"), 2.0),
    ("Nederländerna", "NEDERLÄNDERNA", "NL", ("Stichting {w}",),
     ("Amsterdam", "Rotterdam", "Utrecht"), 1.5),
    ("Frankrike", "FRANKRIKE", "FR", ("Association {w}",), ("Paris", "Lyon", "Lille"), 1.0),
    ("Irland", "IRLAND", "IE", ("{w} Partnership",), ("Dublin", "Cork"), 1.0),
    ("Danmark", "DANMARK", "DK", ("Jobcenter {c}", "{w} ApS"), ("Köpenhamn", "Århus", "Odense"), 1.5),
    ("Estland", "ESTLAND", "EE", ("MTÜ {w}",), ("Tallinn", "Tartu"), 0.7),
    ("Österrike", "ÖSTERRIKE", "AT", ("Verein {w}",), ("Wien", "Graz"), 0.8),
    ("Belgien", "BELGIEN", "BE", ("{w} vzw",), ("Bryssel", "Antwerpen", "Gent"), 0.8),
    ("Portugal", "PORTUGAL", "PT", ("Associação {w}",), ("Lissabon", "Porto"), 0.6),
)  # fmt: skip
FOREIGN_WORDS = (
    "Il Ponte|Nuova Vita|Horizon|Bridge|Nova|Aurora|Phoenix|Futura|Insieme|Arcobaleno|"
    "Gateway|Pathways|Compass|Lighthouse|Sol|Esperanza|Nordlicht|Zukunft|Brücke|Impuls|"
    "Kompas|Nadzieja|Toivo|Silta|Avenir|Tremplin"
).split("|")
TITLE_WORDS = (
    "Trappsteget|Jobbtrappan|INTRO|JOBBINVEST-ering|Vägen vidare|Steg för steg|Nya möjligheter|"
    "Kompetenslyftet|Unga in|Framtidsverkstaden|Bron till arbete|Jobbsprånget|Mötesplats jobb|"
    "Integration i arbete|Kraftsamling|Språngbrädan|Nästa steg|Arbetslinjen|Tillsammans|"
    "Lärande i arbete|Hälsa och arbete|Yrkesvägen|Startpunkten|Kompassen|Navet|Brobygget|"
    "Rätt kompetens|Fler i jobb|Växtkraft|Mentorskap|Inkludera|Plattformen|Lotsen|Ankaret|"
    "Drivkraft|Validering nu|Första jobbet|Resursen|Fokus framtid|Ny start|Hela vägen"
).split("|")
TITLE_SUFFIXES = ("", "", "", " 2.0", " II", " – fas 2", " plus", " i {place}", " {place}", " för unga",
                  " för nyanlända", " – en väg till arbete", " {year}")  # fmt: skip
SENTENCES = (
    "Målgruppen för projektet är ungdomar i åldern 16-24 år som har svårt att få tillträde till arbetsmarknaden.",
    "Projektet riktar sig till kvinnor och män som står långt ifrån arbetsmarknaden.",
    "Syftet med projektet är att skapa en samsyn hos samverkande organisationer kring målgruppen.",
    "Arbetsmarknaden i regionen har haft en positiv utveckling under de senaste åren.",
    "Trots det riskerar en växande grupp att hamna i ett långvarigt utanförskap.",
    "Lång arbetslöshet, ohälsa och bristande nätverk är faktorer som leder till marginalisering.",
    "Deltagarna erbjuds individuellt stöd i form av coachning, kartläggning och arbetsträning.",
    "Projektet kommer att arbeta med en modell där arbetsgivare rekryteras och bjuds in att delta.",
    "Utvärdering av projektet sker löpande genom enkäter till deltagare och samverkansparter.",
    "En styrgrupp med representanter för de samverkande parterna följer arbetet.",
    "Genom samverkan kan resurserna användas mer effektivt.",
    "Erfarenheter från tidigare projekt visar att tidiga insatser ger bäst resultat.",
    "Projektet ska ha ett tydligt jämställdhetsperspektiv i alla delar.",
    "Lokalerna är anpassade för personer med funktionsnedsättning.",
    "Minst 50 % av deltagarna ska ha påbörjat arbete eller studier vid projektets slut.",
    "Deltagarna ska uppleva att de har kommit närmare arbetsmarknaden.",
    "Kompetensutveckling av personalen är en viktig del av projektet.",
    "Metoderna ska implementeras i ordinarie verksamhet efter projekttiden.",
    "Projektet bygger på ett salutogent och lösningsfokuserat förhållningssätt.",
    "Näringslivet i regionen efterfrågar arbetskraft med yrkeskompetens.",
    "Validering av tidigare kunskaper ger deltagarna en snabbare väg till arbete.",
    "Språkstöd kombineras med praktik på en arbetsplats.",
    "Projektet samverkar med lokala företag kring praktikplatser och handledning.",
    "Resultaten sprids genom seminarier, nyhetsbrev och en slutkonferens.",
    "En extern utvärderare följer projektet och återkopplar till styrgruppen.",
    "Deltagandet omfattar sex till tolv månader per individ.",
    "Insatserna ska anpassas efter varje deltagares förutsättningar och behov.",
    "Målet är att utveckla en hållbar modell för samverkan på lokal nivå.",
    "Kartläggningen ligger till grund för en individuell handlingsplan.",
    "Projektet ska motverka diskriminering och främja lika möjligheter.",
    "Tillgängligheten säkerställs genom anpassade lokaler och material.",
    "Jämställdhetsintegrering sker genom att statistik redovisas uppdelad på kön.",
    "Projektledningen ansvarar för att resultaten dokumenteras och sprids.",
    "Den psykosociala hälsan hos deltagarna ska förbättras under projekttiden.",
    "Insatserna kombinerar studier, praktik och hälsofrämjande aktiviteter.",
    "Projektet är ett komplement till de ordinarie insatserna hos myndigheterna.",
    "Unga kvinnor är en grupp som är särskilt utsatt.",
    "Arbetsgivare får stöd i att ta emot och handleda deltagare.",
    "Nyanlända ges möjlighet att kombinera svenska för invandrare med arbetsträning.",
    "Projektet arbetar med att bryta könsbundna studie- och yrkesval.",
)
TRANSNATIONAL_BODIES = (
    "Samarbete med organisationen {org} i {where}. Samarbetet syftar till att hämta kunskap och erfarenhet "
    "om metoder för att nå målgruppen, genom studiebesök och gemensamma seminarier för deltagare, praktiker "
    "och beslutsfattare.",
    "Under förprojekteringen har ett samarbete initierats med {org} i {where}. Organisationen har lång "
    "erfarenhet av arbete med målgruppen och parterna planerar ömsesidiga studiebesök.",
    "Projektet utbyter erfarenheter med {org} ({where}) kring validering och arbetsplatsförlagt lärande. "
    "Deltagare och personal från båda länderna möts vid två tillfällen per år.",
    "Transnationella partner är {org} i {where}. Tillsammans utvecklas en gemensam modell för "
    "vägledning, som prövas i båda länderna och sprids inom {country} och Sverige.",
)
#: Sentences that make municipalities named by bare place name parties of the project.
PLACE_TEMPLATES = (
    "I projektet deltar kommunerna {places}.",
    "Projektet är ett samarbete mellan kommunerna {places}.",
    "Kommunerna {places} medverkar i projektet.",
)

MENTION_TEMPLATES = (
    "Projektet genomförs i samverkan med {orgs}.",
    "Samverkan sker med flera relevanta parter såsom {orgs}.",
    "Arbetet bedrivs tillsammans med {orgs} samt lokala arbetsgivare.",
    "I styrgruppen ingår representanter för {orgs}.",
)
BANNERS_2007 = (
    "Logotyp på utskrifter",
    "Stäng",
    "{day} {month} - Webbinarium om {topic}",
    "Mer information och anmälan.",
)
WEBINAR_TOPICS = ("fattigdom i dagens Sverige", "social innovation", "unga som varken arbetar eller studerar",
                  "jämställdhet i projekt", "ESF+ och den nya programperioden")  # fmt: skip
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")  # fmt: skip
COOKIE_BANNER = (
    "Vi använder kakor (cookies) för att webbplatsen ska fungera på ett bra sätt för dig. "
    "Genom att klicka vidare godkänner du att vi använder kakor.",
    "Jag förstår",
)
SECTIONS_2007 = (
    "Sammanfattning",
    "Bakgrund",
    "Syfte",
    "Målsättning",
    "Tillgänglighet för personer med funktionsnedsättning",
    "Jämställdhetsintegrering",
)
AREAS_2007 = ("Programområde 1 Kompetensutveckling för sysselsatta", "Programområde 2 Ökat arbetskraftsutbud")
AREAS_2014 = ("1.1 Kompetensförsörjning", "1.2 Kompetensförsörjning", "2.1 Ökade övergångar till arbete",
              "2.2 Ökade övergångar till arbete", "2.3 Ökade övergångar till arbete",
              "3.1 Sysselsättningsinitiativet för unga")  # fmt: skip
ESFPLUS_OBJECTIVES = ("A1A", "A2A", "A2D", "A3G", "B1D", "B2H", "B3K", "C1H", "C2L", "D1A", "E1M")

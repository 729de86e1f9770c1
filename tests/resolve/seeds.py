"""Hand-built records with the values the five seed pages print (data/pages/).

Used until the extractor can be called on the seeds, and to pin what the resolver does
with exactly these values; the free-text sections hold the sentences that name
organisations, copied from the pages.
"""

from __future__ import annotations

from esfgraph.model import ProjectRecord

__all__ = ["SEED_RECORDS", "seed_record"]

_SMALAND = [
    "Alvesta", "Aneby", "Borgholm", "Eksjö", "Emmaboda", "Gislaved", "Gnosjö", "Gotland", "Habo",
    "Hultsfred", "Högsby", "Jönköping", "Kalmar", "Lessebo", "Ljungby", "Markaryd", "Mullsjö",
    "Mönsterås", "Mörbylånga", "Nybro", "Nässjö", "Oskarshamn", "Sävsjö", "Tingsryd", "Torsås",
    "Tranås", "Uppvidinge", "Vaggeryd", "Vetlanda", "Vimmerby", "Värnamo", "Västervik", "Växjö", "Älmhult",
]
_SYD = [
    "Bjuv", "Bromölla", "Burlöv", "Båstad", "Eslöv", "Helsingborg", "Hässleholm", "Höganäs", "Hörby",
    "Höör", "Karlshamn", "Karlskrona", "Klippan", "Kristianstad", "Kävlinge", "Landskrona", "Lomma",
    "Lund", "Malmö", "Olofström", "Osby", "Perstorp", "Ronneby", "Simrishamn", "Sjöbo", "Skurup",
    "Staffanstorp", "Svalöv", "Svedala", "Sölvesborg", "Tomelilla", "Trelleborg", "Vellinge", "Ystad",
    "Åstorp", "Ängelholm", "Örkelljunga", "Östra Göinge",
]

SEED_RECORDS: dict[str, ProjectRecord] = {
    "000": ProjectRecord(
        source="data/pages/000_ebc39ac141ca286d.txt", format="esf-2007", title="Trappsteget",
        owner="AME - Arbetsmarknadsenheten", contact_email="michael.anderberg@vaggeryd.se",
        period_start="2008-05-01", period_end="2010-10-31", region="Småland och Öarna",
        co_financiers=["Af Jönköping", "Arbetsmarknadsavdelningen", "Försäkringskassan Värnamo",
                       "Socialförvaltningen", "Socialtjänsten"],
        partners=["Arbetsförmedlingen Vaggeryd", "Arbetsmarknadsavdelningen", "Fenix Kunskapscentrum",
                  "Försäkringskassan Värnamo", "Socialförvaltningen", "Socialtjänsten"],
        municipalities=_SMALAND, transnational_text="Inget",
        sections={
            "Sammanfattning": "Projektet Trappsteget kommer att genomföras i samverkan med de kommunala "
            "arbetsmarknadsorganisationerna och socialförvaltningarna i Vaggeryd och Jönköping, genom "
            "gymnasieutbildningen, Arbetsförmedlingen, Försäkringskassan, näringslivet. Osäkerhet finns även "
            "kring arbetsförmedlingens åtgärder. Hälsohögskolan i Jönköping kommer att kontaktas.",
            "Bakgrund": "Sedan augusti 2007 har arbetsmarknadsavdelningarna i Jönköping (AMA) och Vaggeryd (AME) "
            "fört en dialog. AMA i Jönköping och AME i Vaggeryd kommer även att ansöka om ett gemensamt projekt.",
            "Målsättning": "anpassade yrkesutbildningar, Siusstöd, Samhall, lönebidrag, boendestöd",
            "Transnationellt samarbete": "Inget",
        },
    ),
    "001": ProjectRecord(
        source="data/pages/001_4dc85357327c1bbb.txt", format="esf-2007", title="Jobbtrappan",
        owner="Eskilstuna kommun, Arbetsmarknads och familjeförv",
        contact_email="elisabeth.lallukka@eskilstuna.se", period_start="2011-08-01", period_end="2014-06-30",
        region="Östra Mellansverige",
        co_financiers=["Arbetsförmedlingen Eskilstuna", "Eskilstuna kommun, Arbetsmarknads och familjeförv"],
        partners=["Arbetsförmedlingen Eskilstuna"], municipalities=["Eskilstuna"],
        sections={
            "Sammanfattning": "Eskilstuna kommun har en stor grupp ensamstående kvinnor och män som varit "
            "långvarigt beroende av försörjningsstöd.",
            "Bakgrund": "Genom samarbete med kommunens förvaltningar och bolag samt med Arbetsförmedlingen "
            "kan deltagarna följas under hela projektperioden.",
        },
    ),
    "002": ProjectRecord(
        source="data/pages/002_2b3fa1d7a6e76dce.txt", format="esf-2007", title="INTRO",
        owner="Kommunledningskontoret", contact_email="Magdalena.Fjellner@jokkmokk.se",
        period_start="2009-01-07", period_end="2010-12-31", region="Övre Norrland",
        co_financiers=["Arbetsförmedlingen i Gällivare", "Arbetsförmedlingen Älvsbyn", "Försäkringskassan Gällivare",
                       "Norrbottens läns landsting", "Socialtjänsten", "Tillväxt och kommunikation"],
        partners=["Arbetsförmedlingen i Gällivare", "Arbetsförmedlingen Älvsbyn", "DHR Älvsbyn", "Excentrum AB",
                  "Försäkringskassan Gällivare", "Socialtjänsten",
                  "Solkraft Skellefteå kommun Enheten för Försörjningsstöd", "Älvsby folkhögskola"],
        municipalities=["Jokkmokk", "Skellefteå", "Älvsbyn"],
        transnational_text=(
            "Projektet kommer att samarbeta med två verksamheter/partnerorganisationer inom ramen för "
            "transnationellt samarbete.\n\nITALIEN, TN-aktivitet 1:\nSamarbete med sociala kooperativ i Italien. "
            "Under förprojekteringen har initierats ett samarbete med organisationen Obbietivo Formazione (ObF) "
            "i Florens. Genom European Minds finns ett långvarigt samarbete etablerat med ObF. För de deltagande "
            "praktikerna, anställda i projektet eller ordinarie verksamhet vid af, fk eller kommun.\n\n"
            "ENGLAND, TN-aktivitet 2:\nNär det gäller studieresan till England har förprojekteringen visat att man "
            "nått stor framgång med målgrupperna i program organiserade av Ingeus/Work directions. UK. Vid "
            "Employment week i Bryssel 2008 förevisades några av resultaten. I samband med omorganiseringen av "
            "arbetsförmedlingens verksamhet har man i England nu planer på att etablera verksamhet i Sverige."
        ),
        sections={
            "Bakgrund": "WS 2 med representanter för politiken, kommunen, skola/utbildning, socialtjänsten, "
            "arbetsförmedling, ideella sektorn och näringslivet. Samplanering med Älvsbyns kommun.",
        },
    ),
    "003": ProjectRecord(
        source="data/pages/003_a9bc3cbe2c0d61c5.txt", format="esf-2007", title="JOBBINVEST-ering",
        owner="Kävlinge Lärcentrum", contact_email="christer.stenberg@kavlinge.se",
        period_start="2008-05-01", period_end="2008-09-30", region="Sydsverige",
        co_financiers=["Kävlinge Lärcentrum"], municipalities=_SYD,
        transnational_text="Ingen transnationell verksamhet.",
        sections={
            "Sammanfattning": "Kävlinge Lärcentrum har under 15 år arbetat på uppdrag av AF, FK och "
            "Socialtjänsten med långtidsarbetslösa/-sjukskrivna individer.",
            "Bakgrund": "denna kompetens saknas idag i den befintliga samverkansgruppen i Kävlinge där AF, FK, "
            "SOC ingår. Vi vill engagera HSO i förprojekteringsfasen.",
        },
    ),
    "004": ProjectRecord(
        source="data/pages/004_e1f4b13072c7ae19.txt", format="esf-2014", title="SMÖT",
        project_number="2019/00144", owner="Folkuniversitetet, Jönköpings län och Gotland",
        contact_email="mats.ladeback@folkuniversitetet.se", period_start="2019-09-02", period_end="2022-06-24",
        region="Småland & Öarna", planned_participants=120,
        sections={
            "Beskrivning": "Med bakgrund i tidigare projekt och från goda resultat från Folkuniversitetet i "
            "Jönköpings projekt \"Trygg Start till utbildningskontrakt\" (Ett samarbete mellan "
            "Arbetsförmedlingen (AF) och Folkuniversitetet (FU) som finansierats av Folkbildningsrådet) samt "
            "med erfarenhet från med Försäkringskassan, Arbetsförmedlingen och Socialtjänsten ser vi ett stort "
            "behov. För att lyckas i projektet sker en samverkan med flera relevanta parter såsom "
            "Arbetsförmedlingen, Försäkringskassan, Socialförvaltningen och Regionen.",
        },
    ),
}


def seed_record(number: str) -> ProjectRecord:
    """Return a fresh copy of the hand-built record of seed ``number`` ("000".."004")."""
    return ProjectRecord.from_dict(SEED_RECORDS[number].to_dict())

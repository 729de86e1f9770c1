"""How each page layout prints a project, as text (like the seed pages) or as HTML."""

from __future__ import annotations

import html
import random
from typing import Callable, Iterable, Sequence

from .projects import Project
from .universe import Universe
from .util import sek
from .vocabulary import (
    BANNERS_2007, COOKIE_BANNER, ESF_REGIONS, MENTION_TEMPLATES, MONTHS, SECTIONS_2007, SENTENCES, WEBINAR_TOPICS,
)

__all__ = ["Block", "LAYOUT_WRITERS", "render_text", "render_html"]


#
# A page is a list of blocks; the same blocks print as text or as HTML, so the two
# formats of one page say exactly the same thing.
#   ("line", text)            a line of its own (banner, title, "In English")
#   ("glued", label, value)   2007 print: label and value on one line, no separator
#   ("pair", label, value)    newer layouts: the label on one line, its value on the next
#   ("heading", text)         a section heading
#   ("para", text)            a paragraph (may hold single newlines)
#   ("bullets", items, pre)   a bullet list, each item as "<pre>• item"
#   ("blank",)                an empty line

Block = tuple


def _paragraphs(u: Universe, rng: random.Random, low: int, high: int) -> list[Block]:
    return [("para", u.paragraphs[rng.randrange(len(u.paragraphs))]) for _ in range(rng.randint(low, high))]


def _section(u: Universe, rng: random.Random, heading: str, low: int = 1, high: int = 3) -> list[Block]:
    blocks: list[Block] = [("heading", heading), ("blank",)]
    if rng.random() < 0.04:  # a heading that repeats (seed 003: "Sammanfattning" twice)
        blocks += [("heading", heading), ("blank",)]
    for para in _paragraphs(u, rng, low, high):
        blocks += [para, ("blank",)]
    return blocks


def _mention_sentence(p: Project, rng: random.Random) -> Block | None:
    names = [m.printed for m in p.text_mentions]
    if not names:
        return None
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
    return ("para", rng.choice(MENTION_TEMPLATES).format(orgs=joined))


def _description(u: Universe, p: Project, rng: random.Random, most: int) -> list[Block]:
    """The free text after the fields of the newer layouts: 3 to ``most`` paragraphs, one
    of them (anywhere) naming the organisations the text mentions."""
    paras = _paragraphs(u, rng, 3, most)
    sentence = _mention_sentence(p, rng)
    if sentence:
        paras.insert(rng.randrange(len(paras) + 1), sentence)
    for phrase in p.text_phrases:
        paras.insert(rng.randrange(len(paras) + 1), ("para", phrase))
    blocks: list[Block] = []
    for para in paras:
        blocks += [para, ("blank",)]
    return blocks


def _numbered_heading(number: str, title: str, rng: random.Random) -> list[Block]:
    """The ``DNR - Title`` heading of the newer layouts, a cookie banner before it on some pages."""
    blocks: list[Block] = []
    if rng.random() < 0.2:
        blocks += [("line", COOKIE_BANNER[0]), ("line", COOKIE_BANNER[1]), ("blank",)]
    return blocks + [("line", f"{number} - {title}"), ("blank",)]


def _field_lines(pairs: list[tuple[str, str | None]], rng: random.Random, suffix: str = "",
                 droppable: tuple[str, ...] = ()) -> list[Block]:
    """Each label on a line of its own (``label + suffix``), its value on the next, then a
    blank line; a ``droppable`` label without a value is left out on half of the pages."""
    blocks: list[Block] = []
    for label, value in pairs:
        if value is None and label in droppable and rng.random() < 0.5:
            continue
        blocks.append(("pair", label + suffix, value))
    return blocks + [("blank",)]


def _region(p: Project, defect: str | None, column: int) -> str | None:
    """The region as printed (``column`` of ``ESF_REGIONS``: 0 the 2007 name, 1 the later one)."""
    if defect == "missing_region":
        return None
    return ESF_REGIONS[p.region_key][column] if p.region_key else "Nationellt"


def _trimmed(blocks: list[Block]) -> list[Block]:
    """``blocks`` without blank lines at the end (a page ends on its last text)."""
    while blocks and blocks[-1] == ("blank",):
        blocks.pop()
    return blocks


#: Paragraphs (fewest, most) under each of ``SECTIONS_2007``: chosen so that pages average
#: ~11 kB, like the seed pages (14-23 kB).
_PARAGRAPHS_2007 = ((1, 6), (2, 10), (1, 5), (1, 6), (1, 3), (1, 4))


def blocks_2007(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    """The 2007–2013 print layout (seeds 000–003): banners, glued labels, sections, bullet lists."""
    blocks: list[Block] = []
    day, month = rng.randint(1, 28), rng.choice(MONTHS)
    for banner in BANNERS_2007:
        if rng.random() < 0.7:
            blocks += [("line", banner.format(day=day, month=month, topic=rng.choice(WEBINAR_TOPICS))), ("blank",)]
    blocks += [("line", p.title), ("blank",)]
    if rng.random() < 0.03:
        p.contact_name = p.contact_name[0].lower() + p.contact_name[1:]  # "Kontaktpersonstefan Johansson"
    if rng.random() < 0.1:
        p.omitted.add("contact_phone")
    grant = f"{sek(p.grant, chr(0xA0))} kr"
    budget = f"{sek(p.budget, chr(0xA0))} kr"
    fields = [
        ("Programområde", p.programme_area),
        ("Projektfas", p.phase),
        ("Projektägare", p.owner_printed),
        ("Kontaktperson", p.contact_name),
        ("E-post", p.contact_email),
        ("Telefonnummer", None if "contact_phone" in p.omitted else p.contact_phone),
        ("Beviljat ESF-stöd", grant),
        ("Total projektbudget", budget),
        ("Projektperiod", f"{p.start} till {p.end}"),
        ("Region", _region(p, defect, 0)),
    ]
    for label, value in fields:
        if value is not None:
            blocks.append(("glued", label + (" " if rng.random() < 0.04 else ""), value))
    blocks += [("line", "In English"), ("blank",)]
    for heading, (fewest, most) in zip(SECTIONS_2007, _PARAGRAPHS_2007, strict=True):
        blocks += _section(u, rng, heading, fewest, most)
    if rng.random() < 0.2:
        blocks += _section(u, rng, "Regionala prioriteringar", 1, 1)
    if p.transnational:
        blocks += [("heading", "Transnationellt samarbete"), ("blank",)]
        for part in p.transnational_text.split("\n\n"):
            blocks += [("para", part), ("blank",)]
    prefix = rng.choice((" ", " ", "  ", "\u00a0"))
    for heading, items in (
        ("Medfinansiärer", [m.printed for m in p.co_financiers]),
        ("Samarbetspartners", [m.printed for m in p.partners]),
        ("Kommun", [m.name for m in p.municipalities]),
    ):
        if items:
            blocks += [("heading", heading), ("blank",), ("bullets", items, prefix), ("blank",)]
    if rng.random() < 0.5:
        blocks.append(("heading", "Relaterade dokument"))
    return _trimmed(blocks)


def _header_pairs(p: Project, rng: random.Random, defect: str | None, budget_sep: str = " ") -> list[tuple[str, str | None]]:
    region = _region(p, defect, 1)
    budget: str | None = sek(p.budget, budget_sep)
    if defect == "budget_1_1":
        budget = "1.1"
    pairs: list[tuple[str, str | None]] = [
        ("Projektägare", p.owner_printed),
        ("Namn" if rng.random() < 0.85 else "Name", p.title),
        ("Region", region),
        ("Planerat antal deltagare", str(p.planned_participants)),
        ("Projektperiod", f"{p.start} - {p.end}"),
        ("Total projektbudget", budget),
        ("Beviljat ESF-stöd", sek(p.grant, budget_sep)),
        ("Kontaktperson", p.contact_name),
        ("E-post", p.contact_email),
    ]
    if defect == "total_kostnader":
        pairs[5] = ("Total Kostnader", "-2147483648")
    if region is None and rng.random() < 0.5:
        pairs = [pair for pair in pairs if pair[0] != "Region"]
    return pairs


def blocks_2014(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    """The 2014–2020 colon layout (seed 004): ``DNR - Title``, ``Label:`` lines, free text."""
    blocks = _numbered_heading(p.project_number, p.title, rng)
    pairs = [("Projektnummer", p.project_number)]
    if p.diary_number:
        pairs.append(("Diarienummer", p.diary_number))
    header = _header_pairs(p, rng, defect)
    if rng.random() < 0.25:  # field order varies: swap two neighbours
        i = rng.randrange(len(header) - 1)
        header[i], header[i + 1] = header[i + 1], header[i]
    pairs += header
    pairs += [
        ("Stödmottagare postnr", f"{rng.randint(100, 989)}{rng.randint(10, 99)}"),
        ("Stödmottagarens address", None if rng.random() < 0.6 else f"{rng.choice(('Storgatan', 'Kyrkogatan', 'Järnvägsgatan', 'Box'))} {rng.randint(1, 120)}"),
        ("Programområde", p.programme_area),
        ("Specifikt mål", p.specific_objective),
        ("Unionens medfinansieringsgrad", p.co_financing_rate),
        ("Interventionstyp", p.intervention_type),
    ]  # fmt: skip
    blocks += _field_lines(pairs, rng, ":")
    blocks += _description(u, p, rng, 16)
    if rng.random() < 0.3:
        items = [rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))]
        blocks += [("bullets", items, ""), ("blank",)]
    return _trimmed(blocks)


def blocks_intermediate(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    """The intermediate 2014 layout: no colons, ``Utlysning`` first, ``2016-10-01-2018-09-30``."""
    blocks: list[Block] = [("line", p.title), ("blank",)]
    region = _region(p, defect, 1)
    budget = "1.1" if defect == "budget_1_1" else sek(p.budget)
    pairs = [
        ("Utlysning", p.call_number),
        ("Projektnummer", p.project_number),
        ("Projektägare", p.owner_printed),
        ("Region", region),
        ("Projektperiod", f"{p.start}-{p.end}"),
        ("Programområde", p.programme_area),
        ("Beviljat ESF-stöd", sek(p.grant)),
        ("Total projektbudget", budget),
        ("Kontaktperson", p.contact_name),
        ("E-post", p.contact_email),
    ]
    if defect == "total_kostnader":
        pairs[7] = ("Total Kostnader", "-2147483648")
    blocks += _field_lines(pairs, rng, droppable=("Region",))
    return _trimmed(blocks + _description(u, p, rng, 14))


def blocks_esfplus(u: Universe, p: Project, rng: random.Random, defect: str | None) -> list[Block]:
    """The ESF+ 2021–2027 layout: diary number, fund, dates, owner in capitals with its number."""
    blocks = _numbered_heading(p.diary_number, p.title, rng)
    number = p.org_number
    printed_number = number if rng.random() < 0.5 else f"{number[:6]}-{number[6:]}"
    region = _region(p, defect, 1)
    pairs: list[tuple[str, str | None]] = [
        ("Diarienummer", p.diary_number),
        ("Namn", p.title),
        ("Projektägare", p.owner_printed),
        ("Projektägare organisationsnummer" if rng.random() < 0.7 else "Projektägare org.nr.", printed_number),
        ("Fond", "ESF+"),
        ("Programperiod", "2021-2027"),
        ("Startdatum", p.start),
        ("Slutdatum", p.end),
        ("Region", region),
        ("Programområde", p.programme_area),
        ("Specifikt mål", p.specific_objective),
    ]
    if rng.random() < 0.4:
        pairs.append(("NUTS2", ESF_REGIONS[p.region_key][2] if p.region_key else None))
    if rng.random() < 0.85:
        pairs.append(("Beviljat ESF-stöd", sek(p.grant)))
    else:
        p.omitted.add("esf_grant_sek")
    if rng.random() < 0.8 or defect == "budget_1_1":
        pairs.append(("Total projektbudget", "1.1" if defect == "budget_1_1" else sek(p.budget)))
    else:
        p.omitted.add("total_budget_sek")
    if defect == "total_kostnader":
        pairs = [pair for pair in pairs if pair[0] != "Total projektbudget"] + [("Total Kostnader", "-2147483648")]
    if rng.random() < 0.75:
        pairs += [("Kontaktperson", p.contact_name), ("E-post", p.contact_email)]
    else:
        p.omitted.update(("contact_name", "contact_email"))
    pairs += [
        ("Planerat antal deltagare", str(p.planned_participants)),
        ("Unionens medfinansieringsgrad", p.co_financing_rate),
        ("Interventionstyp", p.intervention_type),
    ]
    blocks += _field_lines(pairs, rng, ":", droppable=("Region", "NUTS2"))
    return _trimmed(blocks + _description(u, p, rng, 14))


LAYOUT_WRITERS: dict[str, Callable[[Universe, Project, random.Random, str | None], list[Block]]] = {
    "esf-2007-print": blocks_2007,
    "esf-2014-colon": blocks_2014,
    "esf-2014-intermediate": blocks_intermediate,
    "esf-2021": blocks_esfplus,
}


def render_text(blocks: Iterable[Block]) -> str:
    """Print blocks as the project bank's text pages look (no final newline, like the seeds)."""
    lines: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind in ("line", "heading", "para"):
            lines.append(block[1])
        elif kind == "glued":
            lines.append(block[1] + block[2])
        elif kind == "pair":
            lines.append(block[1])
            if block[2] is not None:
                lines.append(block[2])
        elif kind == "bullets":
            lines.extend(f"{block[2]}• {item}" for item in block[1])
        else:
            lines.append("")
    return "\n".join(lines)


_HTML_HEAD = (
    '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<title>{title} | Svenska ESF-rådet</title>\n'
    '<link rel="stylesheet" href="/static/css/main.css">\n<style>.project-facts span.label{{font-weight:bold}}</style>\n'
    '<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>\n'
    "</head>\n<body>\n"
    '<nav class="site-nav" aria-label="Huvudmeny"><ul><li><a href="/">Startsida</a></li>'
    '<li><a href="/projektbanken/">Projektbanken</a></li><li><a href="/om-oss/">Om oss</a></li></ul></nav>\n'
)
_HTML_FOOT = (
    '<footer class="site-footer"><p>Svenska ESF-rådet · Box 471 · 101 29 Stockholm</p>'
    '<p><a href="/om-webbplatsen/kakor/">Om kakor</a></p></footer>\n'
    '<script src="/static/js/main.js"></script>\n</body>\n</html>\n'
)


def render_html(blocks: Sequence[Block], title: str) -> str:
    """Print blocks as the same page saved from a browser: block structure, nav, scripts."""
    e = html.escape
    out = [_HTML_HEAD.format(title=e(title, quote=False)), '<main id="content">\n']
    in_facts = False
    title_done = False
    for block in blocks:
        kind = block[0]
        is_fact = kind in ("glued", "pair")
        if is_fact and not in_facts:
            out.append('<div class="project-facts">\n')
            in_facts = True
        elif not is_fact and in_facts and kind != "blank":
            out.append("</div>\n")
            in_facts = False
        if kind == "line":
            if not title_done and (block[1] == title or block[1].endswith(" - " + title)):
                out.append(f"<h1>{e(block[1], quote=False)}</h1>\n")
                title_done = True
            else:
                out.append(f'<div class="notice">{e(block[1], quote=False)}</div>\n')
        elif kind == "heading":
            out.append(f"<h2>{e(block[1], quote=False)}</h2>\n")
        elif kind == "para":
            out.append("<p>" + "<br>\n".join(e(line, quote=False) for line in block[1].split("\n")) + "</p>\n")
        elif kind == "glued":
            out.append(f'<div class="fact"><span class="label">{e(block[1], quote=False)}</span>'
                       f'<span class="value">{e(block[2], quote=False)}</span></div>\n')  # fmt: skip
        elif kind == "pair":
            value = "" if block[2] is None else e(block[2], quote=False)
            out.append(f'<div class="fact"><div class="label">{e(block[1], quote=False)}</div>'
                       f'<div class="value">{value}</div></div>\n')  # fmt: skip
        elif kind == "bullets":
            out.append("<ul>\n" + "".join(f"<li>{e(item, quote=False)}</li>\n" for item in block[1]) + "</ul>\n")
    if in_facts:
        out.append("</div>\n")
    out.append("</main>\n")
    out.append(_HTML_FOOT)
    return "".join(out)

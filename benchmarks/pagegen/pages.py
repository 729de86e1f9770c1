"""One page: its defect, its bytes (text or HTML, encodings), its name and its ground truth."""

from __future__ import annotations

import hashlib
import random
from typing import Any

from .layouts import LAYOUT_WRITERS, render_html, render_text
from .projects import Mention, Project, make_project
from .universe import Universe
from .vocabulary import DEFECTS, ESF_REGIONS, LAYOUT_FORMAT

__all__ = ["NEWER_LAYOUT_DEFECTS", "choose_defect", "make_page"]


def _sloppy_cp1252(data: bytes) -> str:
    """Decode as Windows-1252, keeping its five undefined bytes as Latin-1 (as browsers do)."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) if 0x80 <= b <= 0x9F else chr(b) for b in data
    )


def _soft_hyphen_debris(text: str, rng: random.Random) -> str:
    """Insert ``¬`` inside a few long words of running text ("prak¬tik")."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 9 and w.isalpha() and w.islower()]
    for i in rng.sample(candidates, min(len(candidates), rng.randint(2, 6))):
        w = words[i]
        cut = rng.randint(3, len(w) - 3)
        words[i] = w[:cut] + "¬" + w[cut:]
    return " ".join(words)


#: Defects that only the newer layouts can carry (the print layout has no such labels).
NEWER_LAYOUT_DEFECTS = ("total_kostnader", "budget_1_1")


def choose_defect(rng: random.Random, share: float, layout: str) -> str | None:
    """Draw the defect of one page (``None`` for most), among those its layout can carry."""
    if rng.random() >= share:
        return None
    names = [n for n in DEFECTS if layout != "esf-2007-print" or n not in NEWER_LAYOUT_DEFECTS]
    return rng.choices(names, [DEFECTS[n][0] for n in names])[0]


def make_page(u: Universe, index: int, html_share: float = 0.1, defect_share: float = 0.02) -> tuple[str, bytes, dict[str, Any]]:
    """Make page ``index``: its file name, bytes and ground-truth record.

    Parameters
    ----------
    u : Universe
        From :func:`load_universe`.
    index : int
        Page number, ``0 <= index < u.n_pages``.
    html_share, defect_share : float
        Shares of pages saved as HTML and of pages with a defect.

    Returns
    -------
    (str, bytes, dict)
        ``NNNNNNN_<hash>.txt|.html``, the file's bytes, and its truth record.
    """
    p, rng = make_project(u, index)
    page_rng = random.Random(f"page:{u.seed}:{index}")
    defect = choose_defect(page_rng, defect_share, p.layout)
    is_html = page_rng.random() < html_share
    blocks = LAYOUT_WRITERS[p.layout](u, p, page_rng, defect)
    if defect == "soft_hyphen":
        blocks = [("para", _soft_hyphen_debris(b[1], page_rng)) if b[0] == "para" else b for b in blocks]
    text = render_html(blocks, p.title) if is_html else render_text(blocks)
    if not is_html and page_rng.random() < 0.3:
        text += "\n"
    if defect == "truncated":
        # Cut inside the block of fields, as an interrupted download does: the page ends
        # before its owner or its period, sometimes in the middle of a line or a tag.
        facts = [i for i, b in enumerate(blocks) if b[0] in ("glued", "pair")]
        head = render_text(blocks[: facts[0]]) if facts else ""
        cut_at = len(head) + 5 if not is_html else text.find('<div class="project-facts">') + 30
        text = text[: page_rng.randint(max(1, cut_at - 4), cut_at + 60)]
    data: bytes
    if defect == "empty":
        data = b""
    elif defect == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif defect == "bom":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    elif defect == "cp1252":
        if is_html:
            text = text.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
        data = text.encode("cp1252", errors="replace")
    elif defect == "mojibake":
        data = _sloppy_cp1252(text.encode("utf-8")).encode("utf-8")
    else:
        data = text.encode("utf-8")
    digest = hashlib.sha1(data).hexdigest()[:16]
    name = f"{index:07d}_{digest}.{'html' if is_html else 'txt'}"
    truth = _truth(p, name, is_html, defect)
    return name, data, truth


def _keys(mentions: list[Mention]) -> list[str]:
    return [m.key for m in mentions]


def _truth(p: Project, name: str, is_html: bool, defect: str | None) -> dict[str, Any]:
    """What the page says and what the pipeline should make of it."""
    gone = defect in ("empty", "truncated")
    total = None if defect in ("budget_1_1", "total_kostnader") or "total_budget_sek" in p.omitted else p.budget
    if defect == "missing_region":
        region = None
    elif not p.region_key:
        region = "Nationellt"
    else:
        region = ESF_REGIONS[p.region_key][0 if p.layout == "esf-2007-print" else 1]

    def shown(key: str, value: Any) -> Any:
        return None if key in p.omitted else value

    return {
        "file": name,
        "index": p.index,
        "layout": p.layout,
        "format": LAYOUT_FORMAT[p.layout],
        "html": is_html,
        "defect": defect,
        "expected_status": list(DEFECTS[defect][1]) if defect else ["ok"],
        "complete": not gone,
        "title": p.title,
        "project_number": p.project_number,
        "diary_number": p.diary_number,
        "call_number": p.call_number,
        "owner": p.owner_printed,
        "owner_key": p.owner.key,
        "owner_kind": p.owner.kind,
        "owner_org_number": p.org_number,
        "owner_municipality_code": p.owner.municipality.code if p.owner.municipality else None,
        "contact_name": shown("contact_name", p.contact_name),
        "contact_email": shown("contact_email", p.contact_email),
        "contact_phone": shown("contact_phone", p.contact_phone) if p.layout == "esf-2007-print" else None,
        "esf_grant_sek": shown("esf_grant_sek", p.grant),
        "total_budget_sek": total,
        "period_start": p.start,
        "period_end": p.end,
        "region_key": None if defect == "missing_region" else (p.region_key or "nationellt"),
        "region": region,
        "co_financiers": [m.printed for m in p.co_financiers],
        "co_financier_keys": _keys(p.co_financiers),
        "partners": [m.printed for m in p.partners],
        "partner_keys": _keys(p.partners),
        "municipalities": [m.name for m in p.municipalities] if p.layout == "esf-2007-print" else [],
        "municipality_codes": [m.code for m in p.municipalities] if p.layout == "esf-2007-print" else [],
        "home_municipality_code": p.home.code,
        "transnational": p.transnational,
        "countries": p.countries,
        "transnational_orgs": [m.printed for m in p.foreign_orgs],
        "transnational_org_keys": _keys(p.foreign_orgs),
        "text_mentions": [m.printed for m in p.text_mentions + p.phrase_mentions],
        "text_mention_keys": _keys(p.text_mentions + p.phrase_mentions),
        "family": p.family,
    }

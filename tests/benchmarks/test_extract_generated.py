"""A generated corpus extracts as its ground truth says: statuses, owners, lists, values.

This ties the generator to the extractor in both directions: a page the generator
writes wrongly, or a layout case the extractor misreads, fails here with the file name.
"""

from __future__ import annotations

from collections import Counter

import pytest

from .conftest import read_truth

extract = pytest.importorskip("esfgraph.extract")

#: Record attribute -> truth key, compared exactly on every complete page.
FIELDS = {
    "title": "title",
    "owner": "owner",
    "co_financiers": "co_financiers",
    "partners": "partners",
    "municipalities": "municipalities",
    "format": "format",
    "period_start": "period_start",
    "period_end": "period_end",
    "esf_grant_sek": "esf_grant_sek",
    "total_budget_sek": "total_budget_sek",
    "contact_name": "contact_name",
    "contact_email": "contact_email",
    "region": "region",
}


@pytest.fixture(scope="module")
def extracted(corpus_defects):
    truth = read_truth(corpus_defects)
    return [(t, extract.extract_file(corpus_defects / t["file"])) for t in truth]


def test_every_page_gets_a_status_its_defect_allows(extracted):
    wrong = [
        (t["file"], t["defect"], result.status, result.reason or result.warnings[:2])
        for t, result in extracted
        if result.status not in t["expected_status"]
    ]
    assert wrong == []
    statuses = Counter(result.status for _, result in extracted)
    defects = Counter(t["defect"] for t, _ in extracted)
    # Clean pages are ok; only the defective fifth may warn or be rejected.
    assert statuses["ok"] >= 300 - sum(defects[d] for d in defects if d)
    assert statuses["rejected"] >= defects["empty"]


def test_extracted_fields_equal_what_the_generator_wrote(extracted):
    mismatches = []
    compared = Counter()
    for t, result in extracted:
        if result.record is None or not t["complete"]:
            continue
        record = result.record
        for attribute, key in FIELDS.items():
            compared[attribute] += 1
            if getattr(record, attribute) != t[key]:
                mismatches.append((t["file"], attribute, getattr(record, attribute), t[key]))
        number = record.project_number or record.diary_number
        if number != (t["project_number"] or t["diary_number"]):
            mismatches.append((t["file"], "project_number", number, t["project_number"] or t["diary_number"]))
        if t["owner_org_number"] and "".join(c for c in (record.owner_org_number or "") if c.isdigit()) != t["owner_org_number"]:
            mismatches.append((t["file"], "owner_org_number", record.owner_org_number, t["owner_org_number"]))
    assert mismatches == []
    assert compared["owner"] > 250


def test_lists_survive_html_and_encoding_defects(extracted):
    checked = Counter()
    for t, result in extracted:
        if t["layout"] != "esf-2007-print" or not t["complete"] or not (t["html"] or t["defect"]):
            continue
        assert result.record is not None, t["file"]
        assert result.record.co_financiers == t["co_financiers"], t["file"]
        assert result.record.municipalities == t["municipalities"], t["file"]
        checked["html" if t["html"] else t["defect"]] += 1
    assert checked["html"] >= 10

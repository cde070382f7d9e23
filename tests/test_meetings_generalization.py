"""Meetings on articles written for this test (tests/fixtures/meetings_generalization/): every gold
meeting field, scored by the rules of ../shared/eval/README.md.

The fixtures vary what the seed and dev articles hold fixed: provinces, autonomous prefectures,
leagues and banners, municipality districts, development zones, townships; party congresses and
plenums, people's congresses and CPPCC sessions and their standing committees, executive and
plenary government meetings, economic work and analysis meetings, symposiums, study sessions,
teleconferences; dates with and without a year, bare days under a dateline, 昨天/今天, ranges;
years from plans, reviews, five-year plans, announced sittings and central sessions, and years
no reader can know; regions named in full, by organizer, by short name, renamed, or never; and
negatives (a press briefing, a meeting notice, rules of procedure, a novel chapter, a statistics
note, an inspection visit). Each NAME.json says in `notes` why it is annotated as it is.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.document.extract import document_id, parse_document
from transforms.shared.models import RawDocument
from warehouse.evaluation import MEETING_FIELDS, field_correct, fold, match_meetings

FIXTURES = Path(__file__).parent / "fixtures" / "meetings_generalization"
GOLD_FILES = sorted(FIXTURES.glob("*.json"))


def parsed_meetings(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    parsed = parse_document(RawDocument(doc_id=document_id(text), source_uri=str(path), raw_text=text))
    return [meeting.model_dump() for meeting in parsed.meetings]


def test_there_are_enough_fixtures():
    assert len(GOLD_FILES) >= 25
    assert all(path.with_suffix(".txt").is_file() for path in GOLD_FILES)
    negatives = [path for path in GOLD_FILES if not json.loads(path.read_text("utf-8"))["meetings"]]
    assert len(negatives) >= 5


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_meeting_fields(gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    predicted = parsed_meetings(FIXTURES / gold["file"])
    # every gold meeting found, and no other (a related headline, a relayed or announced meeting)
    assert len(predicted) == len(gold["meetings"]), [m["name_text"] for m in predicted]
    for number, (expected, index) in enumerate(zip(gold["meetings"], match_meetings(gold["meetings"], predicted))):
        got = predicted[index]
        wrong = {
            field: (expected[field], got.get(field), got["date_basis"] if field == "meeting_date" else None)
            for field in MEETING_FIELDS
            if field in expected and not field_correct(field, expected, got)
        }
        assert not wrong, f"meeting {number + 1}: (expected, got) {wrong}"
        if "meeting_date" in expected and expected["meeting_date"] is None:
            # a year no reader can know is not guessed: NULL date, the month-day kept apart
            assert (got["meeting_date"], got["date_basis"]) == (None, "unknown")
            assert got["month_day"] == expected["month_day"]
    for meeting in predicted:
        for forbidden in gold.get("must_not_contain", []):
            assert fold(forbidden) not in fold(meeting["name_text"])

"""People and proceedings on articles written for this test (tests/fixtures/people_generalization/):
the gold participants with their titles and roles, quorum and adopted documents, scored as
../shared/eval/README.md scores them (optional roles neither rewarded nor penalized, titles as sets).

The fixtures vary what the seed and dev articles hold fixed: title chains of every shape (省委常委、
市委书记; 县人大常委会党组书记、主任; 经开区党工委书记、管委会主任; 团县委书记; 原县政协主席; four titles),
two- to five-character names, compound surnames, names without a Han surname (Tibetan, Mongolian,
Dai, Yi) and dotted transliterations (艾尔肯·吐尼亚孜), notes (女), lists joined by 、 , 和 及 and
spaces, group titles before and after lists (县四大家领导, 等在家县级领导), verbs before their people
(出席会议的县领导还有: / 在主席台就座的有:), every role verb, full-width punctuation; and traps:
leaders only relayed, quoted, delegating or on leave, speakers of a relayed meeting, bylines and
photo credits, rivers and streets in 、 lists, officials named only by office. Each NAME.json says
in `notes` why it is annotated as it is.

People are read inside the scope of the meeting that parse_document finds. Where the meeting
finder misses the only meeting of a fixture (its concern, not this one), the people are read over
the whole article, so that every fixture still tests the people extractor.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms.document.extract import document_id, parse_document
from transforms.shared.models import MeetingRow, RawDocument
from transforms.people.participants import find_participations
from transforms.meetings.proceedings import find_adopted_documents, find_quorum
from warehouse.evaluation import adopted_titles, fold, match_meetings, people_of, quorum_of

FIXTURES = Path(__file__).parent / "fixtures" / "people_generalization"
GOLD_FILES = sorted(FIXTURES.glob("*.json"))


def gold_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def predicted_meetings(text: str, path: Path, gold_meetings: list[dict]) -> list[dict]:
    """The parsed meetings, each with its rows, in the gold's nested shape."""
    parsed = parse_document(RawDocument(doc_id=document_id(text), source_uri=str(path), raw_text=text))
    meetings = []
    for meeting in parsed.meetings:
        rows = meeting.model_dump()
        for table in ("participations", "quorum", "adopted_documents"):
            rows[table] = [row.model_dump() for row in getattr(parsed, table) if row.meeting_id == meeting.meeting_id]
        meetings.append(rows)
    if not meetings and len(gold_meetings) == 1:  # the finder missed it: read the whole article
        whole = MeetingRow(name_text=gold_meetings[0]["name_text"], kinds=["other"], span_start=0, span_end=1,
                           scope_start=0, scope_end=len(parsed.document.text))
        normalized = parsed.document.text
        meetings.append({
            "name_text": whole.name_text,
            "participations": [p.model_dump() for p in find_participations(normalized, whole)],
            "quorum": [q.model_dump() for q in find_quorum(normalized, whole)],
            "adopted_documents": [d.model_dump() for d in find_adopted_documents(normalized, whole)],
        })
    return meetings


def test_there_are_enough_fixtures():
    assert len(GOLD_FILES) >= 50
    assert all(path.with_suffix(".txt").is_file() for path in GOLD_FILES)
    people = sum(len(m["participations"]) for path in GOLD_FILES for m in gold_of(path)["meetings"])
    assert people >= 300


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_people_titles_roles_and_proceedings(gold_path: Path):
    gold = gold_of(gold_path)
    text = (FIXTURES / gold["file"]).read_text(encoding="utf-8")
    predicted = predicted_meetings(text, gold_path, gold["meetings"])
    matches = match_meetings(gold["meetings"], predicted)
    missed = [m["name_text"] for m, index in zip(gold["meetings"], matches) if index is None]
    assert not missed, (f"{gold['file']}: the meeting finder missed {missed} (found "
                        f"{[m['name_text'] for m in predicted]}), so none of its people can be checked")
    for expected, index in zip(gold["meetings"], matches):
        got = predicted[index]
        wanted, found = people_of(expected), people_of(got)
        label = expected["name_text"]
        assert found.keys() == wanted.keys(), f"{label}: missing {wanted.keys() - found.keys()}, " \
                                              f"extra {found.keys() - wanted.keys()}"
        for name, person in wanted.items():
            roles = found[name]["roles"] - (person["optional_roles"] - person["roles"])
            assert roles == person["roles"], f"{label}: roles of {name}"
            assert found[name]["titles"] == person["titles"], f"{label}: titles of {name}"
        assert quorum_of(got) == quorum_of(expected), f"{label}: quorum"
        assert adopted_titles(got) == adopted_titles(expected), f"{label}: adopted documents"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_no_forbidden_person_and_spans_hold_the_names(gold_path: Path):
    gold = gold_of(gold_path)
    text = (FIXTURES / gold["file"]).read_text(encoding="utf-8")
    parsed = parse_document(RawDocument(doc_id=document_id(text), source_uri=str(gold_path), raw_text=text))
    forbidden = [fold(s) for s in gold["must_not_contain"]]
    for row in parsed.participations:
        assert not [s for s in forbidden if s in fold(row.person_name)], row.person_name
        assert row.person_name in parsed.document.text[row.span_start:row.span_end].replace("\n", "")
    for row in parsed.adopted_documents:
        assert row.title in parsed.document.text[row.span_start:row.span_end]

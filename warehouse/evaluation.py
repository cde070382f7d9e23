"""Score a warehouse against gold annotations (`govmeet eval`), by the rules of ../shared/eval/README.md.

A gold file and the warehouse rows of the same article are brought to one nested shape,
    {"file", "document": {...}, "meetings": [{..., "participations": [...], "quorum": [...],
     "adopted_documents": [...]}], "economic_targets": [...], "must_not_contain": [...]},
and the scoring functions compare the two shapes without touching DuckDB, so every rule can be
tested with hand-made dicts. Counts are micro-averaged over all gold documents.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Meeting fields scored where a gold meeting has them; month_day belongs to the meeting_date rule.
MEETING_FIELDS = ("name_text", "kinds", "organizer_text", "region_name", "region_code", "region_level",
                  "province", "prefecture", "term_number", "session_number", "is_expanded", "format",
                  "meeting_date", "time_of_day")
# Document fields: those of the gold "document" object, and status (no_meeting iff gold has no meeting).
DOCUMENT_FIELDS = ("script", "outlet", "authors", "editor", "status")
TABLES = ("meetings", "people", "name_role_pairs", "quorum", "adopted_documents", "numeric_targets")
TABLE_LABELS = {"meetings": "meetings", "people": "people", "name_role_pairs": "(name, role) pairs",
                "quorum": "quorum", "adopted_documents": "adopted documents", "numeric_targets": "numeric targets"}

# ---------------------------------------------------------------------------------------------
# Folding: quotes, full-width punctuation and white space do not make two values differ.

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # （扩大） -> (扩大), ，-> ,
_FOLD.update({ord(q): '"' for q in "'“”‘’「」『』〝〞〃"})  # "工业强县" == “工业强县” == 「工业强县」
_FOLD.update({ord(d): "-" for d in "‐‑‒–—―−"})  # 8%—9% == 8%-9%
_FOLD.update({ord(d): "·" for d in "・･•‧∙"})  # middle dots in transliterated names
_FOLD.update({0xFF61: "。", 0xFF64: "、", 0xFF62: '"', 0xFF63: '"'})
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


def fold(text: str) -> str:
    """`中共 衡南县委（扩大）“决定”` -> `中共衡南县委(扩大)"决定"`."""
    return _SPACE.sub("", text).translate(_FOLD)


def fold_value(value):
    """A value ready for an exact comparison: strings folded, lists as sets, dates as ISO text."""
    if isinstance(value, str):
        return fold(value)
    if isinstance(value, (list, tuple, set)):
        return frozenset(fold_value(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def shared_characters(a: str | None, b: str | None) -> int:
    """How many characters two names share, counted with multiplicity."""
    return sum((Counter(fold(a or "")) & Counter(fold(b or ""))).values())


# ---------------------------------------------------------------------------------------------
# The rules


def match_meetings(gold_meetings: list[dict], predicted_meetings: list[dict]) -> list[int | None]:
    """For each gold meeting in turn, the index of the still unmatched predicted meeting whose
    name_text shares the most characters with it (the first one on a tie), or None when none is left."""
    free = list(range(len(predicted_meetings)))
    matches: list[int | None] = []
    for gold in gold_meetings:
        best = max(free, default=None, key=lambda i: (
            shared_characters(gold.get("name_text"), predicted_meetings[i].get("name_text")), -i))
        if best is not None:
            free.remove(best)
        matches.append(best)
    return matches


def meeting_date_correct(gold: dict, predicted: dict) -> bool:
    """Exact where the gold has a date; where it has null and a month_day, the month and day must
    match and date_basis must not be `explicit`; where it has neither, meeting_date must be NULL.

    The predicted month and day are read from meeting_date, or, when the year could not be known
    (meeting_date NULL, date_basis 'unknown'), from the warehouse's month_day column.
    """
    got = fold_value(predicted.get("meeting_date"))
    if gold["meeting_date"] is not None:
        return got == gold["meeting_date"]
    if gold.get("month_day") is not None:
        month_day = got[5:] if got else predicted.get("month_day")
        return month_day == gold["month_day"] and predicted.get("date_basis") != "explicit"
    return got is None


def field_correct(name: str, gold: dict, predicted: dict) -> bool:
    """One meeting or document field, where the gold has it (present as null: must be NULL)."""
    if name == "meeting_date":
        return meeting_date_correct(gold, predicted)
    expected, got = gold[name], predicted.get(name)
    if isinstance(expected, list) and got is None:
        got = []  # an empty list and NULL both say "none"
    return fold_value(expected) == fold_value(got)


def people_of(meeting: dict) -> dict[str, dict]:
    """Person name -> {"roles", "optional_roles", "titles"}: gold entries or warehouse rows (one per
    role) alike; the titles of a person's rows are pooled."""
    people: dict[str, dict] = {}
    for row in meeting.get("participations", []):
        person = people.setdefault(fold(row["person_name"]), {"roles": set(), "optional_roles": set(),
                                                              "titles": set()})
        roles = row["roles"] if "roles" in row else [row["role"]]
        person["roles"].update(roles)
        person["optional_roles"].update(row.get("optional_roles") or [])
        person["titles"].update(fold(t) for t in row.get("titles") or [])
    return people


def quorum_of(meeting: dict) -> set[tuple]:
    return {(q["member_class"], q.get("expected"), q.get("present")) for q in meeting.get("quorum", [])}


def adopted_titles(meeting: dict) -> set[str]:
    return {fold(d["title"]) for d in meeting.get("adopted_documents", []) if d.get("action") == "adopted"}


def target_key(target: dict) -> tuple:
    """A numeric target is right when (indicator, value, target_year) equals a gold target's."""
    value = target.get("value")
    return target["indicator"], None if value is None else round(float(value), 6), target.get("target_year")


def is_qualitative(target: dict) -> bool:
    return target.get("measure") == "qualitative"


# ---------------------------------------------------------------------------------------------
# The scorecard


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn); None when neither the gold nor the warehouse has anything."""
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def as_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, correct: bool) -> None:
        self.right += bool(correct)
        self.total += 1

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def as_dict(self) -> dict:
        return {**asdict(self), "accuracy": self.value}


@dataclass
class Miss:
    document: str
    field: str
    expected: object
    got: object


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _set_text(values) -> str | None:
    """`{('member', 29, 27)}` -> 'member 29/27'; `{'spoke', 'reported'}` -> 'reported, spoke'."""
    texts = [f"{v[0]} {v[1]}/{v[2]}" if isinstance(v, tuple) and len(v) == 3 else str(v) for v in values]
    return ", ".join(sorted(texts)) or None


@dataclass
class Scorecard:
    tables: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in TABLES})
    qualitative_targets: Counts = field(default_factory=Counts)  # recall only: tp found, fn missed
    meeting_fields: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in MEETING_FIELDS})
    titles: Accuracy = field(default_factory=Accuracy)
    document_fields: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in DOCUMENT_FIELDS})
    must_not_contain_hits: int = 0
    documents: int = 0
    documents_absent: list[str] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    def miss(self, document: str, name: str, expected, got) -> None:
        self.misses.append(Miss(document, name, expected, got))

    def mean_f1(self) -> float | None:
        scores = [c.f1 for c in self.tables.values() if c.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    def mean_field_accuracy(self) -> float | None:
        """Mean over the meeting fields that the gold scores at least once."""
        scores = [a.value for a in self.meeting_fields.values() if a.value is not None]
        return sum(scores) / len(scores) if scores else None

    def below(self, min_f1: float) -> list[str]:
        """The tables whose F1 is under `min_f1`."""
        return [name for name, c in self.tables.items() if c.f1 is not None and c.f1 < min_f1]

    def to_json(self) -> dict:
        """The scores as JSON-ready data (qualitative_targets: tp found, fn missed; recall only)."""
        return {
            "documents": self.documents, "documents_absent": self.documents_absent,
            "tables": {name: c.as_dict() for name, c in self.tables.items()},
            "qualitative_targets": self.qualitative_targets.as_dict(),
            "meeting_fields": {name: a.as_dict() for name, a in self.meeting_fields.items()},
            "meeting_fields_mean": self.mean_field_accuracy(),
            "titles": self.titles.as_dict(),
            "document_fields": {name: a.as_dict() for name, a in self.document_fields.items()},
            "must_not_contain_hits": self.must_not_contain_hits, "mean_f1": self.mean_f1(),
            "misses": [asdict(m) for m in self.misses],
        }

    # -----------------------------------------------------------------------------------------

    def score_document(self, gold: dict, predicted: dict | None) -> None:
        """Add one gold document; `predicted` is None when the warehouse does not hold it."""
        name = gold["file"]
        self.documents += 1
        if predicted is None:
            self.documents_absent.append(name)
            self.miss(name, "document", name, "absent from the warehouse")
            predicted = {"document": {}, "meetings": [], "economic_targets": []}
        self._score_document_fields(name, gold, predicted)
        gold_meetings, predicted_meetings = gold["meetings"], predicted["meetings"]
        matches = match_meetings(gold_meetings, predicted_meetings)
        for number, (gold_meeting, index) in enumerate(zip(gold_meetings, matches), start=1):
            self._score_meeting(name, f"m{number}", gold_meeting,
                                None if index is None else predicted_meetings[index])
        for index in sorted(set(range(len(predicted_meetings))) - set(matches)):
            self._score_meeting(name, "meetings", None, predicted_meetings[index])
        self._score_targets(name, gold.get("economic_targets", []), predicted["economic_targets"])
        self._score_must_not_contain(name, gold.get("must_not_contain", []), predicted_meetings)

    def _score_document_fields(self, name: str, gold: dict, predicted: dict) -> None:
        expected = {**gold.get("document", {}), "status": "parsed" if gold["meetings"] else "no_meeting"}
        document = predicted["document"]
        for key in DOCUMENT_FIELDS:
            if key not in expected:
                continue
            correct = bool(document) and field_correct(key, expected, document)
            self.document_fields[key].add(correct)
            if document and not correct:
                self.miss(name, f"document.{key}", expected[key], document.get(key))

    def _score_meeting(self, name: str, label: str, gold: dict | None, predicted: dict | None) -> None:
        """One gold meeting and its match; either may be None (missed or spurious meeting)."""
        self.tables["meetings"].add(tp=int(gold is not None and predicted is not None),
                                    fp=int(gold is None), fn=int(predicted is None))
        if gold is None or predicted is None:
            self.miss(name, f"{label}.meeting" if gold else "extra meeting", gold and gold.get("name_text"),
                      predicted and predicted.get("name_text"))
        gold, predicted = gold or {}, predicted or {}
        for key in MEETING_FIELDS:
            if key in gold:
                correct = bool(predicted) and field_correct(key, gold, predicted)
                self.meeting_fields[key].add(correct)
                if predicted and not correct:
                    expected, got = gold[key], _plain(predicted.get(key))
                    if key == "meeting_date":  # show what the date rule looked at
                        if expected is None and gold.get("month_day"):
                            expected = f"--{gold['month_day']}, date_basis not explicit"
                        got = f"{got or 'NULL'} (date_basis {predicted.get('date_basis')})"
                    self.miss(name, f"{label}.{key}", expected, got)
        self._score_people(name, label, people_of(gold), people_of(predicted), listed=bool(gold and predicted))
        for table, expected, got in (("quorum", quorum_of(gold), quorum_of(predicted)),
                                     ("adopted_documents", adopted_titles(gold), adopted_titles(predicted))):
            self.tables[table].add(tp=len(expected & got), fp=len(got - expected), fn=len(expected - got))
            if expected != got and gold and predicted:
                self.miss(name, f"{label}.{table}", _set_text(expected - got), _set_text(got - expected))

    def _score_people(self, name: str, label: str, gold: dict, predicted: dict, listed: bool) -> None:
        both = gold.keys() & predicted.keys()
        self.tables["people"].add(tp=len(both), fp=len(predicted.keys() - both), fn=len(gold.keys() - both))
        pairs = self.tables["name_role_pairs"]
        for person in sorted(gold.keys() | predicted.keys()):
            wanted = gold.get(person, {}).get("roles", set())
            optional = gold.get(person, {}).get("optional_roles", set()) - wanted
            got = predicted.get(person, {}).get("roles", set())
            pairs.add(tp=len(wanted & got), fp=len(got - wanted - optional), fn=len(wanted - got))
            if not listed:
                continue
            if person not in predicted:
                self.miss(name, f"{label}.people", person, None)
            elif person not in gold:
                self.miss(name, f"{label}.people", None, person)
            elif wanted != got - optional:
                self.miss(name, f"{label}.roles {person}", _set_text(wanted), _set_text(got))
        for person in sorted(both):
            expected, got = gold[person]["titles"], predicted[person]["titles"]
            self.titles.add(expected == got)
            if expected != got:
                self.miss(name, f"{label}.titles {person}", _set_text(expected), _set_text(got))

    def _score_targets(self, name: str, gold: list[dict], predicted: list[dict]) -> None:
        expected = Counter(target_key(t) for t in gold if not is_qualitative(t))
        got = Counter(target_key(t) for t in predicted if not is_qualitative(t))
        found = expected & got
        self.tables["numeric_targets"].add(tp=sum(found.values()), fp=sum((got - found).values()),
                                           fn=sum((expected - found).values()))
        for key in sorted((expected - found).elements(), key=str):
            self.miss(name, "targets", " ".join(map(str, key)), None)
        for key in sorted((got - found).elements(), key=str):
            self.miss(name, "targets", None, " ".join(map(str, key)))
        wanted = Counter(t["indicator"] for t in gold if is_qualitative(t))
        seen = Counter(t["indicator"] for t in predicted if is_qualitative(t))
        self.qualitative_targets.add(tp=sum((wanted & seen).values()), fn=sum((wanted - seen).values()))
        for indicator in sorted((wanted - seen).elements()):
            self.miss(name, "qualitative targets", indicator, None)

    def _score_must_not_contain(self, name: str, strings: list[str], meetings: list[dict]) -> None:
        """Each extracted person name or meeting name containing a listed string is one error."""
        forbidden = [fold(s) for s in strings]
        for meeting in meetings:
            names = [("meeting", meeting.get("name_text") or "")]
            names += [("person", p) for p in people_of(meeting)]
            for kind, text in names:
                hits = [s for s in forbidden if s in fold(text)]
                if hits:
                    self.must_not_contain_hits += 1
                    self.miss(name, "must_not_contain", f"no {kind} name containing {hits[0]}", text)


def score(golds: list[dict], predictions: dict[str, dict]) -> Scorecard:
    """Score every gold document against the warehouse document of the same file name."""
    card = Scorecard()
    for gold in golds:
        card.score_document(gold, predictions.get(gold["file"]))
    return card


# ---------------------------------------------------------------------------------------------
# Reading gold files and the warehouse


def load_gold(directory: Path) -> list[dict]:
    """Every *.json file of `directory`, sorted by name; `file` defaults to NAME.txt."""
    golds = []
    for path in sorted(Path(directory).glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{path}: not a readable gold JSON file ({error}); fix or remove it") from error
        gold.setdefault("file", path.stem + ".txt")
        gold.setdefault("meetings", [])
        golds.append(gold)
    return golds


def file_name(source_uri: str) -> str:
    """The file name at the end of a source_uri (a path, path#line or URL)."""
    return re.split(r"[/\\]", source_uri)[-1]


def _dicts(con, sql: str, *params) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def load_predictions(warehouse: Path, files: list[str]) -> tuple[dict[str, dict], list[str]]:
    """The warehouse documents whose source_uri ends in one of `files`, in the gold's nested shape,
    read through a read-only connection; and warnings (a file name held by several documents)."""
    from warehouse.connections import open_reader

    predictions: dict[str, dict] = {}
    warnings = []
    con = open_reader(warehouse)
    try:
        for document in _dicts(con, """
                select doc_id, source_uri, script, outlet, authors, editor, status from core.documents
                where regexp_extract(source_uri, '[^/\\\\]*$') in (select unnest(?::varchar[]))
                order by source_uri""", files):
            name = file_name(document["source_uri"])
            if name in predictions:
                warnings.append(f"{name}: several documents have this file name; scored "
                                f"{predictions[name]['document']['source_uri']}")
                continue
            predictions[name] = {"file": name, "document": document, "meetings": [], "economic_targets": []}
        by_doc = {p["document"]["doc_id"]: p for p in predictions.values()}
        in_docs = "doc_id in (select unnest(?::varchar[]))"
        by_meeting = {}
        for meeting in _dicts(con, f"select * from core.meetings where {in_docs} order by span_start, meeting_id",
                              list(by_doc)):
            meeting.update(participations=[], quorum=[], adopted_documents=[])
            by_doc[meeting["doc_id"]]["meetings"].append(meeting)
            by_meeting[meeting["meeting_id"]] = meeting
        for table in ("participations", "quorum", "adopted_documents"):
            for row in _dicts(con, f"""select t.* from core.{table} t join core.meetings m using (meeting_id)
                                       where m.{in_docs} order by t.span_start""", list(by_doc)):
                by_meeting[row["meeting_id"]][table].append(row)
        for target in _dicts(con, f"select * from core.economic_targets where {in_docs} order by span_start",
                             list(by_doc)):
            by_doc[target["doc_id"]]["economic_targets"].append(target)
    finally:
        con.close()
    return predictions, warnings

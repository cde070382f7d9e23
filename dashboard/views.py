"""What the pages share: the warehouse snapshot of this page run, cached queries, labels for the
contract's codes, messages, and the drill-down from a figure to its article with the evidence
highlighted."""
from __future__ import annotations

import html
import math
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import reader
from transforms.shared.vocab import Role, codes

SNAPSHOT_KEY = "govmeet_snapshot"
ARTICLE_PAGE = "screens/article.py"
UNRESOLVED_REGION = "(region not resolved)"
TABLE_ROWS = 1000  # rows a table shows (and a drill-down offers); filters narrow the rest
CHART_SERIES = 12  # regions a chart draws at most: the ones with the most rows

# How a contract code reads on screen where capitalizing it is not enough (kinds, roles, indicators).
LABELS = {"gdp": "GDP", "cpi": "CPI", "cppcc": "CPPCC", "peoples_congress": "People's congress",
          "fixed_asset_investment": "Fixed-asset investment", "rostrum": "On the rostrum"}
ROLES = codes(Role)
QUALIFIER_SIGNS = {"about": "≈ ", "at_least": "≥ ", "at_most": "≤ ", "strive": "strive for "}


# ---------------------------------------------------------------------------------------------
# The snapshot and queries


def set_snapshot(snapshot: reader.Snapshot) -> None:
    st.session_state[SNAPSHOT_KEY] = snapshot


def snapshot() -> reader.Snapshot:
    return st.session_state[SNAPSHOT_KEY]


@st.cache_data(max_entries=256, ttl=3600, show_spinner=False)
def _cached_query(path: str, identity: tuple, sql: str, params: tuple | dict) -> pd.DataFrame:
    # Keyed on the file's identity: a newly published warehouse is a new key, never a stale hit.
    return reader.query(reader.Snapshot(Path(path), identity), sql, params)


def frame(sql: str, params: tuple | dict = ()) -> pd.DataFrame:
    """The result of a read-only query on this page run's snapshot (a copy: callers may change it).

    `params` are DuckDB parameters: a tuple for `?`, a dict for `$name`."""
    snap = snapshot()
    return _cached_query(str(snap.path), snap.identity, sql, params).copy()


def show_unavailable(exc: reader.WarehouseUnavailable) -> None:
    show = {"info": st.info, "warning": st.warning}.get(exc.level, st.error)
    show(f"**{exc.title}.** {exc}", icon=":material/database:")


# ---------------------------------------------------------------------------------------------
# Labels


def region_label(frame_: pd.DataFrame) -> pd.Series:
    return frame_["region_name"].fillna(UNRESOLVED_REGION).astype(str)


def capped(rows: pd.DataFrame, what: str, total: int | None = None) -> pd.DataFrame:
    """The first TABLE_ROWS rows, saying so when there were more (`total`, when the query was limited)."""
    total = len(rows) if total is None else total
    if total > TABLE_ROWS:
        st.caption(f"Showing the first {TABLE_ROWS:,} of {total:,} {what}; use the filters above to narrow them.")
    return rows.head(TABLE_ROWS)


def busiest(rows: pd.DataFrame, column: str, what: str) -> pd.DataFrame:
    """Only the CHART_SERIES values of `column` with the most rows, saying so when there were more."""
    counts = rows[column].value_counts()
    if len(counts) <= CHART_SERIES:
        return rows
    st.caption(f"The {CHART_SERIES} {what} with the most figures of {len(counts)}; choose others in the filters.")
    return rows[rows[column].isin(counts.index[:CHART_SERIES])]


def label(code: str) -> str:
    """A contract code as a reader says it: 'economic_work_conference' -> 'Economic work conference'."""
    return LABELS.get(code) or code.replace("_", " ").capitalize()


def labels(codes_: list) -> str:
    """A list of codes as one string: ['presided', 'spoke'] -> 'Presided、Spoke'."""
    return "、".join(label(code) for code in codes_)


def joined(values) -> str:
    """A list column as one string: ['县委书记', '县长'] -> '县委书记、县长'."""
    if values is None or (isinstance(values, float) and math.isnan(values)):
        return ""
    return "、".join(str(v) for v in values)


def year_text(years: pd.Series) -> pd.Series:
    return years.map(lambda y: "" if pd.isna(y) else str(int(y)))


def date_text(dates: pd.Series) -> pd.Series:
    return dates.map(lambda d: "undated" if pd.isna(d) else str(d)[:10])


def number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_text(row) -> str:
    """A target as a reader says it: '+8.5%', '≥ +8%', '8–9%', '1,200 亿元', or the relation as written."""
    if row["measure"] == "qualitative" or pd.isna(row["value"]):
        return row["relation_text"] if isinstance(row["relation_text"], str) else "(no figure)"
    text = number(row["value"])
    if not pd.isna(row["value_high"]):
        text += f"–{number(row['value_high'])}"
    if row["measure"] == "growth_pct" and row["value"] >= 0:
        text = "+" + text
    unit = row["unit"] if isinstance(row["unit"], str) else ""
    sep = "" if unit == "%" else " "
    return QUALIFIER_SIGNS.get(row["qualifier"], "") + text + (sep + unit if unit else "")


def article_url(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """A relative link to the Article page showing `doc_id` with [start, end) highlighted."""
    params = {"doc": doc_id}
    if start is not None and end is not None:
        params |= {"start": int(start), "end": int(end)}
    return "article?" + urlencode(params)


def with_article_links(frame_: pd.DataFrame) -> pd.DataFrame:
    """Add a `source` column linking each row (doc_id, span_start, span_end) to its article."""
    frame_["source"] = [article_url(d, s, e) for d, s, e in
                        zip(frame_["doc_id"], frame_["span_start"], frame_["span_end"])]
    return frame_


SOURCE_COLUMN = st.column_config.LinkColumn("Source", display_text="open article", width="small",
                                            help="The article with this sentence highlighted")


# ---------------------------------------------------------------------------------------------
# Evidence


BOX_STYLE = ("white-space: pre-wrap; line-height: 1.9; font-size: 1rem; padding: 0.75rem 1rem; "
             "border: 1px solid #e6e6e6; border-radius: 0.5rem;")
MARK_STYLE = "background: #ffe08a; padding: 0.1rem 0.15rem; border-radius: 0.2rem;"
PASSAGE_CHARS = 240  # at most this much text either side of the evidence in the passage view


def highlight(text: str, start: int, end: int, style: str = BOX_STYLE) -> str:
    """`text` as HTML with the evidence [start, end) marked; everything else escaped."""
    start, end = max(0, start), min(len(text), end)
    before, evidence, after = (html.escape(part) for part in (text[:start], text[start:end], text[end:]))
    mark = f'<mark class="govmeet-evidence" style="{MARK_STYLE}">{evidence}</mark>' if evidence else ""
    return f'<div class="govmeet-article" style="{style}">{before}{mark}{after}</div>'


def passage(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph holding [start, end), cut to PASSAGE_CHARS either side of it."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    return max(first, start - PASSAGE_CHARS), min(last, end + PASSAGE_CHARS)


def passage_html(text: str, start: int, end: int) -> str:
    """The evidence in its paragraph, marked, with '…' where the paragraph was cut."""
    first, last = passage(text, start, end)
    body = highlight(text[first:last], start - first, end - first, style="display: inline;")
    cut_before = "…" if first > 0 and text[first - 1] != "\n" else ""
    cut_after = "…" if last < len(text) and text[last] != "\n" else ""
    return f'<div style="{BOX_STYLE} background: #fffdf5;">{cut_before}{body}{cut_after}</div>'


def show_article(doc_id: str, start: int | None, end: int | None, link: bool = True,
                 expanded: bool = False) -> None:
    """The evidence [start, end) in its paragraph, then the whole document with it marked (core.documents)."""
    doc = frame("select title, outlet, published_date, source_uri, text from core.documents where doc_id = ?",
                (doc_id,))
    if doc.empty:
        st.warning(f"No document {doc_id} is in this warehouse: a newer run may have replaced it (a changed "
                   "input is reparsed under a new id), or the link is wrong. Reload the page or find the "
                   "document on the Article page.")
        return
    row = doc.iloc[0]
    text = row["text"]
    parts = [row["title"] if isinstance(row["title"], str) else None,
             row["outlet"] if isinstance(row["outlet"], str) else None,
             row["published_date"].date().isoformat() if not pd.isna(row["published_date"]) else None,
             row["source_uri"]]
    st.caption(" · ".join(p for p in parts if p))
    has_span = start is not None and end is not None and 0 <= start < end <= len(text)
    if start is not None and not has_span:
        st.warning(f"The span [{start}, {end}) lies outside this document ({len(text)} characters); "
                   "the warehouse may have been rebuilt since the link was made.")
    if has_span:
        st.html(passage_html(text, start, end))
    with st.expander("Whole article" + (" (evidence marked)" if has_span else ""), expanded=expanded or not has_span):
        st.html(highlight(text, start, end) if has_span else highlight(text, 0, 0))
    if link:
        st.page_link(ARTICLE_PAGE, label="Open on the Article page", icon=":material/article:",
                     query_params={"doc": doc_id} | ({"start": str(start), "end": str(end)} if has_span else {}))


def evidence_picker(rows: pd.DataFrame, labels: pd.Series, key: str,
                    title: str = "Read a row in its article") -> None:
    """Choose one of `rows` (with doc_id, span_start, span_end) and read it in its article."""
    if rows.empty:
        return
    st.subheader(title)
    labels = labels.astype(str).tolist()
    choice = st.selectbox("Row", range(len(rows)), format_func=lambda i: labels[i], key=key,
                          label_visibility="collapsed")
    picked = rows.iloc[choice if choice is not None else 0]
    show_article(picked["doc_id"], int(picked["span_start"]), int(picked["span_end"]))

"""The govmeet dashboard: `make dashboard` (or `.venv/bin/streamlit run dashboard/app.py`).

Reads the published warehouse (GOVMEET_WAREHOUSE, default warehouse/govmeet.duckdb) read-only:
marts.* for the pages, core.* for drill-down to the article text. Pages: Targets, Targets vs
outcomes, Down the hierarchy, Officials, Meetings, Article (the drill-down), Corpus health.

Why Streamlit. The dashboard must read a DuckDB file that runs replace by atomic rename, so it
must never hold the file open, and it must be testable without a browser. Streamlit reruns the
page script on every interaction: each run takes a fresh snapshot of the published file and opens
short read-only connections (dashboard/reader.py), with results cached on the file's identity so
a newly published warehouse is picked up at the next interaction. It is pure Python with wheels
on PyPI (one optional extra, no Node toolchain), ships Vega-Lite charts through Altair, multipage
navigation with query parameters for links to an article, and `streamlit.testing.v1.AppTest`
for library-level tests of every page. Against the alternatives: Dash and Shiny for Python need
callback/reactive wiring for the same pages and browser drivers for their test harnesses;
Panel is heavier for what is here; Evidence.dev needs a Node build; Superset and Metabase are
servers whose DuckDB drivers keep the file open, the locking trouble the warehouse design avoids.
The cost is Streamlit's rerun-the-script model, which suits a read-only dashboard of this size.
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(REPO))

import duckdb  # noqa: E402
import streamlit as st  # noqa: E402

from dashboard import reader, views  # noqa: E402

REDRAWN_KEY = "govmeet_redrawn_for"

st.set_page_config(page_title="govmeet dashboard", page_icon=":material/account_balance:", layout="wide")

PAGES = [
    st.Page("screens/targets.py", title="Targets", icon=":material/trending_up:", default=True),
    st.Page("screens/outcomes.py", title="Targets vs outcomes", icon=":material/fact_check:"),
    st.Page("screens/hierarchy.py", title="Down the hierarchy", icon=":material/account_tree:"),
    st.Page("screens/officials.py", title="Officials", icon=":material/groups:"),
    st.Page("screens/meetings.py", title="Meetings", icon=":material/calendar_month:"),
    st.Page("screens/article.py", title="Article", icon=":material/article:"),
    st.Page("screens/health.py", title="Corpus health", icon=":material/monitor_heart:"),
]
page = st.navigation(PAGES, position="top")


def status_line(snapshot: reader.Snapshot | None, path: Path) -> None:
    """Which warehouse this is and when it was published, above every page."""
    published = (f" · published {snapshot.published_at:%Y-%m-%d %H:%M:%S} · {snapshot.size_bytes / 1e6:,.1f} MB"
                 if snapshot is not None else "")
    left, right = st.columns([6, 1], vertical_alignment="center")
    left.caption(f"Warehouse `{path}`{published} · read-only; every interaction reads the latest published file")
    # A click reruns the page, and every run reads the warehouse published at that moment.
    right.button("Reload", icon=":material/refresh:", key="reload", width="stretch",
                 help="Read the latest published warehouse")


def main() -> None:
    path = reader.warehouse_path()
    try:
        snapshot = reader.open_snapshot(path)
    except reader.WarehouseUnavailable as exc:
        st.title("govmeet dashboard")
        views.show_unavailable(exc)
        status_line(None, path)
        return
    views.set_snapshot(snapshot)
    status_line(snapshot, path)
    try:
        page.run()
    except reader.WarehouseChanged as exc:
        # A run published while this page was being drawn: draw it again from the new file, once
        # for each file this happens with (runs that publish back to back end in a message).
        if st.session_state.get(REDRAWN_KEY) != snapshot.identity:
            st.session_state[REDRAWN_KEY] = snapshot.identity
            st.rerun()
        views.show_unavailable(exc)
    except reader.WarehouseUnavailable as exc:
        views.show_unavailable(exc)
    except duckdb.Error as exc:
        st.error(f"**A query on {path.name} failed.** {type(exc).__name__}: {exc}. If a run has just "
                 "published, reload; if this persists, rebuild the warehouse with `govmeet run`.",
                 icon=":material/database:")


main()

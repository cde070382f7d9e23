"""The figure charts the pages share, as pure functions from frames to Altair charts (testable
without Streamlit: `chart.to_dict()`).

Two rules keep them honest on real articles:
- a line joins only the figures of one region (its code, else its name); the figures of regions
  that were not resolved may each be another region, so they are grey points with no line;
- every bar is one figure, on its own row, and the value axis leaves room for its label, so labels
  never sit on one another.
Figures without a year have no place on a year axis: the pages list them apart.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.views import UNRESOLVED_REGION

UNRESOLVED_COLOUR = "#9e9e9e"
BAR_ROW_PX = 26  # the height of one bar's row: a label of 11px fits with room above and below
LABEL_ROOM = 1.3  # the value axis runs to this times the largest value, so that labels fit


def series(rows: pd.DataFrame) -> pd.Series:
    """The series a figure belongs to: its region's code, else its name; None when unresolved."""
    return rows["region_code"].where(rows["region_code"].notna(), rows["region_name"])


def by_year(rows: pd.DataFrame, value_title: str, tooltip: list, x_title: str = "Target year") -> alt.LayerChart:
    """A point per dated figure, a line per resolved region through each year's median; rows need
    target_year, value, value_high, region_name, region_code and `region` (the label)."""
    dated = rows[rows["target_year"].notna()].assign(series=lambda f: series(f))
    resolved = dated[dated["series"].notna()]
    unresolved = dated[dated["series"].isna()].assign(region=UNRESOLVED_REGION)
    x = alt.X("target_year:O", title=x_title, axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=value_title, scale=alt.Scale(zero=False), axis=alt.Axis(format="~g"))
    colour = alt.Color("region:N", title="Region")
    layers = []
    if not resolved.empty:
        base = alt.Chart(resolved).encode(x=x, color=colour)
        layers += [base.mark_line().encode(y=alt.Y("median(value):Q", title=value_title), detail="series:N"),
                   base.mark_point(filled=True, size=90, opacity=0.9).encode(y=y, tooltip=tooltip),
                   base.mark_rule(strokeWidth=3).encode(y="value:Q", y2="value_high:Q")]
    if not unresolved.empty:  # each may be another region: points only, never one series
        layers.append(alt.Chart(unresolved).mark_point(shape="cross", size=90, color=UNRESOLVED_COLOUR, opacity=0.9)
                      .encode(x=x, y=y, tooltip=tooltip))
    return alt.layer(*layers)


def bars(rows: pd.DataFrame, category: str, value_title: str, tooltip: list, colour: str = "region") -> alt.LayerChart:
    """A bar per figure (row), grouped by `category`, labelled with `figure`; rows need value,
    figure, `category`, `colour` and a unique `row_key`."""
    high = max(float(rows["value"].max()), 0.0)
    low = min(float(rows["value"].min()), 0.0)
    scale = alt.Scale(domain=[low * LABEL_ROOM, high * LABEL_ROOM if high else 1.0])
    base = alt.Chart(rows).encode(
        x=alt.X("value:Q", title=value_title, scale=scale, axis=alt.Axis(format="~g", tickCount=6)),
        y=alt.Y(f"{category}:N", title=None, axis=alt.Axis(labelLimit=220)),
        yOffset=alt.YOffset("row_key:N", title=None),
        tooltip=tooltip,
    )
    chart = (base.mark_bar().encode(color=alt.Color(f"{colour}:N", title=colour.replace("_", " ").capitalize()))
             + base.mark_text(align="left", dx=4, fontSize=11).encode(text="figure:N", color=alt.value("#333")))
    return chart.properties(height=max(140, BAR_ROW_PX * len(rows)))


def bar_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` ready for bars(): a unique row_key, and each unresolved figure its own region label
    (`(region not resolved) 1`, `… 2`), never one bar group for many regions."""
    rows = rows.reset_index(drop=True)
    unresolved = rows["region_name"].isna()
    numbered = [f"{UNRESOLVED_REGION} {i}" for i in range(1, int(unresolved.sum()) + 1)]
    rows.loc[unresolved, "region"] = numbered
    return rows.assign(row_key=[f"{i:05d}" for i in range(len(rows))])

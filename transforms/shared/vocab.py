"""The closed vocabularies of the warehouse contract (../shared/CONTRACT.md), in one place.

Every extractor and every check reads these; nothing else spells the codes.
"""
from typing import Literal, get_args

Script = Literal["simplified", "traditional", "mixed"]
DocumentStatus = Literal["parsed", "no_meeting"]
MeetingKind = Literal[
    "party_plenum",
    "party_congress",
    "party_standing_committee",
    "economic_work_conference",
    "economic_analysis",
    "government_executive",
    "government_plenary",
    "peoples_congress",
    "cppcc",
    "work_conference",
    "symposium",
    "other",
]
RegionLevel = Literal["province", "prefecture", "county", "township"]
MeetingFormat = Literal["in_person", "teleconference"]
DateBasis = Literal["explicit", "metadata", "inferred", "unknown"]
TimeOfDay = Literal["morning", "afternoon", "evening"]
Role = Literal["presided", "reported", "spoke", "attended", "rostrum", "sat_in"]
MemberClass = Literal["member", "alternate"]
DocumentAction = Literal["adopted", "reviewed", "read", "explained"]
Indicator = Literal[
    "gdp",
    "industrial_value_added",
    "fixed_asset_investment",
    "general_budget_revenue",
    "retail_sales",
    "urban_unemployment",
    "resident_income",
    "urban_income",
    "rural_income",
    "foreign_trade",
    "foreign_investment",
    "cpi",
    "energy_intensity",
    "grain_output",
    "new_urban_jobs",
    "other",
]
Measure = Literal["growth_pct", "level", "rate", "qualitative"]
Qualifier = Literal["about", "at_least", "at_most", "strive"]
# the stretch of time an outcome is for: 全年 | 上半年 | 一季度 | 1-10月 | 前三季度, 截至…
Period = Literal["year", "half", "quarter", "months", "other"]
# how final an outcome is: 实现/完成 (reported), 初步统计/初步核算 (preliminary), 预计 (estimated)
Basis = Literal["reported", "preliminary", "estimated"]
RejectReason = Literal[
    "undecodable", "empty", "too_large", "not_text", "duplicate", "parse_error", "malformed_record",
    "unreadable",
]


def codes(literal) -> tuple[str, ...]:
    """The allowed codes of a vocabulary, e.g. codes(Role) -> ('presided', ...)."""
    return get_args(literal)

"""Meetings: which meetings an article reports, their names, kinds, regions, dates, quorum and adopted documents."""

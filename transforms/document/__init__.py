"""One document end to end: raw text -> normalized text -> every row it yields."""

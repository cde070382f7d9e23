"""Economic targets: planned figures with indicator, measure, value, qualifier, year and region."""

"""Helpers every concern shares: the contract vocabularies, row models, lexicon loading, dates, regions, numerals."""

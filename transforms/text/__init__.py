"""Text: bytes to the normalized text every span points into (decode, script, mojibake, boilerplate, bylines, records)."""

"""Reading and validating the inputs: the curated CSVs, ACLED exports, seed articles,
the gazetteer and map outlines, and the cache of validated data. Imports nothing above it."""

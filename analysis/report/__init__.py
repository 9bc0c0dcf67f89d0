"""What a report shows: a scope (parameters -> the rows in view) whose methods return tidy
DataFrames, and formatters and charts that only present them. Imports inputs and measures."""

"""The measures: counting documented events, coverage against official tallies, phases,
reading articles and checking their claims. Pure functions over DataFrames; imports only inputs."""

"""Converters from published datasets (e.g. a city's open data) to the providers.csv format."""

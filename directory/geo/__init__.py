"""Offline geography: gazetteer of place names, geocoders and distances."""

"""Search: a Whoosh index derived from the database, with numpy arrays for filters and distance."""

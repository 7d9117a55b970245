"""The survivor- and advocate-facing pages, in 11 languages."""

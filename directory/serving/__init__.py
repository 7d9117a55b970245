"""Running the app in production: gunicorn, private logs, probes, pages for outages."""

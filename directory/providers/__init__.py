"""Provider listings: models, spreadsheet import/export, taxonomy and pages."""

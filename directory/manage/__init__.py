"""Management pages under /manage/: staff sign-in, listings, edits, review and audit."""

"""Staff accounts: admins, organization editors and hotline advocates (no self sign-up)."""

"""Open Referral HSDS 3.0: data packages in and out, and the read-only HSDS API."""

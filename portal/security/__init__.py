"""Staff security: two-factor authentication, idle session expiry (see README, "Staff security")."""

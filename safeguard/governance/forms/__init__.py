"""Forms of the governance pages (shapes only: the services check the rules)."""

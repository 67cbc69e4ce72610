"""Safeguard: children's safeguarding case management and performance."""

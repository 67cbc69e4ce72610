"""Test helpers shared by every app's tests (a real browser, accessibility checks)."""

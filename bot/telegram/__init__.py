"""Telegram: the adapter (polling or webhook), its rendering, sending, updates and log guard."""

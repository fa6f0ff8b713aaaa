"""Discord: the adapter, its slash commands, rendering, sending and log guard."""

"""The console chat: the same engine and database in a terminal."""

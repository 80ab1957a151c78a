"""Serving under load: admission to the database, several processes, the start of a server."""

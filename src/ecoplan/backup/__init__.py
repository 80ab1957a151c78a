"""Backup and restore of an installation: database, data directory files, monitoring store."""

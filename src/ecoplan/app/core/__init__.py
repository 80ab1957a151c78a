"""The core every feature builds on and none builds back into: the clock, the manifest type."""

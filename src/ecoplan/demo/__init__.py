"""The Changzhou demo: the 2023 plan (the project's seed) and data built around it.

Anything generated rather than measured is labelled synthetic wherever it is shown.
"""

from importlib.resources import files

SEED_PLAN = files(__name__) / "data" / "changzhou_2023_plan.txt"
"""Changzhou's 2023 plan as scraped from the city government's site (page furniture included)."""

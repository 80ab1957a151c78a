"""Reports from the public: generous rate limits unless a test sets its own (one test client
is one device and one IP)."""

from __future__ import annotations

import dataclasses

import pytest


@pytest.fixture
def settings(settings):
    return dataclasses.replace(settings, public_rate_limit=100, public_device_rate_limit=100)

"""Monitoring data intake from the web and from the drop folder (``ECOPLAN_MONITORING_INBOX``)."""

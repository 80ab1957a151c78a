"""Seal images (电子印章) per issuing office, uploaded by the office and printed on circulars."""

"""Documents made in the app from what the other parts know: the monthly air-quality circular
(``air``) and the HTML print views of the ranking, ledger and status tables (``printing``)."""

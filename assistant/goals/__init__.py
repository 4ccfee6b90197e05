"""Goal-set check (Zielsystem-Prüfung): file → loader → typed goal set → rules → findings → report."""

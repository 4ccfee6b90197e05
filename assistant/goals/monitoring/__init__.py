"""Goal achievement („Zielerreichung“): measured values against the path to each target, and the
Strategiebericht. ``status`` is the rule, ``evaluate`` applies it to a goal set, ``report`` builds the
report that ``markdown`` and ``docx_export`` render; ``charts`` draws one chart per indicator."""

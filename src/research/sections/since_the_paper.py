"""Section 7, since the paper: the captions of its tables."""

from __future__ import annotations

SINCE_TABLE_CAPTION = "The same measures on the paper's date and on the date of the latest dated row in the data."
NEW_INSTRUMENTS_CAPTION = "Instruments of the focus country that begin after the paper's date."

"""Section 5, the regional comparison: the captions of its figures and tables."""

from __future__ import annotations

TIMELINE_CAPTION = (
    "Emergency response teams, cybercrime and cybersecurity laws, strategies and steps under the Convention, each "
    "legal act apart (signature; ratification, acceptance or approval by a signatory; accession by an invited State; "
    "entry into force), by year."
)
COVERAGE_CAPTION = (
    "Cambodia, China, Japan and Singapore against the Convention's offence articles 2-11, element by element, each "
    "state's law as it stood on the edition's date: met where its provisions together show every mandatory element; "
    "otherwise the best level of its provisions; blank where we have not read that part of its law."
)
QUALIFIERS_CAPTION = (
    "Offence provisions coded per state, and how many require each qualifier of those whose text shows it (intent "
    "with each general rule on intent applied as far as its own words reach: its own code, or every offence of the "
    "country's law)."
)
PENALTIES_CAPTION = (
    "Basic penalties of the offences coded in the four states, in years and US dollars (2019 average rates); a dashed "
    "line marks a penalty stated as a maximum only."
)
PENALTY_TABLE_CAPTION = (
    "The basic penalties drawn in the figure above, in figures: years of imprisonment and fines in US dollars at 2019 "
    "average rates."
)
GCI_CAPTION = (
    "ITU Global Cybersecurity Index scores by edition, from a hand transcription of the ITU's reports (the SSPI data "
    "compilation); the scale is 0-1 to 2018 and 0-100 from 2020, so scores of the two periods are not comparable."
)
PARTIES_CAPTION = "Number of Parties to the Convention on Cybercrime over time, from dated reports."

"""The paper's seven infographic recommendations, in its order and words, each with the gap it answers."""

from __future__ import annotations

RECOMMENDATIONS = [  # the paper's infographic, in its order and words
    ("Review existing laws to ensure that they do not overlap with each other and are applicable.", "overlap_and_vagueness"),
    ("The current draft law should address cyber security properly.", "draft_offences"),
    ("Determine the responsible authorities.", "authorities"),
    ("Establish security measures for the nation more effectively.", "security_measures"),
    ("Actively involve in international and regional cyber engagement and cooperation.", "cooperation"),
    ("Provide cyber awareness programs to government officials, citizens, and schools.", "awareness"),
    ("Cambodia should consider signing and ratifying the convention on cybercrime.", "convention"),
]

"""Conference scripts: versioned data files in resources/scripts (phases, steps, who the words are
for, guidance and what to capture), checked on load, and expanded for the people who came."""

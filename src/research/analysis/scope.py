"""The paper's scope: the country it studies and the three it compares, fixed because its prose is about them."""

# The section notebooks reproduce a paper about Cambodia that sets it beside China, Japan and Singapore: their
# headings and the paper's own claims name these states, so a parameter that changed them would put one country's
# numbers under prose about another. The country profiles (research sweep --focus) are the way to study any other.
FOCUS = "KHM"
COMPARATORS = "CHN,JPN,SGP"

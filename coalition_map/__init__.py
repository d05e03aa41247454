"""coalition-map: does the local palette of offers reach every kind of lonely person?

A tool for Dutch local coalitions against loneliness (eenzaamheid) and social
isolation. The package holds the domain (typology, exchange format, store,
graph, analyses, step plan, sociale kaart) in plain Python; the Streamlit
pages in ``pages/`` only arrange and display it.
"""

__version__ = "0.1.0"

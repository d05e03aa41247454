"""Streamlit helpers for the pages: state and caching, style, network view, meeting mode.

This is the only part of the package that imports streamlit. The pages in
``pages/`` only arrange what these helpers and the core modules give them.
"""

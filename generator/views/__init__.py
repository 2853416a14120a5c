"""View models: everything a template shows, computed and formatted in Python.

Templates stay thin; they only place these values in HTML.
"""

"""Loaders: read files under content/ into plain Python values with line numbers.

Loaders never know about HTML or URLs; they report problems to a `Report`.
"""

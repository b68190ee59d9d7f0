"""The sky, no Django: the targets, the ephemeris, where a target stands from any place, the
map and the sentences about it.
"""

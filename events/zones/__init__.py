"""Time zones, no Django: the one catalogue of zones and countries, how a window reads in a
zone, each zone's reference place, the world clock.
"""

"""Participants' photos after the event, and the organisers' mosaic of them."""

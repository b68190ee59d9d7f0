"""The wave as it happens: waves counted once, and the live picture of them."""

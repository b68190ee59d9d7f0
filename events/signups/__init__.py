"""A sign-up's life: the rules, the counts, the limits, the confirmation token, the emails and
their tasks, announcements to everyone, stalled emails recovered.
"""

"""The organisers' figures: the dashboard, its charts, the participant export, the seeded
sessions.
"""

"""Views, one module per area: pages (event pages, world times, zone picker), …"""

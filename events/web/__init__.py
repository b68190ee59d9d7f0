"""HTTP plumbing under the views: the page cache, request guards, the CSV download, the
client's address, middleware, health.
"""

"""What a shared link carries: canonical and share links, the share image, the QR code, the
calendar file, the partners' JSON.
"""

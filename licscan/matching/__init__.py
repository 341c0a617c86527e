"""What a text is: license identification with version, confidence, span and differences.

Knows nothing about Hugging Face or policy; see ``identify`` for the matcher chain.
"""

from licscan.matching.identify import identify_bytes, identify_path, identify_text

__all__ = ["identify_bytes", "identify_path", "identify_text"]

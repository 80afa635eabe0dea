"""Several analysts: merging their databases, measuring agreement, curating one answer."""

"""The core: text, articles, store and export. Nothing here imports textual."""

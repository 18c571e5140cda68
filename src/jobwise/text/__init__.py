"""Text rules that use no AI; `safe` says which characters no stored text may hold."""

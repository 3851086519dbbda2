"""転出届: filled in by the 転出 work."""

"""転入届: filled in by the 転入 work."""

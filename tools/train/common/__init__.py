"""Shared helpers for the Cardiolens demo-model training scripts (readers, export, metrics)."""

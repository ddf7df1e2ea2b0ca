"""Audit and score: the rule catalogue as pure checks over a snapshot."""

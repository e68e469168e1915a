"""Events: who did what to whom, where and when, and on whose word."""

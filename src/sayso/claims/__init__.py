"""Claims across articles: stance, matching, clusters."""

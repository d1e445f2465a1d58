"""Plain mode tests, driven by piped input."""

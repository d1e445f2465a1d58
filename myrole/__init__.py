"""myrole: reflect on your part in reducing health inequalities, commit, and keep going."""

__version__ = "0.1.0"

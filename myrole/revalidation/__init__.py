"""Provides the regulator-shaped outputs: NMC written reflective accounts and the HCPC CPD profile."""

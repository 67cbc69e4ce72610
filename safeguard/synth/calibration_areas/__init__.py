"""Calibration targets of one area each (see ``safeguard.synth.calibration.AREA_MODULES``)."""

"""TEI stage: the segmented model → a TEI P5 document (header, standOff, aligned versions)."""

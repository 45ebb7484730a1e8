"""TEI stage: a pure writer, (document, analysis) → TEI P5 (`writer.write_tei`); `convert` runs ingest → analysis → writer."""

//! Ingest: inputs to raw documents.

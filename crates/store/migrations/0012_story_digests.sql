-- Migration 12: what each story's findings were computed from.
--
-- `digest` is the SHA-256 of a story's corroboration input as the cluster
-- stage left it (its documents in order, each one's copy relation and
-- episode) and of the version of the stages that compute findings. A new
-- clustering keeps the stored findings of every story whose digest is
-- unchanged, and only the others are corroborated again. NULL (a story
-- written before this migration, or by a full replacement) never matches.
ALTER TABLE stories ADD COLUMN digest TEXT;

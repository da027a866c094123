-- What the build view shows about a stage and the build's image: how many steps the stage has
-- (its FROM and each instruction after it, as agents number their step events), the id of the
-- image it stored (config digest) and, for a pushed target, the registry's manifest digests.
ALTER TABLE stage_run ADD COLUMN steps INT;
ALTER TABLE stage_run ADD COLUMN image_id TEXT;
ALTER TABLE stage_run ADD COLUMN pushed TEXT;
-- A later build whose target is CACHED shows the image id an earlier build of the same key stored.
CREATE INDEX stage_run_image_idx ON stage_run (cache_key) WHERE image_id IS NOT NULL;

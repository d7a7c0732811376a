-- framewatch schema, version 6: every quote carries its speaker's role
-- (rules/library/roles.yaml), its kind (direct, partial or reported speech)
-- and how many words it quotes, so "Whose voices" can share out quoted
-- words by role. Rows written before this version read role '' (treat as
-- unknown). current_quotes is recreated because 18.16 fixes a view's
-- columns when it is created.

ALTER TABLE quotes ADD COLUMN role String;

ALTER TABLE quotes ADD COLUMN kind String;

ALTER TABLE quotes ADD COLUMN words UInt32;

DROP TABLE IF EXISTS current_quotes;

CREATE VIEW IF NOT EXISTS current_quotes AS
SELECT * FROM quotes
WHERE generation = (SELECT generation FROM generation_in_force)
  AND (url, tag_version) NOT IN (SELECT url, tag_version FROM superseded_taggings);

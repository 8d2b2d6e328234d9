-- Custom SQL migration file, put your code below! --
-- Every channel belongs to an organization; those that exist already move into this one.
INSERT INTO "organizations" ("id", "name", "description", "updated_by")
VALUES ('default', 'Default organization', 'Channels created without an organization belong here.', 'system')
ON CONFLICT ("id") DO NOTHING;

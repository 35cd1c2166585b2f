-- The number of live and deleted pins of each project, kept by the server itself: a publish checks
-- its receipt against these two numbers instead of counting a million rows after every publish.
-- Statement triggers on samenkaart.pins keep them, whoever changes the rows (a publish, an
-- administrator's DELETE, a project removed with its pins), so a row removed behind the project's
-- back still shows as a difference. Nobody writes the table but these triggers.
CREATE TABLE samenkaart.project_pin_counts (
    project_uid uuid PRIMARY KEY REFERENCES samenkaart.projects ON DELETE CASCADE,
    live        bigint NOT NULL DEFAULT 0,
    deleted     bigint NOT NULL DEFAULT 0
);
INSERT INTO samenkaart.project_pin_counts (project_uid, live, deleted)
    SELECT project_uid, count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL)
    FROM samenkaart.pins GROUP BY project_uid;
GRANT SELECT ON samenkaart.project_pin_counts TO samenkaart_publisher, samenkaart_researcher;

-- The rows a statement added (sign 1) or took away (sign -1), per project. SECURITY DEFINER: the
-- triggers write as the store's owner, so a publisher needs no right on the table.
CREATE FUNCTION samenkaart.add_pin_counts(sign bigint, rows_live bigint, rows_deleted bigint, uid uuid)
    RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO samenkaart.project_pin_counts AS c (project_uid, live, deleted)
        SELECT uid, sign * rows_live, sign * rows_deleted
        WHERE EXISTS (SELECT 1 FROM samenkaart.projects WHERE project_uid = uid)
    ON CONFLICT (project_uid) DO UPDATE SET live = c.live + excluded.live, deleted = c.deleted + excluded.deleted;
$$;
REVOKE ALL ON FUNCTION samenkaart.add_pin_counts(bigint, bigint, bigint, uuid) FROM PUBLIC;

-- One function for every statement on the pins: the rows a statement took away (an update's old
-- rows), then those it added (an update's new rows).
CREATE FUNCTION samenkaart.count_pins() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        UPDATE samenkaart.project_pin_counts SET live = 0, deleted = 0;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM samenkaart.add_pin_counts(-1, count(*) FILTER (WHERE deleted_at IS NULL),
                                          count(*) FILTER (WHERE deleted_at IS NOT NULL), project_uid)
        FROM removed GROUP BY project_uid;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM samenkaart.add_pin_counts(1, count(*) FILTER (WHERE deleted_at IS NULL),
                                          count(*) FILTER (WHERE deleted_at IS NOT NULL), project_uid)
        FROM added GROUP BY project_uid;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER pins_counted_insert AFTER INSERT ON samenkaart.pins REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION samenkaart.count_pins();
CREATE TRIGGER pins_counted_delete AFTER DELETE ON samenkaart.pins REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION samenkaart.count_pins();
CREATE TRIGGER pins_counted_update AFTER UPDATE ON samenkaart.pins REFERENCING OLD TABLE AS removed
    NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION samenkaart.count_pins();
CREATE TRIGGER pins_counted_truncate AFTER TRUNCATE ON samenkaart.pins
    FOR EACH STATEMENT EXECUTE FUNCTION samenkaart.count_pins();

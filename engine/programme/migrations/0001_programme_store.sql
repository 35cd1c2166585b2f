-- Programme store, version 1: what the project files of every Werkplaats publish, in one PostGIS
-- database. Run by `samenkaart programme init` inside one transaction. {{common_srid}} is the
-- programme-wide CRS chosen at init (EPSG:28992 by default).
--
-- Every row carries its project's uid and werkplaats: row-level security decides on the row alone.
-- Geometry comes twice: `geom` in the project's own CRS (SRID 0 for a CRS without an EPSG code,
-- described in projects.map_crs) and `geom_common` in the common CRS, indexed, for programme-wide maps.

CREATE TABLE samenkaart.settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE samenkaart.werkplaatsen (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    name       text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Which login role may publish for which werkplaats (samenkaart programme grant).
CREATE TABLE samenkaart.publisher_grants (
    role_name  text NOT NULL,
    werkplaats text NOT NULL REFERENCES samenkaart.werkplaatsen (code) ON DELETE CASCADE,
    PRIMARY KEY (role_name, werkplaats)
);

-- The werkplaatsen whose rows the connected role may write: those granted to it or to a role it
-- belongs to; all of them for superusers and roles that bypass row-level security.
CREATE FUNCTION samenkaart.publishable_werkplaatsen() RETURNS text[]
    LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls))
        THEN (SELECT coalesce(array_agg(code), '{}') FROM samenkaart.werkplaatsen)
        ELSE (SELECT coalesce(array_agg(g.werkplaats), '{}')
              FROM samenkaart.publisher_grants g JOIN pg_catalog.pg_roles r ON r.rolname = g.role_name
              WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER'))
    END
$$;
CREATE FUNCTION samenkaart.may_publish(w text) RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT w = ANY (samenkaart.publishable_werkplaatsen()) $$;

CREATE TABLE samenkaart.projects (
    project_uid     uuid PRIMARY KEY,
    werkplaats      text NOT NULL REFERENCES samenkaart.werkplaatsen (code),
    label           text NOT NULL,
    map_srid        integer NOT NULL,
    map_crs         text NOT NULL,
    map_crs_name    text,
    created_at      text,
    created_by      text,
    first_published timestamptz NOT NULL DEFAULT now(),
    last_published  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE samenkaart.categories (
    project_uid uuid NOT NULL REFERENCES samenkaart.projects ON DELETE CASCADE,
    werkplaats  text NOT NULL,
    code        text NOT NULL,
    label_nl    text NOT NULL,
    label_en    text NOT NULL,
    colour      text NOT NULL,
    icon        text NOT NULL DEFAULT '',
    kind        text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    personal    boolean NOT NULL DEFAULT false,
    fields      jsonb NOT NULL DEFAULT '[]',
    sort_order  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (project_uid, code)
);

CREATE TABLE samenkaart.sessions (
    project_uid       uuid NOT NULL REFERENCES samenkaart.projects ON DELETE CASCADE,
    werkplaats        text NOT NULL,
    id                bigint NOT NULL,
    title             text NOT NULL,
    facilitator       text,
    location          text,
    started_at        text NOT NULL,
    ended_at          text,
    participant_count bigint,
    notes             text,
    consent           boolean NOT NULL,
    consent_at        text,
    PRIMARY KEY (project_uid, id)
);

CREATE TABLE samenkaart.boundaries (
    project_uid uuid NOT NULL REFERENCES samenkaart.projects ON DELETE CASCADE,
    werkplaats  text NOT NULL,
    fid         bigint NOT NULL,
    name        text NOT NULL,
    attributes  jsonb NOT NULL DEFAULT '{}',
    geom        geometry(MultiPolygon) NOT NULL,
    geom_common geometry(MultiPolygon, {{common_srid}}),
    PRIMARY KEY (project_uid, fid)
);
CREATE INDEX boundaries_geom_common ON samenkaart.boundaries USING gist (geom_common);

-- A pin id is a UUID made by the project that created the pin: one row per id in the whole
-- programme, owned by that project (a publish never overwrites another project's pin).
CREATE TABLE samenkaart.pins (
    id          text PRIMARY KEY,
    project_uid uuid NOT NULL REFERENCES samenkaart.projects ON DELETE CASCADE,
    werkplaats  text NOT NULL,
    session_id  bigint NOT NULL,
    category    text NOT NULL,
    title       text NOT NULL,
    description text NOT NULL DEFAULT '',
    contributor text,  -- a pseudonym, never the alias typed on the laptop
    attributes  jsonb NOT NULL DEFAULT '{}',
    created_at  text NOT NULL,
    updated_at  text NOT NULL,
    deleted_at  text,
    boundary_fid bigint,
    geom        geometry(Point) NOT NULL,
    geom_common geometry(Point, {{common_srid}}),
    FOREIGN KEY (project_uid, session_id) REFERENCES samenkaart.sessions (project_uid, id)
);
CREATE INDEX pins_project ON samenkaart.pins (project_uid, boundary_fid);
CREATE INDEX pins_geom_common ON samenkaart.pins USING gist (geom_common);

-- Appended, never rewritten: only an undo's state (done/undone) follows the laptop.
CREATE TABLE samenkaart.pin_history (
    project_uid uuid NOT NULL REFERENCES samenkaart.projects ON DELETE CASCADE,
    werkplaats  text NOT NULL,
    id          bigint NOT NULL,
    pin_id      text NOT NULL,
    action      text NOT NULL,
    before      jsonb,
    after       jsonb,
    at          text NOT NULL,
    state       text NOT NULL,
    undone_at   text,
    PRIMARY KEY (project_uid, id)
);
CREATE INDEX pin_history_pin ON samenkaart.pin_history (pin_id);

-- What each publish did, as its receipt said.
CREATE TABLE samenkaart.publishes (
    id              bigserial PRIMARY KEY,
    project_uid     uuid NOT NULL REFERENCES samenkaart.projects ON DELETE CASCADE,
    werkplaats      text NOT NULL,
    published_at    timestamptz NOT NULL DEFAULT now(),
    published_by    text NOT NULL DEFAULT current_user,
    client          text NOT NULL,
    pins_new        bigint NOT NULL,
    pins_changed    bigint NOT NULL,
    pins_deleted    bigint NOT NULL,
    pins_withdrawn  bigint NOT NULL,
    pins_refused    bigint NOT NULL,
    sessions        bigint NOT NULL,
    categories      bigint NOT NULL,
    history_rows    bigint NOT NULL,
    boundaries      bigint NOT NULL
);

-- Security: two group roles an administrator grants to people. Row-level security lets a
-- publisher write only rows of the werkplaatsen granted to it; everyone with a role reads all.
DO $$
BEGIN
    CREATE ROLE samenkaart_publisher NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$
BEGIN
    CREATE ROLE samenkaart_researcher NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

GRANT USAGE ON SCHEMA samenkaart TO samenkaart_publisher, samenkaart_researcher;
GRANT SELECT ON ALL TABLES IN SCHEMA samenkaart TO samenkaart_publisher, samenkaart_researcher;
GRANT EXECUTE ON FUNCTION samenkaart.may_publish(text), samenkaart.publishable_werkplaatsen()
    TO samenkaart_publisher, samenkaart_researcher;
GRANT INSERT, UPDATE ON samenkaart.projects TO samenkaart_publisher;
GRANT INSERT, UPDATE, DELETE ON samenkaart.categories, samenkaart.sessions, samenkaart.boundaries,
    samenkaart.pins TO samenkaart_publisher;
GRANT INSERT, DELETE ON samenkaart.pin_history TO samenkaart_publisher;
GRANT UPDATE (state, undone_at) ON samenkaart.pin_history TO samenkaart_publisher;
GRANT INSERT ON samenkaart.publishes TO samenkaart_publisher;
GRANT USAGE ON SEQUENCE samenkaart.publishes_id_seq TO samenkaart_publisher;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['projects', 'categories', 'sessions', 'boundaries', 'pins', 'pin_history', 'publishes']
    LOOP
        EXECUTE format('ALTER TABLE samenkaart.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY read_all ON samenkaart.%I FOR SELECT USING (true)', t);
        -- (SELECT ...) around the function: evaluated once per statement (an InitPlan), not once per row.
        EXECUTE format('CREATE POLICY insert_granted ON samenkaart.%I FOR INSERT WITH CHECK (werkplaats = ANY ((SELECT samenkaart.publishable_werkplaatsen())::text[]))', t);
        EXECUTE format('CREATE POLICY update_granted ON samenkaart.%I FOR UPDATE USING (werkplaats = ANY ((SELECT samenkaart.publishable_werkplaatsen())::text[])) WITH CHECK (werkplaats = ANY ((SELECT samenkaart.publishable_werkplaatsen())::text[]))', t);
        EXECUTE format('CREATE POLICY delete_granted ON samenkaart.%I FOR DELETE USING (werkplaats = ANY ((SELECT samenkaart.publishable_werkplaatsen())::text[]))', t);
    END LOOP;
END $$;

-- Views with one geometry column each, in the common CRS: what QGIS, R and geopandas open.
CREATE VIEW samenkaart.pins_map AS
    SELECT p.id, w.code AS werkplaats, pr.label AS project, p.session_id, s.title AS session_title,
           p.category, c.label_nl AS category_nl, c.label_en AS category_en, c.colour, p.title, p.description,
           p.contributor, p.attributes, p.created_at, p.updated_at, p.boundary_fid, p.geom_common AS geom
    FROM samenkaart.pins p
    JOIN samenkaart.projects pr ON pr.project_uid = p.project_uid
    JOIN samenkaart.werkplaatsen w ON w.code = p.werkplaats
    LEFT JOIN samenkaart.sessions s ON s.project_uid = p.project_uid AND s.id = p.session_id
    LEFT JOIN samenkaart.categories c ON c.project_uid = p.project_uid AND c.code = p.category
    WHERE p.deleted_at IS NULL;
CREATE VIEW samenkaart.boundaries_map AS
    SELECT b.project_uid, b.werkplaats, pr.label AS project, b.fid, b.name, b.attributes,
           coalesce(c.pins, 0) AS pins, b.geom_common AS geom
    FROM samenkaart.boundaries b
    JOIN samenkaart.projects pr ON pr.project_uid = b.project_uid
    LEFT JOIN (SELECT project_uid, boundary_fid, count(*) AS pins FROM samenkaart.pins
               WHERE deleted_at IS NULL GROUP BY project_uid, boundary_fid) c
        ON c.project_uid = b.project_uid AND c.boundary_fid = b.fid;
GRANT SELECT ON samenkaart.pins_map, samenkaart.boundaries_map TO samenkaart_publisher, samenkaart_researcher;

-- QGIS styles: QGIS applies a layer_styles row whose use_as_default is true when it opens the
-- view, so the pins come in the categories' colours and the buurten as a map of their pin counts.
-- The table is QGIS's own (as QGIS 3.28 creates it when a style is saved to PostgreSQL); publish
-- writes the two rows of this store (samenkaart/engine/programme/publish.cpp).
CREATE TABLE IF NOT EXISTS public.layer_styles (
    id                serial PRIMARY KEY,
    f_table_catalog   varchar,
    f_table_schema    varchar,
    f_table_name      varchar,
    f_geometry_column varchar,
    stylename         text,
    styleqml          xml,
    stylesld          xml,
    useasdefault      boolean,
    description       text,
    owner             varchar(63) DEFAULT CURRENT_USER,
    ui                xml,
    update_time       timestamp DEFAULT CURRENT_TIMESTAMP,
    type              varchar,
    r_raster_column   varchar
);
GRANT SELECT ON public.layer_styles TO samenkaart_publisher, samenkaart_researcher;
GRANT INSERT, DELETE ON public.layer_styles TO samenkaart_publisher;
GRANT USAGE ON SEQUENCE public.layer_styles_id_seq TO samenkaart_publisher;

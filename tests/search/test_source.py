"""Reading listings for a full build: the same documents as mapping each ORM listing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, select

from directory.extensions import db
from directory.geo.geocoder import OfflineGeocoder
from directory.providers.importer import import_providers
from directory.providers.models import Provider, Status
from directory.search.documents import provider_to_document
from directory.search.source import active_ids, document_sources, read_documents

SEED = Path(__file__).resolve().parents[2] / "data" / "providers.csv"


def test_fast_reading_maps_the_seed_data_as_the_orm_does(app):
    with app.app_context():
        assert import_providers(SEED, OfflineGeocoder(), "America/New_York").ok
        inactive = db.session.scalars(select(Provider).limit(3)).all()
        for provider in inactive:
            provider.status = Status.inactive
        db.session.commit()
        query = select(Provider).where(Provider.status == Status.active).order_by(Provider.id)
        expected = [provider_to_document(p) for p in db.session.scalars(query)]
        ids = active_ids()
        assert len(ids) == len(expected) > 300
        assert not {p.id for p in inactive} & set(ids)
        assert list(read_documents(ids)) == expected
        # The parts split the listings without leaving one out or reading one twice.
        parts = [list(source()) for source in document_sources(3)]
        assert [d for part in parts for d in part] == expected
        assert all(parts)
        phones = [d for d in expected if d["flag_bits"]]
        assert phones  # flags (reachable, free, hours...) were read, not all zero


@pytest.mark.sqlite
def test_reading_a_part_never_walks_every_active_listing(app):
    """With 1M listings, ANALYZE's sampled statistics rated `status = ?` as selective as an
    id range; a status condition in SQL then made each batch walk every active listing."""
    with app.app_context():
        assert import_providers(SEED, OfflineGeocoder(), "America/New_York").ok
        connection = db.session.connection()
        connection.exec_driver_sql("ANALYZE")
        # The statistics the 1M benchmark database had.
        for index, stat in (
            ("ix_provider_status", "1085175 1001"),
            ("sqlite_autoindex_provider_1", "1095120 1"),
            ("ix_provider_organization_id", "1606640 20"),
        ):
            connection.exec_driver_sql(
                "UPDATE sqlite_stat1 SET stat = ? WHERE idx = ?", (stat, index)
            )
        connection.exec_driver_sql("ANALYZE sqlite_schema")  # load them
        db.session.commit()
        statements = []

        def seen(conn, cursor, statement, parameters, context, executemany):
            if "BETWEEN" in statement and "FROM provider " in statement + " ":
                statements.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            assert len(list(read_documents(active_ids()))) > 300
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        assert statements
        for statement, parameters in statements:
            plan = db.session.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters
            )
            assert "ix_provider_status" not in " ".join(str(row) for row in plan)

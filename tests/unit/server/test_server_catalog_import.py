"""Catalog onboarding: the dry run lists every problem, a clean file imports all or nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from warehouse_api.cli import main as cli
from warehouse_api.db import Database
from warehouse_api.models import Barcode, ChangeLog, Product, ProductAlias
from warehouse_api.schema import prepare_database
from warehouse_api.services.catalog_import import (
    PROBLEM_CODES,
    CatalogFileError,
    Plan,
    PlanNotClean,
    apply,
    check,
    gtin_check_ok,
    read_table,
)

# Real GTIN-13s (check digits computed, not copied): 4710088123459 is "471 0088 12345 9".
GOOD_A = "4710088123459"
GOOD_B = "4710088123466"
GOOD_C = "4710088123473"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.from_url(f"sqlite:///{tmp_path / 'catalog.db'}")
    prepare_database(database)
    with database.write() as session:
        session.add(Product(id=1, sku="OLD-1", name="舊品", category="零食", price_cents=3500))
        session.add(Barcode(code="4710000000011", product_id=1))
        session.add(ProductAlias(source="SUP1", old_code="A-01", product_id=1))
    yield database
    database.dispose()


def _csv(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def _check(db: Database, data: bytes, name: str = "f.csv", allow: bool = False) -> Plan:
    with db.read() as session:
        return check(session, data, name, allow_new_categories=allow)


def _codes(plan: Plan) -> list[tuple[int, str]]:
    assert {p.code for p in plan.problems} <= set(PROBLEM_CODES)
    return [(p.row, p.code) for p in plan.problems]


def test_gtin_check_digits() -> None:
    assert gtin_check_ok(GOOD_A) and gtin_check_ok("4710000000011")
    assert not gtin_check_ok("4710088123458")
    assert gtin_check_ok("96385074")  # GTIN-8
    assert not gtin_check_ok("96385075")
    assert gtin_check_ok("036000291452")  # UPC-A
    assert gtin_check_ok("STORE0001")  # a store's own code: not a GTIN, not checked


def test_a_clean_file_with_chinese_headers_plans_and_imports(db: Database) -> None:
    data = _csv(
        "貨號,品名,類別,售價,條碼,來源,原編號",
        f"NEW-1,乖乖 玉米脆條,零食,25,{GOOD_A},SUP1,X-9",
        "NEW-1,,,,,S001,門市-77",  # the same product under a store's old code
        f'OLD-1,舊品,零食,"1,200",{GOOD_B};{GOOD_C},,',
    )
    plan = _check(db, data)
    assert plan.problems == ()
    assert plan.counts() == {
        "create": 1,
        "update": 1,
        "unchanged": 0,
        "price_changes": 1,
        "barcodes_added": 3,
        "aliases_added": 2,
    }
    with db.write() as session:
        apply(session, data, "f.csv", allow_new_categories=False)
    with db.read() as session:
        new = session.scalars(select(Product).where(Product.sku == "NEW-1")).one()
        assert (new.name, new.category, new.price_cents) == ("乖乖 玉米脆條", "零食", 2500)
        assert [b.code for b in new.barcodes] == [GOOD_A]
        aliases = set(
            session.execute(
                select(ProductAlias.source, ProductAlias.old_code).where(
                    ProductAlias.product_id == new.id
                )
            )
        )
        assert aliases == {("SUP1", "X-9"), ("S001", "門市-77")}
        old = session.get(Product, 1)
        assert old is not None and old.price_cents == 120_000
        assert {b.code for b in old.barcodes} == {"4710000000011", GOOD_B, GOOD_C}
        # The tills hear of both products through the change feed.
        published = set(
            session.scalars(select(ChangeLog.entity_id).where(ChangeLog.entity == "product"))
        )
        assert {str(new.id), "1"} <= published
    # Importing the same file again changes nothing.
    assert _check(db, data).counts()["unchanged"] == 2


def test_the_dry_run_lists_every_planted_problem_and_writes_nothing(db: Database) -> None:
    data = _csv(
        "sku,name,category,price,barcode,source,old_code",
        f"P-1,甲,零食,10,{GOOD_A},,",
        f"P-2,乙,零食,10,{GOOD_A},,",  # 3: the same barcode on another SKU
        "P-3,丙,零食,10,4710088123458,,",  # 4: wrong check digit
        "P-4,丁,零時,10,,,",  # 5: a typo'd category
        "P-1,甲,零食,12,,,",  # 6: P-1 at another price
        "P-5,戊,零食,-3,,,",  # 7: negative price
        "P-6,己,零食,10,4710000000011,,",  # 8: the barcode is OLD-1's
        "P-7,庚,零食,10,,SUP1,A-01",  # 9: the old code is OLD-1's
        "bad sku!,辛,零食,10,,,",  # 10: not a SKU
        "P-8,,零食,10,,,",  # 11: a new product without a name
        "P-9,壬,零食,10,,SUP2,",  # 12: a source without the old code
    )
    plan = _check(db, data)
    assert _codes(plan) == [
        (3, "duplicate_barcode"),
        (4, "bad_check_digit"),
        (5, "unknown_category"),
        (6, "price_conflict"),
        (7, "bad_price"),
        (8, "barcode_taken"),
        (9, "old_code_conflict"),
        (10, "bad_sku"),
        (11, "missing_value"),
        (12, "missing_value"),
    ]
    with db.write() as session, pytest.raises(PlanNotClean):
        apply(session, data, "f.csv", allow_new_categories=False)
    with db.read() as session:
        assert session.scalars(select(Product.sku)).all() == ["OLD-1"]


def test_a_new_category_passes_when_allowed(db: Database) -> None:
    data = _csv("sku,name,category,price", "P-1,甲,文具,10")
    assert _codes(_check(db, data)) == [(2, "unknown_category")]
    plan = _check(db, data, allow=True)
    assert plan.clean and plan.new_categories == ("文具",)


def test_missing_sku_column_and_unknown_columns() -> None:
    table = [["品名", "顏色"], ["甲", "紅"]]
    data = "\n".join(",".join(r) for r in table).encode()
    database = Database.from_url("sqlite://")
    prepare_database(database)
    with database.read() as session:
        plan = check(session, data, "f.csv", allow_new_categories=False)
    assert {(p.code, p.column) for p in plan.problems} == {
        ("unknown_column", "顏色"),
        ("missing_column", "sku"),
    }


def test_big5_csv_and_bad_bytes() -> None:
    assert read_table("貨號,品名\nA-1,茶葉蛋\n".encode("cp950"), "f.csv") == [
        ["貨號", "品名"],
        ["A-1", "茶葉蛋"],
    ]
    with pytest.raises(CatalogFileError):
        read_table(b"\xff\xfe\x00\x81\x00", "f.csv")
    with pytest.raises(CatalogFileError):
        read_table(b"PK\x03\x04 not really a zip", "f.xlsx")


def test_nul_and_control_characters_are_problems(db: Database) -> None:
    data = _csv("sku,name,category,price", "P-1,甲\x00乙,零食,10")
    assert _codes(_check(db, data)) == [(2, "bad_text")]


def test_excel_keeps_numeric_barcodes_whole(db: Database) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["sku", "name", "category", "price", "barcode"])
    sheet.append(["P-1", "甲", "零食", 25, int(GOOD_A)])  # typed as a number in Excel
    sheet.append(["P-2", "乙", "零食", 30.5, float(GOOD_B)])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = _check(db, buffer.getvalue(), "catalog.xlsx")
    assert plan.clean
    changes = {c.sku: c.changes for c in plan.changes}
    assert changes["P-1"]["barcodes"] == [GOOD_A]
    assert changes["P-2"]["price_cents"] == [None, 3050]


def test_cli_dry_run_then_import(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(db.engine.url)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv("sku,name,category,price", "P-1,甲,零食,abc"))
    assert cli(["catalog", "import", "--db", url, str(bad)]) == 1
    out = capsys.readouterr()
    assert "row 2 price: bad_price" in out.err and "nothing was imported" in out.out
    good = tmp_path / "good.csv"
    good.write_bytes(_csv("sku,name,category,price", "P-1,甲,零食,10"))
    assert cli(["catalog", "import", "--db", url, "--dry-run", str(good)]) == 0
    assert "would create 1" in capsys.readouterr().out
    with db.read() as session:
        assert session.scalar(select(Product).where(Product.sku == "P-1")) is None
    assert cli(["catalog", "import", "--db", url, str(good)]) == 0
    assert "did create 1" in capsys.readouterr().out
    with db.read() as session:
        assert session.scalar(select(Product.price_cents).where(Product.sku == "P-1")) == 1000

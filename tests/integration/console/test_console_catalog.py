"""Catalog onboarding in a real browser: a dry run with planted errors writes nothing and
lists each; a clean file imports after the check; operators and forged forms are refused."""

from __future__ import annotations

from pathlib import Path

from console_testkit import MANAGER, OPERATOR, Console
from sqlalchemy import select

from warehouse_api.models import AuditEntry, Barcode, ChangeLog, Product, ProductAlias

# GTIN-13s with their real check digits; 4710088123458 has a wrong one.
GOOD_A, GOOD_B, BAD = "4710088123459", "4710088123466", "4710088123458"


def _file(tmp: Path, name: str, *rows: str) -> str:
    path = tmp / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _existing_barcode(console: Console) -> str:
    with console.server.db.read() as session:
        return str(session.scalars(select(Barcode.code).limit(1)).one())


def _upload(console: Console, path: str) -> None:
    console.go("/catalog/import")
    console.find("input[type=file]").send_keys(path)
    console.click("form[enctype] button.primary")


def test_a_dry_run_with_planted_errors_writes_nothing(console: Console, tmp_path: Path) -> None:
    taken = _existing_barcode(console)
    path = _file(
        tmp_path,
        "供應商A.csv",
        "貨號,品名,類別,售價,條碼,來源,原編號",
        f"NEW-1,新品一,飲料,25,{GOOD_A},SUPA,A-1",
        f"NEW-2,新品二,飲料,30,{GOOD_A},SUPA,A-2",  # the same barcode twice
        f"NEW-3,新品三,飲料,30,{BAD},SUPA,A-3",  # a wrong check digit
        "NEW-4,新品四,飲米,30,,SUPA,A-4",  # a category nobody has
        "NEW-1,新品一,飲料,28,,SUPB,B-1",  # NEW-1 at another price
        f"NEW-5,新品五,飲料,30,{taken},SUPA,A-5",  # another product's barcode
    )
    console.sign_in(*MANAGER)
    _upload(console, path)
    assert "檔案已檢查" in console.text()
    codes = [cell.text for cell in console.find_all("#problems tbody td:nth-child(3)")]
    assert codes == ["條碼重複", "條碼檢查碼錯誤", "未知分類", "售價衝突", "條碼已屬其他商品"]
    rows = [cell.text for cell in console.find_all("#problems tbody td:nth-child(1)")]
    assert rows == ["3", "4", "5", "6", "7"]
    assert console.find_all("#import") == [] and console.find_all("#not-clean")
    console.shot("catalog_problems")
    with console.server.db.read() as session:
        assert session.scalars(select(Product).where(Product.sku.like("NEW-%"))).all() == []
    audited = _audited(console, "console.catalog.check")
    assert [entry.detail["problems"] for entry in audited] == [5]


def test_a_clean_file_imports_after_its_check(console: Console, tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "catalog.csv",
        "sku,name,category,price,barcode,source,old_code",
        f"NEW-1,新品一,飲料,25,{GOOD_A},SUPA,A-1",
        "NEW-1,,,,,S001,門市-1",
        f"NEW-2,新品二,飲料,30.5,{GOOD_B},SUPA,A-2",
    )
    console.sign_in(*MANAGER)
    _upload(console, path)
    assert console.find("#problem-count strong").text == "0"
    changes = console.find_all("#changes tbody tr")
    assert len(changes) == 2
    console.shot("catalog_check")
    console.click("#import")
    assert "商品已匯入" in console.text() and console.find_all("#imported")
    console.shot("catalog_imported")
    with console.server.db.read() as session:
        new = {p.sku: p for p in session.scalars(select(Product).where(Product.sku.like("NEW-%")))}
        assert (new["NEW-2"].price_cents, [b.code for b in new["NEW-2"].barcodes]) == (
            3050,
            [GOOD_B],
        )
        aliases = session.scalars(
            select(ProductAlias.old_code).where(ProductAlias.product_id == new["NEW-1"].id)
        ).all()
        assert sorted(aliases) == ["A-1", "門市-1"]
        published = set(
            session.scalars(select(ChangeLog.entity_id).where(ChangeLog.entity == "product"))
        )
        assert {str(p.id) for p in new.values()} <= published
    # The same import cannot be applied twice.
    client, csrf = console.http_signed_in(*MANAGER)
    import_id = console.driver.current_url.split("/import/")[1].split("?")[0]
    again = client.post(f"/catalog/import/{import_id}/apply", data={"csrf_token": csrf})
    assert again.status_code == 409


def test_operators_and_forms_without_the_token_are_refused(
    console: Console, tmp_path: Path
) -> None:
    path = Path(_file(tmp_path, "c.csv", "sku,name,category,price", "NEW-1,甲,飲料,10"))
    client, _csrf = console.http_signed_in(*OPERATOR)
    assert client.get("/catalog/import").status_code == 403
    manager, _token = console.http_signed_in(*MANAGER)
    forged = manager.post(
        "/catalog/import", files={"file": ("c.csv", path.read_bytes(), "text/csv")}
    )
    assert forged.status_code == 403
    with console.server.db.read() as session:
        assert session.scalar(select(Product).where(Product.sku == "NEW-1")) is None


def _audited(console: Console, action: str) -> list[AuditEntry]:
    with console.server.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))

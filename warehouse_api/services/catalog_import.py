"""Catalog onboarding (商品編碼統一): products, barcodes, prices and old codes from a file.

A retailer moving to us brings a catalog per supplier or store, each with its own
codes. One file (CSV or Excel) maps them onto the unified SKU: a row per (SKU, old
code); rows of the same SKU merge. `check` reads the file against the database and
lists every problem before anything is written (the dry run); `apply` writes a clean
plan in one transaction, or nothing. Columns, their Chinese names and the problem
codes are documented in docs/console.md.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.models import Barcode, Product, ProductAlias
from warehouse_api.services.feed_data import publish_product
from warehouse_api.validation import unstorable_character

MAX_ROWS = 200_000
MAX_BARCODES_PER_PRODUCT = 20
MAX_PRICE_CENTS = 2_147_483_647
SKU_PATTERN = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
BARCODE_PATTERN = re.compile(r"^[0-9A-Za-z]{6,32}$")
OLD_CODE_LIMIT = 64
SOURCE_LIMIT = 32

# Header names as suppliers' and stores' exports spell them -> our column.
COLUMN_NAMES: dict[str, str] = {
    "sku": "sku",
    "貨號": "sku",
    "統一貨號": "sku",
    "name": "name",
    "品名": "name",
    "商品名稱": "name",
    "category": "category",
    "類別": "category",
    "分類": "category",
    "price": "price",
    "售價": "price",
    "價格": "price",
    "barcode": "barcodes",
    "barcodes": "barcodes",
    "條碼": "barcodes",
    "國際條碼": "barcodes",
    "source": "source",
    "來源": "source",
    "old_code": "old_code",
    "原編號": "old_code",
    "舊編號": "old_code",
}
BARCODE_SEPARATORS = re.compile(r"[;|,\s]+")
GTIN_LENGTHS = (8, 12, 13, 14)
# Every `Problem.code` a check can give (the console translates each; docs/console.md).
PROBLEM_CODES = (
    "empty_file",
    "too_many_rows",
    "missing_column",
    "unknown_column",
    "duplicate_column",
    "missing_value",
    "bad_sku",
    "bad_text",
    "too_long",
    "bad_price",
    "bad_barcode",
    "bad_check_digit",
    "duplicate_barcode",
    "barcode_taken",
    "unknown_category",
    "price_conflict",
    "name_conflict",
    "category_conflict",
    "old_code_conflict",
    "too_many_barcodes",
)


class CatalogFileError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, an encoding we cannot read)."""


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # 1 = the header row; 0 = the file as a whole
    column: str
    code: str
    message: str
    value: str = ""


@dataclass(slots=True)
class _Merged:
    """Everything the file says about one SKU, with the row each fact came from."""

    first_row: int
    name: str | None = None
    category: str | None = None
    price_cents: int | None = None
    barcodes: dict[str, int] = field(default_factory=dict)  # code -> row
    aliases: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, old) -> row
    refused: set[str] = field(default_factory=set)  # columns given but refused: no "missing"


@dataclass(frozen=True, slots=True)
class ProductChange:
    sku: str
    action: str  # "create", "update" or "unchanged"
    changes: dict[str, Any]  # field -> [old, new]; "barcodes"/"aliases" -> the new ones


@dataclass(frozen=True, slots=True)
class Plan:
    rows: int
    problems: tuple[Problem, ...]
    changes: tuple[ProductChange, ...]
    new_categories: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = defaultdict(int)
        for change in self.changes:
            tally[change.action] += 1
            tally["barcodes_added"] += len(change.changes.get("barcodes", ()))
            tally["aliases_added"] += len(change.changes.get("aliases", ()))
            if "price_cents" in change.changes and change.action == "update":
                tally["price_changes"] += 1
        return {
            key: tally[key]
            for key in (
                "create",
                "update",
                "unchanged",
                "price_changes",
                "barcodes_added",
                "aliases_added",
            )
        }

    def summary(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "problems": len(self.problems),
            "new_categories": list(self.new_categories),
            **self.counts(),
        }


# ---- reading the file ------------------------------------------------------------------


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The file's rows as text cells, header first. CSV (UTF-8, with or without BOM, or
    Big5/CP950 as older Taiwanese tools write it) or Excel .xlsx (first sheet)."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    for encoding in ("utf-8-sig", "cp950"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CatalogFileError("the file is neither UTF-8 nor Big5 text, nor an Excel .xlsx")
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    return [row for row in csv.reader(io.StringIO(text, newline=""), dialect) if any(row)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise CatalogFileError(f"the Excel file cannot be read ({error})") from error
    try:
        sheet = book.worksheets[0]
        return [
            [_cell_text(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
            if any(cell not in (None, "") for cell in row)
        ]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    # Excel keeps a barcode typed as a number as a float: 4710088123458.0, not text.
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---- checking ------------------------------------------------------------------------


def gtin_check_ok(code: str) -> bool:
    """GTIN-8/12/13/14 mod-10 check digit; other codes (store codes) are not checked."""
    if not code.isdigit() or len(code) not in GTIN_LENGTHS:
        return True
    body, check = code[:-1], int(code[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _price_cents(text: str) -> int | None:
    cleaned = text.strip().replace(",", "").removeprefix("NT$").removeprefix("$").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    cents = amount * 100
    if cents != cents.to_integral_value() or cents > MAX_PRICE_CENTS:
        return None
    return int(cents)


def _text_problem(row: int, column: str, value: str, limit: int) -> Problem | None:
    bad = unstorable_character(value)
    if bad is not None:
        return Problem(row, column, "bad_text", f"a control character ({bad!r})", value[:40])
    if len(value) > limit:
        return Problem(row, column, "too_long", f"longer than {limit} characters", value[:40])
    return None


def _columns(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    index: dict[str, int] = {}
    problems: list[Problem] = []
    for position, name in enumerate(header):
        column = COLUMN_NAMES.get(name.strip().lower().replace(" ", "_"))
        if column is None:
            problems.append(
                Problem(1, name, "unknown_column", "a column this import does not know", name)
            )
        elif column in index:
            problems.append(Problem(1, name, "duplicate_column", "the column appears twice"))
        else:
            index[column] = position
    if "sku" not in index:
        problems.append(Problem(1, "sku", "missing_column", "a SKU column (sku / 貨號) is needed"))
    return index, problems


def _records(rows: list[list[str]], index: dict[str, int]) -> Iterator[tuple[int, dict[str, str]]]:
    for number, row in enumerate(rows[1:], start=2):
        yield (
            number,
            {
                column: (row[position].strip() if position < len(row) else "")
                for column, position in index.items()
            },
        )


def check(session: Session, data: bytes, filename: str, *, allow_new_categories: bool) -> Plan:
    """The dry run: every problem in the file, and what an import would change."""
    table = read_table(data, filename)
    if not table:
        return Plan(0, (Problem(0, "", "empty_file", "the file has no rows"),), (), ())
    if len(table) - 1 > MAX_ROWS:
        problem = Problem(0, "", "too_many_rows", f"more than {MAX_ROWS} rows; split the file")
        return Plan(len(table) - 1, (problem,), (), ())
    index, problems = _columns(table[0])
    if "sku" not in index:
        return Plan(len(table) - 1, tuple(problems), (), ())
    merged = _merge_rows(_records(table, index), problems)
    known = _known_categories(session)
    new_categories = sorted(
        {m.category for m in merged.values() if m.category and m.category not in known}
    )
    if new_categories and not allow_new_categories:
        for sku, item in merged.items():
            if item.category in new_categories:
                problems.append(
                    Problem(
                        item.first_row,
                        "category",
                        "unknown_category",
                        f"no product has this category yet (SKU {sku}); allow new "
                        "categories if it is meant",
                        item.category or "",
                    )
                )
    changes = _against_database(session, merged, problems)
    problems.sort(key=lambda p: (p.row, p.column, p.code))
    return Plan(len(table) - 1, tuple(problems), tuple(changes), tuple(new_categories))


def _merge_rows(
    records: Iterable[tuple[int, dict[str, str]]], problems: list[Problem]
) -> dict[str, _Merged]:
    merged: dict[str, _Merged] = {}
    barcode_owner: dict[str, tuple[str, int]] = {}
    alias_owner: dict[tuple[str, str], tuple[str, int]] = {}
    for row, record in records:
        sku = record.get("sku", "")
        if not sku:
            problems.append(Problem(row, "sku", "missing_value", "every row needs a SKU"))
            continue
        if not SKU_PATTERN.match(sku):
            problems.append(
                Problem(row, "sku", "bad_sku", "1-32 letters, digits, - or _", sku[:40])
            )
            continue
        item = merged.setdefault(sku, _Merged(first_row=row))
        _merge_fields(sku, item, row, record, problems)
        for code in (c for c in BARCODE_SEPARATORS.split(record.get("barcodes", "")) if c):
            _merge_barcode(sku, item, row, code, barcode_owner, problems)
        _merge_alias(sku, item, row, record, alias_owner, problems)
    return merged


def _merge_fields(
    sku: str, item: _Merged, row: int, record: dict[str, str], problems: list[Problem]
) -> None:
    for column, limit in (("name", 200), ("category", 50)):
        value = record.get(column, "")
        if not value:
            continue
        bad = _text_problem(row, column, value, limit)
        if bad is not None:
            problems.append(bad)
            item.refused.add(column)
            continue
        earlier = getattr(item, column)
        if earlier is None:
            setattr(item, column, value)
        elif earlier != value:
            problems.append(
                Problem(
                    row,
                    column,
                    f"{column}_conflict",
                    f"SKU {sku} has {earlier!r} on row {item.first_row}",
                    value[:40],
                )
            )
    price_text = record.get("price", "")
    if price_text:
        cents = _price_cents(price_text)
        if cents is None:
            item.refused.add("price")
            problems.append(
                Problem(row, "price", "bad_price", "NT$ 0 or more, at most 2 decimals", price_text)
            )
        elif item.price_cents is None:
            item.price_cents = cents
        elif item.price_cents != cents:
            problems.append(
                Problem(
                    row,
                    "price",
                    "price_conflict",
                    f"SKU {sku} costs NT${item.price_cents / 100:g} on an earlier row",
                    price_text,
                )
            )


def _merge_barcode(
    sku: str,
    item: _Merged,
    row: int,
    code: str,
    owner: dict[str, tuple[str, int]],
    problems: list[Problem],
) -> None:
    if not BARCODE_PATTERN.match(code):
        problems.append(
            Problem(row, "barcodes", "bad_barcode", "6-32 letters or digits", code[:40])
        )
        return
    if not gtin_check_ok(code):
        problems.append(
            Problem(row, "barcodes", "bad_check_digit", "the GTIN check digit is wrong", code)
        )
        return
    other = owner.get(code)
    if other is not None and other[0] != sku:
        problems.append(
            Problem(
                row,
                "barcodes",
                "duplicate_barcode",
                f"also given to SKU {other[0]} on row {other[1]}",
                code,
            )
        )
        return
    owner[code] = (sku, row)
    item.barcodes.setdefault(code, row)


def _merge_alias(
    sku: str,
    item: _Merged,
    row: int,
    record: dict[str, str],
    owner: dict[tuple[str, str], tuple[str, int]],
    problems: list[Problem],
) -> None:
    source, old_code = record.get("source", ""), record.get("old_code", "")
    if not source and not old_code:
        return
    if not source or not old_code:
        column = "source" if not source else "old_code"
        problems.append(
            Problem(row, column, "missing_value", "an old code needs its source and the code")
        )
        return
    for column, value, limit in (("source", source, SOURCE_LIMIT), ("old_code", old_code, 64)):
        bad = _text_problem(row, column, value, limit)
        if bad is not None:
            problems.append(bad)
            return
    key = (source, old_code)
    other = owner.get(key)
    if other is not None and other[0] != sku:
        problems.append(
            Problem(
                row,
                "old_code",
                "old_code_conflict",
                f"{source} {old_code} is mapped to SKU {other[0]} on row {other[1]}",
                old_code,
            )
        )
        return
    owner[key] = (sku, row)
    item.aliases.setdefault(key, row)


def _known_categories(session: Session) -> set[str]:
    return set(session.scalars(select(Product.category).distinct()))


def _chunks(values: list[Any], size: int = 900) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _against_database(
    session: Session, merged: dict[str, _Merged], problems: list[Problem]
) -> list[ProductChange]:
    skus = list(merged)
    existing: dict[str, Product] = {}
    for chunk in _chunks(skus):
        existing.update(
            (p.sku, p) for p in session.scalars(select(Product).where(Product.sku.in_(chunk)))
        )
    codes = [code for item in merged.values() for code in item.barcodes]
    barcode_sku: dict[str, str] = {}
    for chunk in _chunks(codes):
        for code, owner_sku in session.execute(
            select(Barcode.code, Product.sku)
            .join(Product, Product.id == Barcode.product_id)
            .where(Barcode.code.in_(chunk))
        ):
            barcode_sku[code] = owner_sku
    alias_sku = _existing_aliases(session, merged)
    changes: list[ProductChange] = []
    for sku, item in merged.items():
        product = existing.get(sku)
        if product is None:
            for column in ("name", "category", "price"):
                attribute = "price_cents" if column == "price" else column
                if getattr(item, attribute) is None and column not in item.refused:
                    problems.append(
                        Problem(
                            item.first_row,
                            column,
                            "missing_value",
                            f"SKU {sku} is new, so it needs a {column}",
                        )
                    )
        new_barcodes = []
        for code, row in item.barcodes.items():
            owner = barcode_sku.get(code)
            if owner is None:
                new_barcodes.append(code)
            elif owner != sku:
                problems.append(
                    Problem(row, "barcodes", "barcode_taken", f"belongs to SKU {owner}", code)
                )
        new_aliases = []
        for key, row in item.aliases.items():
            owner = alias_sku.get(key)
            if owner is None:
                new_aliases.append(list(key))
            elif owner != sku:
                problems.append(
                    Problem(
                        row,
                        "old_code",
                        "old_code_conflict",
                        f"{key[0]} {key[1]} is mapped to SKU {owner} already",
                        key[1],
                    )
                )
        held = len(product.barcodes) if product is not None else 0
        if held + len(new_barcodes) > MAX_BARCODES_PER_PRODUCT:
            problems.append(
                Problem(
                    item.first_row,
                    "barcodes",
                    "too_many_barcodes",
                    f"SKU {sku} would have more than {MAX_BARCODES_PER_PRODUCT} barcodes",
                )
            )
        changes.append(_change(sku, item, product, new_barcodes, new_aliases))
    return changes


def _existing_aliases(session: Session, merged: dict[str, _Merged]) -> dict[tuple[str, str], str]:
    wanted = [key for item in merged.values() for key in item.aliases]
    found: dict[tuple[str, str], str] = {}
    for chunk in _chunks([old for _, old in wanted]):
        for source, old_code, sku in session.execute(
            select(ProductAlias.source, ProductAlias.old_code, Product.sku)
            .join(Product, Product.id == ProductAlias.product_id)
            .where(ProductAlias.old_code.in_(chunk))
        ):
            found[(source, old_code)] = sku
    return found


def _change(
    sku: str,
    item: _Merged,
    product: Product | None,
    new_barcodes: list[str],
    new_aliases: list[list[str]],
) -> ProductChange:
    changes: dict[str, Any] = {}
    if product is None:
        changes = {
            "name": [None, item.name],
            "category": [None, item.category],
            "price_cents": [None, item.price_cents],
        }
    else:
        for attribute in ("name", "category", "price_cents"):
            new = getattr(item, attribute)
            old = getattr(product, attribute)
            if new is not None and new != old:
                changes[attribute] = [old, new]
    if new_barcodes:
        changes["barcodes"] = new_barcodes
    if new_aliases:
        changes["aliases"] = new_aliases
    action = "create" if product is None else "update" if changes else "unchanged"
    return ProductChange(sku, action, changes)


# ---- applying --------------------------------------------------------------------------


class PlanNotClean(ValueError):
    def __init__(self, plan: Plan) -> None:
        super().__init__(f"{len(plan.problems)} problems; nothing was imported")
        self.plan = plan


def apply(session: Session, data: bytes, filename: str, *, allow_new_categories: bool) -> Plan:
    """Check again against the database as it is now, then write everything or nothing.

    The caller's transaction holds it all; a barcode or SKU taken by someone else in the
    meantime fails the unique constraint and rolls the whole import back.
    """
    plan = check(session, data, filename, allow_new_categories=allow_new_categories)
    if not plan.clean:
        raise PlanNotClean(plan)
    by_sku: dict[str, Product] = {}
    skus = [c.sku for c in plan.changes if c.action != "unchanged"]
    for chunk in _chunks(skus):
        by_sku.update(
            (p.sku, p) for p in session.scalars(select(Product).where(Product.sku.in_(chunk)))
        )
    for change in plan.changes:
        if change.action == "unchanged":
            continue
        product = by_sku.get(change.sku)
        if product is None:
            product = Product(
                sku=change.sku,
                name=change.changes["name"][1],
                category=change.changes["category"][1],
                price_cents=change.changes["price_cents"][1],
                active=True,
            )
            session.add(product)
            session.flush()
        else:
            for attribute in ("name", "category", "price_cents"):
                if attribute in change.changes:
                    setattr(product, attribute, change.changes[attribute][1])
        session.add_all(
            Barcode(code=code, product_id=product.id) for code in change.changes.get("barcodes", ())
        )
        session.add_all(
            ProductAlias(source=source, old_code=old_code, product_id=product.id)
            for source, old_code in change.changes.get("aliases", ())
        )
        publish_product(session, product)
    return plan

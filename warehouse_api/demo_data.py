"""A deterministic demo catalog of a Taiwanese retailer, and the seeder that loads it.

Names are built from brand x product x flavour x size x pack parts, e.g.
「義美 原味小泡芙 57g」 or 「黑松 沙士 600ml x6入」; barcodes are EAN-13 with the
Taiwan prefix 471 and valid check digits, 1.5 per product on average. The same
seed always yields the same catalog, stock and staff (PIN salts included).
Rows go in with Core executemany in chunks so 200,000 products load in seconds.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from warehouse_api.db import Database
from warehouse_api.models import (
    Barcode,
    ChangeLog,
    FeedState,
    Location,
    Product,
    Staff,
    Stock,
    StockMovement,
    utcnow,
)
from warehouse_api.security import hash_pin
from warehouse_api.services.change_feed import FEED_STATE_ID
from warehouse_api.services.feed_data import location_data, product_data, stock_data

DEFAULT_SEED = 20261125
DEFAULT_PRODUCTS = 500
CHUNK = 20_000
DEMO_CASHIER_PIN = "1234"
DEMO_SUPERVISOR_PIN = "9999"

LOCATIONS: list[tuple[str, str, str]] = [
    ("WH01", "團購倉儲", "warehouse"),
    ("S001", "台北信義店", "store"),
    ("S002", "新北板橋店", "store"),
    ("S003", "台中公益店", "store"),
    ("P001", "好物代發夥伴", "partner"),
]


@dataclass(frozen=True)
class CategorySpec:
    brands: tuple[str, ...]
    items: tuple[str, ...]
    flavours: tuple[str, ...]
    sizes: tuple[str, ...]
    price_range: tuple[int, int]  # NT$ for a single unit
    packs: tuple[tuple[str, int], ...] = (("", 1),)


CATEGORIES: dict[str, CategorySpec] = {
    "飲料": CategorySpec(
        ("黑松", "統一", "光泉", "金車", "維他露", "泰山", "愛之味", "Coca-Cola", "Pepsi", "生活"),
        (
            "沙士",
            "綠茶",
            "紅茶",
            "烏龍茶",
            "奶茶",
            "汽水",
            "運動飲料",
            "咖啡",
            "麥茶",
            "豆漿",
            "果汁",
            "氣泡水",
            "礦泉水",
            "檸檬紅茶",
            "冬瓜茶",
        ),
        ("", "無糖", "微糖", "原味", "蜂蜜", "檸檬", "蘋果", "葡萄", "水蜜桃"),
        ("330ml", "375ml", "400ml", "500ml", "600ml", "975ml", "1250ml", "2000ml"),
        (15, 65),
        (("", 1), ("x6入", 6), ("x24入箱", 24)),
    ),
    "零食": CategorySpec(
        ("義美", "乖乖", "華元", "可樂果", "掬水軒", "旺旺", "卡迪那", "Lay's", "Pringles", "77"),
        (
            "小泡芙",
            "洋芋片",
            "玉米脆果",
            "蝦味先",
            "豌豆酥",
            "米果",
            "牛軋糖",
            "巧克力酥片",
            "海苔捲",
            "蛋捲",
            "鳳梨酥",
            "綠豆糕",
            "乖乖桶",
            "餅乾",
            "果汁軟糖",
        ),
        ("原味", "巧克力", "草莓", "海苔", "椒鹽", "起司", "辣味", "黑糖", "抹茶", "香蔥"),
        ("45g", "57g", "60g", "85g", "100g", "120g", "150g", "200g"),
        (20, 120),
        (("", 1), ("x3包", 3), ("家庭號", 4)),
    ),
    "日用品": CategorySpec(
        ("舒潔", "五月花", "倍潔雅", "3M", "妙管家", "Kleenex", "花王", "獅王", "奈森克林", "春風"),
        (
            "抽取式衛生紙",
            "廚房紙巾",
            "濕紙巾",
            "垃圾袋",
            "保鮮膜",
            "鋁箔紙",
            "菜瓜布",
            "棉花棒",
            "牙線棒",
            "拖鞋",
            "衣架",
            "收納盒",
            "口罩",
            "電池",
            "燈泡",
        ),
        ("", "柔膚", "超厚", "無香", "抗菌", "大尺寸", "加厚", "環保"),
        ("100抽", "110抽", "小", "中", "大", "30入", "50入", "1捲"),
        (25, 350),
        (("", 1), ("x6串", 6), ("x12包", 12)),
    ),
    "泡麵": CategorySpec(
        (
            "維力",
            "統一",
            "味丹",
            "來一客",
            "滿漢大餐",
            "阿Q桶麵",
            "Nissin",
            "Nongshim",
            "農心",
            "味味A",
        ),
        (
            "炸醬麵",
            "牛肉麵",
            "肉燥麵",
            "排骨雞麵",
            "鮮蝦麵",
            "辛拉麵",
            "麻油雞麵",
            "鍋燒意麵",
            "泡菜麵",
            "味噌拉麵",
            "酸辣麵",
            "蔥燒牛肉麵",
            "沙茶麵",
            "當歸鴨麵",
            "擔仔麵",
        ),
        ("", "原味", "辣味", "珍味", "香辣", "紅燒", "清燉", "蔥燒"),
        ("85g", "90g", "100g", "120g", "168g", "200g"),
        (15, 75),
        (("", 1), ("x5包", 5), ("x12碗箱", 12)),
    ),
    "冷凍食品": CategorySpec(
        ("龍鳳", "奇美", "桂冠", "義美", "大成", "卜蜂", "灣仔碼頭", "台畜", "金品", "Häagen-Dazs"),
        (
            "水餃",
            "湯圓",
            "蔥油餅",
            "小籠包",
            "炒飯",
            "雞塊",
            "魚丸",
            "燒賣",
            "鍋貼",
            "冰淇淋",
            "煎餃",
            "蘿蔔糕",
            "春捲",
            "鍋燒烏龍麵",
            "披薩",
        ),
        ("", "高麗菜豬肉", "韭菜", "玉米", "芝麻", "花生", "咖哩", "香草", "巧克力", "蝦仁"),
        ("300g", "450g", "500g", "600g", "800g", "1kg", "20入", "40入"),
        (60, 320),
    ),
    "調味料": CategorySpec(
        ("金蘭", "萬家香", "龜甲萬", "味全", "台糖", "牛頭牌", "Kikkoman", "Heinz", "工研", "憶霖"),
        (
            "醬油",
            "醬油膏",
            "烏醋",
            "白醋",
            "沙茶醬",
            "辣椒醬",
            "番茄醬",
            "麻油",
            "香油",
            "味噌",
            "胡椒粉",
            "鹽",
            "砂糖",
            "豆瓣醬",
            "蠔油",
        ),
        ("", "純釀", "薄鹽", "甘醇", "特級", "香辣", "有機", "古早味"),
        ("200ml", "300ml", "500ml", "590ml", "1000ml", "250g", "500g", "1kg"),
        (30, 280),
    ),
    "文具": CategorySpec(
        ("百樂", "飛龍", "雄獅", "利百代", "Pilot", "uni", "Zebra", "PLUS", "Kokuyo", "3M"),
        (
            "原子筆",
            "中性筆",
            "鉛筆",
            "自動鉛筆",
            "橡皮擦",
            "修正帶",
            "螢光筆",
            "筆記本",
            "便利貼",
            "膠帶",
            "剪刀",
            "釘書機",
            "資料夾",
            "色鉛筆",
            "尺",
        ),
        ("", "黑", "藍", "紅", "粉彩", "極細", "透明", "可擦"),
        ("0.38mm", "0.5mm", "0.7mm", "A5", "B5", "A4", "12色", "24色"),
        (10, 180),
        (("", 1), ("x3入", 3), ("x10入", 10)),
    ),
    "清潔用品": CategorySpec(
        (
            "白蘭",
            "一匙靈",
            "泡舒",
            "毛寶",
            "魔術靈",
            "多益得",
            "Ariel",
            "Dettol",
            "橘子工坊",
            "nice",
        ),
        (
            "洗衣精",
            "洗衣粉",
            "洗碗精",
            "衣物柔軟精",
            "漂白水",
            "浴廁清潔劑",
            "玻璃清潔劑",
            "地板清潔劑",
            "廚房清潔劑",
            "洗手乳",
            "抗菌噴霧",
            "除霉劑",
            "洗衣球",
            "馬桶清潔錠",
            "補充包",
        ),
        ("", "抗菌", "防蹣", "檸檬", "薰衣草", "茶樹", "天然", "濃縮"),
        ("500ml", "800ml", "1000ml", "1.5kg", "2000g", "2.4kg", "3.2kg"),
        (39, 399),
    ),
    "個人保養": CategorySpec(
        (
            "專科",
            "曼秀雷敦",
            "Dove",
            "Nivea",
            "Biore",
            "海倫仙度絲",
            "沙宣",
            "舒酸定",
            "黑人",
            "耐斯",
        ),
        (
            "洗髮乳",
            "潤髮乳",
            "沐浴乳",
            "洗面乳",
            "乳液",
            "防曬乳",
            "護唇膏",
            "牙膏",
            "牙刷",
            "刮鬍刀",
            "護手霜",
            "化妝水",
            "面膜",
            "體香劑",
            "卸妝油",
        ),
        ("", "清爽", "保濕", "控油", "敏感肌", "美白", "抗屑", "薄荷", "玫瑰"),
        ("50g", "100g", "120g", "200ml", "400ml", "700ml", "1000ml"),
        (49, 499),
        (("", 1), ("x2入", 2)),
    ),
    "生鮮": CategorySpec(
        ("台灣", "雲林", "屏東", "嘉義", "宜蘭", "花蓮", "台東", "南投", "大成", "卜蜂"),
        (
            "高麗菜",
            "青江菜",
            "地瓜",
            "香蕉",
            "芭樂",
            "鳳梨",
            "雞蛋",
            "雞胸肉",
            "豬五花",
            "鮭魚片",
            "豆腐",
            "玉米",
            "番茄",
            "蘋果",
            "小黃瓜",
        ),
        ("", "有機", "產銷履歷", "特選", "鮮採", "溫體", "冷藏"),
        ("300g", "500g", "600g", "1kg", "1盒", "1顆", "10入"),
        (25, 260),
    ),
    "乳品": CategorySpec(
        ("林鳳營", "瑞穗", "光泉", "味全", "統一", "福樂", "Lactel", "Meiji", "義美", "四方"),
        (
            "鮮乳",
            "低脂鮮乳",
            "優酪乳",
            "優格",
            "保久乳",
            "調味乳",
            "起司片",
            "奶油",
            "豆奶",
            "乳酸飲料",
            "布丁",
            "鮮奶茶",
            "希臘優格",
            "奶酪",
            "煉乳",
        ),
        ("", "原味", "草莓", "巧克力", "果粒", "無糖", "高鈣", "麥芽"),
        ("200ml", "290ml", "400ml", "936ml", "1857ml", "100g", "450g"),
        (18, 180),
        (("", 1), ("x4入", 4)),
    ),
}

STAFF_PER_STORE: list[tuple[str, str, str]] = [
    ("示範收銀員", "cashier", DEMO_CASHIER_PIN),
    ("示範主管", "supervisor", DEMO_SUPERVISOR_PIN),
    ("店長", "manager", "5678"),
    ("收銀員二", "cashier", "2468"),
]


def ean13_check_digit(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def ean13(first12: str) -> str:
    return first12 + ean13_check_digit(first12)


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and code.isdigit() and ean13_check_digit(code[:12]) == code[12]


def _barcode_for(index: int) -> str:
    # 471 + 9 digits; multiplying by a number coprime with 10**9 permutes the range,
    # so codes are unique yet do not look sequential.
    body = (index * 7_919_337 + 12_345) % 10**9
    return ean13(f"471{body:09d}")


def _price_cents(rng: random.Random, spec: CategorySpec, pack_units: int) -> int:
    low, high = spec.price_range
    unit = rng.randint(low, high)
    dollars = unit * pack_units
    if pack_units > 1:
        dollars = int(dollars * 0.9)  # a pack costs less per unit
    if dollars >= 100:
        dollars = dollars - dollars % 10 + rng.choice((0, 5, 9))
    return max(dollars, 5) * 100


@dataclass
class DemoCatalog:
    locations: list[dict[str, Any]] = field(default_factory=list)
    products: list[dict[str, Any]] = field(default_factory=list)
    barcodes: list[dict[str, Any]] = field(default_factory=list)
    stock: list[dict[str, Any]] = field(default_factory=list)
    staff: list[dict[str, Any]] = field(default_factory=list)


def generate_catalog(products: int = DEFAULT_PRODUCTS, seed: int = DEFAULT_SEED) -> DemoCatalog:
    """Build every row in memory, deterministically from the seed."""
    rng = random.Random(seed)
    catalog = DemoCatalog()
    location_ids: dict[str, int] = {}
    for index, (code, name, kind) in enumerate(LOCATIONS, start=1):
        catalog.locations.append({"id": index, "code": code, "name": name, "kind": kind})
        location_ids[code] = index
    warehouse = location_ids["WH01"]
    partner = location_ids["P001"]
    stores = [location_ids[code] for code, _, kind in LOCATIONS if kind == "store"]

    category_names = list(CATEGORIES)
    barcode_index = 0
    for product_id in range(1, products + 1):
        category = category_names[rng.randrange(len(category_names))]
        spec = CATEGORIES[category]
        pack_label, pack_units = rng.choice(spec.packs)
        parts = [
            rng.choice(spec.brands),
            rng.choice(spec.flavours) + rng.choice(spec.items),
            rng.choice(spec.sizes) + (f" {pack_label}" if pack_label else ""),
        ]
        dropship = rng.random() < 0.05
        catalog.products.append(
            {
                "id": product_id,
                "sku": str(100_000 + product_id),
                "name": " ".join(parts),
                "category": category,
                "price_cents": _price_cents(rng, spec, pack_units),
                "active": rng.random() > 0.01,
                "dropship_partner_id": partner if dropship else None,
            }
        )
        for _ in range(1 + (rng.random() < 0.5)):
            catalog.barcodes.append({"code": _barcode_for(barcode_index), "product_id": product_id})
            barcode_index += 1

        catalog.stock.append(
            {
                "location_id": warehouse,
                "product_id": product_id,
                "on_hand": rng.randint(0, 400),
                "safety_stock": rng.choice((0, 0, 2, 5)),
            }
        )
        for store in stores:
            if rng.random() < 0.5:
                catalog.stock.append(
                    {
                        "location_id": store,
                        "product_id": product_id,
                        "on_hand": rng.randint(0, 40),
                        "safety_stock": 0,
                    }
                )
        if dropship:
            catalog.stock.append(
                {
                    "location_id": partner,
                    "product_id": product_id,
                    "on_hand": rng.randint(20, 500),
                    "safety_stock": 0,
                }
            )

    staff_id = 1
    for store in stores:
        for name, role, pin in STAFF_PER_STORE:
            salt = rng.randbytes(16)
            catalog.staff.append(
                {
                    "id": staff_id,
                    "name": name,
                    "role": role,
                    "location_id": store,
                    "pin_hash": hash_pin(pin, salt=salt),
                    "active": True,
                }
            )
            staff_id += 1
    return catalog


class AlreadySeeded(Exception):
    pass


def is_seeded(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Location)) != 0


def _chunks(rows: list[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def seed_demo(db: Database, products: int = DEFAULT_PRODUCTS, seed: int = DEFAULT_SEED) -> float:
    """Load the demo catalog into an empty database; returns the seconds it took.

    Raises AlreadySeeded if the database already has locations.
    """
    from warehouse_api.schema import prepare_database

    started = time.perf_counter()
    prepare_database(db)
    if is_seeded(db):
        raise AlreadySeeded("the database already holds data; not seeding it again")
    load_catalog(db, generate_catalog(products, seed))
    return time.perf_counter() - started


def load_catalog(db: Database, catalog: DemoCatalog) -> None:
    """Insert generated rows into an empty, prepared database in one transaction."""
    with db.engine.begin() as connection:
        _load(connection, catalog)


def _load(connection: Connection, catalog: DemoCatalog) -> None:
    now = utcnow()
    connection.execute(Location.__table__.insert(), catalog.locations)
    for chunk in _chunks(catalog.products):
        connection.execute(Product.__table__.insert(), chunk)
    for chunk in _chunks(catalog.barcodes):
        connection.execute(Barcode.__table__.insert(), chunk)
    stock_rows = [{**row, "reserved": 0, "needs_count": False} for row in catalog.stock]
    for chunk in _chunks(stock_rows):
        connection.execute(Stock.__table__.insert(), chunk)
    movements = [
        {
            "location_id": row["location_id"],
            "product_id": row["product_id"],
            "delta": row["on_hand"],
            "reason": "initial",
            "reference": "demo-seed",
            "device_id": None,
            "created_at": now,
        }
        for row in catalog.stock
        if row["on_hand"]
    ]
    for chunk in _chunks(movements):
        connection.execute(StockMovement.__table__.insert(), chunk)
    connection.execute(Staff.__table__.insert(), catalog.staff)

    changes = _feed_rows(catalog, now)
    for chunk in _chunks(changes):
        connection.execute(ChangeLog.__table__.insert(), chunk)
    connection.execute(
        FeedState.__table__.update()
        .where(FeedState.__table__.c.id == FEED_STATE_ID)
        .values(last_seq=len(changes))
    )
    if connection.dialect.name == "postgresql":
        # Explicit ids were inserted: move the id sequences past them.
        for table in ("locations", "products", "staff"):
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def _feed_rows(catalog: DemoCatalog, now: Any) -> list[dict[str, Any]]:
    codes_by_product: dict[int, list[str]] = {}
    for barcode in catalog.barcodes:
        codes_by_product.setdefault(barcode["product_id"], []).append(barcode["code"])
    rows: list[dict[str, Any]] = []

    def add(entity: str, entity_id: str, data: dict[str, Any], scope: int | None) -> None:
        rows.append(
            {
                "entity": entity,
                "entity_id": entity_id,
                "seq": len(rows) + 1,
                "op": "upsert",
                "data": data,
                "scope_location_id": scope,
                "changed_at": now,
            }
        )

    for location in catalog.locations:
        add("location", str(location["id"]), location_data(_Row(location)), None)
    for product in catalog.products:
        add(
            "product",
            str(product["id"]),
            product_data(_Row(product), codes_by_product.get(product["id"], [])),
            None,
        )
    for row in catalog.stock:
        add(
            "stock",
            f"{row['location_id']}:{row['product_id']}",
            stock_data(
                row["location_id"], row["product_id"], row["on_hand"], 0, row["safety_stock"]
            ),
            None,
        )
    for staff in catalog.staff:
        data = {
            key: staff[key] for key in ("id", "name", "role", "location_id", "pin_hash", "active")
        }
        add("staff", str(staff["id"]), data, staff["location_id"])
    return rows


class _Row:
    """Attribute access over a dict, so the feed serializers work on generated rows."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

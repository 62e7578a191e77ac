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
from typing import Any, cast

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
    table_of,
    utcnow,
)
from warehouse_api.security import hash_pin
from warehouse_api.services.change_feed import FEED_STATE_ID
from warehouse_api.services.feed_data import location_data, product_data, stock_data

DEFAULT_SEED = 20261125
DEFAULT_PRODUCTS = 500
CHUNK = 20_000
DEMO_CASHIER_PIN = "1234"
DEMO_SUPERVISOR_PIN = "999999"  # approvers: 6 digits at least (services/staff_pins.py)
DEMO_MANAGER_PIN = "567890"

LOCATIONS: list[tuple[str, str, str]] = [
    ("WH01", "團購倉儲", "warehouse"),
    ("S001", "台北信義店", "store"),
    ("S002", "新北板橋店", "store"),
    ("S003", "台中公益店", "store"),
    ("P001", "好物代發夥伴", "partner"),
]


@dataclass(frozen=True)
class ItemGroup:
    """Products that share their flavours and sizes, so names stay plausible."""

    items: tuple[str, ...]
    flavours: tuple[str, ...]
    sizes: tuple[str, ...]


@dataclass(frozen=True)
class CategorySpec:
    brands: tuple[str, ...]
    groups: tuple[ItemGroup, ...]
    price_range: tuple[int, int]  # NT$ for a single unit
    packs: tuple[tuple[str, int], ...] = (("", 1),)


def _g(items: str, flavours: str, sizes: str) -> ItemGroup:
    """Space-separated lists; `-` stands for "no flavour"."""
    return ItemGroup(
        tuple(items.split()),
        tuple("" if f == "-" else f for f in flavours.split()),
        tuple(size.replace("_", " ") for size in sizes.split()),
    )


CATEGORIES: dict[str, CategorySpec] = {
    "飲料": CategorySpec(
        ("黑松", "統一", "光泉", "金車", "維他露", "泰山", "愛之味", "Coca-Cola", "Pepsi", "生活"),
        (
            _g(
                "綠茶 紅茶 烏龍茶 麥茶 冬瓜茶 檸檬紅茶 青茶",
                "- 無糖 微糖 蜂蜜",
                "330ml 500ml 600ml 975ml 1250ml",
            ),
            _g("沙士 汽水 可樂 氣泡水", "- 無糖 檸檬 葡萄", "330ml 600ml 1250ml 2000ml"),
            _g("奶茶 咖啡 豆漿 拿鐵", "- 原味 微糖 黑糖", "240ml 300ml 400ml 500ml"),
            _g("果汁 運動飲料", "- 蘋果 葡萄 柳橙 芭樂 水蜜桃", "250ml 450ml 600ml 1000ml"),
            _g("礦泉水 鹼性水", "-", "600ml 850ml 1500ml"),
        ),
        (15, 65),
        (("", 1), ("x6入", 6), ("x24入箱", 24)),
    ),
    "零食": CategorySpec(
        ("義美", "乖乖", "華元", "可樂果", "掬水軒", "旺旺", "卡迪那", "Lay's", "Pringles", "77"),
        (
            _g(
                "小泡芙 蛋捲 夾心酥 威化餅 蘇打餅",
                "原味 巧克力 草莓 牛奶 抹茶 檸檬",
                "57g 80g 100g 150g 200g",
            ),
            _g(
                "洋芋片 玉米脆果 蝦味先 豌豆酥 米果 薯條",
                "原味 海苔 椒鹽 起司 辣味 香蔥",
                "45g 60g 85g 120g 150g",
            ),
            _g(
                "牛軋糖 果汁軟糖 鳳梨酥 綠豆糕 花生糖",
                "- 蔓越莓 花生 黑糖 咖啡",
                "100g 150g 200g 6入 12入",
            ),
        ),
        (20, 120),
        (("", 1), ("x3包", 3), ("家庭號", 4)),
    ),
    "日用品": CategorySpec(
        ("舒潔", "五月花", "倍潔雅", "3M", "妙管家", "Kleenex", "花王", "獅王", "春風", "百吉"),
        (
            _g("抽取式衛生紙 廚房紙巾 盒裝面紙", "- 柔膚 超厚 無香", "100抽 110抽 150抽"),
            _g("濕紙巾", "- 純水 抗菌 嬰兒", "20抽 80抽 100抽"),
            _g("垃圾袋 清潔袋", "- 環保 加厚 抗菌", "小 中 大 特大"),
            _g("保鮮膜 鋁箔紙 烘焙紙", "-", "30cm 45cm"),
            _g("棉花棒 牙線棒", "- 抗菌", "50入 100入 200入"),
            _g("電池", "鹼性 碳鋅", "3號_4入 4號_4入 3號_8入"),
            _g("口罩", "醫用 兒童 立體", "30入 50入"),
        ),
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
            "農心",
            "味味A",
            "一度贊",
        ),
        (
            _g(
                "紅燒牛肉麵 蔥燒牛肉麵 炸醬麵 肉燥麵 排骨雞麵 鮮蝦魚板麵 麻油雞麵 辛拉麵 泡菜麵 "
                "酸辣湯麵 沙茶麵 當歸鴨麵 擔仔麵 味噌拉麵 豚骨拉麵 鍋燒意麵",
                "-",
                "85g 90g 100g 碗裝 杯裝",
            ),
        ),
        (15, 75),
        (("", 1), ("x5包", 5), ("x12碗箱", 12)),
    ),
    "冷凍食品": CategorySpec(
        ("龍鳳", "奇美", "桂冠", "義美", "大成", "卜蜂", "灣仔碼頭", "台畜", "金品", "Häagen-Dazs"),
        (
            _g("水餃 煎餃 鍋貼", "高麗菜豬肉 韭菜豬肉 玉米 蝦仁 雞肉", "20入 40入 50入"),
            _g("湯圓", "芝麻 花生 鮮肉 紅豆", "200g 300g"),
            _g("冰淇淋 雪糕", "香草 巧克力 草莓 抹茶 芒果", "100ml 473ml"),
            _g("炒飯 蔥油餅 小籠包 雞塊 蘿蔔糕 披薩 燒賣", "-", "300g 450g 500g 1kg"),
        ),
        (60, 320),
    ),
    "調味料": CategorySpec(
        ("金蘭", "萬家香", "龜甲萬", "味全", "台糖", "牛頭牌", "Kikkoman", "Heinz", "工研", "憶霖"),
        (
            _g("醬油 醬油膏", "- 純釀 薄鹽 甘醇", "300ml 590ml 1000ml"),
            _g("烏醋 白醋 麻油 香油 蠔油", "- 純 特級", "200ml 300ml 500ml"),
            _g("沙茶醬 辣椒醬 番茄醬 豆瓣醬 味噌", "- 香辣 古早味", "250g 400g 500g"),
            _g("胡椒粉 鹽 砂糖", "- 精選", "100g 500g 1kg"),
        ),
        (30, 280),
    ),
    "文具": CategorySpec(
        ("百樂", "飛龍", "雄獅", "利百代", "Pilot", "uni", "Zebra", "PLUS", "Kokuyo", "3M"),
        (
            _g("原子筆 中性筆 鋼珠筆", "黑 藍 紅", "0.38mm 0.5mm 0.7mm"),
            _g("自動鉛筆 筆芯", "-", "0.3mm 0.5mm 0.7mm"),
            _g("筆記本 活頁紙", "方格 橫線 空白", "A5 B5 A4"),
            _g("便利貼", "螢光 粉彩", "76x76mm 76x127mm"),
            _g("膠帶 修正帶 雙面膠", "-", "5mm 12mm 18mm"),
            _g("色鉛筆 彩色筆 螢光筆", "-", "5色 12色 24色"),
        ),
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
            _g(
                "洗衣精 衣物柔軟精 洗衣精補充包",
                "抗菌 防蹣 薰衣草 天然 室內晾衣",
                "1.5kg 2000g 2.4kg 3.2kg",
            ),
            _g(
                "洗碗精 廚房清潔劑 浴廁清潔劑 玻璃清潔劑 地板清潔劑",
                "- 檸檬 茶樹 橘子",
                "500ml 800ml 1000ml",
            ),
            _g("漂白水", "- 除霉 低泡", "1000ml 1500ml"),
            _g("洗衣球 馬桶清潔錠", "- 抗菌", "15入 30入"),
        ),
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
            _g("洗髮乳 潤髮乳 沐浴乳", "清爽 保濕 抗屑 薄荷 玫瑰", "400ml 700ml 1000ml"),
            _g("洗面乳 卸妝油", "控油 保濕 敏感肌", "100g 120g 150ml"),
            _g("乳液 防曬乳 護手霜 化妝水", "- 保濕 美白", "50g 100ml 200ml"),
            _g("牙膏", "薄荷 亮白 抗敏", "120g 150g"),
            _g("牙刷", "軟毛 極細毛", "1入 4入"),
        ),
        (49, 499),
        (("", 1), ("x2入", 2)),
    ),
    "生鮮": CategorySpec(
        ("台灣", "雲林", "屏東", "嘉義", "宜蘭", "花蓮", "台東", "南投", "彰化", "台南"),
        (
            _g("高麗菜 青江菜 地瓜 玉米 小黃瓜 茄子", "- 有機 產銷履歷", "1顆 300g 600g 1kg"),
            _g("香蕉 芭樂 鳳梨 蘋果 木瓜", "- 特選", "1串 1顆 1kg 4入"),
            _g("雞蛋", "- 放牧 洗選", "10入 15入"),
            _g("雞胸肉 豬五花 鮭魚片 梅花豬", "- 冷藏 溫體", "300g 500g"),
            _g("豆腐", "- 嫩 板", "1盒 300g"),
        ),
        (25, 260),
    ),
    "乳品": CategorySpec(
        ("林鳳營", "瑞穗", "光泉", "味全", "統一", "福樂", "Lactel", "Meiji", "義美", "四方"),
        (
            _g("鮮乳 低脂鮮乳", "-", "290ml 936ml 1857ml"),
            _g("調味乳 保久乳", "巧克力 麥芽 草莓 果汁", "200ml 290ml"),
            _g("優酪乳 優格 希臘優格", "原味 草莓 藍莓 無糖", "100g 200ml 400ml"),
            _g("起司片 奶油", "-", "100g 200g 250g"),
            _g("布丁 奶酪", "雞蛋 焦糖 鮮奶", "100g 110g 200g"),
        ),
        (18, 180),
        (("", 1), ("x4入", 4)),
    ),
}

# Product lines that tell apart otherwise identical names: 「統一 經典 紅茶 600ml」.
SERIES = (
    "經典",
    "新包裝",
    "限定版",
    "大容量",
    "輕量",
    "升級版",
    "季節限定",
    "日本製",
    "台灣製",
    "量販",
    "特惠",
    "環保包",
    "隨身包",
    "禮盒",
    "職人",
    "Plus",
    "Mini",
    "Pro",
    "Premium",
    "Lite",
)

STAFF_PER_STORE: list[tuple[str, str, str]] = [
    ("示範收銀員", "cashier", DEMO_CASHIER_PIN),
    ("示範主管", "supervisor", DEMO_SUPERVISOR_PIN),
    ("店長", "manager", DEMO_MANAGER_PIN),
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
    names_seen: set[str] = set()
    barcode_index = 0
    for product_id in range(1, products + 1):
        category = category_names[rng.randrange(len(category_names))]
        spec = CATEGORIES[category]
        pack_label, pack_units = rng.choice(spec.packs)
        group = spec.groups[rng.randrange(len(spec.groups))]
        brand = rng.choice(spec.brands)
        item = rng.choice(group.flavours) + rng.choice(group.items)
        size = rng.choice(group.sizes) + (f" {pack_label}" if pack_label else "")
        name = _unique_name(rng, names_seen, brand, item, size)
        dropship = rng.random() < 0.05
        catalog.products.append(
            {
                "id": product_id,
                "sku": str(100_000 + product_id),
                "name": name,
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


def _unique_name(rng: random.Random, seen: set[str], brand: str, item: str, size: str) -> str:
    name = f"{brand} {item} {size}"
    for _ in range(16):
        if name not in seen:
            break
        name = f"{brand} {rng.choice(SERIES)} {item} {size}"
    else:
        name = f"{brand} {item} {size} 第{len(seen)}款"
    seen.add(name)
    return name


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
    connection.execute(table_of(Location).insert(), catalog.locations)
    for chunk in _chunks(catalog.products):
        connection.execute(table_of(Product).insert(), chunk)
    for chunk in _chunks(catalog.barcodes):
        connection.execute(table_of(Barcode).insert(), chunk)
    stock_rows = [{**row, "reserved": 0, "needs_count": False} for row in catalog.stock]
    for chunk in _chunks(stock_rows):
        connection.execute(table_of(Stock).insert(), chunk)
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
        connection.execute(table_of(StockMovement).insert(), chunk)
    connection.execute(table_of(Staff).insert(), catalog.staff)

    # The feed may already hold changes (prepare_database publishes the default tenders):
    # the catalog's follow them.
    state = table_of(FeedState)
    head = connection.execute(
        select(state.c.last_seq).where(state.c.id == FEED_STATE_ID)
    ).scalar_one_or_none()
    changes = _feed_rows(catalog, now, first_seq=(head or 0) + 1)
    for chunk in _chunks(changes):
        connection.execute(table_of(ChangeLog).insert(), chunk)
    connection.execute(
        state.update()
        .where(state.c.id == FEED_STATE_ID)
        .values(last_seq=(head or 0) + len(changes))
    )
    if connection.dialect.name == "postgresql":
        # Explicit ids were inserted: move the id sequences past them.
        for table in ("locations", "products", "staff"):
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


def _feed_rows(catalog: DemoCatalog, now: Any, first_seq: int = 1) -> list[dict[str, Any]]:
    codes_by_product: dict[int, list[str]] = {}
    for barcode in catalog.barcodes:
        codes_by_product.setdefault(barcode["product_id"], []).append(barcode["code"])
    rows: list[dict[str, Any]] = []

    def add(entity: str, entity_id: str, data: dict[str, Any], scope: int | None) -> None:
        rows.append(
            {
                "entity": entity,
                "entity_id": entity_id,
                "seq": first_seq + len(rows),
                "op": "upsert",
                "data": data,
                "scope_location_id": scope,
                "changed_at": now,
            }
        )

    for location in catalog.locations:
        add("location", str(location["id"]), location_data(cast(Location, _Row(location))), None)
    for product in catalog.products:
        add(
            "product",
            str(product["id"]),
            product_data(cast(Product, _Row(product)), codes_by_product.get(product["id"], [])),
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

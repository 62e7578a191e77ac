"""Refresh the Traditional Chinese catalogue: extract strings, fill from the phrasebook,
compile. Run after changing any user-visible string:

    python tools/i18n.py

Source strings are English (what ``self.tr`` receives); the phrasebook below holds
their zh_TW text. A string missing from the phrasebook stays unfinished and the
unit test ``tests/unit/ui/test_translations.py`` fails until it is added.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "counter_zh_TW.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent

PHRASEBOOK: dict[str, str] = {
    "%1 items": "共 %1 件",
    "%1 matches: pick one and press Enter": "找到 %1 筆，請選擇後按 Enter",
    "All synced": "已全部同步",
    "Amount": "小計",
    "Amount received": "實收金額",
    "Back": "返回",
    "Cash (F12)": "現金結帳 (F12)",
    "Cash payment": "現金付款",
    "Cashier: %1": "收銀員：%1",
    "Change": "找零",
    "Change due\n%1": "找零\n%1",
    "Clear cart": "清空購物車",
    "Complete sale": "完成交易",
    "Counter — %1": "門市櫃台 — %1",
    "Enter the amount received": "請輸入實收金額",
    "Enter your PIN": "請輸入員工密碼",
    "Exact": "剛好",
    "Failed: %1 need attention": "失敗：%1 筆待處理",
    "Item": "品名",
    "Look-up failed: %1": "查詢失敗：%1",
    "No product with code %1": "查無此條碼商品：%1",
    "Nothing matches \u201c%1\u201d": "找不到符合「%1」的商品",
    "%1 (this store)": "%1（本店）",
    "%1 (available %2)": "%1（可用 %2）",
    "Live from the warehouse": "即時庫存（倉儲連線中）",
    "Offline: cached figures, up to %1 old": "離線：顯示快取庫存，最舊 %1 前",
    "Stock": "庫存",
    "Stock: %1": "庫存：%1",
    "&Tools": "功能(&T)",
    "Close": "關閉",
    "Code": "代碼",
    "Created": "建立時間",
    "Discard %1: it will never reach the warehouse.": "捨棄 %1：這筆作業將不會送達倉儲。",
    "Discard… (supervisor)": "捨棄…（需主管）",
    "Nothing needs attention.": "目前沒有需要處理的作業。",
    "Open the cash drawer (supervisor)…": "開錢櫃（需主管）…",
    "Open the cash drawer without a sale": "非交易開錢櫃",
    "Operations the warehouse rejected": "倉儲拒絕的作業",
    "Please give a reason": "請填寫原因",
    "Reason": "原因",
    "Receipt": "收據號碼",
    "Reprint": "補印",
    "Reprint a receipt": "補印收據",
    "Reprint a receipt…": "補印收據…",
    "Retry": "重試",
    "Sent %1 to the printer": "已送出 %1 至印表機",
    "Supervisor PIN": "主管密碼",
    "Supervisor approval": "主管授權",
    "Sync problems…": "同步問題…",
    "That PIN is not a supervisor's": "此密碼不是主管密碼",
    "Time": "時間",
    "Type": "類型",
    "In-store price label %1 is not set up for this store": "本店未設定店內計價條碼 %1",
    "Pickup code %1: pickups cannot be handed over at this till yet": "取貨碼 %1：本機尚未開放取貨交貨",
    "Receipt %1: returns cannot be taken at this till yet": "收據 %1：本機尚未開放退換貨",
    "Printer and scanner settings…": "印表機與掃描器設定…",
    "Loading products and staff from the warehouse…": "正在從倉儲下載商品與員工資料…",
    "Warehouse unreachable": "無法連線倉儲",
    "This till has no products yet and cannot reach the warehouse. Check the network and try again.": "本機尚無商品資料，且無法連線倉儲。請檢查網路後再試一次。",
    "Price": "單價",
    "Printer offline: %1 waits to print": "印表機離線：%1 等待列印",
    # printing: devices report codes, ui/device_messages.py words them
    "%1 (reprint)": "%1（補印）",
    "%1 report": "%1 報表",
    "A printer driver component is missing": "缺少印表機驅動程式元件",
    "Alignment test": "對齊測試",
    "Bold": "粗體 Bold",
    "Cancelled": "已取消",
    "Centred": "置中 Center",
    "Done: %1": "完成：%1",
    "Drawer not opened: %1": "錢櫃未開啟：%1",
    "Dropship slip %1": "代發單 %1",
    "Encoding: ": "編碼：",
    "Exchange %1": "換貨收據 %1",
    "No permission to use the USB printer: a udev rule is needed": "沒有 USB 印表機的存取權限，需要安裝 udev 規則",
    "Open the cash drawer": "開錢櫃",
    "Paper: ": "紙寬：",
    "Pickup slip %1": "取貨單 %1",
    "Print job": "列印工作",
    "Print test": "列印測試",
    "Printer not found: check the cable and the settings": "找不到印表機，請檢查連線與設定",
    "Printer offline, receipt waiting to print": "印表機離線，收據等待列印",
    "Printer out of paper: load paper; the receipt waits to print": "印表機缺紙，請換紙；收據等待列印",
    "Printer profile: ": "機型設定：",
    "Printer: ": "印表機：",
    "Printing failed (program error): %1": "列印失敗（程式錯誤）：%1",
    "Printing…": "列印中…",
    "Queued": "排隊中",
    "Receipt %1": "收據 %1",
    "Return %1": "退貨收據 %1",
    "Right-aligned": "靠右 Right",
    "TEST PAGE": "測試頁 TEST PAGE",
    "Test page": "測試頁",
    "The print was cut off; it prints again in full, marked as a reprint.": "列印中斷，將完整重印並標示補印。",
    "The printer settings are wrong": "印表機設定有誤",
    "Time: ": "時間：",
    "Traditional Chinese: ": "繁體中文：",
    "%1 waits to print: %2": "%1 等待列印：%2",
    "no permission for the USB printer": "沒有 USB 印表機權限",
    "out of paper": "缺紙",
    "printer driver missing": "缺少印表機驅動程式",
    "printer not found": "找不到印表機",
    "printer offline": "印表機離線",
    "printer settings wrong": "印表機設定有誤",
    "Printing failed: %1": "列印失敗：%1",
    "Qty": "數量",
    "Quantity": "數量",
    "Quantity (F4)": "修改數量 (F4)",
    "Received": "實收",
    "Remove line (Del)": "刪除品項 (Del)",
    "Removed %1": "已刪除 %1",
    "Sale %1 done. Change due: %2": "交易 %1 完成，找零 %2",
    "Scan a barcode or type a code or name, then Enter": "掃描條碼，或輸入條碼／品名後按 Enter",
    "Sale": "銷售",
    "%1: this till cannot take this kind of code yet": "%1：本機尚無法處理這類條碼",
    "Something went wrong": "發生問題",
    "Something went wrong and it was not done. It has been written to the log; "
    "if it happens again, tell your supervisor.": "發生問題，這項操作沒有完成。已寫入紀錄；若再次發生，請告知主管。",
    "The connection failed or timed out. Nothing was lost; try again in a moment.": "連線失敗或逾時。資料沒有遺失，請稍後再試一次。",
    "The disk is full. Free some space, then try again.": "磁碟已滿。請清出空間後再試一次。",
    "Short by %1": "尚差 %1",
    "Sign in": "登入",
    "Staff PIN": "員工密碼",
    "Stock figures from %1 ago": "庫存資料更新於 %1 前",
    "The cart is empty": "購物車是空的",
    "The sale was not saved: %1. The cart is kept; try again.": "交易未儲存：%1。購物車內容已保留，請再試一次。",
    "Total": "總計",
    "Unreadable code; scan again": "條碼無法辨識，請重新掃描",
    "Waiting to sync: %1 (oldest %2)": "待同步：%1 筆（最久 %2）",
    "Wrong PIN": "密碼錯誤",
    "Device settings need a manager's PIN": "裝置設定需要店長密碼",
    "The approval has expired; ask again": "授權已失效，請重新授權",
    "The approval could not be checked; try again": "無法確認授權，請再試一次",
    "Printer and scanner settings": "印表機與掃描器設定",
    "Receipt %1 is not in this till's journal": "本機交易紀錄中沒有收據 %1",
    "Could not reprint %1": "無法補印 %1",
    "\u25cf Connecting\u2026": "● 連線中…",
    "\u25cf Offline: sales are kept and sent later": "● 離線：交易已保存，恢復連線後自動上傳",
    "\u25cf Online": "● 已連線",
    "\u25cf Unstable connection": "● 連線不穩",
    "E-invoice": "電子發票",
    "E-invoice %1": "電子發票 %1",
    "E-invoice carrier %1 for this sale": "本筆交易發票存入載具 %1",
    "Carrier, donation code or tax ID": "載具、愛心碼或統一編號",
    "Not a valid carrier": "載具格式錯誤",
    "Not a valid donation code": "愛心碼格式錯誤",
    "Not a valid tax ID": "統一編號錯誤",
    "Give a carrier, a donation code or a tax ID, not two": "載具、愛心碼、統一編號只能擇一",
}


def _device_settings_phrases() -> dict[str, str]:
    """The device settings dialog keeps its zh_TW text beside its code (``ZH_TW``)."""
    sys.path.insert(0, str(ROOT))
    from counter_app.ui.device_settings import ZH_TW

    return dict(ZH_TW)


PHRASEBOOK.update(_device_settings_phrases())


# Qt's %1..%99 (and %L1), %n for plurals, printf's %s/%d (a slip: Qt does not fill
# them), and str.format's {name}. A translation must carry exactly the source's.
PLACEHOLDER = re.compile(r"%L?\d{1,2}|%n|%[sd]|\{[A-Za-z_]\w*\}")


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def placeholder_mismatches(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(source, translation) pairs whose placeholders differ; 'Done: %1' -> '完成：%s' is one."""
    return [(src, dst) for src, dst in pairs if dst and placeholders(src) != placeholders(dst)]


def catalogue_pairs(ts: Path = TS) -> list[tuple[str, str]]:
    """Every (source, translation) in the .ts catalogue."""
    return [
        (message.findtext("source") or "", message.findtext("translation") or "")
        for message in ET.parse(ts).iter("message")
    ]


def source_files() -> list[Path]:
    """Every file whose strings reach the screen: the ui package and the root's menu."""
    return sorted([*(ROOT / "counter_app" / "ui").rglob("*.py"), ROOT / "counter_app" / "bootstrap.py"])


def extract() -> None:
    sources = [str(p) for p in source_files()]
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)], check=True)


def fill() -> list[str]:
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in PHRASEBOOK:
            translation.text = PHRASEBOOK[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished" and not translation.text:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return missing


def compile_catalogue() -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)


def main() -> int:
    extract()
    missing = fill()
    compile_catalogue()
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    wrong = placeholder_mismatches([*PHRASEBOOK.items(), *catalogue_pairs()])
    for source, translation in wrong:
        print(f"placeholders differ: {source!r} -> {translation!r}", file=sys.stderr)
    return 1 if missing or wrong else 0


if __name__ == "__main__":
    sys.exit(main())

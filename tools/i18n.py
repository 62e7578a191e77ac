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
    "Sending: %1 (oldest %2)": "上傳中：%1 筆（最久 %2）",
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
    # Counter UI (issue 8: shelf warnings, quantities, keys, stock to count, sync problems)
    "This store has %1 by the records": "本店帳上庫存 %1",
    "Stock to count…": "待盤點庫存…",
    "Stock to count": "待盤點庫存",
    "The cart has %1 items that are not paid for. Close the till and drop them?": "購物車還有 %1 件商品尚未結帳。確定要關閉收銀機並放棄這些商品嗎？",
    "Drop the cart?": "放棄購物車？",
    "Quantity must be a whole number, not “%1”": "數量必須是整數，不能是「%1」",
    "Quantity must be at least 1. To take the line off, use Remove line (Del).": "數量至少為 1。要刪除品項請按「刪除品項 (Del)」。",
    "Quantity can be at most %1 per line": "每個品項數量最多 %1",
    "Quantity not changed": "數量未變更",
    "Large quantity": "數量偏大",
    "Sell %1 of %2? That is more than usual.": "確定要賣出 %1 個「%2」嗎？這比平常多。",
    "Clear the cart? %1 items will be taken off.": "確定清空購物車？將移除 %1 件商品。",
    "%1 matches: pick one and press Enter (Esc closes)": "找到 %1 筆，請選擇後按 Enter（Esc 關閉）",
    "%1: this store has %2 by the records. Sold anyway; check the shelf, it will be listed to count.": "%1：本店帳上庫存 %2。仍照常銷售；請檢查貨架，此商品將列入待盤點。",
    "%1 × %2": "%1 × %2",
    "Products this store has sold more of than its records hold. Count them on the shelf and correct the stock. Figures include sales not yet sent to the warehouse.": "本店賣出數量超過帳上庫存的商品。請到貨架盤點並更正庫存。數字已包含尚未上傳倉儲的銷售。",
    "SKU": "商品編號",
    "Not yet synced": "尚未同步",
    "Warehouse figure of": "倉儲數字時間",
    "The warehouse reported these below zero when it applied this store's sales:": "倉儲入帳本店銷售時回報以下商品庫存低於零：",
    "Warehouse figure": "倉儲數字",
    "Reported at": "回報時間",
    "No product is below zero at this store.": "本店沒有庫存低於零的商品。",
    "Refresh": "重新整理",
    "never": "從未",
    "The receipt number is already used by another sale at the warehouse.": "此收據號碼在倉儲已被另一筆交易使用。",
    "The warehouse already has an operation with this id but different content.": "倉儲已有相同編號但內容不同的作業。",
    "Not enough stock at the warehouse for this request.": "倉儲庫存不足。",
    "The stock moved since the count began; count again.": "盤點開始後庫存已變動，請重新盤點。",
    "The order is no longer in a state that allows this.": "此訂單目前的狀態不允許這項操作。",
    "A product in it is not known to the warehouse.": "其中有倉儲不認得的商品。",
    "The cashier or staff member is not known to the warehouse.": "倉儲不認得此收銀員或員工。",
    "The warehouse could not accept its content (a bug in this till; tell support).": "倉儲無法接受其內容（本機程式錯誤，請通知技術支援）。",
    "The warehouse could not read the request (a bug in this till; tell support).": "倉儲無法讀取此請求（本機程式錯誤，請通知技術支援）。",
    "This till is not allowed to do this.": "本機沒有執行此操作的權限。",
    "The warehouse does not accept this till's key; it may have been revoked.": "倉儲不接受本機的金鑰，可能已被撤銷。",
    "This till is not set up for a store.": "本機尚未設定所屬門市。",
    "No warehouse is set up.": "尚未設定倉儲。",
    "The products do not all ship from one partner.": "這些商品並非都由同一個代發廠商出貨。",
    "The operation is too large for the warehouse.": "此作業資料量超過倉儲上限。",
    "The warehouse had an internal error; retry later.": "倉儲發生內部錯誤，請稍後重試。",
    "The warehouse was busy; retry later.": "倉儲忙碌中，請稍後重試。",
    "Return": "退貨",
    "Pickup reservation": "取貨預留",
    "Reservation cancelled": "取消預留",
    "Pickup handed over": "取貨完成",
    "Stock count": "盤點",
    "Dropship order": "代發訂單",
    "Dropship order cancelled": "取消代發訂單",
    "Shift close": "關帳",
    "Audit entry": "稽核紀錄",
    "E-invoice": "電子發票",
    "E-invoice %1": "電子發票 %1",
    "E-invoice carrier %1 for this sale": "本筆交易發票存入載具 %1",
    "Carrier, donation code or tax ID": "載具、愛心碼或統一編號",
    "Not a valid carrier": "載具格式錯誤",
    "Not a valid donation code": "愛心碼格式錯誤",
    "Not a valid tax ID": "統一編號錯誤",
    "Give a carrier, a donation code or a tax ID, not two": "載具、愛心碼、統一編號只能擇一",
}


# The device settings dialog (ui/device_settings.py).
DEVICE_SETTINGS_PHRASES: dict[str, str] = {
    " ms": " 毫秒",
    "%1 or %1:9100": "%1 或 %1:9100",
    "04b8:0e15 (vendor:product)": "04b8:0e15（廠商:產品）",
    "58 mm (32 columns)": "58 mm（32 字）",
    "80 mm (48 columns)": "80 mm（48 字）",
    "Address": "位址",
    "Big5 (Taiwan models)": "Big5（台灣機種）",
    "COM3 or /dev/ttyUSB0@9600": "COM3 或 /dev/ttyUSB0@9600",
    "CUPS printer": "CUPS 印表機",
    "Cancel": "取消",
    "Cash drawer": "錢櫃",
    "Chinese encoding": "中文編碼",
    "Connection": "連線方式",
    "Device file": "裝置檔案",
    "Drawer pin": "錢櫃接腳",
    "Enter the USB address, e.g. 04b8:0e15 (vendor:product, shown by lsusb).": "請輸入 USB 位址，例如 04b8:0e15（廠商:產品，可用 lsusb 查詢）。",
    "GB18030 (mainland models)": "GB18030（簡體機種）",
    "GS1 code": "GS1 條碼",
    "Image (any printer)": "圖像（任何印表機）",
    "In-store weight/price label": "店內秤重／計價條碼",
    "Invalid code": "無效條碼",
    "Install the udev rule below.": "請安裝下方的 udev 規則。",
    "Invalid settings: %1": "設定有誤：%1",
    "Linux USB permissions": "Linux USB 權限",
    "Name": "名稱",
    "Network (TCP 9100)": "網路（TCP 9100）",
    "No permission to use the USB printer (errno 13, access denied). Run these commands as an administrator to install the udev rule:": "沒有存取 USB 印表機的權限（errno 13 / 拒絕存取）。請以管理員身分執行下列指令安裝 udev 規則：",
    "Not tested yet": "尚未測試",
    "On Linux a USB printer needs a udev rule before a normal user can print:": "在 Linux 上，USB 印表機需要 udev 規則才能由一般使用者列印：",
    "Paper width": "紙寬",
    "Pickup code": "取貨碼",
    "Pin 2 (usual)": "接腳 2（一般）",
    "Pin 5 (second drawer)": "接腳 5（第二錢櫃）",
    "Printer profile": "機型設定檔",
    "Product barcode": "商品條碼",
    "Pulse off": "間隔時間",
    "Pulse on": "脈衝時間",
    "Receipt number (returns)": "收據號碼（退換貨）",
    "Receipt preview": "收據預覽",
    "Receipt printer": "收據印表機",
    "Receipt printer and scanner settings": "收據印表機與掃描器設定",
    "Save": "儲存",
    "Scan any code; what it is shows below:": "請掃描任一條碼，結果會顯示在下方：",
    "Scanner test": "掃描器測試",
    "Serial port (COM)": "序列埠（COM）",
    "Test page sent, waiting to print…": "測試頁已送出，等待列印…",
    "Test print": "測試列印",
    "Test the drawer": "測試開錢櫃",
    "USB": "USB",
    "Windows printer": "Windows 印表機",
    "E-invoice carrier": "電子發票載具",
}

PHRASEBOOK.update(DEVICE_SETTINGS_PHRASES)

# Why a scan was refused (ui/scan_messages.py; core/codes.py reports only the reason code).
PHRASEBOOK.update(
    {
        "Nothing was scanned": "沒有讀到條碼",
        "Code is too short": "條碼太短",
        "Code is too long": "條碼太長",
        "Code contains control characters": "條碼含有控制字元",
        "Wrong check digit, scan again": "檢查碼錯誤，請重新掃描",
        "The date in the code is invalid": "條碼中的日期無效",
        "Malformed GS1 code": "GS1 條碼格式錯誤",
        "GS1 code carries no GTIN": "GS1 條碼沒有商品編號",
        "Malformed pickup code": "取貨碼格式錯誤",
        "Malformed e-invoice carrier": "載具條碼格式錯誤",
        "Unknown code format": "無法辨識的條碼",
    }
)

# The returns screen (ui/screens/returns.py).
PHRASEBOOK.update(
    {
        "No sale %1 in this till's journal": "本機交易紀錄中查無 %1",
        "Choose how many of a line come back": "請選擇退回的數量",
        "That line is not on this receipt": "此品項不在這張收據上",
        "The quantity is not valid": "數量無效",
        "More than was sold (less what was already returned)": "超過可退數量（已售出減已退回）",
        "Choose where the goods go": "請選擇商品去向",
        "Too many lines for one return": "單次退貨品項過多",
        "No shift is open: open one before a refund": "尚未開班：請先開班再退款",
        "This refund needs a supervisor": "此筆退款需主管核准",
        "The refund is above the approver's limit": "退款金額超過核准者的權限",
        "Only sales paid in cash can be refunded here": "僅能退款以現金付款的交易",
        "Back on the shelf": "退回本店貨架",
        "Send to the warehouse": "退回倉庫",
        "Damaged": "損壞報廢",
        "Scan the receipt's barcode or type its number": "掃描收據條碼或輸入收據號碼",
        "Find": "查詢",
        "Product": "商品",
        "Paid": "實付",
        "Sold": "售出",
        "Returned": "已退",
        "Return now": "本次退回",
        "Goes to": "去向",
        "Take the return and refund cash  (F12)": "確認退貨並退現金  (F12)",
        "Returns": "退貨",
        "Choose what comes back, then take the return": "請選擇退回的商品，再確認退貨",
        "Return %1 taken: refund %2 in cash": "退貨 %1 完成：退現金 %2",
        "A supervisor approves this refund": "請主管核准此筆退款",
        "Scan a receipt to return goods": "請掃描收據以辦理退貨",
        "Receipt %1, %2, paid %3": "收據 %1，%2，實付 %3",
        "Refund: %1": "退款：%1",
        "More would come back than was sold, less what another till already returned.": "退回數量超過售出數量減去其他收銀機已退的數量。",
        "A product returned is not on the original sale.": "退回的商品不在原交易中。",
        "The warehouse does not know the original sale.": "總部查無原交易。",
    }
)

# Staff sessions (sign-in, lock screen) and the shift screen.
PHRASEBOOK.update(
    {
        "  difference from the last close": "  與上次關帳點數差額",
        "%1 locked it. Enter %1's PIN, or a supervisor's.": "%1 已鎖定畫面。請輸入 %1 的密碼，或主管密碼。",
        "%1 operations still wait to sync: a supervisor must confirm the close": "尚有 %1 筆作業待同步：關帳需主管確認",
        "%1: %2 sales": "%1：%2 筆",
        "A shift is already open": "已有開班中的班次",
        "Cash amount": "金額",
        "Cash": "現金",
        "Card": "信用卡",
        "Store voucher": "禮券",
        "Sum": "金額",
        "Cash in": "存入現金",
        "Cash in: %1": "已存入現金 %1",
        "Cash in…": "存入現金…",
        "Cash out": "取出現金",
        "Cash out: %1": "已取出現金 %1",
        "Cash out…": "取出現金…",
        "Cash refunds": "現金退款",
        "Cash sales": "現金銷售",
        "Close the shift": "關帳",
        "Close the shift with %1 operations not yet synced": "在 %1 筆作業尚未同步時關帳",
        "Counted": "實點現金",
        "Counted at the last close": "上次關帳點數",
        "Denomination": "面額",
        "Difference": "差額",
        "Difference: %1": "差額：%1",
        "Enter an amount above zero": "請輸入大於零的金額",
        "Expected in the drawer": "錢櫃應有現金",
        "Figure": "項目",
        "It was not saved: %1": "未儲存：%1",
        "Lock the screen": "鎖定畫面",
        "Locked": "已鎖定",
        "Name": "姓名",
        "No shift is open at this till. Open one now?": "本機目前沒有開班。現在開班嗎？",
        "No shift is open: count the float and open one": "尚未開班：請點算零用金後開班",
        "No shift is open: open one (F6) before selling. The cart is kept.": "尚未開班：請先開班（F6）再結帳。購物車內容已保留。",
        "No shift open": "尚未開班",
        "Open the shift": "開班",
        "Opening float": "開班零用金",
        "Operations waiting to sync": "待同步作業",
        "PIN": "密碼",
        "Pieces": "數量",
        "Shift": "班次",
        "Shift closed. Difference %1. The Z report is printing.": "已關帳，差額 %1。Z 報表列印中。",
        "Shift open since %1 (%2)": "開班中：%1 起（%2）",
        "Shift opened with %1": "已開班，零用金 %1",
        "Switch cashier…": "更換收銀員…",
        "Switch cashier…  (F11)": "更換收銀員…  (F11)",
        "That amount is too large to record": "金額過大，無法記錄",
        "The count is not valid": "點數資料有誤",
        "The counter is locked": "收銀台已鎖定",
        "The drawer should not hold that much cash": "錢櫃應有現金不足此金額",
        "The reason is too long": "原因太長",
        "The report was not printed: %1": "報表未列印：%1",
        "To close: count the drawer, then Close the shift": "關帳：點算錢櫃現金後按「關帳」",
        "To open: count the float, then Open the shift": "開班：點算零用金後按「開班」",
        "Too many wrong PINs: try again in %1 seconds": "密碼錯誤次數過多：請 %1 秒後再試",
        "Unlock  (Enter)": "解鎖  (Enter)",
        "X report": "X 報表",
        "X report (so far)": "X 報表（交班中）",
        "X report printed": "X 報表已列印",
        "Z report (closed)": "Z 報表（關帳）",
        "coin": "硬幣",
        "e.g. change from the bank, paid the courier": "例如：銀行換零錢、支付快遞費",
        "note": "紙鈔",
    }
)


# The pickup desk (ui/screens/pickups.py) and its handover slip.
PHRASEBOOK.update(
    {
        "%1 is not a pickup code": "%1 不是取貨碼",
        "All": "全部",
        "Cancelled": "已取消",
        "Confirmed": "已確認",
        "Customer": "顧客",
        "Expired": "已逾期",
        "Hand over": "交付",
        "Handed over %1: %2": "已交付 %1：%2",
        "Handover slip %1": "取貨交付單 %1",
        "Hold until": "保留至",
        "In transit": "運送中",
        "Items": "商品",
        "Picked up": "已取貨",
        "Pickup %1 cannot be handed over: it is %2": "取貨 %1 無法交付：狀態為%2",
        "Pickup %1 is not ready yet (%2): its goods have not arrived": "取貨 %1 尚未到店（%2），無法交付",
        "Pickup %1 was already handed over": "取貨 %1 已交付過",
        "Pickup code": "取貨碼",
        "Pickup code %1 is not known at this store": "本店查無取貨碼 %1",
        "Pickups": "門市取貨",
        "Pending confirmation": "待確認",
        "Print pickup slip": "列印取貨單",
        "Pickup slip sent to the printer": "取貨單已送出列印",
        "No pickup code yet: the warehouse has not confirmed this reservation": "尚無取貨碼：總部尚未確認此預約",
        "Barcode, SKU or name, then Enter": "輸入條碼、貨號或品名後按 Enter",
        "0912345678 or (02) 2345-6789": "0912345678 或 (02) 2345-6789",
        "Reserve for pickup": "預約門市取貨",
        "Quantity": "數量",
        "Phone": "電話",
        "Reserved for pickup, pending confirmation: %1 (see Pickups, F8)": "已預約取貨，待總部確認：%1（見門市取貨 F8）",
        "Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code": "請輸入台灣電話：09 開頭 10 碼手機，或含區碼的市話",
        "Enter a quantity from 1 to 999": "請輸入 1 到 999 的數量",
        "Enter the customer's name": "請輸入顧客姓名",
        "Ready": "可取貨",
        "Scan or type the pickup code, then Enter": "掃描或輸入取貨碼後按 Enter",
        "Search: pickup code, its last digits, or name": "搜尋：取貨碼、末幾碼或姓名",
        "Status": "狀態",
        "The hand-over could not be recorded: %1": "交付未能記錄：%1",
        "The pickup list could not be read: %1": "無法讀取取貨清單：%1",
    }
)

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
    return sorted(
        [*(ROOT / "counter_app" / "ui").rglob("*.py"), ROOT / "counter_app" / "bootstrap.py"]
    )


# The store's stock work (ui/screens/store_stock.py, Shift+F3).
PHRASEBOOK.update(
    {
        "Transfers": "調撥",
        "Replenishment": "補貨",
        "Counts": "盤點",
        "Reason (optional)": "原因（可不填）",
        "Request from the warehouse": "向倉庫申請調撥",
        "Units": "件數",
        "Carrier": "物流",
        "Updated": "更新時間",
        "Receive by scanning": "掃描收貨",
        "Show": "顯示",
        "Shipped": "出貨數",
        "Confirm the receipt": "確認收貨",
        "Stop receiving": "停止收貨",
        "Available": "可用",
        "Safety stock": "安全庫存",
        "Reorder point": "再訂購點",
        "Incoming": "在途",
        "Suggested": "建議數量",
        "From": "來源",
        "Request the suggested transfer (Enter)": "申請建議調撥（Enter）",
        "Idle units": "閒置數量",
        "Value tied up": "積壓金額",
        "Suggested action": "建議處理",
        "Low stock and transfers to ask for": "低庫存與建議調撥",
        "Idle stock at this store": "本店閒置庫存",
        "Whole store": "全店",
        "One category": "單一類別",
        "Items flagged for a count": "待盤點品項",
        "Blind count (hide the expected figure)": "盲盤（不顯示帳面數）",
        "Start counting": "開始盤點",
        "Expected": "帳面數",
        "Recount": "複盤",
        "Variance": "差異",
        "Finish counting": "完成初盤",
        "Submit the count": "送出盤點",
        "Count again": "重新盤點",
        "Put the session away": "結束此盤點",
        "Reconcile a product: barcode or SKU, then Enter": "對帳商品：輸入條碼或貨號後按 Enter",
        "Store stock": "門市庫存",
        "Requested from the warehouse, pending until it answers: %1": "已向倉庫申請，待倉庫回覆：%1",
        "Choose a shipped transfer first": "請先選擇已出貨的調撥單",
        "Scan each item of the transfer: each scan counts one": "逐件掃描調撥商品：每掃一次算一件",
        "%1 short": "短少 %1",
        "%1 extra": "多出 %1",
        "Short: %1, extra: %2": "短少：%1，多出：%2",
        "Received; the warehouse is told what arrived (short %1, extra %2)": "已收貨，實收數量將回報倉庫（短少 %1，多出 %2）",
        "No figures yet: the warehouse has not answered": "尚無資料：倉庫尚未回應",
        "Offline: figures from %1 (%2 min old)": "離線：%1 的資料（%2 分鐘前）",
        "supplier order": "向供應商訂貨",
        "The warehouse has none to send: this one is a supplier order": "倉庫無貨可調，此項須向供應商訂貨",
        "Below the reorder point": "低於再訂購點",
        "No count in progress": "目前沒有進行中的盤點",
        "asked": "待複盤",
        "Blind count: the figures show once it is submitted": "盲盤：送出後才顯示帳面數與差異",
        "Variance: %1 short, %2 over, net %3": "差異：短少 %1 件，多出 %2 件，淨額 %3",
        "Count these %1 lines again: they are far from the expected figure": "這 %1 項與帳面差異大，請複盤",
        "Counted. Check the variance, then submit.": "初盤完成，請檢查差異後送出。",
        "Count submitted; the warehouse applies it if no sale moved the figures meanwhile": "盤點已送出；若期間沒有銷售異動，倉庫即會套用",
        "live": "即時",
        "%1 min old": "%1 分鐘前",
        "%1: warehouse ledger %2 (%3)": "%1：倉庫帳 %2（%3）",
        "= this counter %1": "＝ 本櫃台 %1",
        "(%1 more on the way, in neither figure)": "（另有 %1 件在途，兩邊都未計入）",
        "Pending (not sent yet)": "待送出",
        "Requested": "已申請",
        "Shipped (in transit)": "已出貨（在途）",
        "Transfer %1 to %2": "調撥 %1 件到 %2",
        "Offer %1 to the group-buy channel": "提供 %1 件給團購通路",
        "Stop holding it: dropship only": "不再備貨：改為廠商直送",
        "count not applied yet": "盤點尚未套用",
        "sales not synced yet": "銷售尚未同步",
        "returns not synced yet": "退貨尚未同步",
        "transfer received here, not synced yet": "本店已收貨，尚未同步",
        "synced, waiting for the next figure": "已同步，等待下次庫存更新",
        "Category %1": "類別 %1",
        "counting": "盤點中",
        "submitted, waiting for the warehouse": "已送出，等待倉庫",
        "applied by the warehouse": "倉庫已套用",
        "refused: the figures moved (a sale or receipt landed); count again": "被退回：期間有銷售或收貨使數量變動，請重新盤點",
        "refused by the warehouse; count again": "被倉庫退回，請重新盤點",
        "put away": "已結束",
        "%1: %2 lines, %3 scanned, %4 recounts left — %5": "%1：共 %2 項，已掃 %3 項，待複盤 %4 項 — %5",
        "The quantity must be between 1 and 999": "數量須介於 1 到 999",
        "The reason is too long (200 characters at most)": "原因過長（最多 200 字）",
        "This transfer is not known at this till": "本機找不到這張調撥單",
        "Only a shipped transfer can be received": "只有已出貨的調撥單可以收貨",
        "Nothing to receive": "沒有可收貨的項目",
        "A count is already in progress: finish it or put it away": "已有進行中的盤點：請先完成或結束",
        "Start a count first": "請先開始盤點",
        "Choose what to count": "請選擇盤點範圍",
        "Choose a category": "請選擇類別",
        "Nothing to count in this scope": "此範圍沒有可盤點的商品",
        "Count the lines asked for again before submitting": "送出前請先完成複盤項目",
        "This count was not refused": "此盤點並未被退回",
        "Daily sales (solid) and forecast (dashed)": "每日銷量（實線）與預測（虛線）",
        "Offline: the chart is %1 min old": "離線：圖表為 %1 分鐘前的資料",
        "No sales history or forecast from the warehouse yet": "倉庫尚無銷售紀錄或預測",
        "%1 sold": "%1 銷量",
        "%1 forecast": "%1 預測",
        "Units counted": "實點數",
        "Set the count of the selected line": "設定所選項目的數量",
        "Short or extra": "短少／多出",
        "Live figures from the warehouse": "倉庫即時資料",
    }
)


def extract() -> None:
    sources = [str(p) for p in source_files()]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)], check=True
    )


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

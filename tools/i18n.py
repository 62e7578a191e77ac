"""Refresh both interface catalogues, Traditional Chinese and English: extract strings,
fill them, compile. Run after changing any user-visible string:

    python tools/i18n.py          # refresh and compile
    python tools/i18n.py --check  # CI: fail if a catalogue is stale or unfinished

The catalogues carry no source locations (``-locations none``): they change when a
string changes, not when code moves, so parallel branches do not conflict on line
numbers and ``--check`` only fails for a real difference.

Source strings are English (what ``self.tr`` receives); the phrasebook below holds
their zh_TW text, and the English catalogue carries every source as its own
translation (so English is a catalogue like any other, complete and checked). A string
missing from the phrasebook stays unfinished and the unit test
``tests/unit/ui/test_translations.py`` fails until it is added.
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
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "counter_zh_TW.ts"
QM = TS.with_suffix(".qm")
TS_EN = TRANSLATIONS / "counter_en.ts"
QM_EN = TS_EN.with_suffix(".qm")
CATALOGUES = {"zh_TW": TS, "en": TS_EN}
BIN = Path(sys.executable).parent

PHRASEBOOK: dict[str, str] = {
    # tenders and split payments (ui/tender_dialog.py)
    "JKOPAY": "街口支付",
    "EasyCard": "悠遊卡",
    "iPASS": "一卡通",
    "Payment": "付款",
    "Left to pay": "尚需支付",
    "Approval code": "授權碼",
    "From the card terminal's slip": "刷卡機簽單上的授權碼",
    "Enter: take this payment · Esc: take the last payment back, or leave": "Enter：收下這筆付款 · Esc：取消上一筆付款，或返回",
    "Face value": "面額",
    "Voucher number": "禮券號碼",
    "Reference": "交易序號",
    "Transaction reference, never the card number": "交易序號，切勿輸入卡號",
    "Transaction reference": "交易序號",
    "Taken back: %1 %2": "已取消：%1 %2",
    "Enter the amount": "請輸入金額",
    "Vouchers give no change: %1 of this voucher is forfeited (printed on the receipt)": "禮券不找零：此券 %1 不予找還（印於收據）",
    "Complete sale (Enter)": "完成交易 (Enter)",
    "Take payment (Enter)": "收下付款 (Enter)",
    "Take back last (Esc)": "取消上一筆 (Esc)",
    "Back (Esc)": "返回 (Esc)",
    # the keys on the dialogs' buttons (sign-in, supervisor approval, cash in / out)
    "Sign in (Enter)": "登入 (Enter)",
    "Cancel (Esc)": "取消 (Esc)",
    "Approve (Enter)": "核准 (Enter)",
    "Record (Enter)": "記錄 (Enter)",
    "approval %1": "授權 %1",
    "received %1, change %2": "實收 %1，找零 %2",
    "face value %1": "面額 %1",
    "That looks like a card number. Never type card numbers: enter the terminal's reference and approval code.": "這看起來是信用卡卡號。切勿輸入卡號：請輸入刷卡機的交易序號與授權碼。",
    "Enter the reference": "請輸入交易序號",
    "Enter the approval code from the terminal": "請輸入刷卡機的授權碼",
    "More than is left to pay: %1": "超過尚需支付的金額：%1",
    "The reference is too long": "交易序號太長",
    "The reference holds a character that cannot be kept": "交易序號含有無法保存的字元",
    "No more payments fit on one sale": "一筆交易無法再加入更多付款",
    "Nothing is left to pay": "已無待付金額",
    "%1 items": "共 %1 件",
    "%1 matches: pick one and press Enter": "找到 %1 筆，請選擇後按 Enter",
    "All synced": "已全部同步",
    "Amount": "小計",
    "Amount received": "實收金額",
    "Back": "返回",
    "Pay (F12)": "結帳 (F12)",
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
    "Invoices unsent for %1: upload deadline at risk": "發票已 %1 未上傳：恐逾 48 小時上傳期限",
    "Invoice numbers low: %1 left": "發票號碼將用罄：剩 %1 張",
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
    "Allowance %1": "折讓證明單 %1",
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
        "Request a transfer to this store": "調撥到本店",
        "Transfer to this store requested: %1 (see Store stock, Shift+F3)": (
            "已申請調撥到本店：%1（見門市庫存 Shift+F3）"
        ),
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

# The first-run set-up wizard (ui/setup_wizard.py) and its Tools entry.
PHRASEBOOK.update(
    {
        "Set-up wizard (manager)…": "設定精靈（需店長）…",
        "Run the set-up wizard": "執行設定精靈",
        "The set-up wizard needs a manager's PIN": "設定精靈需要店長密碼",
        "Language": "語言",
        "The language of this till's screens and receipts.": "這台收銀機畫面與收據使用的語言。",
        "Choose with the arrow keys; Enter goes on.": "用方向鍵選擇，按 Enter 繼續。",
        "Enter the warehouse's address.": "請輸入倉儲伺服器的位址。",
        "That is not a web address: enter something like https://warehouse.example.tw": "這不是網址，請輸入像 https://warehouse.example.tw 這樣的位址",
        "Plain http:// is not encrypted: use https://. Plain http is allowed only to this computer.": "http:// 沒有加密，請使用 https://。只有連到本機時才允許 http。",
        "The name in %1 was not found. Check the spelling, or this till's network (DNS).": "找不到 %1 中的主機名稱。請檢查拼字，或這台收銀機的網路（DNS）。",
        "Nothing answers at %1: the address or port is wrong, or the warehouse is not running.": "%1 沒有回應連線：位址或連接埠錯誤，或倉儲伺服器沒有執行。",
        "No answer from %1 in time: check the network cable or Wi-Fi, a firewall, or the address.": "%1 逾時未回應：請檢查網路線或 Wi-Fi、防火牆或位址。",
        "The certificate of %1 is not trusted: it may be self-signed, expired or made for another name. Ask whoever runs the warehouse.": "%1 的憑證不受信任：可能是自簽、已過期或屬於其他名稱。請洽倉儲伺服器的管理人員。",
        "A secure connection to %1 failed: is it really https on that port?": "無法與 %1 建立安全連線：該連接埠真的是 https 嗎？",
        "Something answers at %1, but it is not the warehouse: check the address.": "%1 有回應，但不是倉儲伺服器：請檢查位址。",
        "The connection to %1 failed.": "連線到 %1 失敗。",
        "Connected: the warehouse answered in %1 ms.": "已連線：倉儲伺服器在 %1 毫秒內回應。",
        "Plain http to this computer: no certificate to check.": "以 http 連到本機：沒有憑證可檢查。",
        "Certificate: %1, issued by %2, valid until %3 (%4 days).": "憑證：%1，簽發者 %2，有效期限至 %3（剩 %4 天）。",
        "The certificate expires soon: ask for it to be renewed.": "憑證即將到期：請要求更新。",
        "Warehouse address": "倉儲伺服器位址",
        "Where this till sends its sales: the address your IT person or the admin gave.": "這台收銀機傳送銷售資料的地方：資訊人員或管理員提供的位址。",
        "&Address:": "位址(&A)：",
        "&Test the connection": "測試連線(&T)",
        "Testing the connection…": "正在測試連線…",
        "The test could not run: %1": "無法執行測試：%1",
        "This code is not known. Check it and type it again as the admin gave it.": "查無此代碼。請核對後依管理員提供的內容重新輸入。",
        "This code was already used by another till: ask the admin for a new one.": "此代碼已被其他收銀機使用：請向管理員索取新代碼。",
        "This code has expired: ask the admin for a new one.": "此代碼已過期：請向管理員索取新代碼。",
        "The warehouse did not answer: check the connection and try again.": "倉儲伺服器沒有回應：請檢查連線後再試一次。",
        "The warehouse refused the code: %1": "倉儲伺服器拒絕此代碼：%1",
        "This till is enrolled at %1 (%2) as till %3.": "這台收銀機已註冊於 %1（%2），機號 %3。",
        "Enrollment": "註冊",
        "This till already belongs to a store; its key stays as it is.": "這台收銀機已屬於一家門市，金鑰維持不變。",
        "The admin gives each new till a one-time code. The till exchanges it for its own key, kept where only this computer's user can read it.": "管理員會給每台新收銀機一組一次性代碼。收銀機用它換得自己的金鑰，並存放在只有本機使用者能讀取的地方。",
        "Enrollment &code:": "註冊代碼(&C)：",
        "A one-time code from the admin.": "管理員提供的一次性代碼。",
        "Exchanging the code…": "正在兌換代碼…",
        "How this till reaches its receipt printer. Print a test page to be sure.": "這台收銀機如何連接收據印表機。請列印測試頁確認。",
        "No printer (receipts are kept in a file)": "不使用印表機（收據存成檔案）",
        "Network (host:port, usually port 9100)": "網路（主機:連接埠，通常為 9100）",
        "80 mm": "80 公釐",
        "58 mm": "58 公釐",
        "&Connection:": "連接方式(&C)：",
        "A&ddress:": "位址(&D)：",
        "&Paper width:": "紙寬(&P)：",
        "&Test print": "列印測試頁(&T)",
        "enter the printer's address": "請輸入印表機位址",
        "the address must be host or host:port": "位址必須是 主機 或 主機:連接埠",
        "These settings cannot work: %1": "這些設定無法使用：%1",
        "Test page sent, waiting for the printer…": "測試頁已送出，等待印表機…",
        "a product barcode": "商品條碼",
        "a GS1 code": "GS1 條碼",
        "an in-store weight or price label": "店內秤重或計價標籤",
        "a receipt number": "收據號碼",
        "a pickup code": "取貨碼",
        "an e-invoice carrier": "電子發票載具",
        "not a code the till knows": "收銀機無法辨識的條碼",
        "Read: %1 (%2).": "讀到：%1（%2）。",
        "Prefix %1: found.": "前置字元 %1：正確。",
        "Prefix %1 expected, but the scan starts with %2: set the scanner to send it, or clear the prefix here.": "應有前置字元 %1，但掃描內容開頭是 %2：請設定掃描器送出它，或在此清除前置字元。",
        "Suffix %1: found.": "後置字元 %1：正確。",
        "Suffix %1 expected, but the scan ends with %2: set the scanner to send it, or clear the suffix here.": "應有後置字元 %1，但掃描內容結尾是 %2：請設定掃描器送出它，或在此清除後置字元。",
        "No prefix or suffix is set: the scan is used as read.": "未設定前置或後置字元：掃描內容照原樣使用。",
        "The scanner works with these settings.": "掃描器在這些設定下運作正常。",
        "Scan any barcode into the field: the till shows what it read.": "在欄位中掃描任一條碼：收銀機會顯示讀到的內容。",
        "A prefix or suffix is only needed if the scanner was set to add characters before or after each code. No scanner yet? Press Enter to go on.": "只有當掃描器被設定在條碼前後加字元時，才需要前置或後置字元。還沒有掃描器？按 Enter 繼續。",
        "&Scan here:": "在此掃描(&S)：",
        "&Prefix:": "前置字元(&P)：",
        "S&uffix:": "後置字元(&U)：",
        "All set": "設定完成",
        "Press Enter to finish.": "按 Enter 完成設定。",
        "Language: %1": "語言：%1",
        "Warehouse: %1": "倉儲伺服器：%1",
        "Receipt printer: %1": "收據印表機：%1",
        "none (receipts are kept in a file)": "無（收據存成檔案）",
        "The printer and scanner settings apply now; a new language or warehouse address when the counter starts again.": "印表機與掃描器設定立即生效；新的語言或倉儲位址在收銀程式重新啟動後生效。",
        "Set up this till": "設定這台收銀機",
        "Next >": "下一步 >",
        "< Back": "< 上一步",
        "Finish": "完成",
    }
)

# Qt's %1..%99 (and %L1), %n for plurals, printf's %s/%d (a slip: Qt does not fill
# them), and str.format's {name}. A translation must carry exactly the source's.
# One cart, three ways to fulfil; dropship orders; alerts for refused orders
# (ui/cart_model.py, ui/customer_dialog.py, ui/screens/dropship.py, ui/alerts_dialog.py).
PHRASEBOOK.update(
    {
        "Fulfil from": "出貨來源",
        "Take now": "現場帶走",
        "Pick up later": "門市取貨",
        "Ship (warehouse)": "宅配（倉庫出貨）",
        "Ship (partner)": "宅配（代發夥伴）",
        "%1 · no figure": "%1 · 無庫存資料",
        "live": "即時",
        "cached %1": "快取 %1 前",
        "%1 · %2 %3 (%4)": "%1 · %2 %3（%4）",
        "Change with Fulfilment (F2)": "按「出貨方式 (F2)」變更",
        "Fulfilment (F2)": "出貨方式 (F2)",
        "Customer (Ctrl+U)": "取件顧客 (Ctrl+U)",
        "%1: %2": "%1：%2",
        "Pickup and ship lines need the customer's name and phone.": "門市取貨與宅配品項需要顧客姓名與電話。",
        "Ship lines need an address or a pickup store.": "宅配品項需要地址或取貨門市。",
        "Customer for pickup and delivery": "取貨／收件顧客",
        "0912345678 or 02-2345-6789": "0912345678 或 02-2345-6789",
        "Home delivery": "宅配到府",
        "Convenience-store pickup": "超商取貨",
        "3, 5 or 6 digits": "3、5 或 6 碼",
        "Postal code": "郵遞區號",
        "Street address": "地址",
        "Chain": "超商",
        "Store number": "門市店號",
        "Store name": "門市名稱",
        "Ship to": "寄送至",
        "no such district": "查無此行政區",
        "Type the customer's name.": "請輸入顧客姓名。",
        "The phone must be a mobile (09 and 8 digits) or a landline with its area code.": "電話須為手機（09 開頭共 10 碼）或含區碼的市話。",
        "A postal code has 3, 5 or 6 digits.": "郵遞區號為 3、5 或 6 碼數字。",
        "No postal district starts with these 3 digits.": "前 3 碼不是有效的郵遞區號。",
        "Type the street address.": "請輸入地址。",
        "The address is too long.": "地址太長。",
        "Choose a convenience-store chain.": "請選擇超商。",
        "A store number has 4 to 8 letters or digits.": "門市店號為 4 到 8 個英數字。",
        "Type the store's name.": "請輸入門市名稱。",
        "Dropship": "代發訂單",
        "Carrier / tracking no.": "物流／追蹤號碼",
        "Cancel order": "取消訂單",
        "Scan products on the sale screen (F1).": "請在銷售畫面 (F1) 掃描商品。",
        "Pending": "待確認",
        "Accepted": "已接單",
        "Shipped": "已出貨",
        "Delivered": "已送達",
        "Cancelling": "取消中",
        "Refused": "遭拒絕",
        "Cancellation sent; the list shows it once confirmed.": "已送出取消，確認後清單會更新。",
        "Ship %1 × %2 to the customer": "寄送 %1 × %2 給顧客",
        "Dropship order queued for %1 (pending until the warehouse accepts it).": "已為 %1 建立代發訂單（倉庫接單前為待確認）。",
        "Too late to cancel: the order is %1.": "無法取消：訂單已%1。",
        "No such order at this till.": "本機查無此訂單。",
        "The quantity must be 1 to 999.": "數量須為 1 到 999。",
        "Ship to customer (warehouse)…": "宅配給顧客（倉庫出貨）…",
        "Ship to customer (partner)…": "宅配給顧客（代發夥伴）…",
        "Open alerts (Ctrl+Shift+A)": "開啟警示 (Ctrl+Shift+A)",
        "⚠ %1 paid order(s) the warehouse refused: call the customer": "⚠ 倉庫拒絕了 %1 筆已付款訂單：請聯絡顧客",
        "Refused pickups and deliveries": "遭拒絕的取貨與宅配",
        "What failed": "失敗原因",
        "Ship from partner": "改由代發夥伴出貨",
        "Ship from warehouse": "改由倉庫宅配",
        "Pick up again": "重新預約取貨",
        "Refund the line": "退款此品項",
        "Cancel… (supervisor)": "取消…（需主管）",
        "Another source:": "改用其他來源：",
        "Pickup refused": "門市取貨遭拒絕",
        "Delivery refused": "宅配遭拒絕",
        "Call the customer, then choose: another source, a refund of the line, or cancel with a supervisor.": "請先聯絡顧客，再選擇：改用其他來源、退款此品項，或由主管取消。",
        "Sent again as %1.": "已重新送出：%1。",
        "Refunded %1: give the customer the cash.": "已退款 %1：請將現金交給顧客。",
        "The refund is above your limit: a supervisor approves it.": "退款金額超過您的權限，需主管核准。",
        "Close this order unfilled: the customer was dealt with another way.": "不出貨結案：已用其他方式處理顧客。",
        "Closed by a supervisor.": "已由主管結案。",
        "Someone resolved this alert already.": "此警示已由他人處理。",
        "A delivery needs an address or a pickup store.": "宅配需要地址或取貨門市。",
        "This order has no sale at this till to refund.": "此訂單在本機沒有可退款的銷售。",
        "Give a reason.": "請填寫原因。",
        "Refused orders…": "遭拒絕的訂單…",
    }
)

PLACEHOLDER = re.compile(r"%L?\d{1,2}|%n|%[sd]|\{[A-Za-z_]\w*\}")


# Discounts, held carts, voids (ui/discount_dialog.py, ui/held_carts_dialog.py,
# ui/sale_cart_tools.py, ui/void_sale.py).
PHRASEBOOK.update(
    {
        "[price %1, list %2]": "[改價 %1，原價 %2]",
        "[-%1%]": "[-%1%]",
        "[-%1]": "[-%1]",
        "Discount": "折扣",
        "%1 × %2 at %3 (list price %4)": "%1 × %2，單價 %3（原價 %4）",
        "%1 × %2 at %3": "%1 × %2，單價 %3",
        "No line selected: a discount on the whole cart": "未選擇品項：折扣套用於整筆交易",
        "Line: percent off (Ctrl+1)": "單品：打折 % (Ctrl+1)",
        "Line: NT$ off (Ctrl+2)": "單品：折抵金額 (Ctrl+2)",
        "Line: new unit price (Ctrl+3)": "單品：改價 (Ctrl+3)",
        "Whole cart: percent off (Ctrl+4)": "整筆：打折 % (Ctrl+4)",
        "Whole cart: NT$ off (Ctrl+5)": "整筆：折抵金額 (Ctrl+5)",
        "e.g. damaged box, price match": "例如：外盒破損、比價",
        "Take the discount off (Ctrl+0)": "取消折扣 (Ctrl+0)",
        "Apply (Enter)": "套用 (Enter)",
        "Back (Esc)": "返回 (Esc)",
        "Percent off": "折扣 %",
        "NT$ off": "折抵金額 NT$",
        "New unit price NT$": "新單價 NT$",
        "Takes %1 off: the cart comes to %2 (was %3)": "折抵 %1：應付 %2（原為 %3）",
        "A percent is a whole number from 1 to 100": "折扣百分比須為 1 到 100 的整數",
        "An amount is a whole NT$ above 0": "金額須為大於 0 的整數元",
        "A price is a whole NT$ of 0 or more": "價格須為 0 以上的整數元",
        "A new price needs a reason": "改價須填寫原因",
        "The reason is too long": "原因太長",
        "That is not a discount": "這不是有效的折扣",
        "Held carts": "暫存交易",
        "Pick a cart and press Enter to bring it back (Esc: back)": "選擇一筆後按 Enter 取回（Esc 返回）",
        "No carts are held at this till": "本機沒有暫存的交易",
        "Held at": "暫存時間",
        "Cashier": "收銀員",
        "Lines": "品項數",
        "Recall (Enter)": "取回 (Enter)",
        "Discount (%)": "折扣 (%)",
        "Hold (Ctrl+H)": "暫存 (Ctrl+H)",
        "Held carts (Ctrl+R)": "暫存清單 (Ctrl+R)",
        "The cart could not be saved: %1": "購物車無法儲存：%1",
        "The cart that was open when the till stopped is back (%1 items)": "已還原關機前未完成的交易（共 %1 件）",
        "The cart open before the restart could not be read back: %1": "重新啟動前的購物車無法讀回：%1",
        "The cart is empty: scan something first": "購物車是空的：請先刷商品",
        "This discount needs a supervisor": "此折扣需要主管核准",
        "A price override needs a supervisor: %1": "改價需要主管核准：%1",
        "A discount of %1 is above your limit: a supervisor approves it": "%1 的折扣超過您的權限：需主管核准",
        "cart": "整筆交易",
        "%1: new price %2": "%1：改價為 %2",
        "%1: discount taken off": "%1：已取消折扣",
        "%1: discount given": "%1：已給予折扣",
        "That is above the approver's limit too": "這也超過核准者的權限",
        "The cart is empty: there is nothing to hold": "購物車是空的：沒有可暫存的交易",
        "Cart held (%1). Bring it back with Held carts (Ctrl+R)": "交易已暫存（%1）。按暫存清單 (Ctrl+R) 取回",
        "Too many carts are held: recall or void some first": "暫存交易太多：請先取回或作廢部分交易",
        "The cart could not be held: %1": "無法暫存交易：%1",
        "Finish or hold the cart on the screen before recalling another": "請先完成或暫存目前的交易，再取回其他交易",
        "Cart recalled: %1 items, %2": "已取回交易：共 %1 件，%2",
        "That cart was recalled already": "這筆交易已被取回",
        "The cart could not be recalled: %1": "無法取回交易：%1",
        "Void cart (Ctrl+Shift+Del)": "作廢交易 (Ctrl+Shift+Del)",
        "Cart voided": "交易已作廢",
        "Cart discount -%1": "整筆折扣 -%1",
        "Saved %1": "共節省 %1",
        "Void a sale of this shift (supervisor)…": "作廢本班交易（需主管）…",
        "No sale with that receipt number at this till": "本機查無此收據號碼的交易",
        "That sale is not of this shift: take it back as a return (F7) instead": "此交易不屬於本班：請改用退貨 (F7)",
        "Everything on that sale has been returned already": "此交易的商品已全部退回",
        "Only sales paid in cash can be voided here": "此處只能作廢現金交易",
        "No shift is open": "目前沒有開班",
        "The sale could not be voided: %1": "無法作廢交易：%1",
        "Void sale %1: a supervisor's PIN and the reason": "作廢交易 %1：請輸入主管密碼與原因",
        "Sale %1 voided: refund %2 in cash (return %3)": "交易 %1 已作廢：退還現金 %2（退貨單 %3）",
        "Void a sale": "作廢交易",
        "Carts voided: %1": "作廢交易：%1 筆",
        "%1: the NT$ discount came off (now above your limit); give it again": "%1：金額折扣已取消（現已超過您的權限），請重新給予",
        "Receipt number of the sale to void (this shift's only)": "要作廢的收據號碼（限本班交易）",
    }
)


# Returns: finding a sale without its receipt number, returns without a receipt, exchanges.
PHRASEBOOK.update(
    {
        "Return without a receipt": "無收據退貨",
        "Customer's phone, e.g. 0912-345-678": "顧客電話，例如 0912-345-678",
        "Scan or type the product's barcode or SKU": "掃描或輸入商品條碼／貨號",
        "Refund each": "單件退款",
        "Refund": "退款",
        "Supervisor approves, refund cash": "主管核准並退現金",
        "Enter the customer's phone, then scan what comes back": "請輸入顧客電話，再掃描退回的商品",
        "A supervisor approves this return without a receipt": "無收據退貨需主管核准",
        "all stores": "全部門市",
        "this till, offline": "僅本機，離線",
        "Returns without receipt: %1 of %2 in %3 days (%4)": "無收據退貨：%3 天內已 %1 次，上限 %2 次（%4）",
        "Refunded at the lowest price paid here in the last 30 days, or the list price": "退款以本機近 30 天最低成交價計算（不高於牌價）",
        "Refunded at the list price": "退款以牌價計算",
        "This phone has had all its returns without a receipt": "此電話的無收據退貨次數已用完",
        "A supervisor approves, then the cash is paid": "主管核准後退還現金",
        "%1 is not in this till's journal and head office cannot be reached: try again when the connection is back": "本機查無 %1，且無法連線總部：請待連線恢復後再試",
        "Type the last 3 to 10 digits of the phone": "請輸入電話末 3 至 10 碼",
        "No such product": "查無此商品",
        "No receipt number? Search": "沒有收據號碼？搜尋",
        "(sold at %1)": "（%1 售出）",
        "Total paid (NT$)": "付款總額（元）",
        "Last digits of the phone": "電話末幾碼",
        "Search": "搜尋",
        "Found in": "來源",
        "Day": "日期",
        "The total is whole NT$, e.g. 1250": "金額請輸入整數元，例如 1250",
        "This till": "本機",
        "Head office": "總部",
        "Head office did not answer: the counts are this till's own. A return taken at another till may not show yet": "總部未回應：數量僅依本機紀錄，其他收銀機已退的貨可能尚未顯示",
        "Head office cannot be reached: only this till's sales are listed (other tills' and phone numbers need the connection)": "無法連線總部：只列出本機的交易（其他收銀機與電話搜尋需連線）",
        "No sale matches": "查無符合的交易",
        "%1 sales: double-click one to open it": "共 %1 筆：點兩下開啟",
        "Exchange": "換貨",
        "Scan what comes back, then what the customer takes instead": "先掃描退回的商品，再掃描顧客換取的商品",
        "Comes back": "退回",
        "Cash received (NT$)": "實收現金（元）",
        "Complete the exchange": "完成換貨",
        "Original receipt %1": "原收據 %1",
        "Goes out": "換出",
        "The cash received is whole NT$, e.g. 1000": "實收現金請輸入整數元，例如 1000",
        "%1 comes back": "%1 退回",
        "%1 goes out": "%1 換出",
        "Customer pays %1": "顧客補 %1",
        "Give back %1 in cash": "退還現金 %1",
        "Even exchange: no cash moves": "等值換貨：不收退現金",
        "Back %1, out %2.": "退回 %1，換出 %2。",
        "Change %1": "找零 %1",
        "Exchange %1 done": "換貨 %1 完成",
        "Exchange…  (F5)": "換貨…  (F5)",
        "Exchange %1 done (original %2)": "換貨 %1 完成（原收據 %2）",
        "Online order returned at the counter": "網路訂單門市退貨",
        "Group-buy order": "團購訂單",
        "Order number": "訂單編號",
        "Ordered": "訂購",
        "Why damaged goods are written off": "瑕疵品報廢原因",
        "Refund cash here": "門市退現金",
        "The channel refunds it": "由通路退款",
        "Take the return": "確認退貨",
        "Order %1: %2": "訂單 %1：%2",
        "This order has not reached the customer yet": "此訂單尚未送達顧客",
        "Choose what comes back and who refunds it": "請選擇退回的商品及退款方式",
        "Refund left to the channel": "退款由通路處理",
        "Type the group-buy or dropship order number": "請輸入團購或代發訂單編號",
        "Choose who refunds the customer": "請選擇退款方式",
        "Online order": "網路訂單",
        "Reason (damaged goods)": "瑕疵原因",
        "This phone had all its returns without a receipt (other tills took them first).": "此電話的無收據退貨次數已用完（其他收銀機已先辦理）。",
        "The approver is not a supervisor or manager of this store.": "核准人不是本店的主管或店長。",
        "The warehouse does not know the returned order.": "倉儲查無此退貨訂單。",
        "The order had not reached the customer (or was cancelled).": "此訂單尚未送達顧客（或已取消）。",
        "Online order return": "網路訂單退貨",
        "Pending": "待處理",
        "Accepted": "已接單",
        "Shipped": "已出貨",
        "Delivered": "已送達",
    }
)


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
        "No sales of this product here or at the warehouse yet, and no forecast": (
            "本店與倉庫尚無此商品的銷售紀錄，也尚無預測"
        ),
        "%1 sold": "%1 銷量",
        "%1 forecast": "%1 預測",
        "Units counted": "實點數",
        "Set the count of the selected line": "設定所選項目的數量",
        "Short or extra": "短少／多出",
        "Live figures from the warehouse": "倉庫即時資料",
    }
)

# einv2: voiding an allowance (作廢折讓) from the Tools menu (ui/void_allowance.py).
PHRASEBOOK.update(
    {
        "Void an allowance (supervisor)…": "作廢折讓單（主管）…",
        "Void an allowance": "作廢折讓單",
        "No allowance with that number on this till's invoices": "本機的發票沒有這張折讓單",
        "That allowance is void already": "這張折讓單已作廢",
        "The allowance could not be voided: %1": "無法作廢折讓單：%1",
        "An allowance number looks like AB12345678-01": "折讓單號的格式如 AB12345678-01",
        "Void allowance %1: a supervisor's PIN and the reason": "作廢折讓單 %1：請輸入主管 PIN 與原因",
        "Allowance %1 voided: the invoice is no longer reduced by it. "
        "The return and its refund stay as they were.": (
            "折讓單 %1 已作廢：原發票不再因此折讓。退貨與退款維持原狀。"
        ),
        "Allowance number (on the allowance certificate)": "折讓單號（見折讓證明單）",
    }
)


# Branch pins: an approver's PIN from before the 6-digit rule (ui/supervisor_prompt.py).
PHRASEBOOK.update(
    {
        "This PIN is too short to approve: ask the office for a PIN of 6 digits or more": (
            "密碼太短，不能核准：請總部設定 6 位數以上的密碼"
        ),
    }
)


# Branch gbstore: group-buy orders collected at a store, on the pickup desk (ui/screens/pickups.py).
PHRASEBOOK.update(
    {
        "Order": "訂單",
        "Group-buy %1": "團購 %1",
    }
)


# desk: partial pickups, overdue pickups and the call list of released holds.
PHRASEBOOK.update(
    {
        "Overdue": "逾期未取",
        "Search: pickup code or its last digits, name, order number, phone's last digits": (
            "搜尋：取貨碼或末幾碼、姓名、團購訂單編號、電話末幾碼"
        ),
        "Expired holds to call": "逾期釋出待聯絡",
        "Hold expired": "保留到期",
        "Called": "已聯絡",
        "Show phone": "顯示電話",
        "Mark called": "標記已聯絡",
        "The call list could not be updated: %1": "待聯絡清單無法更新：%1",
        "Hand over these": "交付以下數量",
        # group-buy orders paid at pickup (ui/screens/pickups.py, pickup_panels.py)
        "This group-buy order is paid at pickup: the hand-over needs the sale that paid it.": (
            "這筆團購訂單為取貨付款：交付需附上付款的銷售。"
        ),
        "The sale that paid this hand-over has not reached the warehouse (was it refused?); fix the sale, then retry.": (
            "付款的銷售尚未送達總部（是否被拒絕？）；請先處理該筆銷售，再重試。"
        ),
        "The sale named by this hand-over already paid another one.": (
            "此交付所附的銷售已支付過另一次交付。"
        ),
        "The sale does not pay exactly what this hand-over takes at the order's prices (a bug in this till; tell support). Refund the sale as a return if need be.": (
            "銷售金額與本次交付的商品（依訂單售價）不符（收銀機程式錯誤，請通知支援人員）。必要時以退貨退款。"
        ),
        "This order was paid online: its hand-over names no sale.": (
            "此訂單已於線上付款：交付不需附上銷售。"
        ),
        "Take payment and hand over": "收款並交付",
        "To pay %1": "待收 %1",
        "To pay": "取貨付款",
        "Paid at the store": "已於門市付款",
        "Pay at pickup": "取貨付款",
        "Pickup %1 is paid at pickup: take the payment first": "取貨 %1 為取貨付款：請先收款",
        "Pickup %1 has nothing to pay": "取貨 %1 沒有待收金額",
        "This till cannot take payments at the pickup desk": "這台收銀機無法在取貨櫃台收款",
        "Pickup %1: to pay %2": "取貨 %1：待收 %2",
        "Pickup %1 not handed over: no payment taken": "取貨 %1 未交付：尚未收款",
        "Paid %1, receipt %2. Change due: %3": "已收 %1，收據 %2。找零：%3",
        "No shift is open: open one (F6) before taking a payment. Nothing was handed over.": (
            "尚未開班：請先開班 (F6) 再收款。未交付任何商品。"
        ),
        "The payment was not recorded (%1): nothing was handed over.": (
            "付款未記錄（%1）：未交付任何商品。"
        ),
        "Select a ready pickup to hand over part of it": "選取一筆可取貨的預約，可只交付部分商品",
        "Pickup %1: what the customer takes now": "取貨 %1：顧客本次取走",
        "Here": "店內",
        "To come": "尚未到店",
        "Taking now": "本次取走",
        "Pickup %1: that is more than is here for the customer": "取貨 %1：超過店內為顧客保留的數量",
        "Pickup %1: nothing of it is here yet": "取貨 %1：商品還沒有到店",
        "This reservation's hold was not released": "這筆預約的保留沒有逾期釋出",
        "Still to come: %1": "尚待取貨：%1",
        "More was handed over than the store holds for this pickup (another till "
        "handed it over first?); check with the customer.": (
            "交付數量超過店內為這筆取貨保留的數量（可能另一台收銀機已先交付），請與顧客確認。"
        ),
        "Nothing of this pickup is at the store to hand over.": "這筆取貨目前沒有已到店可交付的商品。",
    }
)


def extract() -> None:
    sources = [str(p) for p in source_files()]
    for ts in CATALOGUES.values():
        subprocess.run(
            [
                str(BIN / "pyside6-lupdate"),
                *sources,
                "-no-obsolete",
                "-locations",
                "none",
                "-ts",
                str(ts),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def fill(ts: Path = TS, language: str = "zh_TW") -> list[str]:
    """Fill a catalogue: zh_TW from the phrasebook, English with each source itself."""
    tree = ET.parse(ts)
    tree.getroot().set("language", language)
    tree.getroot().set("sourcelanguage", "en")
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if language == "en":
            translation.text = source
            translation.attrib.pop("type", None)
        elif source in PHRASEBOOK:
            translation.text = PHRASEBOOK[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished" and not translation.text:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def compile_catalogue(ts: Path = TS) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def refresh() -> list[str]:
    """Extract, fill and compile both catalogues; the zh_TW sources left untranslated."""
    extract()
    missing = fill(TS, "zh_TW")
    fill(TS_EN, "en")
    for ts in CATALOGUES.values():
        compile_catalogue(ts)
    return missing


# (refunds) Refunds to the original tenders on the returns screen (ui/screens/returns.py,
# ui/screens/refund_tenders.py).
PHRASEBOOK.update(
    {
        "Refund all in cash instead": "改為全數退現金",
        "Back to %1: %2": "退回%1：%2",
        "Refund reference (never the card number)": "退款參考號（勿輸入卡號）",
        "Type the refund reference of each card or mobile payment part": (
            "請輸入每筆刷卡或行動支付退款的參考號"
        ),
        "Type the card terminal's approval code of the card refund": "請輸入刷卡機退款的授權碼",
        "That looks like a card number: type the refund reference instead": (
            "這看起來是卡號：請改輸入退款參考號"
        ),
        "The refund reference is too long": "退款參考號太長",
        "The refund reference holds a character that cannot be stored": (
            "退款參考號含有無法儲存的字元"
        ),
        "Take the return and refund  (F12)": "完成退貨並退款  (F12)",
        "Return %1 taken: refund %2 to the original tenders": "退貨 %1 完成：%2 已退回原付款方式",
    }
)


# (voidtender) A void refunds each tender what it paid (ui/void_sale.py,
# ui/void_refund_dialog.py); an exchange's difference by any tender
# (ui/screens/exchange_dialog.py).
PHRASEBOOK.update(
    {
        "Sale %1: %2 goes back to the tenders that paid it. Cancel each card or mobile "
        "payment on its terminal and type the cancellation's reference.": (
            "交易 %1：%2 將退回原付款方式。請先在刷卡機或行動支付端取消各筆付款，"
            "再輸入取消的參考號。"
        ),
        "Sale %1 voided: refund %2 to the tenders that paid it (return %3)": (
            "交易 %1 已作廢：%2 已退回原付款方式（退貨單 %3）"
        ),
        "Give back %1": "退還 %1",
        "Even exchange: no money moves": "等值換貨：不收不退",
    }
)


# (reissue) A same-period partial return issues a new invoice (ui/screens/returns.py).
PHRASEBOOK.update(
    {
        "No invoice number left for the new invoice: sync, then take the return again": (
            "沒有發票號碼可重新開立發票：請先同步，再辦理退貨"
        ),
    }
)

# (reissue3) A later return of another till's sale settles the invoice live now, which
# only head office knows (ui/screens/returns.py).
PHRASEBOOK.update(
    {
        "%1 was rung up at another till: its invoice may have changed there since, and "
        "head office cannot be reached: try again when the connection is back": (
            "%1 為其他收銀機的交易：其發票可能已在他處變更，且無法連線總部：請待連線恢復後再試"
        ),
        "Another till changed this sale's invoice since: sync, then take the return again": (
            "此交易的發票已在其他收銀機變更：請先同步，再辦理退貨"
        ),
    }
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    before = {
        p: p.read_bytes()
        for ts in CATALOGUES.values()
        for p in (ts, ts.with_suffix(".qm"))
        if p.exists()
    }
    missing = refresh()
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    wrong = placeholder_mismatches([*PHRASEBOOK.items(), *catalogue_pairs()])
    for source, translation in wrong:
        print(f"placeholders differ: {source!r} -> {translation!r}", file=sys.stderr)
    stale = []
    if "--check" in args:
        stale = [
            p.name
            for ts in CATALOGUES.values()
            for p in (ts, ts.with_suffix(".qm"))
            if before.get(p) != p.read_bytes()
        ]
        for name in stale:
            print(f"out of date (run python tools/i18n.py and commit): {name}", file=sys.stderr)
    return 1 if missing or wrong or stale else 0


if __name__ == "__main__":
    sys.exit(main())

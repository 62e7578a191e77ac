<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="21" />
        <source>Item</source>
        <translation>品名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="21" />
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="21" />
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="21" />
        <source>Amount</source>
        <translation>小計</translation>
    </message>
</context>
<context>
    <name>CashPaymentDialog</name>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="36" />
        <source>Cash payment</source>
        <translation>現金付款</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="41" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="45" />
        <source>Received</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="48" />
        <source>Amount received</source>
        <translation>實收金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="52" />
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="59" />
        <source>Exact</source>
        <translation>剛好</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="74" />
        <source>Complete sale</source>
        <translation>完成交易</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="75" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="106" />
        <source>Enter the amount received</source>
        <translation>請輸入實收金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="109" />
        <source>Short by %1</source>
        <translation>尚差 %1</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="64" />
        <source>● Online</source>
        <translation>● 已連線</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="65" />
        <source>● Unstable connection</source>
        <translation>● 連線不穩</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="66" />
        <source>● Offline: sales are kept and sent later</source>
        <translation>● 離線：交易已保存，恢復連線後自動上傳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="67" />
        <source>● Connecting…</source>
        <translation>● 連線中…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="74" />
        <source>Printer offline: %1 waits to print</source>
        <translation>印表機離線：%1 等待列印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="79" />
        <source>Printing failed: %1</source>
        <translation>列印失敗：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="90" />
        <source>Waiting to sync: %1 (oldest %2)</source>
        <translation>待同步：%1 筆（最久 %2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="95" />
        <source>All synced</source>
        <translation>已全部同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="97" />
        <source>Failed: %1 need attention</source>
        <translation>失敗：%1 筆待處理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="103" />
        <source>Stock figures from %1 ago</source>
        <translation>庫存資料更新於 %1 前</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="31" />
        <source>Counter — %1</source>
        <translation>門市櫃台 — %1</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="73" />
        <source>Scan a barcode or type a code or name, then Enter</source>
        <translation>掃描條碼，或輸入條碼／品名後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="110" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="120" />
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="135" />
        <source>Cash (F12)</source>
        <translation>現金結帳 (F12)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="137" />
        <source>Quantity (F4)</source>
        <translation>修改數量 (F4)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="140" />
        <source>Remove line (Del)</source>
        <translation>刪除品項 (Del)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="141" />
        <source>Clear cart</source>
        <translation>清空購物車</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="233" />
        <source>The cart is empty</source>
        <translation>購物車是空的</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="256" />
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="266" />
        <source>Removed %1</source>
        <translation>已刪除 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="278" />
        <source>Unreadable code; scan again</source>
        <translation>條碼無法辨識，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="288" />
        <source>No product with code %1</source>
        <translation>查無此條碼商品：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="299" />
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="312" />
        <source>%1 matches: pick one and press Enter</source>
        <translation>找到 %1 筆，請選擇後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="316" />
        <source>Look-up failed: %1</source>
        <translation>查詢失敗：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="356" />
        <source>Sale %1 done. Change due: %2</source>
        <translation>交易 %1 完成，找零 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="361" />
        <source>Change due
%1</source>
        <translation>找零
%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="373" />
        <source>The sale was not saved: %1. The cart is kept; try again.</source>
        <translation>交易未儲存：%1。購物車內容已保留，請再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="378" />
        <source>%1 items</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="16" />
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="19" />
        <source>Staff PIN</source>
        <translation>員工密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="26" />
        <source>Enter your PIN</source>
        <translation>請輸入員工密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="34" />
        <source>Wrong PIN</source>
        <translation>密碼錯誤</translation>
    </message>
</context>
</TS>
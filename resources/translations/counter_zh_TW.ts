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
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="94" />
        <source>收據印表機與掃描器設定</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="106" />
        <source>網路（TCP 9100）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="107" />
        <source>USB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="108" />
        <source>序列埠（COM）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="109" />
        <source>Windows 印表機</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="110" />
        <source>CUPS 印表機</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="111" />
        <source>裝置檔案</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="120" />
        <source>80 mm（48 字）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="121" />
        <source>58 mm（32 字）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="124" />
        <source>Big5（台灣機種）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="125" />
        <source>GB18030（簡體機種）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="126" />
        <source>圖像（任何印表機）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="130" />
        <source>名稱</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="131" />
        <source>連線方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="132" />
        <source>位址</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="133" />
        <source>機型設定檔</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="134" />
        <source>紙寬</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="135" />
        <source>中文編碼</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="136" />
        <location filename="../../counter_app/ui/device_settings.py" line="237" />
        <source>收據印表機</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="140" />
        <source>接腳 2（一般）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="141" />
        <source>接腳 5（第二錢櫃）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="146" />
        <source>錢櫃接腳</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="147" />
        <source>脈衝時間</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="148" />
        <source>間隔時間</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="149" />
        <source>錢櫃</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="152" />
        <source>測試列印</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="153" />
        <source>測試開錢櫃</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="158" />
        <source>尚未測試</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="161" />
        <source>Linux USB 權限</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="173" />
        <source>掃描器測試</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="175" />
        <source>請掃描任一條碼，結果會顯示在下方：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="181" />
        <source>儲存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="182" />
        <source>取消</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="201" />
        <source>收據預覽</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="214" />
        <source> 毫秒</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="271" />
        <source>請輸入 USB 位址，例如 04b8:0e15（廠商:產品，可用 lsusb 查詢）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="275" />
        <source>沒有存取 USB 印表機的權限（errno 13 / 拒絕存取）。請以管理員身分執行下列指令安裝 udev 規則：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="277" />
        <source>在 Linux 上，USB 印表機需要 udev 規則才能由一般使用者列印：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="312" />
        <location filename="../../counter_app/ui/device_settings.py" line="323" />
        <location filename="../../counter_app/ui/device_settings.py" line="375" />
        <source>設定有誤：%s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="316" />
        <source>測試頁已送出，等待列印…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="333" />
        <source>排隊中</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="334" />
        <source>列印中…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="335" />
        <source>完成：%s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="336" />
        <source>已取消</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="339" />
        <source>印表機離線，收據等待列印</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="340" />
        <source>印表機缺紙，請換紙；收據等待列印</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="341" />
        <source>沒有 USB 印表機的存取權限，請安裝下方的 udev 規則</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="342" />
        <source>找不到印表機，請檢查連線與設定</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="343" />
        <source>缺少印表機驅動程式元件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="344" />
        <source>印表機設定有誤</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="360" />
        <source>商品條碼</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="361" />
        <source>GS1 條碼</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="362" />
        <source>店內秤重／計價條碼</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="363" />
        <source>收據號碼（退換貨）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="364" />
        <source>取貨碼</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="365" />
        <source>無效條碼</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="33" />
        <source>Counter — %1</source>
        <translation>門市櫃台 — %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="50" />
        <source>&amp;Tools</source>
        <translation>功能(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/app.py" line="67" />
        <source>Open the cash drawer without a sale</source>
        <translation>非交易開錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/app.py" line="73" />
        <source>Reprint a receipt…</source>
        <translation>補印收據…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/app.py" line="74" />
        <source>Sync problems…</source>
        <translation>同步問題…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/app.py" line="75" />
        <source>Open the cash drawer (supervisor)…</source>
        <translation>開錢櫃（需主管）…</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="29" />
        <source>Reprint a receipt</source>
        <translation>補印收據</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="32" />
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="32" />
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="32" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="37" />
        <source>Reprint</source>
        <translation>補印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="38" />
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="71" />
        <source>Sent %1 to the printer</source>
        <translation>已送出 %1 至印表機</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="78" />
        <source>Scan a barcode or type a code or name, then Enter</source>
        <translation>掃描條碼，或輸入條碼／品名後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="115" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="125" />
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="140" />
        <source>Cash (F12)</source>
        <translation>現金結帳 (F12)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="142" />
        <source>Quantity (F4)</source>
        <translation>修改數量 (F4)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="145" />
        <source>Remove line (Del)</source>
        <translation>刪除品項 (Del)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="146" />
        <source>Clear cart</source>
        <translation>清空購物車</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="242" />
        <source>The cart is empty</source>
        <translation>購物車是空的</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="269" />
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="279" />
        <source>Removed %1</source>
        <translation>已刪除 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="291" />
        <source>Unreadable code; scan again</source>
        <translation>條碼無法辨識，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="301" />
        <source>No product with code %1</source>
        <translation>查無此條碼商品：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="312" />
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="325" />
        <source>%1 matches: pick one and press Enter</source>
        <translation>找到 %1 筆，請選擇後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="329" />
        <source>Look-up failed: %1</source>
        <translation>查詢失敗：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="385" />
        <source>Sale %1 done. Change due: %2</source>
        <translation>交易 %1 完成，找零 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="390" />
        <source>Change due
%1</source>
        <translation>找零
%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="402" />
        <source>The sale was not saved: %1. The cart is kept; try again.</source>
        <translation>交易未儲存：%1。購物車內容已保留，請再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="407" />
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
<context>
    <name>StockPanel</name>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="17" />
        <location filename="../../counter_app/ui/stock_panel.py" line="74" />
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="35" />
        <source>Stock: %1</source>
        <translation>庫存：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="37" />
        <source>Live from the warehouse</source>
        <translation>即時庫存（倉儲連線中）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="43" />
        <source>Offline: cached figures, up to %1 old</source>
        <translation>離線：顯示快取庫存，最舊 %1 前</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="56" />
        <source>%1 (this store)</source>
        <translation>%1（本店）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="58" />
        <source>%1 (available %2)</source>
        <translation>%1（可用 %2）</translation>
    </message>
</context>
<context>
    <name>SupervisorApprovalDialog</name>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="26" />
        <source>Supervisor approval</source>
        <translation>主管授權</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="35" />
        <source>Supervisor PIN</source>
        <translation>主管密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="37" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="50" />
        <source>That PIN is not a supervisor's</source>
        <translation>此密碼不是主管密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="54" />
        <source>Please give a reason</source>
        <translation>請填寫原因</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="39" />
        <source>Operations the warehouse rejected</source>
        <translation>倉儲拒絕的作業</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="42" />
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="42" />
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="42" />
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="42" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="46" />
        <source>Nothing needs attention.</source>
        <translation>目前沒有需要處理的作業。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="47" />
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="48" />
        <source>Discard… (supervisor)</source>
        <translation>捨棄…（需主管）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="49" />
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="94" />
        <source>Discard %1: it will never reach the warehouse.</source>
        <translation>捨棄 %1：這筆作業將不會送達倉儲。</translation>
    </message>
</context>
</TS>
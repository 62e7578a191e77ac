<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="26" />
        <source>Item</source>
        <translation>品名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="26" />
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="26" />
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="26" />
        <source>Amount</source>
        <translation>小計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/cart_model.py" line="59" />
        <source>This store has %1 by the records</source>
        <translation>本店帳上庫存 %1</translation>
    </message>
</context>
<context>
    <name>CashMovementDialog</name>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="185" />
        <source>Cash in</source>
        <translation>存入現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="185" />
        <source>Cash out</source>
        <translation>取出現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="194" />
        <source>e.g. change from the bank, paid the courier</source>
        <translation>例如：銀行換零錢、支付快遞費</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="198" />
        <source>Cash amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="199" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CashPaymentDialog</name>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="45" />
        <source>Cash payment</source>
        <translation>現金付款</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="51" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="55" />
        <source>Received</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="58" />
        <source>Amount received</source>
        <translation>實收金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="62" />
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="69" />
        <source>E-invoice</source>
        <translation>電子發票</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="72" />
        <source>Carrier, donation code or tax ID</source>
        <translation>載具、愛心碼或統一編號</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="76" />
        <source>Exact</source>
        <translation>剛好</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="101" />
        <source>Complete sale</source>
        <translation>完成交易</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="104" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="137" />
        <source>Enter the amount received</source>
        <translation>請輸入實收金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="142" />
        <source>Short by %1</source>
        <translation>尚差 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="155" />
        <source>Not a valid carrier</source>
        <translation>載具格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="156" />
        <source>Not a valid donation code</source>
        <translation>愛心碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="157" />
        <source>Not a valid tax ID</source>
        <translation>統一編號錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="159" />
        <source>Give a carrier, a donation code or a tax ID, not two</source>
        <translation>載具、愛心碼、統一編號只能擇一</translation>
    </message>
</context>
<context>
    <name>CountPanel</name>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="108" />
        <source>Denomination</source>
        <translation>面額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="108" />
        <source>Pieces</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="108" />
        <source>Amount</source>
        <translation>小計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="114" />
        <source>coin</source>
        <translation>硬幣</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="114" />
        <source>note</source>
        <translation>紙鈔</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="140" />
        <source>Counted</source>
        <translation>實點現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="176" />
        <source>Difference: %1</source>
        <translation>差額：%1</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="130" />
        <source>● Online</source>
        <translation>● 已連線</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="131" />
        <source>● Unstable connection</source>
        <translation>● 連線不穩</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="132" />
        <source>● Offline: sales are kept and sent later</source>
        <translation>● 離線：交易已保存，恢復連線後自動上傳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="133" />
        <source>● Connecting…</source>
        <translation>● 連線中…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="137" />
        <source>Sending: %1 (oldest %2)</source>
        <translation>上傳中：%1 筆（最久 %2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="166" />
        <source>%1 waits to print: %2</source>
        <translation>%1 等待列印：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="173" />
        <source>Printing failed: %1</source>
        <translation>列印失敗：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="139" />
        <source>Waiting to sync: %1 (oldest %2)</source>
        <translation>待同步：%1 筆（最久 %2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="141" />
        <source>All synced</source>
        <translation>已全部同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="149" />
        <source>Failed: %1 need attention</source>
        <translation>失敗：%1 筆待處理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="159" />
        <source>Stock figures from %1 ago</source>
        <translation>庫存資料更新於 %1 前</translation>
    </message>
</context>
<context>
    <name>DemandChart</name>
    <message>
        <location filename="../../counter_app/ui/demand_chart.py" line="54" />
        <source>Daily sales (solid) and forecast (dashed)</source>
        <translation>每日銷量（實線）與預測（虛線）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/demand_chart.py" line="57" />
        <source>Offline: the chart is %1 min old</source>
        <translation>離線：圖表為 %1 分鐘前的資料</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/demand_chart.py" line="62" />
        <source>No sales history or forecast from the warehouse yet</source>
        <translation>倉庫尚無銷售紀錄或預測</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/demand_chart.py" line="90" />
        <source>%1 sold</source>
        <translation>%1 銷量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/demand_chart.py" line="96" />
        <source>%1 forecast</source>
        <translation>%1 預測</translation>
    </message>
</context>
<context>
    <name>DeviceMessages</name>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="19" />
        <source>Printer offline, receipt waiting to print</source>
        <translation>印表機離線，收據等待列印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="22" />
        <source>Printer out of paper: load paper; the receipt waits to print</source>
        <translation>印表機缺紙，請換紙；收據等待列印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="25" />
        <source>No permission to use the USB printer: a udev rule is needed</source>
        <translation>沒有 USB 印表機的存取權限，需要安裝 udev 規則</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="28" />
        <source>Printer not found: check the cable and the settings</source>
        <translation>找不到印表機，請檢查連線與設定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="31" />
        <source>A printer driver component is missing</source>
        <translation>缺少印表機驅動程式元件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="34" />
        <source>The printer settings are wrong</source>
        <translation>印表機設定有誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="44" />
        <source>printer offline</source>
        <translation>印表機離線</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="45" />
        <source>out of paper</source>
        <translation>缺紙</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="46" />
        <source>no permission for the USB printer</source>
        <translation>沒有 USB 印表機權限</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="49" />
        <source>printer not found</source>
        <translation>找不到印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="50" />
        <source>printer driver missing</source>
        <translation>缺少印表機驅動程式</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="53" />
        <source>printer settings wrong</source>
        <translation>印表機設定有誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="62" />
        <source>Receipt %1</source>
        <translation>收據 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="63" />
        <source>Return %1</source>
        <translation>退貨收據 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="64" />
        <source>Exchange %1</source>
        <translation>換貨收據 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="65" />
        <source>Pickup slip %1</source>
        <translation>取貨單 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="66" />
        <source>Handover slip %1</source>
        <translation>取貨交付單 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="69" />
        <source>Dropship slip %1</source>
        <translation>代發單 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="72" />
        <source>%1 report</source>
        <translation>%1 報表</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="73" />
        <location filename="../../counter_app/ui/device_messages.py" line="126" />
        <source>Test page</source>
        <translation>測試頁</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="74" />
        <location filename="../../counter_app/ui/device_messages.py" line="75" />
        <source>E-invoice %1</source>
        <translation>電子發票 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="77" />
        <source>Print job</source>
        <translation>列印工作</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="81" />
        <source>%1 (reprint)</source>
        <translation>%1（補印）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="86" />
        <source>Open the cash drawer</source>
        <translation>開錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="94" />
        <source>Drawer not opened: %1</source>
        <translation>錢櫃未開啟：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="97" />
        <source>Printing failed (program error): %1</source>
        <translation>列印失敗（程式錯誤）：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="103" />
        <source>The print was cut off; it prints again in full, marked as a reprint.</source>
        <translation>列印中斷，將完整重印並標示補印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="109" />
        <location filename="../../counter_app/ui/device_messages.py" line="116" />
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="110" />
        <source>Printing…</source>
        <translation>列印中…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="111" />
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="114" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="121" />
        <source>Receipt printer</source>
        <translation>收據印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="127" />
        <source>Print test</source>
        <translation>列印測試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="128" />
        <source>TEST PAGE</source>
        <translation>測試頁 TEST PAGE</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="129" />
        <source>Printer: </source>
        <translation>印表機：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="130" />
        <source>Printer profile: </source>
        <translation>機型設定：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="131" />
        <source>Paper: </source>
        <translation>紙寬：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="132" />
        <source>Encoding: </source>
        <translation>編碼：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="133" />
        <source>Time: </source>
        <translation>時間：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="134" />
        <source>Traditional Chinese: </source>
        <translation>繁體中文：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="135" />
        <source>Bold</source>
        <translation>粗體 Bold</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="136" />
        <source>Centred</source>
        <translation>置中 Center</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="137" />
        <source>Right-aligned</source>
        <translation>靠右 Right</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="138" />
        <source>Alignment test</source>
        <translation>對齊測試</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="104" />
        <source>Receipt printer and scanner settings</source>
        <translation>收據印表機與掃描器設定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="117" />
        <source>Network (TCP 9100)</source>
        <translation>網路（TCP 9100）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="118" />
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="119" />
        <source>Serial port (COM)</source>
        <translation>序列埠（COM）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="120" />
        <source>Windows printer</source>
        <translation>Windows 印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="121" />
        <source>CUPS printer</source>
        <translation>CUPS 印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="122" />
        <source>Device file</source>
        <translation>裝置檔案</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="131" />
        <source>80 mm (48 columns)</source>
        <translation>80 mm（48 字）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="132" />
        <source>58 mm (32 columns)</source>
        <translation>58 mm（32 字）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="135" />
        <source>Big5 (Taiwan models)</source>
        <translation>Big5（台灣機種）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="137" />
        <source>GB18030 (mainland models)</source>
        <translation>GB18030（簡體機種）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="139" />
        <source>Image (any printer)</source>
        <translation>圖像（任何印表機）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="143" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="144" />
        <source>Connection</source>
        <translation>連線方式</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="145" />
        <source>Address</source>
        <translation>位址</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="146" />
        <source>Printer profile</source>
        <translation>機型設定檔</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="147" />
        <source>Paper width</source>
        <translation>紙寬</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="148" />
        <source>Chinese encoding</source>
        <translation>中文編碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="149" />
        <source>Receipt printer</source>
        <translation>收據印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="153" />
        <source>Pin 2 (usual)</source>
        <translation>接腳 2（一般）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="154" />
        <source>Pin 5 (second drawer)</source>
        <translation>接腳 5（第二錢櫃）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="159" />
        <source>Drawer pin</source>
        <translation>錢櫃接腳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="160" />
        <source>Pulse on</source>
        <translation>脈衝時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="161" />
        <source>Pulse off</source>
        <translation>間隔時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="162" />
        <source>Cash drawer</source>
        <translation>錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="165" />
        <source>Test print</source>
        <translation>測試列印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="166" />
        <source>Test the drawer</source>
        <translation>測試開錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="171" />
        <source>Not tested yet</source>
        <translation>尚未測試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="174" />
        <source>Linux USB permissions</source>
        <translation>Linux USB 權限</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="186" />
        <source>Scanner test</source>
        <translation>掃描器測試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="188" />
        <source>Scan any code; what it is shows below:</source>
        <translation>請掃描任一條碼，結果會顯示在下方：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="194" />
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="195" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="214" />
        <source>Receipt preview</source>
        <translation>收據預覽</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="227" />
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="265" />
        <source>%1 or %1:9100</source>
        <translation>%1 或 %1:9100</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="266" />
        <source>04b8:0e15 (vendor:product)</source>
        <translation>04b8:0e15（廠商:產品）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="267" />
        <source>COM3 or /dev/ttyUSB0@9600</source>
        <translation>COM3 或 /dev/ttyUSB0@9600</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="289" />
        <source>Enter the USB address, e.g. 04b8:0e15 (vendor:product, shown by lsusb).</source>
        <translation>請輸入 USB 位址，例如 04b8:0e15（廠商:產品，可用 lsusb 查詢）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="295" />
        <source>No permission to use the USB printer (errno 13, access denied). Run these commands as an administrator to install the udev rule:</source>
        <translation>沒有存取 USB 印表機的權限（errno 13 / 拒絕存取）。請以管理員身分執行下列指令安裝 udev 規則：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="298" />
        <source>On Linux a USB printer needs a udev rule before a normal user can print:</source>
        <translation>在 Linux 上，USB 印表機需要 udev 規則才能由一般使用者列印：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="339" />
        <location filename="../../counter_app/ui/device_settings.py" line="350" />
        <location filename="../../counter_app/ui/device_settings.py" line="395" />
        <source>Invalid settings: %1</source>
        <translation>設定有誤：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="343" />
        <source>Test page sent, waiting to print…</source>
        <translation>測試頁已送出，等待列印…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="369" />
        <source>Install the udev rule below.</source>
        <translation>請安裝下方的 udev 規則。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="379" />
        <source>Product barcode</source>
        <translation>商品條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="380" />
        <source>GS1 code</source>
        <translation>GS1 條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="381" />
        <source>In-store weight/price label</source>
        <translation>店內秤重／計價條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="382" />
        <source>Receipt number (returns)</source>
        <translation>收據號碼（退換貨）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="383" />
        <source>Pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="384" />
        <source>E-invoice carrier</source>
        <translation>電子發票載具</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="385" />
        <source>Invalid code</source>
        <translation>無效條碼</translation>
    </message>
</context>
<context>
    <name>FirstSync</name>
    <message>
        <location filename="../../counter_app/ui/first_sync.py" line="29" />
        <source>Loading products and staff from the warehouse…</source>
        <translation>正在從倉儲下載商品與員工資料…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/first_sync.py" line="58" />
        <source>Warehouse unreachable</source>
        <translation>無法連線倉儲</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/first_sync.py" line="59" />
        <source>This till has no products yet and cannot reach the warehouse. Check the network and try again.</source>
        <translation>本機尚無商品資料，且無法連線倉儲。請檢查網路後再試一次。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../counter_app/ui/lock_screen.py" line="117" />
        <source>Locked</source>
        <translation>已鎖定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/lock_screen.py" line="125" />
        <source>The counter is locked</source>
        <translation>收銀台已鎖定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/lock_screen.py" line="128" />
        <source>%1 locked it. Enter %1's PIN, or a supervisor's.</source>
        <translation>%1 已鎖定畫面。請輸入 %1 的密碼，或主管密碼。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/lock_screen.py" line="137" />
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/lock_screen.py" line="145" />
        <source>Unlock  (Enter)</source>
        <translation>解鎖  (Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/lock_screen.py" line="150" />
        <source>Switch cashier…  (F11)</source>
        <translation>更換收銀員…  (F11)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="108" />
        <source>Counter — %1</source>
        <translation>門市櫃台 — %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="195" />
        <source>&amp;Tools</source>
        <translation>功能(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="542" />
        <source>No shift open</source>
        <translation>尚未開班</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="543" />
        <source>No shift is open at this till. Open one now?</source>
        <translation>本機目前沒有開班。現在開班嗎？</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="591" />
        <source>Open the cash drawer without a sale</source>
        <translation>非交易開錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="604" />
        <source>Printer and scanner settings</source>
        <translation>印表機與掃描器設定</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="640" />
        <source>Lock the screen</source>
        <translation>鎖定畫面</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="643" />
        <source>Switch cashier…</source>
        <translation>更換收銀員…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="645" />
        <source>Reprint a receipt…</source>
        <translation>補印收據…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="647" />
        <source>Sync problems…</source>
        <translation>同步問題…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="650" />
        <source>Open the cash drawer (supervisor)…</source>
        <translation>開錢櫃（需主管）…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="655" />
        <source>Printer and scanner settings…</source>
        <translation>印表機與掃描器設定…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="660" />
        <source>Stock to count…</source>
        <translation>待盤點庫存…</translation>
    </message>
</context>
<context>
    <name>PickupsScreen</name>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="56" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="63" />
        <source>Search: pickup code, its last digits, or name</source>
        <translation>搜尋：取貨碼、末幾碼或姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="66" />
        <location filename="../../counter_app/ui/screens/pickups.py" line="74" />
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="73" />
        <source>Pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="75" />
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="76" />
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="77" />
        <source>Hold until</source>
        <translation>保留至</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="84" />
        <source>Scan or type the pickup code, then Enter</source>
        <translation>掃描或輸入取貨碼後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="89" />
        <source>Hand over</source>
        <translation>交付</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="92" />
        <source>Print pickup slip</source>
        <translation>列印取貨單</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="115" />
        <source>Pickups</source>
        <translation>門市取貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="125" />
        <source>%1 is not a pickup code</source>
        <translation>%1 不是取貨碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="137" />
        <source>Pending confirmation</source>
        <translation>待確認</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="138" />
        <source>Confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="139" />
        <source>In transit</source>
        <translation>運送中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="140" />
        <source>Ready</source>
        <translation>可取貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="141" />
        <source>Picked up</source>
        <translation>已取貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="142" />
        <source>Expired</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="143" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="151" />
        <source>Pickup code %1 is not known at this store</source>
        <translation>本店查無取貨碼 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="156" />
        <source>Pickup %1 is not ready yet (%2): its goods have not arrived</source>
        <translation>取貨 %1 尚未到店（%2），無法交付</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="161" />
        <source>Pickup %1 was already handed over</source>
        <translation>取貨 %1 已交付過</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="164" />
        <source>Pickup %1 cannot be handed over: it is %2</source>
        <translation>取貨 %1 無法交付：狀態為%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="170" />
        <source>Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code</source>
        <translation>請輸入台灣電話：09 開頭 10 碼手機，或含區碼的市話</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="173" />
        <source>Enter a quantity from 1 to 999</source>
        <translation>請輸入 1 到 999 的數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="175" />
        <source>Enter the customer's name</source>
        <translation>請輸入顧客姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="178" />
        <source>No pickup code yet: the warehouse has not confirmed this reservation</source>
        <translation>尚無取貨碼：總部尚未確認此預約</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="218" />
        <source>Pickup slip sent to the printer</source>
        <translation>取貨單已送出列印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="252" />
        <source>Handed over %1: %2</source>
        <translation>已交付 %1：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="266" />
        <source>The hand-over could not be recorded: %1</source>
        <translation>交付未能記錄：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/pickups.py" line="273" />
        <source>The pickup list could not be read: %1</source>
        <translation>無法讀取取貨清單：%1</translation>
    </message>
</context>
<context>
    <name>ProblemReasons</name>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="13" />
        <source>The receipt number is already used by another sale at the warehouse.</source>
        <translation>此收據號碼在倉儲已被另一筆交易使用。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="16" />
        <source>The warehouse already has an operation with this id but different content.</source>
        <translation>倉儲已有相同編號但內容不同的作業。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="20" />
        <source>Not enough stock at the warehouse for this request.</source>
        <translation>倉儲庫存不足。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="23" />
        <source>The stock moved since the count began; count again.</source>
        <translation>盤點開始後庫存已變動，請重新盤點。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="26" />
        <source>The order is no longer in a state that allows this.</source>
        <translation>此訂單目前的狀態不允許這項操作。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="29" />
        <source>A product in it is not known to the warehouse.</source>
        <translation>其中有倉儲不認得的商品。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="32" />
        <source>The cashier or staff member is not known to the warehouse.</source>
        <translation>倉儲不認得此收銀員或員工。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="35" />
        <source>The warehouse could not accept its content (a bug in this till; tell support).</source>
        <translation>倉儲無法接受其內容（本機程式錯誤，請通知技術支援）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="39" />
        <source>The warehouse could not read the request (a bug in this till; tell support).</source>
        <translation>倉儲無法讀取此請求（本機程式錯誤，請通知技術支援）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="43" />
        <source>This till is not allowed to do this.</source>
        <translation>本機沒有執行此操作的權限。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="46" />
        <source>The warehouse does not accept this till's key; it may have been revoked.</source>
        <translation>倉儲不接受本機的金鑰，可能已被撤銷。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="50" />
        <source>This till is not set up for a store.</source>
        <translation>本機尚未設定所屬門市。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="53" />
        <source>No warehouse is set up.</source>
        <translation>尚未設定倉儲。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="54" />
        <source>The products do not all ship from one partner.</source>
        <translation>這些商品並非都由同一個代發廠商出貨。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="57" />
        <source>The operation is too large for the warehouse.</source>
        <translation>此作業資料量超過倉儲上限。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="60" />
        <source>The warehouse had an internal error; retry later.</source>
        <translation>倉儲發生內部錯誤，請稍後重試。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="63" />
        <source>The warehouse was busy; retry later.</source>
        <translation>倉儲忙碌中，請稍後重試。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="66" />
        <source>More would come back than was sold, less what another till already returned.</source>
        <translation>退回數量超過售出數量減去其他收銀機已退的數量。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="70" />
        <source>A product returned is not on the original sale.</source>
        <translation>退回的商品不在原交易中。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="73" />
        <source>The warehouse does not know the original sale.</source>
        <translation>總部查無原交易。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="83" />
        <source>Sale</source>
        <translation>銷售</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="84" />
        <source>Return</source>
        <translation>退貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="85" />
        <source>Pickup reservation</source>
        <translation>取貨預留</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="86" />
        <source>Reservation cancelled</source>
        <translation>取消預留</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="87" />
        <source>Pickup handed over</source>
        <translation>取貨完成</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="88" />
        <source>Stock count</source>
        <translation>盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="89" />
        <source>Dropship order</source>
        <translation>代發訂單</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="90" />
        <source>Dropship order cancelled</source>
        <translation>取消代發訂單</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="91" />
        <source>Shift close</source>
        <translation>關帳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/problem_reasons.py" line="92" />
        <source>Audit entry</source>
        <translation>稽核紀錄</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="22" />
        <source>Reprint a receipt</source>
        <translation>補印收據</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="24" />
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="24" />
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="24" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="27" />
        <source>Reprint</source>
        <translation>補印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="28" />
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="58" />
        <source>Sent %1 to the printer</source>
        <translation>已送出 %1 至印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="61" />
        <source>Receipt %1 is not in this till's journal</source>
        <translation>本機交易紀錄中沒有收據 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="63" />
        <source>Could not reprint %1</source>
        <translation>無法補印 %1</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="62" />
        <source>No sale %1 in this till's journal</source>
        <translation>本機交易紀錄中查無 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="63" />
        <source>Choose how many of a line come back</source>
        <translation>請選擇退回的數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="64" />
        <source>That line is not on this receipt</source>
        <translation>此品項不在這張收據上</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="65" />
        <source>The quantity is not valid</source>
        <translation>數量無效</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="66" />
        <source>More than was sold (less what was already returned)</source>
        <translation>超過可退數量（已售出減已退回）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="69" />
        <source>Choose where the goods go</source>
        <translation>請選擇商品去向</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="70" />
        <source>Too many lines for one return</source>
        <translation>單次退貨品項過多</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="71" />
        <source>No shift is open: open one before a refund</source>
        <translation>尚未開班：請先開班再退款</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="72" />
        <source>This refund needs a supervisor</source>
        <translation>此筆退款需主管核准</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="73" />
        <source>The refund is above the approver's limit</source>
        <translation>退款金額超過核准者的權限</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="76" />
        <source>Only sales paid in cash can be refunded here</source>
        <translation>僅能退款以現金付款的交易</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="82" />
        <source>It was not saved: %1</source>
        <translation>未儲存：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="88" />
        <source>Back on the shelf</source>
        <translation>退回本店貨架</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="89" />
        <source>Send to the warehouse</source>
        <translation>退回倉庫</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="90" />
        <source>Damaged</source>
        <translation>損壞報廢</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="123" />
        <source>Scan the receipt's barcode or type its number</source>
        <translation>掃描收據條碼或輸入收據號碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="127" />
        <source>Find</source>
        <translation>查詢</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="140" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="141" />
        <source>Paid</source>
        <translation>實付</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="142" />
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="143" />
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="144" />
        <source>Return now</source>
        <translation>本次退回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="145" />
        <source>Goes to</source>
        <translation>去向</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="156" />
        <source>Take the return and refund cash  (F12)</source>
        <translation>確認退貨並退現金  (F12)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="168" />
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="185" />
        <source>Returns</source>
        <translation>退貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="241" />
        <source>Choose what comes back, then take the return</source>
        <translation>請選擇退回的商品，再確認退貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="248" />
        <source>Return %1 taken: refund %2 in cash</source>
        <translation>退貨 %1 完成：退現金 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="257" />
        <source>A supervisor approves this refund</source>
        <translation>請主管核准此筆退款</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="294" />
        <source>Scan a receipt to return goods</source>
        <translation>請掃描收據以辦理退貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="298" />
        <source>Receipt %1, %2, paid %3</source>
        <translation>收據 %1，%2，實付 %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/returns.py" line="341" />
        <source>Refund: %1</source>
        <translation>退款：%1</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="134" />
        <source>Scan a barcode or type a code or name, then Enter</source>
        <translation>掃描條碼，或輸入條碼／品名後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="174" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="185" />
        <location filename="../../counter_app/ui/screens/sale.py" line="732" />
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="200" />
        <source>Cash (F12)</source>
        <translation>現金結帳 (F12)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="202" />
        <source>Quantity (F4)</source>
        <translation>修改數量 (F4)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="205" />
        <source>Remove line (Del)</source>
        <translation>刪除品項 (Del)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="206" />
        <source>Clear cart</source>
        <translation>清空購物車</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="349" />
        <source>The cart has %1 items that are not paid for. Close the till and drop them?</source>
        <translation>購物車還有 %1 件商品尚未結帳。確定要關閉收銀機並放棄這些商品嗎？</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="360" />
        <source>Drop the cart?</source>
        <translation>放棄購物車？</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="370" />
        <source>Sale</source>
        <translation>銷售</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="395" />
        <source>In-store price label %1 is not set up for this store</source>
        <translation>本店未設定店內計價條碼 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="404" />
        <source>E-invoice carrier %1 for this sale</source>
        <translation>本筆交易發票存入載具 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="431" />
        <source>The cart is empty</source>
        <translation>購物車是空的</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="460" />
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="471" />
        <source>Quantity must be a whole number, not “%1”</source>
        <translation>數量必須是整數，不能是「%1」</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="479" />
        <location filename="../../counter_app/ui/screens/sale.py" line="702" />
        <source>Quantity must be at least 1. To take the line off, use Remove line (Del).</source>
        <translation>數量至少為 1。要刪除品項請按「刪除品項 (Del)」。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="484" />
        <location filename="../../counter_app/ui/screens/sale.py" line="698" />
        <source>Quantity can be at most %1 per line</source>
        <translation>每個品項數量最多 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="493" />
        <source>Quantity not changed</source>
        <translation>數量未變更</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="500" />
        <source>Large quantity</source>
        <translation>數量偏大</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="501" />
        <source>Sell %1 of %2? That is more than usual.</source>
        <translation>確定要賣出 %1 個「%2」嗎？這比平常多。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="515" />
        <source>Removed %1</source>
        <translation>已刪除 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="521" />
        <source>Clear the cart? %1 items will be taken off.</source>
        <translation>確定清空購物車？將移除 %1 件商品。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="540" />
        <source>Unreadable code; scan again</source>
        <translation>條碼無法辨識，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="565" />
        <source>No product with code %1</source>
        <translation>查無此條碼商品：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="582" />
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="596" />
        <source>%1 matches: pick one and press Enter (Esc closes)</source>
        <translation>找到 %1 筆，請選擇後按 Enter（Esc 關閉）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="603" />
        <source>Look-up failed: %1</source>
        <translation>查詢失敗：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="645" />
        <source>%1: this store has %2 by the records. Sold anyway; check the shelf, it will be listed to count.</source>
        <translation>%1：本店帳上庫存 %2。仍照常銷售；請檢查貨架，此商品將列入待盤點。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="680" />
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="721" />
        <source>Sale %1 done. Change due: %2</source>
        <translation>交易 %1 完成，找零 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="725" />
        <source>Change due
%1</source>
        <translation>找零
%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="739" />
        <source>No shift is open: open one (F6) before selling. The cart is kept.</source>
        <translation>尚未開班：請先開班（F6）再結帳。購物車內容已保留。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="748" />
        <source>The sale was not saved: %1. The cart is kept; try again.</source>
        <translation>交易未儲存：%1。購物車內容已保留，請再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/sale.py" line="757" />
        <source>%1 items</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="13" />
        <source>Nothing was scanned</source>
        <translation>沒有讀到條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="14" />
        <source>Code is too short</source>
        <translation>條碼太短</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="15" />
        <source>Code is too long</source>
        <translation>條碼太長</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="16" />
        <source>Code contains control characters</source>
        <translation>條碼含有控制字元</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="19" />
        <source>Wrong check digit, scan again</source>
        <translation>檢查碼錯誤，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="22" />
        <source>The date in the code is invalid</source>
        <translation>條碼中的日期無效</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="25" />
        <source>Malformed GS1 code</source>
        <translation>GS1 條碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="26" />
        <source>GS1 code carries no GTIN</source>
        <translation>GS1 條碼沒有商品編號</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="29" />
        <source>Malformed pickup code</source>
        <translation>取貨碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="32" />
        <source>Malformed e-invoice carrier</source>
        <translation>載具條碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_messages.py" line="35" />
        <source>Unknown code format</source>
        <translation>無法辨識的條碼</translation>
    </message>
</context>
<context>
    <name>ScanRouter</name>
    <message>
        <location filename="../../counter_app/ui/scan_router.py" line="124" />
        <source>Receipt %1: returns cannot be taken at this till yet</source>
        <translation>收據 %1：本機尚未開放退換貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_router.py" line="129" />
        <source>Pickup code %1: pickups cannot be handed over at this till yet</source>
        <translation>取貨碼 %1：本機尚未開放取貨交貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_router.py" line="132" />
        <source>%1: this till cannot take this kind of code yet</source>
        <translation>%1：本機尚無法處理這類條碼</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="64" />
        <source>No shift is open: count the float and open one</source>
        <translation>尚未開班：請點算零用金後開班</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="65" />
        <source>A shift is already open</source>
        <translation>已有開班中的班次</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="66" />
        <source>The count is not valid</source>
        <translation>點數資料有誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="67" />
        <source>Enter an amount above zero</source>
        <translation>請輸入大於零的金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="68" />
        <source>That amount is too large to record</source>
        <translation>金額過大，無法記錄</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="69" />
        <source>Please give a reason</source>
        <translation>請填寫原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="70" />
        <source>The reason is too long</source>
        <translation>原因太長</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="71" />
        <source>The drawer should not hold that much cash</source>
        <translation>錢櫃應有現金不足此金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="74" />
        <source>%1 operations still wait to sync: a supervisor must confirm the close</source>
        <translation>尚有 %1 筆作業待同步：關帳需主管確認</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="81" />
        <source>It was not saved: %1</source>
        <translation>未儲存：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="88" />
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="89" />
        <source>Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="90" />
        <source>Store voucher</source>
        <translation>禮券</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="267" />
        <source>Open the shift</source>
        <translation>開班</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="269" />
        <source>Cash in…</source>
        <translation>存入現金…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="272" />
        <source>Cash out…</source>
        <translation>取出現金…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="274" />
        <source>X report</source>
        <translation>X 報表</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="276" />
        <source>Close the shift</source>
        <translation>關帳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="280" />
        <source>Figure</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="280" />
        <source>Sum</source>
        <translation>金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="324" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="354" />
        <location filename="../../counter_app/ui/screens/shift.py" line="537" />
        <source>Expected in the drawer</source>
        <translation>錢櫃應有現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="358" />
        <source>Counted at the last close</source>
        <translation>上次關帳點數</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="371" />
        <source>Shift opened with %1</source>
        <translation>已開班，零用金 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="400" />
        <source>Cash in: %1</source>
        <translation>已存入現金 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="400" />
        <source>Cash out: %1</source>
        <translation>已取出現金 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="420" />
        <source>X report printed</source>
        <translation>X 報表已列印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="435" />
        <source>Close the shift with %1 operations not yet synced</source>
        <translation>在 %1 筆作業尚未同步時關帳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="451" />
        <source>Shift closed. Difference %1. The Z report is printing.</source>
        <translation>已關帳，差額 %1。Z 報表列印中。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="489" />
        <source>The report was not printed: %1</source>
        <translation>報表未列印：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="495" />
        <source>Shift open since %1 (%2)</source>
        <translation>開班中：%1 起（%2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="499" />
        <source>To close: count the drawer, then Close the shift</source>
        <translation>關帳：點算錢櫃現金後按「關帳」</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="501" />
        <source>No shift open</source>
        <translation>尚未開班</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="502" />
        <source>To open: count the float, then Open the shift</source>
        <translation>開班：點算零用金後按「開班」</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="510" />
        <source>Z report (closed)</source>
        <translation>Z 報表（關帳）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="510" />
        <source>X report (so far)</source>
        <translation>X 報表（交班中）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="516" />
        <source>%1: %2 sales</source>
        <translation>%1：%2 筆</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="523" />
        <source>Opening float</source>
        <translation>開班零用金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="528" />
        <source>  difference from the last close</source>
        <translation>  與上次關帳點數差額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="533" />
        <source>Cash sales</source>
        <translation>現金銷售</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="534" />
        <source>Cash refunds</source>
        <translation>現金退款</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="535" />
        <source>Cash in</source>
        <translation>存入現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="536" />
        <source>Cash out</source>
        <translation>取出現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="541" />
        <source>Counted</source>
        <translation>實點現金</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="542" />
        <source>Difference</source>
        <translation>差額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/shift.py" line="544" />
        <source>Operations waiting to sync</source>
        <translation>待同步作業</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="33" />
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="42" />
        <source>Staff PIN</source>
        <translation>員工密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="53" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="54" />
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="57" />
        <source>Enter your PIN</source>
        <translation>請輸入員工密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="77" />
        <source>Wrong PIN</source>
        <translation>密碼錯誤</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="17" />
        <location filename="../../counter_app/ui/stock_panel.py" line="82" />
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="36" />
        <source>Stock: %1</source>
        <translation>庫存：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="38" />
        <source>Live from the warehouse</source>
        <translation>即時庫存（倉儲連線中）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="45" />
        <source>Offline: cached figures, up to %1 old</source>
        <translation>離線：顯示快取庫存，最舊 %1 前</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="59" />
        <source>%1 (this store)</source>
        <translation>%1（本店）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="62" />
        <source>%1 (available %2)</source>
        <translation>%1（可用 %2）</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="70" />
        <source>Barcode, SKU or name, then Enter</source>
        <translation>輸入條碼、貨號或品名後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="86" />
        <source>0912345678 or (02) 2345-6789</source>
        <translation>0912345678 或 (02) 2345-6789</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="87" />
        <source>Reserve for pickup</source>
        <translation>預約門市取貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="92" />
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="93" />
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="94" />
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="121" />
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="154" />
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="205" />
        <source>Reserved for pickup, pending confirmation: %1 (see Pickups, F8)</source>
        <translation>已預約取貨，待總部確認：%1（見門市取貨 F8）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/stock.py" line="220" />
        <source>Look-up failed: %1</source>
        <translation>查詢失敗：%1</translation>
    </message>
</context>
<context>
    <name>StockToCountDialog</name>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="35" />
        <source>Stock to count</source>
        <translation>待盤點庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="38" />
        <source>Products this store has sold more of than its records hold. Count them on the shelf and correct the stock. Figures include sales not yet sent to the warehouse.</source>
        <translation>本店賣出數量超過帳上庫存的商品。請到貨架盤點並更正庫存。數字已包含尚未上傳倉儲的銷售。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="46" />
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="63" />
        <source>SKU</source>
        <translation>商品編號</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="47" />
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="64" />
        <source>Item</source>
        <translation>品名</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="48" />
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="49" />
        <source>Not yet synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="50" />
        <source>Warehouse figure of</source>
        <translation>倉儲數字時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="54" />
        <source>No product is below zero at this store.</source>
        <translation>本店沒有庫存低於零的商品。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="57" />
        <source>The warehouse reported these below zero when it applied this store's sales:</source>
        <translation>倉儲入帳本店銷售時回報以下商品庫存低於零：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="65" />
        <source>Warehouse figure</source>
        <translation>倉儲數字</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="66" />
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="67" />
        <source>Reported at</source>
        <translation>回報時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="73" />
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="74" />
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_to_count_dialog.py" line="127" />
        <source>never</source>
        <translation>從未</translation>
    </message>
</context>
<context>
    <name>StoreStockScreen</name>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="99" />
        <source>Transfers</source>
        <translation>調撥</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="100" />
        <source>Replenishment</source>
        <translation>補貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="101" />
        <source>Counts</source>
        <translation>盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="117" />
        <source>Barcode, SKU or name, then Enter</source>
        <translation>輸入條碼、貨號或品名後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="126" />
        <source>Reason (optional)</source>
        <translation>原因（可不填）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="127" />
        <source>Request from the warehouse</source>
        <translation>向倉庫申請調撥</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="142" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="148" />
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="149" />
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="150" />
        <source>Units</source>
        <translation>件數</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="151" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="152" />
        <source>Carrier</source>
        <translation>物流</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="153" />
        <source>Updated</source>
        <translation>更新時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="157" />
        <source>Receive by scanning</source>
        <translation>掃描收貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="161" />
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="171" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="219" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="237" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="284" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="172" />
        <source>Shipped</source>
        <translation>出貨數</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="178" />
        <source>Confirm the receipt</source>
        <translation>確認收貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="181" />
        <source>Stop receiving</source>
        <translation>停止收貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="188" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="311" />
        <source>Set the count of the selected line</source>
        <translation>設定所選項目的數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="213" />
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="218" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="236" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="283" />
        <source>SKU</source>
        <translation>商品編號</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="220" />
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="221" />
        <source>Safety stock</source>
        <translation>安全庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="222" />
        <source>Reorder point</source>
        <translation>再訂購點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="223" />
        <source>Incoming</source>
        <translation>在途</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="224" />
        <source>Suggested</source>
        <translation>建議數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="225" />
        <source>From</source>
        <translation>來源</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="230" />
        <source>Request the suggested transfer (Enter)</source>
        <translation>申請建議調撥（Enter）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="238" />
        <source>Idle units</source>
        <translation>閒置數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="239" />
        <source>Value tied up</source>
        <translation>積壓金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="240" />
        <source>Suggested action</source>
        <translation>建議處理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="249" />
        <source>Low stock and transfers to ask for</source>
        <translation>低庫存與建議調撥</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="252" />
        <source>Idle stock at this store</source>
        <translation>本店閒置庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="260" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="841" />
        <source>Whole store</source>
        <translation>全店</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="261" />
        <source>One category</source>
        <translation>單一類別</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="262" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="843" />
        <source>Items flagged for a count</source>
        <translation>待盤點品項</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="265" />
        <source>Blind count (hide the expected figure)</source>
        <translation>盲盤（不顯示帳面數）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="268" />
        <source>Start counting</source>
        <translation>開始盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="285" />
        <source>Expected</source>
        <translation>帳面數</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="287" />
        <source>Recount</source>
        <translation>複盤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="288" />
        <source>Variance</source>
        <translation>差異</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="292" />
        <source>Finish counting</source>
        <translation>完成初盤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="295" />
        <source>Submit the count</source>
        <translation>送出盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="298" />
        <source>Count again</source>
        <translation>重新盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="301" />
        <source>Put the session away</source>
        <translation>結束此盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="327" />
        <source>Reconcile a product: barcode or SKU, then Enter</source>
        <translation>對帳商品：輸入條碼或貨號後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="346" />
        <source>Store stock</source>
        <translation>門市庫存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="370" />
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="476" />
        <source>Requested from the warehouse, pending until it answers: %1</source>
        <translation>已向倉庫申請，待倉庫回覆：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="490" />
        <source>Choose a shipped transfer first</source>
        <translation>請先選擇已出貨的調撥單</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="502" />
        <source>Scan each item of the transfer: each scan counts one</source>
        <translation>逐件掃描調撥商品：每掃一次算一件</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="529" />
        <source>%1 short</source>
        <translation>短少 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="531" />
        <source>%1 extra</source>
        <translation>多出 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="538" />
        <source>Short: %1, extra: %2</source>
        <translation>短少：%1，多出：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="554" />
        <source>Received; the warehouse is told what arrived (short %1, extra %2)</source>
        <translation>已收貨，實收數量將回報倉庫（短少 %1，多出 %2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="573" />
        <source>No figures yet: the warehouse has not answered</source>
        <translation>尚無資料：倉庫尚未回應</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="173" />
        <location filename="../../counter_app/ui/screens/store_stock.py" line="286" />
        <source>Units counted</source>
        <translation>實點數</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="174" />
        <source>Short or extra</source>
        <translation>短少／多出</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="575" />
        <source>Live figures from the warehouse</source>
        <translation>倉庫即時資料</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="579" />
        <source>Offline: figures from %1 (%2 min old)</source>
        <translation>離線：%1 的資料（%2 分鐘前）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="594" />
        <source>supplier order</source>
        <translation>向供應商訂貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="620" />
        <source>The warehouse has none to send: this one is a supplier order</source>
        <translation>倉庫無貨可調，此項須向供應商訂貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="623" />
        <source>Below the reorder point</source>
        <translation>低於再訂購點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="675" />
        <source>No count in progress</source>
        <translation>目前沒有進行中的盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="688" />
        <source>asked</source>
        <translation>待複盤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="699" />
        <source>Blind count: the figures show once it is submitted</source>
        <translation>盲盤：送出後才顯示帳面數與差異</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="711" />
        <source>Variance: %1 short, %2 over, net %3</source>
        <translation>差異：短少 %1 件，多出 %2 件，淨額 %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="725" />
        <source>Count these %1 lines again: they are far from the expected figure</source>
        <translation>這 %1 項與帳面差異大，請複盤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="730" />
        <source>Counted. Check the variance, then submit.</source>
        <translation>初盤完成，請檢查差異後送出。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="742" />
        <source>Count submitted; the warehouse applies it if no sale moved the figures meanwhile</source>
        <translation>盤點已送出；若期間沒有銷售異動，倉庫即會套用</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="786" />
        <source>live</source>
        <translation>即時</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="788" />
        <source>%1 min old</source>
        <translation>%1 分鐘前</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="791" />
        <source>%1: warehouse ledger %2 (%3)</source>
        <translation>%1：倉庫帳 %2（%3）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="798" />
        <source>= this counter %1</source>
        <translation>＝ 本櫃台 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="801" />
        <source>(%1 more on the way, in neither figure)</source>
        <translation>（另有 %1 件在途，兩邊都未計入）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="811" />
        <source>Pending (not sent yet)</source>
        <translation>待送出</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="812" />
        <source>Requested</source>
        <translation>已申請</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="813" />
        <source>Shipped (in transit)</source>
        <translation>已出貨（在途）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="814" />
        <source>Received</source>
        <translation>實收</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="815" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="821" />
        <source>Transfer %1 to %2</source>
        <translation>調撥 %1 件到 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="823" />
        <source>Offer %1 to the group-buy channel</source>
        <translation>提供 %1 件給團購通路</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="825" />
        <source>Stop holding it: dropship only</source>
        <translation>不再備貨：改為廠商直送</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="830" />
        <source>count not applied yet</source>
        <translation>盤點尚未套用</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="832" />
        <source>sales not synced yet</source>
        <translation>銷售尚未同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="833" />
        <source>returns not synced yet</source>
        <translation>退貨尚未同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="834" />
        <source>transfer received here, not synced yet</source>
        <translation>本店已收貨，尚未同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="835" />
        <source>synced, waiting for the next figure</source>
        <translation>已同步，等待下次庫存更新</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="842" />
        <source>Category %1</source>
        <translation>類別 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="846" />
        <source>counting</source>
        <translation>盤點中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="847" />
        <source>submitted, waiting for the warehouse</source>
        <translation>已送出，等待倉庫</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="848" />
        <source>applied by the warehouse</source>
        <translation>倉庫已套用</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="850" />
        <source>refused: the figures moved (a sale or receipt landed); count again</source>
        <translation>被退回：期間有銷售或收貨使數量變動，請重新盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="852" />
        <source>refused by the warehouse; count again</source>
        <translation>被倉庫退回，請重新盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="853" />
        <source>put away</source>
        <translation>已結束</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="856" />
        <source>%1: %2 lines, %3 scanned, %4 recounts left — %5</source>
        <translation>%1：共 %2 項，已掃 %3 項，待複盤 %4 項 — %5</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="874" />
        <source>The quantity must be between 1 and 999</source>
        <translation>數量須介於 1 到 999</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="875" />
        <source>The reason is too long (200 characters at most)</source>
        <translation>原因過長（最多 200 字）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="876" />
        <source>This transfer is not known at this till</source>
        <translation>本機找不到這張調撥單</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="877" />
        <source>Only a shipped transfer can be received</source>
        <translation>只有已出貨的調撥單可以收貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="878" />
        <source>Nothing to receive</source>
        <translation>沒有可收貨的項目</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="880" />
        <source>A count is already in progress: finish it or put it away</source>
        <translation>已有進行中的盤點：請先完成或結束</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="882" />
        <source>Start a count first</source>
        <translation>請先開始盤點</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="883" />
        <source>Choose what to count</source>
        <translation>請選擇盤點範圍</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="884" />
        <source>Choose a category</source>
        <translation>請選擇類別</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="885" />
        <source>Nothing to count in this scope</source>
        <translation>此範圍沒有可盤點的商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="886" />
        <source>Count the lines asked for again before submitting</source>
        <translation>送出前請先完成複盤項目</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/screens/store_stock.py" line="887" />
        <source>This count was not refused</source>
        <translation>此盤點並未被退回</translation>
    </message>
</context>
<context>
    <name>SupervisorApprovalDialog</name>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="68" />
        <source>Supervisor approval</source>
        <translation>主管授權</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="77" />
        <source>Supervisor PIN</source>
        <translation>主管密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="79" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="40" />
        <source>That PIN is not a supervisor's</source>
        <translation>此密碼不是主管密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="31" />
        <source>Wrong PIN</source>
        <translation>密碼錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="34" />
        <source>Too many wrong PINs: try again in %1 seconds</source>
        <translation>密碼錯誤次數過多：請 %1 秒後再試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="38" />
        <source>Device settings need a manager's PIN</source>
        <translation>裝置設定需要店長密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="42" />
        <source>Please give a reason</source>
        <translation>請填寫原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="44" />
        <source>The approval has expired; ask again</source>
        <translation>授權已失效，請重新授權</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="45" />
        <source>The approval could not be checked; try again</source>
        <translation>無法確認授權，請再試一次</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="43" />
        <source>Operations the warehouse rejected</source>
        <translation>倉儲拒絕的作業</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="45" />
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="45" />
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="45" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="54" />
        <source>Nothing needs attention.</source>
        <translation>目前沒有需要處理的作業。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="55" />
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="56" />
        <source>Discard… (supervisor)</source>
        <translation>捨棄…（需主管）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="57" />
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="117" />
        <source>Discard %1: it will never reach the warehouse.</source>
        <translation>捨棄 %1：這筆作業將不會送達倉儲。</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="188" />
        <source>Something went wrong</source>
        <translation>發生問題</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="200" />
        <source>The disk is full. Free some space, then try again.</source>
        <translation>磁碟已滿。請清出空間後再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="203" />
        <source>The connection failed or timed out. Nothing was lost; try again in a moment.</source>
        <translation>連線失敗或逾時。資料沒有遺失，請稍後再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="206" />
        <source>Something went wrong and it was not done. It has been written to the log; if it happens again, tell your supervisor.</source>
        <translation>發生問題，這項操作沒有完成。已寫入紀錄；若再次發生，請告知主管。</translation>
    </message>
</context>
</TS>
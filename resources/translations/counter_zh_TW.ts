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
        <location filename="../../counter_app/ui/payment_dialog.py" line="91" />
        <source>Complete sale</source>
        <translation>完成交易</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="92" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="123" />
        <source>Enter the amount received</source>
        <translation>請輸入實收金額</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="126" />
        <source>Short by %1</source>
        <translation>尚差 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="138" />
        <source>Not a valid carrier</source>
        <translation>載具格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="139" />
        <source>Not a valid donation code</source>
        <translation>愛心碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="140" />
        <source>Not a valid tax ID</source>
        <translation>統一編號錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/payment_dialog.py" line="142" />
        <source>Give a carrier, a donation code or a tax ID, not two</source>
        <translation>載具、愛心碼、統一編號只能擇一</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="65" />
        <source>● Online</source>
        <translation>● 已連線</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="66" />
        <source>● Unstable connection</source>
        <translation>● 連線不穩</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="67" />
        <source>● Offline: sales are kept and sent later</source>
        <translation>● 離線：交易已保存，恢復連線後自動上傳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="68" />
        <source>● Connecting…</source>
        <translation>● 連線中…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="76" />
        <source>%1 waits to print: %2</source>
        <translation>%1 等待列印：%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="81" />
        <source>Printing failed: %1</source>
        <translation>列印失敗：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="92" />
        <source>Waiting to sync: %1 (oldest %2)</source>
        <translation>待同步：%1 筆（最久 %2）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="97" />
        <source>All synced</source>
        <translation>已全部同步</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="99" />
        <source>Failed: %1 need attention</source>
        <translation>失敗：%1 筆待處理</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/status_bar.py" line="105" />
        <source>Stock figures from %1 ago</source>
        <translation>庫存資料更新於 %1 前</translation>
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
        <source>Dropship slip %1</source>
        <translation>代發單 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="69" />
        <source>%1 report</source>
        <translation>%1 報表</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="70" />
        <location filename="../../counter_app/ui/device_messages.py" line="123" />
        <source>Test page</source>
        <translation>測試頁</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="71" />
        <location filename="../../counter_app/ui/device_messages.py" line="72" />
        <source>E-invoice %1</source>
        <translation>電子發票 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="74" />
        <source>Print job</source>
        <translation>列印工作</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="78" />
        <source>%1 (reprint)</source>
        <translation>%1（補印）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="83" />
        <source>Open the cash drawer</source>
        <translation>開錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="91" />
        <source>Drawer not opened: %1</source>
        <translation>錢櫃未開啟：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="94" />
        <source>Printing failed (program error): %1</source>
        <translation>列印失敗（程式錯誤）：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="100" />
        <source>The print was cut off; it prints again in full, marked as a reprint.</source>
        <translation>列印中斷，將完整重印並標示補印。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="106" />
        <location filename="../../counter_app/ui/device_messages.py" line="113" />
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="107" />
        <source>Printing…</source>
        <translation>列印中…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="108" />
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="111" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="118" />
        <source>Receipt printer</source>
        <translation>收據印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="124" />
        <source>Print test</source>
        <translation>列印測試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="125" />
        <source>TEST PAGE</source>
        <translation>測試頁 TEST PAGE</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="126" />
        <source>Printer: </source>
        <translation>印表機：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="127" />
        <source>Printer profile: </source>
        <translation>機型設定：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="128" />
        <source>Paper: </source>
        <translation>紙寬：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="129" />
        <source>Encoding: </source>
        <translation>編碼：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="130" />
        <source>Time: </source>
        <translation>時間：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="131" />
        <source>Traditional Chinese: </source>
        <translation>繁體中文：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="132" />
        <source>Bold</source>
        <translation>粗體 Bold</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="133" />
        <source>Centred</source>
        <translation>置中 Center</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="134" />
        <source>Right-aligned</source>
        <translation>靠右 Right</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_messages.py" line="135" />
        <source>Alignment test</source>
        <translation>對齊測試</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="162" />
        <source>Receipt printer and scanner settings</source>
        <translation>收據印表機與掃描器設定</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="175" />
        <source>Network (TCP 9100)</source>
        <translation>網路（TCP 9100）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="176" />
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="177" />
        <source>Serial port (COM)</source>
        <translation>序列埠（COM）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="178" />
        <source>Windows printer</source>
        <translation>Windows 印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="179" />
        <source>CUPS printer</source>
        <translation>CUPS 印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="180" />
        <source>Device file</source>
        <translation>裝置檔案</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="189" />
        <source>80 mm (48 columns)</source>
        <translation>80 mm（48 字）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="190" />
        <source>58 mm (32 columns)</source>
        <translation>58 mm（32 字）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="193" />
        <source>Big5 (Taiwan models)</source>
        <translation>Big5（台灣機種）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="194" />
        <source>GB18030 (mainland models)</source>
        <translation>GB18030（簡體機種）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="195" />
        <source>Image (any printer)</source>
        <translation>圖像（任何印表機）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="199" />
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="200" />
        <source>Connection</source>
        <translation>連線方式</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="201" />
        <source>Address</source>
        <translation>位址</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="202" />
        <source>Printer profile</source>
        <translation>機型設定檔</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="203" />
        <source>Paper width</source>
        <translation>紙寬</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="204" />
        <source>Chinese encoding</source>
        <translation>中文編碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="205" />
        <source>Receipt printer</source>
        <translation>收據印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="209" />
        <source>Pin 2 (usual)</source>
        <translation>接腳 2（一般）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="210" />
        <source>Pin 5 (second drawer)</source>
        <translation>接腳 5（第二錢櫃）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="215" />
        <source>Drawer pin</source>
        <translation>錢櫃接腳</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="216" />
        <source>Pulse on</source>
        <translation>脈衝時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="217" />
        <source>Pulse off</source>
        <translation>間隔時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="218" />
        <source>Cash drawer</source>
        <translation>錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="221" />
        <source>Test print</source>
        <translation>測試列印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="222" />
        <source>Test the drawer</source>
        <translation>測試開錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="227" />
        <source>Not tested yet</source>
        <translation>尚未測試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="230" />
        <source>Linux USB permissions</source>
        <translation>Linux USB 權限</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="242" />
        <source>Scanner test</source>
        <translation>掃描器測試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="244" />
        <source>Scan any code; what it is shows below:</source>
        <translation>請掃描任一條碼，結果會顯示在下方：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="250" />
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="251" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="270" />
        <source>Receipt preview</source>
        <translation>收據預覽</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="283" />
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="321" />
        <source>%1 or %1:9100</source>
        <translation>%1 或 %1:9100</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="322" />
        <source>04b8:0e15 (vendor:product)</source>
        <translation>04b8:0e15（廠商:產品）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="323" />
        <source>COM3 or /dev/ttyUSB0@9600</source>
        <translation>COM3 或 /dev/ttyUSB0@9600</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="340" />
        <source>Enter the USB address, e.g. 04b8:0e15 (vendor:product, shown by lsusb).</source>
        <translation>請輸入 USB 位址，例如 04b8:0e15（廠商:產品，可用 lsusb 查詢）。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="344" />
        <source>No permission to use the USB printer (errno 13, access denied). Run these commands as an administrator to install the udev rule:</source>
        <translation>沒有存取 USB 印表機的權限（errno 13 / 拒絕存取）。請以管理員身分執行下列指令安裝 udev 規則：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="346" />
        <source>On Linux a USB printer needs a udev rule before a normal user can print:</source>
        <translation>在 Linux 上，USB 印表機需要 udev 規則才能由一般使用者列印：</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="382" />
        <location filename="../../counter_app/ui/device_settings.py" line="393" />
        <location filename="../../counter_app/ui/device_settings.py" line="451" />
        <source>Invalid settings: %1</source>
        <translation>設定有誤：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="386" />
        <source>Test page sent, waiting to print…</source>
        <translation>測試頁已送出，等待列印…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="412" />
        <source>Install the udev rule below.</source>
        <translation>請安裝下方的 udev 規則。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="422" />
        <source>Product barcode</source>
        <translation>商品條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="423" />
        <source>GS1 code</source>
        <translation>GS1 條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="424" />
        <source>In-store weight/price label</source>
        <translation>店內秤重／計價條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="425" />
        <source>Receipt number (returns)</source>
        <translation>收據號碼（退換貨）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="426" />
        <source>Pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="427" />
        <source>E-invoice carrier</source>
        <translation>電子發票載具</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="428" />
        <source>Invalid code</source>
        <translation>無效條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="431" />
        <source>Nothing was scanned</source>
        <translation>沒有讀到條碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="432" />
        <source>Code is too short</source>
        <translation>條碼太短</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="433" />
        <source>Code is too long</source>
        <translation>條碼太長</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="434" />
        <source>Code contains control characters</source>
        <translation>條碼含有控制字元</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="435" />
        <source>Wrong check digit, scan again</source>
        <translation>檢查碼錯誤，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="436" />
        <source>The date in the code is invalid</source>
        <translation>條碼中的日期無效</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="437" />
        <source>Malformed GS1 code</source>
        <translation>GS1 條碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="438" />
        <source>GS1 code carries no GTIN</source>
        <translation>GS1 條碼沒有商品編號</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="439" />
        <source>Malformed pickup code</source>
        <translation>取貨碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="440" />
        <source>Malformed e-invoice carrier</source>
        <translation>載具條碼格式錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/device_settings.py" line="441" />
        <source>Unknown code format</source>
        <translation>無法辨識的條碼</translation>
    </message>
</context>
<context>
    <name>FirstSync</name>
    <message>
        <location filename="../../counter_app/ui/first_sync.py" line="17" />
        <source>Loading products and staff from the warehouse…</source>
        <translation>正在從倉儲下載商品與員工資料…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/first_sync.py" line="40" />
        <source>Warehouse unreachable</source>
        <translation>無法連線倉儲</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/first_sync.py" line="41" />
        <source>This till has no products yet and cannot reach the warehouse. Check the network and try again.</source>
        <translation>本機尚無商品資料，且無法連線倉儲。請檢查網路後再試一次。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="92" />
        <source>Counter — %1</source>
        <translation>門市櫃台 — %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/main_window.py" line="175" />
        <source>&amp;Tools</source>
        <translation>功能(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="388" />
        <source>Open the cash drawer without a sale</source>
        <translation>非交易開錢櫃</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="398" />
        <source>Printer and scanner settings</source>
        <translation>印表機與掃描器設定</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="425" />
        <source>Reprint a receipt…</source>
        <translation>補印收據…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="426" />
        <source>Sync problems…</source>
        <translation>同步問題…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="427" />
        <source>Open the cash drawer (supervisor)…</source>
        <translation>開錢櫃（需主管）…</translation>
    </message>
    <message>
        <location filename="../../counter_app/bootstrap.py" line="428" />
        <source>Printer and scanner settings…</source>
        <translation>印表機與掃描器設定…</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="19" />
        <source>Reprint a receipt</source>
        <translation>補印收據</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="20" />
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="20" />
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="20" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="22" />
        <source>Reprint</source>
        <translation>補印</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="23" />
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="50" />
        <source>Sent %1 to the printer</source>
        <translation>已送出 %1 至印表機</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="52" />
        <source>Receipt %1 is not in this till's journal</source>
        <translation>本機交易紀錄中沒有收據 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/reprint_dialog.py" line="54" />
        <source>Could not reprint %1</source>
        <translation>無法補印 %1</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="98" />
        <source>Scan a barcode or type a code or name, then Enter</source>
        <translation>掃描條碼，或輸入條碼／品名後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="135" />
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="145" />
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="160" />
        <source>Cash (F12)</source>
        <translation>現金結帳 (F12)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="162" />
        <source>Quantity (F4)</source>
        <translation>修改數量 (F4)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="165" />
        <source>Remove line (Del)</source>
        <translation>刪除品項 (Del)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="166" />
        <source>Clear cart</source>
        <translation>清空購物車</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="236" />
        <source>Sale</source>
        <translation>銷售</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="260" />
        <source>In-store price label %1 is not set up for this store</source>
        <translation>本店未設定店內計價條碼 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="266" />
        <source>E-invoice carrier %1 for this sale</source>
        <translation>本筆交易發票存入載具 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="290" />
        <source>The cart is empty</source>
        <translation>購物車是空的</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="318" />
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="328" />
        <source>Removed %1</source>
        <translation>已刪除 %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="340" />
        <source>Unreadable code; scan again</source>
        <translation>條碼無法辨識，請重新掃描</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="350" />
        <source>No product with code %1</source>
        <translation>查無此條碼商品：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="361" />
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="374" />
        <source>%1 matches: pick one and press Enter</source>
        <translation>找到 %1 筆，請選擇後按 Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="378" />
        <source>Look-up failed: %1</source>
        <translation>查詢失敗：%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="442" />
        <source>Sale %1 done. Change due: %2</source>
        <translation>交易 %1 完成，找零 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="447" />
        <source>Change due
%1</source>
        <translation>找零
%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="459" />
        <source>The sale was not saved: %1. The cart is kept; try again.</source>
        <translation>交易未儲存：%1。購物車內容已保留，請再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sale_screen.py" line="464" />
        <source>%1 items</source>
        <translation>共 %1 件</translation>
    </message>
</context>
<context>
    <name>ScanRouter</name>
    <message>
        <location filename="../../counter_app/ui/scan_router.py" line="116" />
        <source>Receipt %1: returns cannot be taken at this till yet</source>
        <translation>收據 %1：本機尚未開放退換貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_router.py" line="118" />
        <source>Pickup code %1: pickups cannot be handed over at this till yet</source>
        <translation>取貨碼 %1：本機尚未開放取貨交貨</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/scan_router.py" line="120" />
        <source>%1: this till cannot take this kind of code yet</source>
        <translation>%1：本機尚無法處理這類條碼</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="20" />
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="24" />
        <source>Staff PIN</source>
        <translation>員工密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="32" />
        <source>Enter your PIN</source>
        <translation>請輸入員工密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sign_in_dialog.py" line="47" />
        <source>Wrong PIN</source>
        <translation>密碼錯誤</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="17" />
        <location filename="../../counter_app/ui/stock_panel.py" line="76" />
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
        <location filename="../../counter_app/ui/stock_panel.py" line="44" />
        <source>Offline: cached figures, up to %1 old</source>
        <translation>離線：顯示快取庫存，最舊 %1 前</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="57" />
        <source>%1 (this store)</source>
        <translation>%1（本店）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/stock_panel.py" line="59" />
        <source>%1 (available %2)</source>
        <translation>%1（可用 %2）</translation>
    </message>
</context>
<context>
    <name>SupervisorApprovalDialog</name>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="63" />
        <source>Supervisor approval</source>
        <translation>主管授權</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="72" />
        <source>Supervisor PIN</source>
        <translation>主管密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="74" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="35" />
        <source>That PIN is not a supervisor's</source>
        <translation>此密碼不是主管密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="31" />
        <source>Wrong PIN</source>
        <translation>密碼錯誤</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="33" />
        <source>Device settings need a manager's PIN</source>
        <translation>裝置設定需要店長密碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="37" />
        <source>Please give a reason</source>
        <translation>請填寫原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="39" />
        <source>The approval has expired; ask again</source>
        <translation>授權已失效，請重新授權</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/supervisor_prompt.py" line="40" />
        <source>The approval could not be checked; try again</source>
        <translation>無法確認授權，請再試一次</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="30" />
        <source>Operations the warehouse rejected</source>
        <translation>倉儲拒絕的作業</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="32" />
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="32" />
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="32" />
        <source>Code</source>
        <translation>代碼</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="32" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="34" />
        <source>Nothing needs attention.</source>
        <translation>目前沒有需要處理的作業。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="35" />
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="36" />
        <source>Discard… (supervisor)</source>
        <translation>捨棄…（需主管）</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="37" />
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/sync_problems_dialog.py" line="80" />
        <source>Discard %1: it will never reach the warehouse.</source>
        <translation>捨棄 %1：這筆作業將不會送達倉儲。</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="186" />
        <source>Something went wrong</source>
        <translation>發生問題</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="194" />
        <source>The disk is full. Free some space, then try again.</source>
        <translation>磁碟已滿。請清出空間後再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="196" />
        <source>The connection failed or timed out. Nothing was lost; try again in a moment.</source>
        <translation>連線失敗或逾時。資料沒有遺失，請稍後再試一次。</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/task_runner.py" line="198" />
        <source>Something went wrong and it was not done. It has been written to the log; if it happens again, tell your supervisor.</source>
        <translation>發生問題，這項操作沒有完成。已寫入紀錄；若再次發生，請告知主管。</translation>
    </message>
</context>
</TS>
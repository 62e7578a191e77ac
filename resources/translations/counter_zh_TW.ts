<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>AlertBanner</name>
    <message>
        <source>Open alerts (Ctrl+Shift+A)</source>
        <translation>開啟警示 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>⚠ %1 paid order(s) the warehouse refused: call the customer</source>
        <translation>⚠ 倉庫拒絕了 %1 筆已付款訂單：請聯絡顧客</translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message>
        <source>Refused pickups and deliveries</source>
        <translation>遭拒絕的取貨與宅配</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>What failed</source>
        <translation>失敗原因</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>實付</translation>
    </message>
    <message>
        <source>Ship from partner</source>
        <translation>改由代發夥伴出貨</translation>
    </message>
    <message>
        <source>Ship from warehouse</source>
        <translation>改由倉庫宅配</translation>
    </message>
    <message>
        <source>Pick up again</source>
        <translation>重新預約取貨</translation>
    </message>
    <message>
        <source>Refund the line</source>
        <translation>退款此品項</translation>
    </message>
    <message>
        <source>Cancel… (supervisor)</source>
        <translation>取消…（需主管）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Another source:</source>
        <translation>改用其他來源：</translation>
    </message>
    <message>
        <source>Pickup refused</source>
        <translation>門市取貨遭拒絕</translation>
    </message>
    <message>
        <source>Delivery refused</source>
        <translation>宅配遭拒絕</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>目前沒有需要處理的作業。</translation>
    </message>
    <message>
        <source>Call the customer, then choose: another source, a refund of the line, or cancel with a supervisor.</source>
        <translation>請先聯絡顧客，再選擇：改用其他來源、退款此品項，或由主管取消。</translation>
    </message>
    <message>
        <source>Sent again as %1.</source>
        <translation>已重新送出：%1。</translation>
    </message>
    <message>
        <source>Refunded %1: give the customer the cash.</source>
        <translation>已退款 %1：請將現金交給顧客。</translation>
    </message>
    <message>
        <source>The refund is above your limit: a supervisor approves it.</source>
        <translation>退款金額超過您的權限，需主管核准。</translation>
    </message>
    <message>
        <source>Close this order unfilled: the customer was dealt with another way.</source>
        <translation>不出貨結案：已用其他方式處理顧客。</translation>
    </message>
    <message>
        <source>Closed by a supervisor.</source>
        <translation>已由主管結案。</translation>
    </message>
    <message>
        <source>Someone resolved this alert already.</source>
        <translation>此警示已由他人處理。</translation>
    </message>
    <message>
        <source>A delivery needs an address or a pickup store.</source>
        <translation>宅配需要地址或取貨門市。</translation>
    </message>
    <message>
        <source>This order has no sale at this till to refund.</source>
        <translation>此訂單在本機沒有可退款的銷售。</translation>
    </message>
    <message>
        <source>Give a reason.</source>
        <translation>請填寫原因。</translation>
    </message>
</context>
<context>
    <name>CallListPanel</name>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Hold expired</source>
        <translation>保留到期</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>已聯絡</translation>
    </message>
    <message>
        <source>Show phone</source>
        <translation>顯示電話</translation>
    </message>
    <message>
        <source>Mark called</source>
        <translation>標記已聯絡</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <source>Item</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>Fulfil from</source>
        <translation>出貨來源</translation>
    </message>
    <message>
        <source>This store has %1 by the records</source>
        <translation>本店帳上庫存 %1</translation>
    </message>
    <message>
        <source>Pick up later</source>
        <translation>門市取貨</translation>
    </message>
    <message>
        <source>Ship (partner)</source>
        <translation>宅配（代發夥伴）</translation>
    </message>
    <message>
        <source>Ship (warehouse)</source>
        <translation>宅配（倉庫出貨）</translation>
    </message>
    <message>
        <source>Take now</source>
        <translation>現場帶走</translation>
    </message>
    <message>
        <source>%1 · no figure</source>
        <translation>%1 · 無庫存資料</translation>
    </message>
    <message>
        <source>live</source>
        <translation>即時</translation>
    </message>
    <message>
        <source>cached %1</source>
        <translation>快取 %1 前</translation>
    </message>
    <message>
        <source>%1 · %2 %3 (%4)</source>
        <translation>%1 · %2 %3（%4）</translation>
    </message>
    <message>
        <source>Change with Fulfilment (F2)</source>
        <translation>按「出貨方式 (F2)」變更</translation>
    </message>
    <message>
        <source>[price %1, list %2]</source>
        <translation>[改價 %1，原價 %2]</translation>
    </message>
    <message>
        <source>[-%1%]</source>
        <translation>[-%1%]</translation>
    </message>
    <message>
        <source>[-%1]</source>
        <translation>[-%1]</translation>
    </message>
</context>
<context>
    <name>CashMovementDialog</name>
    <message>
        <source>Cash in</source>
        <translation>存入現金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出現金</translation>
    </message>
    <message>
        <source>e.g. change from the bank, paid the courier</source>
        <translation>例如：銀行換零錢、支付快遞費</translation>
    </message>
    <message>
        <source>Cash amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record (Enter)</source>
        <translation>記錄 (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
</context>
<context>
    <name>CountPanel</name>
    <message>
        <source>Denomination</source>
        <translation>面額</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>coin</source>
        <translation>硬幣</translation>
    </message>
    <message>
        <source>note</source>
        <translation>紙鈔</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>實點現金</translation>
    </message>
    <message>
        <source>Difference: %1</source>
        <translation>差額：%1</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <source>● Online</source>
        <translation>● 已連線</translation>
    </message>
    <message>
        <source>● Unstable connection</source>
        <translation>● 連線不穩</translation>
    </message>
    <message>
        <source>● Offline: sales are kept and sent later</source>
        <translation>● 離線：交易已保存，恢復連線後自動上傳</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● 連線中…</translation>
    </message>
    <message>
        <source>Sending: %1 (oldest %2)</source>
        <translation>上傳中：%1 筆（最久 %2）</translation>
    </message>
    <message>
        <source>Invoices unsent for %1: upload deadline at risk</source>
        <translation>發票已 %1 未上傳：恐逾 48 小時上傳期限</translation>
    </message>
    <message>
        <source>Invoice numbers low: %1 left</source>
        <translation>發票號碼將用罄：剩 %1 張</translation>
    </message>
    <message>
        <source>%1 waits to print: %2</source>
        <translation>%1 等待列印：%2</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>列印失敗：%1</translation>
    </message>
    <message>
        <source>Waiting to sync: %1 (oldest %2)</source>
        <translation>待同步：%1 筆（最久 %2）</translation>
    </message>
    <message>
        <source>All synced</source>
        <translation>已全部同步</translation>
    </message>
    <message>
        <source>Failed: %1 need attention</source>
        <translation>失敗：%1 筆待處理</translation>
    </message>
    <message>
        <source>Stock figures from %1 ago</source>
        <translation>庫存資料更新於 %1 前</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer for pickup and delivery</source>
        <translation>取貨／收件顧客</translation>
    </message>
    <message>
        <source>0912345678 or 02-2345-6789</source>
        <translation>0912345678 或 02-2345-6789</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>宅配到府</translation>
    </message>
    <message>
        <source>Convenience-store pickup</source>
        <translation>超商取貨</translation>
    </message>
    <message>
        <source>3, 5 or 6 digits</source>
        <translation>3、5 或 6 碼</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>郵遞區號</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>超商</translation>
    </message>
    <message>
        <source>Store number</source>
        <translation>門市店號</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>門市名稱</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>寄送至</translation>
    </message>
    <message>
        <source>no such district</source>
        <translation>查無此行政區</translation>
    </message>
    <message>
        <source>Type the customer's name.</source>
        <translation>請輸入顧客姓名。</translation>
    </message>
    <message>
        <source>The phone must be a mobile (09 and 8 digits) or a landline with its area code.</source>
        <translation>電話須為手機（09 開頭共 10 碼）或含區碼的市話。</translation>
    </message>
    <message>
        <source>A postal code has 3, 5 or 6 digits.</source>
        <translation>郵遞區號為 3、5 或 6 碼數字。</translation>
    </message>
    <message>
        <source>No postal district starts with these 3 digits.</source>
        <translation>前 3 碼不是有效的郵遞區號。</translation>
    </message>
    <message>
        <source>Type the street address.</source>
        <translation>請輸入地址。</translation>
    </message>
    <message>
        <source>The address is too long.</source>
        <translation>地址太長。</translation>
    </message>
    <message>
        <source>Choose a convenience-store chain.</source>
        <translation>請選擇超商。</translation>
    </message>
    <message>
        <source>A store number has 4 to 8 letters or digits.</source>
        <translation>門市店號為 4 到 8 個英數字。</translation>
    </message>
    <message>
        <source>Type the store's name.</source>
        <translation>請輸入門市名稱。</translation>
    </message>
</context>
<context>
    <name>DemandChart</name>
    <message>
        <source>Daily sales (solid) and forecast (dashed)</source>
        <translation>每日銷量（實線）與預測（虛線）</translation>
    </message>
    <message>
        <source>Offline: the chart is %1 min old</source>
        <translation>離線：圖表為 %1 分鐘前的資料</translation>
    </message>
    <message>
        <source>No sales history or forecast from the warehouse yet</source>
        <translation>倉庫尚無銷售紀錄或預測</translation>
    </message>
    <message>
        <source>No sales of this product here or at the warehouse yet, and no forecast</source>
        <translation>本店與倉庫尚無此商品的銷售紀錄，也尚無預測</translation>
    </message>
    <message>
        <source>%1 sold</source>
        <translation>%1 銷量</translation>
    </message>
    <message>
        <source>%1 forecast</source>
        <translation>%1 預測</translation>
    </message>
</context>
<context>
    <name>DeviceMessages</name>
    <message>
        <source>Printer offline, receipt waiting to print</source>
        <translation>印表機離線，收據等待列印</translation>
    </message>
    <message>
        <source>Printer out of paper: load paper; the receipt waits to print</source>
        <translation>印表機缺紙，請換紙；收據等待列印</translation>
    </message>
    <message>
        <source>No permission to use the USB printer: a udev rule is needed</source>
        <translation>沒有 USB 印表機的存取權限，需要安裝 udev 規則</translation>
    </message>
    <message>
        <source>Printer not found: check the cable and the settings</source>
        <translation>找不到印表機，請檢查連線與設定</translation>
    </message>
    <message>
        <source>A printer driver component is missing</source>
        <translation>缺少印表機驅動程式元件</translation>
    </message>
    <message>
        <source>The printer settings are wrong</source>
        <translation>印表機設定有誤</translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation>印表機離線</translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation>缺紙</translation>
    </message>
    <message>
        <source>no permission for the USB printer</source>
        <translation>沒有 USB 印表機權限</translation>
    </message>
    <message>
        <source>printer not found</source>
        <translation>找不到印表機</translation>
    </message>
    <message>
        <source>printer driver missing</source>
        <translation>缺少印表機驅動程式</translation>
    </message>
    <message>
        <source>printer settings wrong</source>
        <translation>印表機設定有誤</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>收據 %1</translation>
    </message>
    <message>
        <source>Return %1</source>
        <translation>退貨收據 %1</translation>
    </message>
    <message>
        <source>Exchange %1</source>
        <translation>換貨收據 %1</translation>
    </message>
    <message>
        <source>Pickup slip %1</source>
        <translation>取貨單 %1</translation>
    </message>
    <message>
        <source>Handover slip %1</source>
        <translation>取貨交付單 %1</translation>
    </message>
    <message>
        <source>Dropship slip %1</source>
        <translation>代發單 %1</translation>
    </message>
    <message>
        <source>%1 report</source>
        <translation>%1 報表</translation>
    </message>
    <message>
        <source>Test page</source>
        <translation>測試頁</translation>
    </message>
    <message>
        <source>E-invoice %1</source>
        <translation>電子發票 %1</translation>
    </message>
    <message>
        <source>Allowance %1</source>
        <translation>折讓證明單 %1</translation>
    </message>
    <message>
        <source>Print job</source>
        <translation>列印工作</translation>
    </message>
    <message>
        <source>%1 (reprint)</source>
        <translation>%1（補印）</translation>
    </message>
    <message>
        <source>Open the cash drawer</source>
        <translation>開錢櫃</translation>
    </message>
    <message>
        <source>Drawer not opened: %1</source>
        <translation>錢櫃未開啟：%1</translation>
    </message>
    <message>
        <source>Printing failed (program error): %1</source>
        <translation>列印失敗（程式錯誤）：%1</translation>
    </message>
    <message>
        <source>The print was cut off; it prints again in full, marked as a reprint.</source>
        <translation>列印中斷，將完整重印並標示補印。</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>列印中…</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>收據印表機</translation>
    </message>
    <message>
        <source>Print test</source>
        <translation>列印測試</translation>
    </message>
    <message>
        <source>TEST PAGE</source>
        <translation>測試頁 TEST PAGE</translation>
    </message>
    <message>
        <source>Printer: </source>
        <translation>印表機：</translation>
    </message>
    <message>
        <source>Printer profile: </source>
        <translation>機型設定：</translation>
    </message>
    <message>
        <source>Paper: </source>
        <translation>紙寬：</translation>
    </message>
    <message>
        <source>Encoding: </source>
        <translation>編碼：</translation>
    </message>
    <message>
        <source>Time: </source>
        <translation>時間：</translation>
    </message>
    <message>
        <source>Traditional Chinese: </source>
        <translation>繁體中文：</translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>粗體 Bold</translation>
    </message>
    <message>
        <source>Centred</source>
        <translation>置中 Center</translation>
    </message>
    <message>
        <source>Right-aligned</source>
        <translation>靠右 Right</translation>
    </message>
    <message>
        <source>Alignment test</source>
        <translation>對齊測試</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <source>Receipt printer and scanner settings</source>
        <translation>收據印表機與掃描器設定</translation>
    </message>
    <message>
        <source>Network (TCP 9100)</source>
        <translation>網路（TCP 9100）</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>Serial port (COM)</source>
        <translation>序列埠（COM）</translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation>Windows 印表機</translation>
    </message>
    <message>
        <source>CUPS printer</source>
        <translation>CUPS 印表機</translation>
    </message>
    <message>
        <source>Device file</source>
        <translation>裝置檔案</translation>
    </message>
    <message>
        <source>80 mm (48 columns)</source>
        <translation>80 mm（48 字）</translation>
    </message>
    <message>
        <source>58 mm (32 columns)</source>
        <translation>58 mm（32 字）</translation>
    </message>
    <message>
        <source>Big5 (Taiwan models)</source>
        <translation>Big5（台灣機種）</translation>
    </message>
    <message>
        <source>GB18030 (mainland models)</source>
        <translation>GB18030（簡體機種）</translation>
    </message>
    <message>
        <source>Image (any printer)</source>
        <translation>圖像（任何印表機）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>連線方式</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>位址</translation>
    </message>
    <message>
        <source>Printer profile</source>
        <translation>機型設定檔</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>紙寬</translation>
    </message>
    <message>
        <source>Chinese encoding</source>
        <translation>中文編碼</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>收據印表機</translation>
    </message>
    <message>
        <source>Pin 2 (usual)</source>
        <translation>接腳 2（一般）</translation>
    </message>
    <message>
        <source>Pin 5 (second drawer)</source>
        <translation>接腳 5（第二錢櫃）</translation>
    </message>
    <message>
        <source>Drawer pin</source>
        <translation>錢櫃接腳</translation>
    </message>
    <message>
        <source>Pulse on</source>
        <translation>脈衝時間</translation>
    </message>
    <message>
        <source>Pulse off</source>
        <translation>間隔時間</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>錢櫃</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>測試列印</translation>
    </message>
    <message>
        <source>Test the drawer</source>
        <translation>測試開錢櫃</translation>
    </message>
    <message>
        <source>Not tested yet</source>
        <translation>尚未測試</translation>
    </message>
    <message>
        <source>Linux USB permissions</source>
        <translation>Linux USB 權限</translation>
    </message>
    <message>
        <source>Scanner test</source>
        <translation>掃描器測試</translation>
    </message>
    <message>
        <source>Scan any code; what it is shows below:</source>
        <translation>請掃描任一條碼，結果會顯示在下方：</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>儲存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Receipt preview</source>
        <translation>收據預覽</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>%1 or %1:9100</source>
        <translation>%1 或 %1:9100</translation>
    </message>
    <message>
        <source>04b8:0e15 (vendor:product)</source>
        <translation>04b8:0e15（廠商:產品）</translation>
    </message>
    <message>
        <source>COM3 or /dev/ttyUSB0@9600</source>
        <translation>COM3 或 /dev/ttyUSB0@9600</translation>
    </message>
    <message>
        <source>Enter the USB address, e.g. 04b8:0e15 (vendor:product, shown by lsusb).</source>
        <translation>請輸入 USB 位址，例如 04b8:0e15（廠商:產品，可用 lsusb 查詢）。</translation>
    </message>
    <message>
        <source>No permission to use the USB printer (errno 13, access denied). Run these commands as an administrator to install the udev rule:</source>
        <translation>沒有存取 USB 印表機的權限（errno 13 / 拒絕存取）。請以管理員身分執行下列指令安裝 udev 規則：</translation>
    </message>
    <message>
        <source>On Linux a USB printer needs a udev rule before a normal user can print:</source>
        <translation>在 Linux 上，USB 印表機需要 udev 規則才能由一般使用者列印：</translation>
    </message>
    <message>
        <source>Invalid settings: %1</source>
        <translation>設定有誤：%1</translation>
    </message>
    <message>
        <source>Test page sent, waiting to print…</source>
        <translation>測試頁已送出，等待列印…</translation>
    </message>
    <message>
        <source>Install the udev rule below.</source>
        <translation>請安裝下方的 udev 規則。</translation>
    </message>
    <message>
        <source>Product barcode</source>
        <translation>商品條碼</translation>
    </message>
    <message>
        <source>GS1 code</source>
        <translation>GS1 條碼</translation>
    </message>
    <message>
        <source>In-store weight/price label</source>
        <translation>店內秤重／計價條碼</translation>
    </message>
    <message>
        <source>Receipt number (returns)</source>
        <translation>收據號碼（退換貨）</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <source>E-invoice carrier</source>
        <translation>電子發票載具</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>無效條碼</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>%1 × %2 at %3</source>
        <translation>%1 × %2，單價 %3</translation>
    </message>
    <message>
        <source>%1 × %2 at %3 (list price %4)</source>
        <translation>%1 × %2，單價 %3（原價 %4）</translation>
    </message>
    <message>
        <source>No line selected: a discount on the whole cart</source>
        <translation>未選擇品項：折扣套用於整筆交易</translation>
    </message>
    <message>
        <source>Line: percent off (Ctrl+1)</source>
        <translation>單品：打折 % (Ctrl+1)</translation>
    </message>
    <message>
        <source>Line: NT$ off (Ctrl+2)</source>
        <translation>單品：折抵金額 (Ctrl+2)</translation>
    </message>
    <message>
        <source>Line: new unit price (Ctrl+3)</source>
        <translation>單品：改價 (Ctrl+3)</translation>
    </message>
    <message>
        <source>Whole cart: percent off (Ctrl+4)</source>
        <translation>整筆：打折 % (Ctrl+4)</translation>
    </message>
    <message>
        <source>Whole cart: NT$ off (Ctrl+5)</source>
        <translation>整筆：折抵金額 (Ctrl+5)</translation>
    </message>
    <message>
        <source>e.g. damaged box, price match</source>
        <translation>例如：外盒破損、比價</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Take the discount off (Ctrl+0)</source>
        <translation>取消折扣 (Ctrl+0)</translation>
    </message>
    <message>
        <source>Apply (Enter)</source>
        <translation>套用 (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
    <message>
        <source>Percent off</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <source>NT$ off</source>
        <translation>折抵金額 NT$</translation>
    </message>
    <message>
        <source>New unit price NT$</source>
        <translation>新單價 NT$</translation>
    </message>
    <message>
        <source>Takes %1 off: the cart comes to %2 (was %3)</source>
        <translation>折抵 %1：應付 %2（原為 %3）</translation>
    </message>
    <message>
        <source>A percent is a whole number from 1 to 100</source>
        <translation>折扣百分比須為 1 到 100 的整數</translation>
    </message>
    <message>
        <source>An amount is a whole NT$ above 0</source>
        <translation>金額須為大於 0 的整數元</translation>
    </message>
    <message>
        <source>A price is a whole NT$ of 0 or more</source>
        <translation>價格須為 0 以上的整數元</translation>
    </message>
    <message>
        <source>A new price needs a reason</source>
        <translation>改價須填寫原因</translation>
    </message>
    <message>
        <source>The reason is too long</source>
        <translation>原因太長</translation>
    </message>
    <message>
        <source>That is not a discount</source>
        <translation>這不是有效的折扣</translation>
    </message>
</context>
<context>
    <name>DropshipScreen</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>寄送至</translation>
    </message>
    <message>
        <source>Carrier / tracking no.</source>
        <translation>物流／追蹤號碼</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消訂單</translation>
    </message>
    <message>
        <source>Dropship</source>
        <translation>代發訂單</translation>
    </message>
    <message>
        <source>Scan products on the sale screen (F1).</source>
        <translation>請在銷售畫面 (F1) 掃描商品。</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待處理</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接單</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>出貨數</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>取消中</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>遭拒絕</translation>
    </message>
    <message>
        <source>Cancellation sent; the list shows it once confirmed.</source>
        <translation>已送出取消，確認後清單會更新。</translation>
    </message>
    <message>
        <source>Ship %1 × %2 to the customer</source>
        <translation>寄送 %1 × %2 給顧客</translation>
    </message>
    <message>
        <source>Dropship order queued for %1 (pending until the warehouse accepts it).</source>
        <translation>已為 %1 建立代發訂單（倉庫接單前為待確認）。</translation>
    </message>
    <message>
        <source>Too late to cancel: the order is %1.</source>
        <translation>無法取消：訂單已%1。</translation>
    </message>
    <message>
        <source>No such order at this till.</source>
        <translation>本機查無此訂單。</translation>
    </message>
    <message>
        <source>The quantity must be 1 to 999.</source>
        <translation>數量須為 1 到 999。</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>Exchange</source>
        <translation>換貨</translation>
    </message>
    <message>
        <source>Scan what comes back, then what the customer takes instead</source>
        <translation>先掃描退回的商品，再掃描顧客換取的商品</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>實付</translation>
    </message>
    <message>
        <source>Comes back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>Give back %1</source>
        <translation>退還 %1</translation>
    </message>
    <message>
        <source>Even exchange: no money moves</source>
        <translation>等值換貨：不收不退</translation>
    </message>
    <message>
        <source>Complete the exchange</source>
        <translation>完成換貨</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Original receipt %1</source>
        <translation>原收據 %1</translation>
    </message>
    <message>
        <source>Goes out</source>
        <translation>換出</translation>
    </message>
    <message>
        <source>A supervisor approves this refund</source>
        <translation>請主管核准此筆退款</translation>
    </message>
    <message>
        <source>%1 comes back</source>
        <translation>%1 退回</translation>
    </message>
    <message>
        <source>%1 goes out</source>
        <translation>%1 換出</translation>
    </message>
    <message>
        <source>Customer pays %1</source>
        <translation>顧客補 %1</translation>
    </message>
    <message>
        <source>Back %1, out %2.</source>
        <translation>退回 %1，換出 %2。</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>找零 %1</translation>
    </message>
    <message>
        <source>Exchange %1 done</source>
        <translation>換貨 %1 完成</translation>
    </message>
</context>
<context>
    <name>FirstSync</name>
    <message>
        <source>Loading products and staff from the warehouse…</source>
        <translation>正在從倉儲下載商品與員工資料…</translation>
    </message>
    <message>
        <source>Warehouse unreachable</source>
        <translation>無法連線倉儲</translation>
    </message>
    <message>
        <source>This till has no products yet and cannot reach the warehouse. Check the network and try again.</source>
        <translation>本機尚無商品資料，且無法連線倉儲。請檢查網路後再試一次。</translation>
    </message>
</context>
<context>
    <name>HeldCartsDialog</name>
    <message>
        <source>Held carts</source>
        <translation>暫存交易</translation>
    </message>
    <message>
        <source>Pick a cart and press Enter to bring it back (Esc: back)</source>
        <translation>選擇一筆後按 Enter 取回（Esc 返回）</translation>
    </message>
    <message>
        <source>No carts are held at this till</source>
        <translation>本機沒有暫存的交易</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>暫存時間</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收銀員</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>品項數</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <source>Recall (Enter)</source>
        <translation>取回 (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked</source>
        <translation>已鎖定</translation>
    </message>
    <message>
        <source>The counter is locked</source>
        <translation>收銀台已鎖定</translation>
    </message>
    <message>
        <source>%1 locked it. Enter %1's PIN, or a supervisor's.</source>
        <translation>%1 已鎖定畫面。請輸入 %1 的密碼，或主管密碼。</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Unlock  (Enter)</source>
        <translation>解鎖  (Enter)</translation>
    </message>
    <message>
        <source>Switch cashier…  (F11)</source>
        <translation>更換收銀員…  (F11)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Counter — %1</source>
        <translation>門市櫃台 — %1</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>功能(&amp;T)</translation>
    </message>
    <message>
        <source>Refused orders…</source>
        <translation>遭拒絕的訂單…</translation>
    </message>
    <message>
        <source>No shift open</source>
        <translation>尚未開班</translation>
    </message>
    <message>
        <source>No shift is open at this till. Open one now?</source>
        <translation>本機目前沒有開班。現在開班嗎？</translation>
    </message>
    <message>
        <source>Open the cash drawer without a sale</source>
        <translation>非交易開錢櫃</translation>
    </message>
    <message>
        <source>Printer and scanner settings</source>
        <translation>印表機與掃描器設定</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>鎖定畫面</translation>
    </message>
    <message>
        <source>Set-up wizard (manager)…</source>
        <translation>設定精靈（需店長）…</translation>
    </message>
    <message>
        <source>Switch cashier…</source>
        <translation>更換收銀員…</translation>
    </message>
    <message>
        <source>Reprint a receipt…</source>
        <translation>補印收據…</translation>
    </message>
    <message>
        <source>Sync problems…</source>
        <translation>同步問題…</translation>
    </message>
    <message>
        <source>Open the cash drawer (supervisor)…</source>
        <translation>開錢櫃（需主管）…</translation>
    </message>
    <message>
        <source>Printer and scanner settings…</source>
        <translation>印表機與掃描器設定…</translation>
    </message>
    <message>
        <source>Void a sale of this shift (supervisor)…</source>
        <translation>作廢本班交易（需主管）…</translation>
    </message>
    <message>
        <source>Void an allowance (supervisor)…</source>
        <translation>作廢折讓單（主管）…</translation>
    </message>
    <message>
        <source>Stock to count…</source>
        <translation>待盤點庫存…</translation>
    </message>
    <message>
        <source>Run the set-up wizard</source>
        <translation>執行設定精靈</translation>
    </message>
</context>
<context>
    <name>NoReceiptDialog</name>
    <message>
        <source>Return without a receipt</source>
        <translation>無收據退貨</translation>
    </message>
    <message>
        <source>Customer's phone, e.g. 0912-345-678</source>
        <translation>顧客電話，例如 0912-345-678</translation>
    </message>
    <message>
        <source>Scan or type the product's barcode or SKU</source>
        <translation>掃描或輸入商品條碼／貨號</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Refund each</source>
        <translation>單件退款</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Why damaged goods are written off</source>
        <translation>瑕疵品報廢原因</translation>
    </message>
    <message>
        <source>Supervisor approves, refund cash</source>
        <translation>主管核准並退現金</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Enter the customer's phone, then scan what comes back</source>
        <translation>請輸入顧客電話，再掃描退回的商品</translation>
    </message>
    <message>
        <source>A supervisor approves this return without a receipt</source>
        <translation>無收據退貨需主管核准</translation>
    </message>
    <message>
        <source>all stores</source>
        <translation>全部門市</translation>
    </message>
    <message>
        <source>this till, offline</source>
        <translation>僅本機，離線</translation>
    </message>
    <message>
        <source>Returns without receipt: %1 of %2 in %3 days (%4)</source>
        <translation>無收據退貨：%3 天內已 %1 次，上限 %2 次（%4）</translation>
    </message>
    <message>
        <source>Refunded at the lowest price paid here in the last 30 days, or the list price</source>
        <translation>退款以本機近 30 天最低成交價計算（不高於牌價）</translation>
    </message>
    <message>
        <source>Refunded at the list price</source>
        <translation>退款以牌價計算</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>退款：%1</translation>
    </message>
    <message>
        <source>This phone has had all its returns without a receipt</source>
        <translation>此電話的無收據退貨次數已用完</translation>
    </message>
    <message>
        <source>A supervisor approves, then the cash is paid</source>
        <translation>主管核准後退還現金</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 in cash</source>
        <translation>退貨 %1 完成：退現金 %2</translation>
    </message>
</context>
<context>
    <name>OrderReturnDialog</name>
    <message>
        <source>Online order returned at the counter</source>
        <translation>網路訂單門市退貨</translation>
    </message>
    <message>
        <source>Group-buy order</source>
        <translation>團購訂單</translation>
    </message>
    <message>
        <source>Dropship order</source>
        <translation>代發訂單</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>訂單編號</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>訂購</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Return now</source>
        <translation>本次退回</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Why damaged goods are written off</source>
        <translation>瑕疵品報廢原因</translation>
    </message>
    <message>
        <source>Refund cash here</source>
        <translation>門市退現金</translation>
    </message>
    <message>
        <source>The channel refunds it</source>
        <translation>由通路退款</translation>
    </message>
    <message>
        <source>Take the return</source>
        <translation>確認退貨</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>A supervisor approves this refund</source>
        <translation>請主管核准此筆退款</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待處理</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接單</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>出貨數</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送達</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Order %1: %2</source>
        <translation>訂單 %1：%2</translation>
    </message>
    <message>
        <source>This order has not reached the customer yet</source>
        <translation>此訂單尚未送達顧客</translation>
    </message>
    <message>
        <source>Choose what comes back and who refunds it</source>
        <translation>請選擇退回的商品及退款方式</translation>
    </message>
    <message>
        <source>Refund left to the channel</source>
        <translation>退款由通路處理</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>退款：%1</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 in cash</source>
        <translation>退貨 %1 完成：退現金 %2</translation>
    </message>
</context>
<context>
    <name>PartialHandoverPanel</name>
    <message>
        <source>Hand over these</source>
        <translation>交付以下數量</translation>
    </message>
    <message>
        <source>Select a ready pickup to hand over part of it</source>
        <translation>選取一筆可取貨的預約，可只交付部分商品</translation>
    </message>
    <message>
        <source>Pickup %1: what the customer takes now</source>
        <translation>取貨 %1：顧客本次取走</translation>
    </message>
    <message>
        <source>Take payment and hand over</source>
        <translation>收款並交付</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>店內</translation>
    </message>
    <message>
        <source>To come</source>
        <translation>尚未到店</translation>
    </message>
    <message>
        <source>Taking now</source>
        <translation>本次取走</translation>
    </message>
    <message>
        <source>To pay %1</source>
        <translation>待收 %1</translation>
    </message>
</context>
<context>
    <name>PickupsScreen</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Search: pickup code or its last digits, name, order number, phone's last digits</source>
        <translation>搜尋：取貨碼或末幾碼、姓名、團購訂單編號、電話末幾碼</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Hold until</source>
        <translation>保留至</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Scan or type the pickup code, then Enter</source>
        <translation>掃描或輸入取貨碼後按 Enter</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>Print pickup slip</source>
        <translation>列印取貨單</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>門市取貨</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>取貨付款</translation>
    </message>
    <message>
        <source>Expired holds to call</source>
        <translation>逾期釋出待聯絡</translation>
    </message>
    <message>
        <source>%1 is not a pickup code</source>
        <translation>%1 不是取貨碼</translation>
    </message>
    <message>
        <source>Pending confirmation</source>
        <translation>待確認</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已確認</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>運送中</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可取貨</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期未取</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已取貨</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Group-buy %1</source>
        <translation>團購 %1</translation>
    </message>
    <message>
        <source>To pay %1</source>
        <translation>待收 %1</translation>
    </message>
    <message>
        <source>Paid at the store</source>
        <translation>已於門市付款</translation>
    </message>
    <message>
        <source>Pay at pickup</source>
        <translation>取貨付款</translation>
    </message>
    <message>
        <source>Pickup code %1 is not known at this store</source>
        <translation>本店查無取貨碼 %1</translation>
    </message>
    <message>
        <source>Pickup %1 is not ready yet (%2): its goods have not arrived</source>
        <translation>取貨 %1 尚未到店（%2），無法交付</translation>
    </message>
    <message>
        <source>Pickup %1 was already handed over</source>
        <translation>取貨 %1 已交付過</translation>
    </message>
    <message>
        <source>Pickup %1 cannot be handed over: it is %2</source>
        <translation>取貨 %1 無法交付：狀態為%2</translation>
    </message>
    <message>
        <source>Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code</source>
        <translation>請輸入台灣電話：09 開頭 10 碼手機，或含區碼的市話</translation>
    </message>
    <message>
        <source>Enter a quantity from 1 to 999</source>
        <translation>請輸入 1 到 999 的數量</translation>
    </message>
    <message>
        <source>Enter the customer's name</source>
        <translation>請輸入顧客姓名</translation>
    </message>
    <message>
        <source>Pickup %1: that is more than is here for the customer</source>
        <translation>取貨 %1：超過店內為顧客保留的數量</translation>
    </message>
    <message>
        <source>Pickup %1: nothing of it is here yet</source>
        <translation>取貨 %1：商品還沒有到店</translation>
    </message>
    <message>
        <source>This reservation's hold was not released</source>
        <translation>這筆預約的保留沒有逾期釋出</translation>
    </message>
    <message>
        <source>No pickup code yet: the warehouse has not confirmed this reservation</source>
        <translation>尚無取貨碼：總部尚未確認此預約</translation>
    </message>
    <message>
        <source>Pickup %1 is paid at pickup: take the payment first</source>
        <translation>取貨 %1 為取貨付款：請先收款</translation>
    </message>
    <message>
        <source>Pickup %1 has nothing to pay</source>
        <translation>取貨 %1 沒有待收金額</translation>
    </message>
    <message>
        <source>This till cannot take payments at the pickup desk</source>
        <translation>這台收銀機無法在取貨櫃台收款</translation>
    </message>
    <message>
        <source>Pickup slip sent to the printer</source>
        <translation>取貨單已送出列印</translation>
    </message>
    <message>
        <source>Pickup %1: to pay %2</source>
        <translation>取貨 %1：待收 %2</translation>
    </message>
    <message>
        <source>Pickup %1 not handed over: no payment taken</source>
        <translation>取貨 %1 未交付：尚未收款</translation>
    </message>
    <message>
        <source>Paid %1, receipt %2. Change due: %3</source>
        <translation>已收 %1，收據 %2。找零：%3</translation>
    </message>
    <message>
        <source>Handed over %1: %2</source>
        <translation>已交付 %1：%2</translation>
    </message>
    <message>
        <source>Still to come: %1</source>
        <translation>尚待取貨：%1</translation>
    </message>
    <message>
        <source>No shift is open: open one (F6) before taking a payment. Nothing was handed over.</source>
        <translation>尚未開班：請先開班 (F6) 再收款。未交付任何商品。</translation>
    </message>
    <message>
        <source>The payment was not recorded (%1): nothing was handed over.</source>
        <translation>付款未記錄（%1）：未交付任何商品。</translation>
    </message>
    <message>
        <source>The hand-over could not be recorded: %1</source>
        <translation>交付未能記錄：%1</translation>
    </message>
    <message>
        <source>The call list could not be updated: %1</source>
        <translation>待聯絡清單無法更新：%1</translation>
    </message>
    <message>
        <source>The pickup list could not be read: %1</source>
        <translation>無法讀取取貨清單：%1</translation>
    </message>
</context>
<context>
    <name>ProblemReasons</name>
    <message>
        <source>The receipt number is already used by another sale at the warehouse.</source>
        <translation>此收據號碼在倉儲已被另一筆交易使用。</translation>
    </message>
    <message>
        <source>The warehouse already has an operation with this id but different content.</source>
        <translation>倉儲已有相同編號但內容不同的作業。</translation>
    </message>
    <message>
        <source>Not enough stock at the warehouse for this request.</source>
        <translation>倉儲庫存不足。</translation>
    </message>
    <message>
        <source>More was handed over than the store holds for this pickup (another till handed it over first?); check with the customer.</source>
        <translation>交付數量超過店內為這筆取貨保留的數量（可能另一台收銀機已先交付），請與顧客確認。</translation>
    </message>
    <message>
        <source>Nothing of this pickup is at the store to hand over.</source>
        <translation>這筆取貨目前沒有已到店可交付的商品。</translation>
    </message>
    <message>
        <source>This group-buy order is paid at pickup: the hand-over needs the sale that paid it.</source>
        <translation>這筆團購訂單為取貨付款：交付需附上付款的銷售。</translation>
    </message>
    <message>
        <source>The sale that paid this hand-over has not reached the warehouse (was it refused?); fix the sale, then retry.</source>
        <translation>付款的銷售尚未送達總部（是否被拒絕？）；請先處理該筆銷售，再重試。</translation>
    </message>
    <message>
        <source>The sale named by this hand-over already paid another one.</source>
        <translation>此交付所附的銷售已支付過另一次交付。</translation>
    </message>
    <message>
        <source>The sale does not pay exactly what this hand-over takes at the order's prices (a bug in this till; tell support). Refund the sale as a return if need be.</source>
        <translation>銷售金額與本次交付的商品（依訂單售價）不符（收銀機程式錯誤，請通知支援人員）。必要時以退貨退款。</translation>
    </message>
    <message>
        <source>This order was paid online: its hand-over names no sale.</source>
        <translation>此訂單已於線上付款：交付不需附上銷售。</translation>
    </message>
    <message>
        <source>The stock moved since the count began; count again.</source>
        <translation>盤點開始後庫存已變動，請重新盤點。</translation>
    </message>
    <message>
        <source>The order is no longer in a state that allows this.</source>
        <translation>此訂單目前的狀態不允許這項操作。</translation>
    </message>
    <message>
        <source>A product in it is not known to the warehouse.</source>
        <translation>其中有倉儲不認得的商品。</translation>
    </message>
    <message>
        <source>The cashier or staff member is not known to the warehouse.</source>
        <translation>倉儲不認得此收銀員或員工。</translation>
    </message>
    <message>
        <source>The warehouse could not accept its content (a bug in this till; tell support).</source>
        <translation>倉儲無法接受其內容（本機程式錯誤，請通知技術支援）。</translation>
    </message>
    <message>
        <source>The warehouse could not read the request (a bug in this till; tell support).</source>
        <translation>倉儲無法讀取此請求（本機程式錯誤，請通知技術支援）。</translation>
    </message>
    <message>
        <source>This till is not allowed to do this.</source>
        <translation>本機沒有執行此操作的權限。</translation>
    </message>
    <message>
        <source>The warehouse does not accept this till's key; it may have been revoked.</source>
        <translation>倉儲不接受本機的金鑰，可能已被撤銷。</translation>
    </message>
    <message>
        <source>This till is not set up for a store.</source>
        <translation>本機尚未設定所屬門市。</translation>
    </message>
    <message>
        <source>No warehouse is set up.</source>
        <translation>尚未設定倉儲。</translation>
    </message>
    <message>
        <source>The products do not all ship from one partner.</source>
        <translation>這些商品並非都由同一個代發廠商出貨。</translation>
    </message>
    <message>
        <source>The operation is too large for the warehouse.</source>
        <translation>此作業資料量超過倉儲上限。</translation>
    </message>
    <message>
        <source>The warehouse had an internal error; retry later.</source>
        <translation>倉儲發生內部錯誤，請稍後重試。</translation>
    </message>
    <message>
        <source>The warehouse was busy; retry later.</source>
        <translation>倉儲忙碌中，請稍後重試。</translation>
    </message>
    <message>
        <source>More would come back than was sold, less what another till already returned.</source>
        <translation>退回數量超過售出數量減去其他收銀機已退的數量。</translation>
    </message>
    <message>
        <source>A product returned is not on the original sale.</source>
        <translation>退回的商品不在原交易中。</translation>
    </message>
    <message>
        <source>The warehouse does not know the original sale.</source>
        <translation>總部查無原交易。</translation>
    </message>
    <message>
        <source>This phone had all its returns without a receipt (other tills took them first).</source>
        <translation>此電話的無收據退貨次數已用完（其他收銀機已先辦理）。</translation>
    </message>
    <message>
        <source>The approver is not a supervisor or manager of this store.</source>
        <translation>核准人不是本店的主管或店長。</translation>
    </message>
    <message>
        <source>The warehouse does not know the returned order.</source>
        <translation>倉儲查無此退貨訂單。</translation>
    </message>
    <message>
        <source>The order had not reached the customer (or was cancelled).</source>
        <translation>此訂單尚未送達顧客（或已取消）。</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>銷售</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退貨</translation>
    </message>
    <message>
        <source>Online order return</source>
        <translation>網路訂單退貨</translation>
    </message>
    <message>
        <source>Pickup reservation</source>
        <translation>取貨預留</translation>
    </message>
    <message>
        <source>Reservation cancelled</source>
        <translation>取消預留</translation>
    </message>
    <message>
        <source>Pickup handed over</source>
        <translation>取貨完成</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>盤點</translation>
    </message>
    <message>
        <source>Dropship order</source>
        <translation>代發訂單</translation>
    </message>
    <message>
        <source>Dropship order cancelled</source>
        <translation>取消代發訂單</translation>
    </message>
    <message>
        <source>Shift close</source>
        <translation>關帳</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>稽核紀錄</translation>
    </message>
</context>
<context>
    <name>RefundTendersPanel</name>
    <message>
        <source>Refund all in cash instead</source>
        <translation>改為全數退現金</translation>
    </message>
    <message>
        <source>Back to %1: %2</source>
        <translation>退回%1：%2</translation>
    </message>
    <message>
        <source>Refund reference (never the card number)</source>
        <translation>退款參考號（勿輸入卡號）</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>授權碼</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Reprint a receipt</source>
        <translation>補印收據</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>補印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Sent %1 to the printer</source>
        <translation>已送出 %1 至印表機</translation>
    </message>
    <message>
        <source>Receipt %1 is not in this till's journal</source>
        <translation>本機交易紀錄中沒有收據 %1</translation>
    </message>
    <message>
        <source>Could not reprint %1</source>
        <translation>無法補印 %1</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <source>No sale %1 in this till's journal</source>
        <translation>本機交易紀錄中查無 %1</translation>
    </message>
    <message>
        <source>Choose how many of a line come back</source>
        <translation>請選擇退回的數量</translation>
    </message>
    <message>
        <source>That line is not on this receipt</source>
        <translation>此品項不在這張收據上</translation>
    </message>
    <message>
        <source>The quantity is not valid</source>
        <translation>數量無效</translation>
    </message>
    <message>
        <source>More than was sold (less what was already returned)</source>
        <translation>超過可退數量（已售出減已退回）</translation>
    </message>
    <message>
        <source>Choose where the goods go</source>
        <translation>請選擇商品去向</translation>
    </message>
    <message>
        <source>Too many lines for one return</source>
        <translation>單次退貨品項過多</translation>
    </message>
    <message>
        <source>No shift is open: open one before a refund</source>
        <translation>尚未開班：請先開班再退款</translation>
    </message>
    <message>
        <source>This refund needs a supervisor</source>
        <translation>此筆退款需主管核准</translation>
    </message>
    <message>
        <source>The refund is above the approver's limit</source>
        <translation>退款金額超過核准者的權限</translation>
    </message>
    <message>
        <source>Type the refund reference of each card or mobile payment part</source>
        <translation>請輸入每筆刷卡或行動支付退款的參考號</translation>
    </message>
    <message>
        <source>Type the card terminal's approval code of the card refund</source>
        <translation>請輸入刷卡機退款的授權碼</translation>
    </message>
    <message>
        <source>That looks like a card number: type the refund reference instead</source>
        <translation>這看起來是卡號：請改輸入退款參考號</translation>
    </message>
    <message>
        <source>The refund reference is too long</source>
        <translation>退款參考號太長</translation>
    </message>
    <message>
        <source>The refund reference holds a character that cannot be stored</source>
        <translation>退款參考號含有無法儲存的字元</translation>
    </message>
    <message>
        <source>%1 is not in this till's journal and head office cannot be reached: try again when the connection is back</source>
        <translation>本機查無 %1，且無法連線總部：請待連線恢復後再試</translation>
    </message>
    <message>
        <source>%1 was rung up at another till: its invoice may have changed there since, and head office cannot be reached: try again when the connection is back</source>
        <translation>%1 為其他收銀機的交易：其發票可能已在他處變更，且無法連線總部：請待連線恢復後再試</translation>
    </message>
    <message>
        <source>Type the last 3 to 10 digits of the phone</source>
        <translation>請輸入電話末 3 至 10 碼</translation>
    </message>
    <message>
        <source>Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code</source>
        <translation>請輸入台灣電話：09 開頭 10 碼手機，或含區碼的市話</translation>
    </message>
    <message>
        <source>This phone has had all its returns without a receipt</source>
        <translation>此電話的無收據退貨次數已用完</translation>
    </message>
    <message>
        <source>No such product</source>
        <translation>查無此商品</translation>
    </message>
    <message>
        <source>Type the group-buy or dropship order number</source>
        <translation>請輸入團購或代發訂單編號</translation>
    </message>
    <message>
        <source>This order has not reached the customer yet</source>
        <translation>此訂單尚未送達顧客</translation>
    </message>
    <message>
        <source>Choose who refunds the customer</source>
        <translation>請選擇退款方式</translation>
    </message>
    <message>
        <source>No invoice number left for the new invoice: sync, then take the return again</source>
        <translation>沒有發票號碼可重新開立發票：請先同步，再辦理退貨</translation>
    </message>
    <message>
        <source>Another till changed this sale's invoice since: sync, then take the return again</source>
        <translation>此交易的發票已在其他收銀機變更：請先同步，再辦理退貨</translation>
    </message>
    <message>
        <source>It was not saved: %1</source>
        <translation>未儲存：%1</translation>
    </message>
    <message>
        <source>Back on the shelf</source>
        <translation>退回本店貨架</translation>
    </message>
    <message>
        <source>Send to the warehouse</source>
        <translation>退回倉庫</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>損壞報廢</translation>
    </message>
    <message>
        <source>Scan the receipt's barcode or type its number</source>
        <translation>掃描收據條碼或輸入收據號碼</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>實付</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <source>Return now</source>
        <translation>本次退回</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Take the return and refund  (F12)</source>
        <translation>完成退貨並退款  (F12)</translation>
    </message>
    <message>
        <source>No receipt number? Search</source>
        <translation>沒有收據號碼？搜尋</translation>
    </message>
    <message>
        <source>Return without a receipt</source>
        <translation>無收據退貨</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <source>Online order</source>
        <translation>網路訂單</translation>
    </message>
    <message>
        <source>Exchange…  (F5)</source>
        <translation>換貨…  (F5)</translation>
    </message>
    <message>
        <source>Reason (damaged goods)</source>
        <translation>瑕疵原因</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>退貨</translation>
    </message>
    <message>
        <source>Exchange %1 done (original %2)</source>
        <translation>換貨 %1 完成（原收據 %2）</translation>
    </message>
    <message>
        <source>Head office did not answer: the counts are this till's own. A return taken at another till may not show yet</source>
        <translation>總部未回應：數量僅依本機紀錄，其他收銀機已退的貨可能尚未顯示</translation>
    </message>
    <message>
        <source>Choose what comes back, then take the return</source>
        <translation>請選擇退回的商品，再確認退貨</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 in cash</source>
        <translation>退貨 %1 完成：退現金 %2</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 to the original tenders</source>
        <translation>退貨 %1 完成：%2 已退回原付款方式</translation>
    </message>
    <message>
        <source>A supervisor approves this refund</source>
        <translation>請主管核准此筆退款</translation>
    </message>
    <message>
        <source>Scan a receipt to return goods</source>
        <translation>請掃描收據以辦理退貨</translation>
    </message>
    <message>
        <source>Receipt %1, %2, paid %3</source>
        <translation>收據 %1，%2，實付 %3</translation>
    </message>
    <message>
        <source>(sold at %1)</source>
        <translation>（%1 售出）</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>退款：%1</translation>
    </message>
</context>
<context>
    <name>SaleCartTools</name>
    <message>
        <source>Discount (%)</source>
        <translation>折扣 (%)</translation>
    </message>
    <message>
        <source>Hold (Ctrl+H)</source>
        <translation>暫存 (Ctrl+H)</translation>
    </message>
    <message>
        <source>Held carts (Ctrl+R)</source>
        <translation>暫存清單 (Ctrl+R)</translation>
    </message>
    <message>
        <source>cart</source>
        <translation>整筆交易</translation>
    </message>
    <message>
        <source>%1: the NT$ discount came off (now above your limit); give it again</source>
        <translation>%1：金額折扣已取消（現已超過您的權限），請重新給予</translation>
    </message>
    <message>
        <source>The cart could not be saved: %1</source>
        <translation>購物車無法儲存：%1</translation>
    </message>
    <message>
        <source>The cart that was open when the till stopped is back (%1 items)</source>
        <translation>已還原關機前未完成的交易（共 %1 件）</translation>
    </message>
    <message>
        <source>The cart open before the restart could not be read back: %1</source>
        <translation>重新啟動前的購物車無法讀回：%1</translation>
    </message>
    <message>
        <source>The cart is empty: scan something first</source>
        <translation>購物車是空的：請先刷商品</translation>
    </message>
    <message>
        <source>This discount needs a supervisor</source>
        <translation>此折扣需要主管核准</translation>
    </message>
    <message>
        <source>A price override needs a supervisor: %1</source>
        <translation>改價需要主管核准：%1</translation>
    </message>
    <message>
        <source>A discount of %1 is above your limit: a supervisor approves it</source>
        <translation>%1 的折扣超過您的權限：需主管核准</translation>
    </message>
    <message>
        <source>%1: new price %2</source>
        <translation>%1：改價為 %2</translation>
    </message>
    <message>
        <source>%1: discount taken off</source>
        <translation>%1：已取消折扣</translation>
    </message>
    <message>
        <source>%1: discount given</source>
        <translation>%1：已給予折扣</translation>
    </message>
    <message>
        <source>That is above the approver's limit too</source>
        <translation>這也超過核准者的權限</translation>
    </message>
    <message>
        <source>The cart is empty: there is nothing to hold</source>
        <translation>購物車是空的：沒有可暫存的交易</translation>
    </message>
    <message>
        <source>Cart held (%1). Bring it back with Held carts (Ctrl+R)</source>
        <translation>交易已暫存（%1）。按暫存清單 (Ctrl+R) 取回</translation>
    </message>
    <message>
        <source>Too many carts are held: recall or void some first</source>
        <translation>暫存交易太多：請先取回或作廢部分交易</translation>
    </message>
    <message>
        <source>The cart could not be held: %1</source>
        <translation>無法暫存交易：%1</translation>
    </message>
    <message>
        <source>Finish or hold the cart on the screen before recalling another</source>
        <translation>請先完成或暫存目前的交易，再取回其他交易</translation>
    </message>
    <message>
        <source>Cart recalled: %1 items, %2</source>
        <translation>已取回交易：共 %1 件，%2</translation>
    </message>
    <message>
        <source>That cart was recalled already</source>
        <translation>這筆交易已被取回</translation>
    </message>
    <message>
        <source>The cart could not be recalled: %1</source>
        <translation>無法取回交易：%1</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan a barcode or type a code or name, then Enter</source>
        <translation>掃描條碼，或輸入條碼／品名後按 Enter</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>收銀員：%1</translation>
    </message>
    <message>
        <source>Quantity (F4)</source>
        <translation>修改數量 (F4)</translation>
    </message>
    <message>
        <source>Remove line (Del)</source>
        <translation>刪除品項 (Del)</translation>
    </message>
    <message>
        <source>Pay (F12)</source>
        <translation>結帳 (F12)</translation>
    </message>
    <message>
        <source>Void cart (Ctrl+Shift+Del)</source>
        <translation>作廢交易 (Ctrl+Shift+Del)</translation>
    </message>
    <message>
        <source>Fulfilment (F2)</source>
        <translation>出貨方式 (F2)</translation>
    </message>
    <message>
        <source>Customer (Ctrl+U)</source>
        <translation>取件顧客 (Ctrl+U)</translation>
    </message>
    <message>
        <source>The cart has %1 items that are not paid for. Close the till and drop them?</source>
        <translation>購物車還有 %1 件商品尚未結帳。確定要關閉收銀機並放棄這些商品嗎？</translation>
    </message>
    <message>
        <source>Drop the cart?</source>
        <translation>放棄購物車？</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>銷售</translation>
    </message>
    <message>
        <source>In-store price label %1 is not set up for this store</source>
        <translation>本店未設定店內計價條碼 %1</translation>
    </message>
    <message>
        <source>E-invoice carrier %1 for this sale</source>
        <translation>本筆交易發票存入載具 %1</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>購物車是空的</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Pickup and ship lines need the customer's name and phone.</source>
        <translation>門市取貨與宅配品項需要顧客姓名與電話。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Quantity must be a whole number, not “%1”</source>
        <translation>數量必須是整數，不能是「%1」</translation>
    </message>
    <message>
        <source>Quantity must be at least 1. To take the line off, use Remove line (Del).</source>
        <translation>數量至少為 1。要刪除品項請按「刪除品項 (Del)」。</translation>
    </message>
    <message>
        <source>Quantity can be at most %1 per line</source>
        <translation>每個品項數量最多 %1</translation>
    </message>
    <message>
        <source>Quantity not changed</source>
        <translation>數量未變更</translation>
    </message>
    <message>
        <source>Large quantity</source>
        <translation>數量偏大</translation>
    </message>
    <message>
        <source>Sell %1 of %2? That is more than usual.</source>
        <translation>確定要賣出 %1 個「%2」嗎？這比平常多。</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>已刪除 %1</translation>
    </message>
    <message>
        <source>Clear the cart? %1 items will be taken off.</source>
        <translation>確定清空購物車？將移除 %1 件商品。</translation>
    </message>
    <message>
        <source>Cart voided</source>
        <translation>交易已作廢</translation>
    </message>
    <message>
        <source>Unreadable code; scan again</source>
        <translation>條碼無法辨識，請重新掃描</translation>
    </message>
    <message>
        <source>No product with code %1</source>
        <translation>查無此條碼商品：%1</translation>
    </message>
    <message>
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <source>%1 matches: pick one and press Enter (Esc closes)</source>
        <translation>找到 %1 筆，請選擇後按 Enter（Esc 關閉）</translation>
    </message>
    <message>
        <source>Look-up failed: %1</source>
        <translation>查詢失敗：%1</translation>
    </message>
    <message>
        <source>%1: this store has %2 by the records. Sold anyway; check the shelf, it will be listed to count.</source>
        <translation>%1：本店帳上庫存 %2。仍照常銷售；請檢查貨架，此商品將列入待盤點。</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Sale %1 done. Change due: %2</source>
        <translation>交易 %1 完成，找零 %2</translation>
    </message>
    <message>
        <source>Change due
%1</source>
        <translation>找零
%1</translation>
    </message>
    <message>
        <source>No shift is open: open one (F6) before selling. The cart is kept.</source>
        <translation>尚未開班：請先開班（F6）再結帳。購物車內容已保留。</translation>
    </message>
    <message>
        <source>Ship lines need an address or a pickup store.</source>
        <translation>宅配品項需要地址或取貨門市。</translation>
    </message>
    <message>
        <source>The sale was not saved: %1. The cart is kept; try again.</source>
        <translation>交易未儲存：%1。購物車內容已保留，請再試一次。</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>Cart discount -%1</source>
        <translation>整筆折扣 -%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>共節省 %1</translation>
    </message>
</context>
<context>
    <name>SaleSearchPanel</name>
    <message>
        <source>Total paid (NT$)</source>
        <translation>付款總額（元）</translation>
    </message>
    <message>
        <source>Last digits of the phone</source>
        <translation>電話末幾碼</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>The total is whole NT$, e.g. 1250</source>
        <translation>金額請輸入整數元，例如 1250</translation>
    </message>
    <message>
        <source>This till</source>
        <translation>本機</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>總部</translation>
    </message>
    <message>
        <source>Head office cannot be reached: only this till's sales are listed (other tills' and phone numbers need the connection)</source>
        <translation>無法連線總部：只列出本機的交易（其他收銀機與電話搜尋需連線）</translation>
    </message>
    <message>
        <source>No sale matches</source>
        <translation>查無符合的交易</translation>
    </message>
    <message>
        <source>%1 sales: double-click one to open it</source>
        <translation>共 %1 筆：點兩下開啟</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message>
        <source>Nothing was scanned</source>
        <translation>沒有讀到條碼</translation>
    </message>
    <message>
        <source>Code is too short</source>
        <translation>條碼太短</translation>
    </message>
    <message>
        <source>Code is too long</source>
        <translation>條碼太長</translation>
    </message>
    <message>
        <source>Code contains control characters</source>
        <translation>條碼含有控制字元</translation>
    </message>
    <message>
        <source>Wrong check digit, scan again</source>
        <translation>檢查碼錯誤，請重新掃描</translation>
    </message>
    <message>
        <source>The date in the code is invalid</source>
        <translation>條碼中的日期無效</translation>
    </message>
    <message>
        <source>Malformed GS1 code</source>
        <translation>GS1 條碼格式錯誤</translation>
    </message>
    <message>
        <source>GS1 code carries no GTIN</source>
        <translation>GS1 條碼沒有商品編號</translation>
    </message>
    <message>
        <source>Malformed pickup code</source>
        <translation>取貨碼格式錯誤</translation>
    </message>
    <message>
        <source>Malformed e-invoice carrier</source>
        <translation>載具條碼格式錯誤</translation>
    </message>
    <message>
        <source>Unknown code format</source>
        <translation>無法辨識的條碼</translation>
    </message>
</context>
<context>
    <name>ScanRouter</name>
    <message>
        <source>Receipt %1: returns cannot be taken at this till yet</source>
        <translation>收據 %1：本機尚未開放退換貨</translation>
    </message>
    <message>
        <source>Pickup code %1: pickups cannot be handed over at this till yet</source>
        <translation>取貨碼 %1：本機尚未開放取貨交貨</translation>
    </message>
    <message>
        <source>%1: this till cannot take this kind of code yet</source>
        <translation>%1：本機尚無法處理這類條碼</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>The language of this till's screens and receipts.</source>
        <translation>這台收銀機畫面與收據使用的語言。</translation>
    </message>
    <message>
        <source>Choose with the arrow keys; Enter goes on.</source>
        <translation>用方向鍵選擇，按 Enter 繼續。</translation>
    </message>
    <message>
        <source>Enter the warehouse's address.</source>
        <translation>請輸入倉儲伺服器的位址。</translation>
    </message>
    <message>
        <source>That is not a web address: enter something like https://warehouse.example.tw</source>
        <translation>這不是網址，請輸入像 https://warehouse.example.tw 這樣的位址</translation>
    </message>
    <message>
        <source>Plain http:// is not encrypted: use https://. Plain http is allowed only to this computer.</source>
        <translation>http:// 沒有加密，請使用 https://。只有連到本機時才允許 http。</translation>
    </message>
    <message>
        <source>The name in %1 was not found. Check the spelling, or this till's network (DNS).</source>
        <translation>找不到 %1 中的主機名稱。請檢查拼字，或這台收銀機的網路（DNS）。</translation>
    </message>
    <message>
        <source>Nothing answers at %1: the address or port is wrong, or the warehouse is not running.</source>
        <translation>%1 沒有回應連線：位址或連接埠錯誤，或倉儲伺服器沒有執行。</translation>
    </message>
    <message>
        <source>No answer from %1 in time: check the network cable or Wi-Fi, a firewall, or the address.</source>
        <translation>%1 逾時未回應：請檢查網路線或 Wi-Fi、防火牆或位址。</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted: it may be self-signed, expired or made for another name. Ask whoever runs the warehouse.</source>
        <translation>%1 的憑證不受信任：可能是自簽、已過期或屬於其他名稱。請洽倉儲伺服器的管理人員。</translation>
    </message>
    <message>
        <source>A secure connection to %1 failed: is it really https on that port?</source>
        <translation>無法與 %1 建立安全連線：該連接埠真的是 https 嗎？</translation>
    </message>
    <message>
        <source>Something answers at %1, but it is not the warehouse: check the address.</source>
        <translation>%1 有回應，但不是倉儲伺服器：請檢查位址。</translation>
    </message>
    <message>
        <source>The connection to %1 failed.</source>
        <translation>連線到 %1 失敗。</translation>
    </message>
    <message>
        <source>Connected: the warehouse answered in %1 ms.</source>
        <translation>已連線：倉儲伺服器在 %1 毫秒內回應。</translation>
    </message>
    <message>
        <source>Plain http to this computer: no certificate to check.</source>
        <translation>以 http 連到本機：沒有憑證可檢查。</translation>
    </message>
    <message>
        <source>Certificate: %1, issued by %2, valid until %3 (%4 days).</source>
        <translation>憑證：%1，簽發者 %2，有效期限至 %3（剩 %4 天）。</translation>
    </message>
    <message>
        <source>The certificate expires soon: ask for it to be renewed.</source>
        <translation>憑證即將到期：請要求更新。</translation>
    </message>
    <message>
        <source>Warehouse address</source>
        <translation>倉儲伺服器位址</translation>
    </message>
    <message>
        <source>Where this till sends its sales: the address your IT person or the admin gave.</source>
        <translation>這台收銀機傳送銷售資料的地方：資訊人員或管理員提供的位址。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>位址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Test the connection</source>
        <translation>測試連線(&amp;T)</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在測試連線…</translation>
    </message>
    <message>
        <source>The test could not run: %1</source>
        <translation>無法執行測試：%1</translation>
    </message>
    <message>
        <source>This code is not known. Check it and type it again as the admin gave it.</source>
        <translation>查無此代碼。請核對後依管理員提供的內容重新輸入。</translation>
    </message>
    <message>
        <source>This code was already used by another till: ask the admin for a new one.</source>
        <translation>此代碼已被其他收銀機使用：請向管理員索取新代碼。</translation>
    </message>
    <message>
        <source>This code has expired: ask the admin for a new one.</source>
        <translation>此代碼已過期：請向管理員索取新代碼。</translation>
    </message>
    <message>
        <source>The warehouse did not answer: check the connection and try again.</source>
        <translation>倉儲伺服器沒有回應：請檢查連線後再試一次。</translation>
    </message>
    <message>
        <source>The warehouse refused the code: %1</source>
        <translation>倉儲伺服器拒絕此代碼：%1</translation>
    </message>
    <message>
        <source>This till is enrolled at %1 (%2) as till %3.</source>
        <translation>這台收銀機已註冊於 %1（%2），機號 %3。</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>註冊</translation>
    </message>
    <message>
        <source>This till already belongs to a store; its key stays as it is.</source>
        <translation>這台收銀機已屬於一家門市，金鑰維持不變。</translation>
    </message>
    <message>
        <source>A one-time code from the admin.</source>
        <translation>管理員提供的一次性代碼。</translation>
    </message>
    <message>
        <source>The admin gives each new till a one-time code. The till exchanges it for its own key, kept where only this computer's user can read it.</source>
        <translation>管理員會給每台新收銀機一組一次性代碼。收銀機用它換得自己的金鑰，並存放在只有本機使用者能讀取的地方。</translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation>註冊代碼(&amp;C)：</translation>
    </message>
    <message>
        <source>Exchanging the code…</source>
        <translation>正在兌換代碼…</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>收據印表機</translation>
    </message>
    <message>
        <source>How this till reaches its receipt printer. Print a test page to be sure.</source>
        <translation>這台收銀機如何連接收據印表機。請列印測試頁確認。</translation>
    </message>
    <message>
        <source>No printer (receipts are kept in a file)</source>
        <translation>不使用印表機（收據存成檔案）</translation>
    </message>
    <message>
        <source>Network (host:port, usually port 9100)</source>
        <translation>網路（主機:連接埠，通常為 9100）</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>Serial port (COM)</source>
        <translation>序列埠（COM）</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 公釐</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 公釐</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>連接方式(&amp;C)：</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>位址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Paper width:</source>
        <translation>紙寬(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Test print</source>
        <translation>列印測試頁(&amp;T)</translation>
    </message>
    <message>
        <source>04b8:0e15 (vendor:product)</source>
        <translation>04b8:0e15（廠商:產品）</translation>
    </message>
    <message>
        <source>COM3 or /dev/ttyUSB0@9600</source>
        <translation>COM3 或 /dev/ttyUSB0@9600</translation>
    </message>
    <message>
        <source>enter the printer's address</source>
        <translation>請輸入印表機位址</translation>
    </message>
    <message>
        <source>the address must be host or host:port</source>
        <translation>位址必須是 主機 或 主機:連接埠</translation>
    </message>
    <message>
        <source>These settings cannot work: %1</source>
        <translation>這些設定無法使用：%1</translation>
    </message>
    <message>
        <source>Test page sent, waiting for the printer…</source>
        <translation>測試頁已送出，等待印表機…</translation>
    </message>
    <message>
        <source>a product barcode</source>
        <translation>商品條碼</translation>
    </message>
    <message>
        <source>a GS1 code</source>
        <translation>GS1 條碼</translation>
    </message>
    <message>
        <source>an in-store weight or price label</source>
        <translation>店內秤重或計價標籤</translation>
    </message>
    <message>
        <source>a receipt number</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <source>a pickup code</source>
        <translation>取貨碼</translation>
    </message>
    <message>
        <source>an e-invoice carrier</source>
        <translation>電子發票載具</translation>
    </message>
    <message>
        <source>not a code the till knows</source>
        <translation>收銀機無法辨識的條碼</translation>
    </message>
    <message>
        <source>Read: %1 (%2).</source>
        <translation>讀到：%1（%2）。</translation>
    </message>
    <message>
        <source>Prefix %1: found.</source>
        <translation>前置字元 %1：正確。</translation>
    </message>
    <message>
        <source>Prefix %1 expected, but the scan starts with %2: set the scanner to send it, or clear the prefix here.</source>
        <translation>應有前置字元 %1，但掃描內容開頭是 %2：請設定掃描器送出它，或在此清除前置字元。</translation>
    </message>
    <message>
        <source>Suffix %1: found.</source>
        <translation>後置字元 %1：正確。</translation>
    </message>
    <message>
        <source>Suffix %1 expected, but the scan ends with %2: set the scanner to send it, or clear the suffix here.</source>
        <translation>應有後置字元 %1，但掃描內容結尾是 %2：請設定掃描器送出它，或在此清除後置字元。</translation>
    </message>
    <message>
        <source>No prefix or suffix is set: the scan is used as read.</source>
        <translation>未設定前置或後置字元：掃描內容照原樣使用。</translation>
    </message>
    <message>
        <source>The scanner works with these settings.</source>
        <translation>掃描器在這些設定下運作正常。</translation>
    </message>
    <message>
        <source>Scanner test</source>
        <translation>掃描器測試</translation>
    </message>
    <message>
        <source>Scan any barcode into the field: the till shows what it read.</source>
        <translation>在欄位中掃描任一條碼：收銀機會顯示讀到的內容。</translation>
    </message>
    <message>
        <source>A prefix or suffix is only needed if the scanner was set to add characters before or after each code. No scanner yet? Press Enter to go on.</source>
        <translation>只有當掃描器被設定在條碼前後加字元時，才需要前置或後置字元。還沒有掃描器？按 Enter 繼續。</translation>
    </message>
    <message>
        <source>&amp;Scan here:</source>
        <translation>在此掃描(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>前置字元(&amp;P)：</translation>
    </message>
    <message>
        <source>S&amp;uffix:</source>
        <translation>後置字元(&amp;U)：</translation>
    </message>
    <message>
        <source>All set</source>
        <translation>設定完成</translation>
    </message>
    <message>
        <source>Press Enter to finish.</source>
        <translation>按 Enter 完成設定。</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>語言：%1</translation>
    </message>
    <message>
        <source>Warehouse: %1</source>
        <translation>倉儲伺服器：%1</translation>
    </message>
    <message>
        <source>Receipt printer: %1</source>
        <translation>收據印表機：%1</translation>
    </message>
    <message>
        <source>none (receipts are kept in a file)</source>
        <translation>無（收據存成檔案）</translation>
    </message>
    <message>
        <source>The printer and scanner settings apply now; a new language or warehouse address when the counter starts again.</source>
        <translation>印表機與掃描器設定立即生效；新的語言或倉儲位址在收銀程式重新啟動後生效。</translation>
    </message>
    <message>
        <source>Set up this till</source>
        <translation>設定這台收銀機</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <source>No shift is open: count the float and open one</source>
        <translation>尚未開班：請點算零用金後開班</translation>
    </message>
    <message>
        <source>A shift is already open</source>
        <translation>已有開班中的班次</translation>
    </message>
    <message>
        <source>The count is not valid</source>
        <translation>點數資料有誤</translation>
    </message>
    <message>
        <source>Enter an amount above zero</source>
        <translation>請輸入大於零的金額</translation>
    </message>
    <message>
        <source>That amount is too large to record</source>
        <translation>金額過大，無法記錄</translation>
    </message>
    <message>
        <source>Please give a reason</source>
        <translation>請填寫原因</translation>
    </message>
    <message>
        <source>The reason is too long</source>
        <translation>原因太長</translation>
    </message>
    <message>
        <source>The drawer should not hold that much cash</source>
        <translation>錢櫃應有現金不足此金額</translation>
    </message>
    <message>
        <source>%1 operations still wait to sync: a supervisor must confirm the close</source>
        <translation>尚有 %1 筆作業待同步：關帳需主管確認</translation>
    </message>
    <message>
        <source>It was not saved: %1</source>
        <translation>未儲存：%1</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>信用卡</translation>
    </message>
    <message>
        <source>Store voucher</source>
        <translation>禮券</translation>
    </message>
    <message>
        <source>JKOPAY</source>
        <translation>街口支付</translation>
    </message>
    <message>
        <source>EasyCard</source>
        <translation>悠遊卡</translation>
    </message>
    <message>
        <source>iPASS</source>
        <translation>一卡通</translation>
    </message>
    <message>
        <source>Open the shift</source>
        <translation>開班</translation>
    </message>
    <message>
        <source>Cash in…</source>
        <translation>存入現金…</translation>
    </message>
    <message>
        <source>Cash out…</source>
        <translation>取出現金…</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X 報表</translation>
    </message>
    <message>
        <source>Close the shift</source>
        <translation>關帳</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Expected in the drawer</source>
        <translation>錢櫃應有現金</translation>
    </message>
    <message>
        <source>Counted at the last close</source>
        <translation>上次關帳點數</translation>
    </message>
    <message>
        <source>Shift opened with %1</source>
        <translation>已開班，零用金 %1</translation>
    </message>
    <message>
        <source>Cash in: %1</source>
        <translation>已存入現金 %1</translation>
    </message>
    <message>
        <source>Cash out: %1</source>
        <translation>已取出現金 %1</translation>
    </message>
    <message>
        <source>X report printed</source>
        <translation>X 報表已列印</translation>
    </message>
    <message>
        <source>Close the shift with %1 operations not yet synced</source>
        <translation>在 %1 筆作業尚未同步時關帳</translation>
    </message>
    <message>
        <source>Shift closed. Difference %1. The Z report is printing.</source>
        <translation>已關帳，差額 %1。Z 報表列印中。</translation>
    </message>
    <message>
        <source>The report was not printed: %1</source>
        <translation>報表未列印：%1</translation>
    </message>
    <message>
        <source>Shift open since %1 (%2)</source>
        <translation>開班中：%1 起（%2）</translation>
    </message>
    <message>
        <source>To close: count the drawer, then Close the shift</source>
        <translation>關帳：點算錢櫃現金後按「關帳」</translation>
    </message>
    <message>
        <source>No shift open</source>
        <translation>尚未開班</translation>
    </message>
    <message>
        <source>To open: count the float, then Open the shift</source>
        <translation>開班：點算零用金後按「開班」</translation>
    </message>
    <message>
        <source>Z report (closed)</source>
        <translation>Z 報表（關帳）</translation>
    </message>
    <message>
        <source>X report (so far)</source>
        <translation>X 報表（交班中）</translation>
    </message>
    <message>
        <source>%1: %2 sales</source>
        <translation>%1：%2 筆</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>開班零用金</translation>
    </message>
    <message>
        <source>  difference from the last close</source>
        <translation>  與上次關帳點數差額</translation>
    </message>
    <message>
        <source>Cash sales</source>
        <translation>現金銷售</translation>
    </message>
    <message>
        <source>Cash refunds</source>
        <translation>現金退款</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>存入現金</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>取出現金</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>實點現金</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差額</translation>
    </message>
    <message>
        <source>Carts voided: %1</source>
        <translation>作廢交易：%1 筆</translation>
    </message>
    <message>
        <source>Operations waiting to sync</source>
        <translation>待同步作業</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>員工密碼</translation>
    </message>
    <message>
        <source>Sign in (Enter)</source>
        <translation>登入 (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>請輸入員工密碼</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>密碼錯誤</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <source>Stock: %1</source>
        <translation>庫存：%1</translation>
    </message>
    <message>
        <source>Live from the warehouse</source>
        <translation>即時庫存（倉儲連線中）</translation>
    </message>
    <message>
        <source>Offline: cached figures, up to %1 old</source>
        <translation>離線：顯示快取庫存，最舊 %1 前</translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation>%1（本店）</translation>
    </message>
    <message>
        <source>%1 (available %2)</source>
        <translation>%1（可用 %2）</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Barcode, SKU or name, then Enter</source>
        <translation>輸入條碼、貨號或品名後按 Enter</translation>
    </message>
    <message>
        <source>0912345678 or (02) 2345-6789</source>
        <translation>0912345678 或 (02) 2345-6789</translation>
    </message>
    <message>
        <source>Reserve for pickup</source>
        <translation>預約門市取貨</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顧客</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Ship to customer (warehouse)…</source>
        <translation>宅配給顧客（倉庫出貨）…</translation>
    </message>
    <message>
        <source>Ship to customer (partner)…</source>
        <translation>宅配給顧客（代發夥伴）…</translation>
    </message>
    <message>
        <source>Request a transfer to this store</source>
        <translation>調撥到本店</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <source>Transfer to this store requested: %1 (see Store stock, Shift+F3)</source>
        <translation>已申請調撥到本店：%1（見門市庫存 Shift+F3）</translation>
    </message>
    <message>
        <source>The quantity must be between 1 and 999</source>
        <translation>數量須介於 1 到 999</translation>
    </message>
    <message>
        <source>Reserved for pickup, pending confirmation: %1 (see Pickups, F8)</source>
        <translation>已預約取貨，待總部確認：%1（見門市取貨 F8）</translation>
    </message>
    <message>
        <source>Look-up failed: %1</source>
        <translation>查詢失敗：%1</translation>
    </message>
</context>
<context>
    <name>StockToCountDialog</name>
    <message>
        <source>Stock to count</source>
        <translation>待盤點庫存</translation>
    </message>
    <message>
        <source>Products this store has sold more of than its records hold. Count them on the shelf and correct the stock. Figures include sales not yet sent to the warehouse.</source>
        <translation>本店賣出數量超過帳上庫存的商品。請到貨架盤點並更正庫存。數字已包含尚未上傳倉儲的銷售。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品編號</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>庫存</translation>
    </message>
    <message>
        <source>Not yet synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Warehouse figure of</source>
        <translation>倉儲數字時間</translation>
    </message>
    <message>
        <source>No product is below zero at this store.</source>
        <translation>本店沒有庫存低於零的商品。</translation>
    </message>
    <message>
        <source>The warehouse reported these below zero when it applied this store's sales:</source>
        <translation>倉儲入帳本店銷售時回報以下商品庫存低於零：</translation>
    </message>
    <message>
        <source>Warehouse figure</source>
        <translation>倉儲數字</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收據號碼</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>回報時間</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>never</source>
        <translation>從未</translation>
    </message>
</context>
<context>
    <name>StoreStockScreen</name>
    <message>
        <source>Transfers</source>
        <translation>調撥</translation>
    </message>
    <message>
        <source>Replenishment</source>
        <translation>補貨</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>盤點</translation>
    </message>
    <message>
        <source>Barcode, SKU or name, then Enter</source>
        <translation>輸入條碼、貨號或品名後按 Enter</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>原因（可不填）</translation>
    </message>
    <message>
        <source>Request from the warehouse</source>
        <translation>向倉庫申請調撥</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件數</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新時間</translation>
    </message>
    <message>
        <source>Receive by scanning</source>
        <translation>掃描收貨</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>出貨數</translation>
    </message>
    <message>
        <source>Confirm the receipt</source>
        <translation>確認收貨</translation>
    </message>
    <message>
        <source>Stop receiving</source>
        <translation>停止收貨</translation>
    </message>
    <message>
        <source>Set the count of the selected line</source>
        <translation>設定所選項目的數量</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品編號</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全庫存</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>再訂購點</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>建議數量</translation>
    </message>
    <message>
        <source>From</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>Request the suggested transfer (Enter)</source>
        <translation>申請建議調撥（Enter）</translation>
    </message>
    <message>
        <source>Idle units</source>
        <translation>閒置數量</translation>
    </message>
    <message>
        <source>Value tied up</source>
        <translation>積壓金額</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>建議處理</translation>
    </message>
    <message>
        <source>Low stock and transfers to ask for</source>
        <translation>低庫存與建議調撥</translation>
    </message>
    <message>
        <source>Idle stock at this store</source>
        <translation>本店閒置庫存</translation>
    </message>
    <message>
        <source>Whole store</source>
        <translation>全店</translation>
    </message>
    <message>
        <source>One category</source>
        <translation>單一類別</translation>
    </message>
    <message>
        <source>Items flagged for a count</source>
        <translation>待盤點品項</translation>
    </message>
    <message>
        <source>Blind count (hide the expected figure)</source>
        <translation>盲盤（不顯示帳面數）</translation>
    </message>
    <message>
        <source>Start counting</source>
        <translation>開始盤點</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>帳面數</translation>
    </message>
    <message>
        <source>Recount</source>
        <translation>複盤</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>差異</translation>
    </message>
    <message>
        <source>Finish counting</source>
        <translation>完成初盤</translation>
    </message>
    <message>
        <source>Submit the count</source>
        <translation>送出盤點</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>重新盤點</translation>
    </message>
    <message>
        <source>Put the session away</source>
        <translation>結束此盤點</translation>
    </message>
    <message>
        <source>Reconcile a product: barcode or SKU, then Enter</source>
        <translation>對帳商品：輸入條碼或貨號後按 Enter</translation>
    </message>
    <message>
        <source>Store stock</source>
        <translation>門市庫存</translation>
    </message>
    <message>
        <source>Nothing matches “%1”</source>
        <translation>找不到符合「%1」的商品</translation>
    </message>
    <message>
        <source>Requested from the warehouse, pending until it answers: %1</source>
        <translation>已向倉庫申請，待倉庫回覆：%1</translation>
    </message>
    <message>
        <source>Choose a shipped transfer first</source>
        <translation>請先選擇已出貨的調撥單</translation>
    </message>
    <message>
        <source>Scan each item of the transfer: each scan counts one</source>
        <translation>逐件掃描調撥商品：每掃一次算一件</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>短少 %1</translation>
    </message>
    <message>
        <source>%1 extra</source>
        <translation>多出 %1</translation>
    </message>
    <message>
        <source>Short: %1, extra: %2</source>
        <translation>短少：%1，多出：%2</translation>
    </message>
    <message>
        <source>Received; the warehouse is told what arrived (short %1, extra %2)</source>
        <translation>已收貨，實收數量將回報倉庫（短少 %1，多出 %2）</translation>
    </message>
    <message>
        <source>No figures yet: the warehouse has not answered</source>
        <translation>尚無資料：倉庫尚未回應</translation>
    </message>
    <message>
        <source>Units counted</source>
        <translation>實點數</translation>
    </message>
    <message>
        <source>Short or extra</source>
        <translation>短少／多出</translation>
    </message>
    <message>
        <source>Live figures from the warehouse</source>
        <translation>倉庫即時資料</translation>
    </message>
    <message>
        <source>Offline: figures from %1 (%2 min old)</source>
        <translation>離線：%1 的資料（%2 分鐘前）</translation>
    </message>
    <message>
        <source>supplier order</source>
        <translation>向供應商訂貨</translation>
    </message>
    <message>
        <source>The warehouse has none to send: this one is a supplier order</source>
        <translation>倉庫無貨可調，此項須向供應商訂貨</translation>
    </message>
    <message>
        <source>Below the reorder point</source>
        <translation>低於再訂購點</translation>
    </message>
    <message>
        <source>No count in progress</source>
        <translation>目前沒有進行中的盤點</translation>
    </message>
    <message>
        <source>asked</source>
        <translation>待複盤</translation>
    </message>
    <message>
        <source>Blind count: the figures show once it is submitted</source>
        <translation>盲盤：送出後才顯示帳面數與差異</translation>
    </message>
    <message>
        <source>Variance: %1 short, %2 over, net %3</source>
        <translation>差異：短少 %1 件，多出 %2 件，淨額 %3</translation>
    </message>
    <message>
        <source>Count these %1 lines again: they are far from the expected figure</source>
        <translation>這 %1 項與帳面差異大，請複盤</translation>
    </message>
    <message>
        <source>Counted. Check the variance, then submit.</source>
        <translation>初盤完成，請檢查差異後送出。</translation>
    </message>
    <message>
        <source>Count submitted; the warehouse applies it if no sale moved the figures meanwhile</source>
        <translation>盤點已送出；若期間沒有銷售異動，倉庫即會套用</translation>
    </message>
    <message>
        <source>live</source>
        <translation>即時</translation>
    </message>
    <message>
        <source>%1 min old</source>
        <translation>%1 分鐘前</translation>
    </message>
    <message>
        <source>%1: warehouse ledger %2 (%3)</source>
        <translation>%1：倉庫帳 %2（%3）</translation>
    </message>
    <message>
        <source>= this counter %1</source>
        <translation>＝ 本櫃台 %1</translation>
    </message>
    <message>
        <source>(%1 more on the way, in neither figure)</source>
        <translation>（另有 %1 件在途，兩邊都未計入）</translation>
    </message>
    <message>
        <source>Pending (not sent yet)</source>
        <translation>待送出</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已申請</translation>
    </message>
    <message>
        <source>Shipped (in transit)</source>
        <translation>已出貨（在途）</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>實收</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Transfer %1 to %2</source>
        <translation>調撥 %1 件到 %2</translation>
    </message>
    <message>
        <source>Offer %1 to the group-buy channel</source>
        <translation>提供 %1 件給團購通路</translation>
    </message>
    <message>
        <source>Stop holding it: dropship only</source>
        <translation>不再備貨：改為廠商直送</translation>
    </message>
    <message>
        <source>count not applied yet</source>
        <translation>盤點尚未套用</translation>
    </message>
    <message>
        <source>sales not synced yet</source>
        <translation>銷售尚未同步</translation>
    </message>
    <message>
        <source>returns not synced yet</source>
        <translation>退貨尚未同步</translation>
    </message>
    <message>
        <source>transfer received here, not synced yet</source>
        <translation>本店已收貨，尚未同步</translation>
    </message>
    <message>
        <source>synced, waiting for the next figure</source>
        <translation>已同步，等待下次庫存更新</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>類別 %1</translation>
    </message>
    <message>
        <source>counting</source>
        <translation>盤點中</translation>
    </message>
    <message>
        <source>submitted, waiting for the warehouse</source>
        <translation>已送出，等待倉庫</translation>
    </message>
    <message>
        <source>applied by the warehouse</source>
        <translation>倉庫已套用</translation>
    </message>
    <message>
        <source>refused: the figures moved (a sale or receipt landed); count again</source>
        <translation>被退回：期間有銷售或收貨使數量變動，請重新盤點</translation>
    </message>
    <message>
        <source>refused by the warehouse; count again</source>
        <translation>被倉庫退回，請重新盤點</translation>
    </message>
    <message>
        <source>put away</source>
        <translation>已結束</translation>
    </message>
    <message>
        <source>%1: %2 lines, %3 scanned, %4 recounts left — %5</source>
        <translation>%1：共 %2 項，已掃 %3 項，待複盤 %4 項 — %5</translation>
    </message>
    <message>
        <source>The quantity must be between 1 and 999</source>
        <translation>數量須介於 1 到 999</translation>
    </message>
    <message>
        <source>The reason is too long (200 characters at most)</source>
        <translation>原因過長（最多 200 字）</translation>
    </message>
    <message>
        <source>This transfer is not known at this till</source>
        <translation>本機找不到這張調撥單</translation>
    </message>
    <message>
        <source>Only a shipped transfer can be received</source>
        <translation>只有已出貨的調撥單可以收貨</translation>
    </message>
    <message>
        <source>Nothing to receive</source>
        <translation>沒有可收貨的項目</translation>
    </message>
    <message>
        <source>A count is already in progress: finish it or put it away</source>
        <translation>已有進行中的盤點：請先完成或結束</translation>
    </message>
    <message>
        <source>Start a count first</source>
        <translation>請先開始盤點</translation>
    </message>
    <message>
        <source>Choose what to count</source>
        <translation>請選擇盤點範圍</translation>
    </message>
    <message>
        <source>Choose a category</source>
        <translation>請選擇類別</translation>
    </message>
    <message>
        <source>Nothing to count in this scope</source>
        <translation>此範圍沒有可盤點的商品</translation>
    </message>
    <message>
        <source>Count the lines asked for again before submitting</source>
        <translation>送出前請先完成複盤項目</translation>
    </message>
    <message>
        <source>This count was not refused</source>
        <translation>此盤點並未被退回</translation>
    </message>
</context>
<context>
    <name>SupervisorApprovalDialog</name>
    <message>
        <source>Supervisor approval</source>
        <translation>主管授權</translation>
    </message>
    <message>
        <source>Supervisor PIN</source>
        <translation>主管密碼</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>That PIN is not a supervisor's</source>
        <translation>此密碼不是主管密碼</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>密碼錯誤</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 seconds</source>
        <translation>密碼錯誤次數過多：請 %1 秒後再試</translation>
    </message>
    <message>
        <source>This PIN is too short to approve: ask the office for a PIN of 6 digits or more</source>
        <translation>密碼太短，不能核准：請總部設定 6 位數以上的密碼</translation>
    </message>
    <message>
        <source>Device settings need a manager's PIN</source>
        <translation>裝置設定需要店長密碼</translation>
    </message>
    <message>
        <source>The set-up wizard needs a manager's PIN</source>
        <translation>設定精靈需要店長密碼</translation>
    </message>
    <message>
        <source>Please give a reason</source>
        <translation>請填寫原因</translation>
    </message>
    <message>
        <source>The approval has expired; ask again</source>
        <translation>授權已失效，請重新授權</translation>
    </message>
    <message>
        <source>The approval could not be checked; try again</source>
        <translation>無法確認授權，請再試一次</translation>
    </message>
    <message>
        <source>Approve (Enter)</source>
        <translation>核准 (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Operations the warehouse rejected</source>
        <translation>倉儲拒絕的作業</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>建立時間</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>目前沒有需要處理的作業。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>Discard… (supervisor)</source>
        <translation>捨棄…（需主管）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Discard %1: it will never reach the warehouse.</source>
        <translation>捨棄 %1：這筆作業將不會送達倉儲。</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Something went wrong</source>
        <translation>發生問題</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>磁碟已滿。請清出空間後再試一次。</translation>
    </message>
    <message>
        <source>The connection failed or timed out. Nothing was lost; try again in a moment.</source>
        <translation>連線失敗或逾時。資料沒有遺失，請稍後再試一次。</translation>
    </message>
    <message>
        <source>Something went wrong and it was not done. It has been written to the log; if it happens again, tell your supervisor.</source>
        <translation>發生問題，這項操作沒有完成。已寫入紀錄；若再次發生，請告知主管。</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>總計</translation>
    </message>
    <message>
        <source>Left to pay</source>
        <translation>尚需支付</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>剛好</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>授權碼</translation>
    </message>
    <message>
        <source>From the card terminal's slip</source>
        <translation>刷卡機簽單上的授權碼</translation>
    </message>
    <message>
        <source>E-invoice</source>
        <translation>電子發票</translation>
    </message>
    <message>
        <source>Carrier, donation code or tax ID</source>
        <translation>載具、愛心碼或統一編號</translation>
    </message>
    <message>
        <source>Enter: take this payment · Esc: take the last payment back, or leave</source>
        <translation>Enter：收下這筆付款 · Esc：取消上一筆付款，或返回</translation>
    </message>
    <message>
        <source>Face value</source>
        <translation>面額</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>實收</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>禮券號碼</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>交易序號</translation>
    </message>
    <message>
        <source>Transaction reference, never the card number</source>
        <translation>交易序號，切勿輸入卡號</translation>
    </message>
    <message>
        <source>Transaction reference</source>
        <translation>交易序號</translation>
    </message>
    <message>
        <source>Taken back: %1 %2</source>
        <translation>已取消：%1 %2</translation>
    </message>
    <message>
        <source>Enter the amount</source>
        <translation>請輸入金額</translation>
    </message>
    <message>
        <source>Complete sale (Enter)</source>
        <translation>完成交易 (Enter)</translation>
    </message>
    <message>
        <source>Take payment (Enter)</source>
        <translation>收下付款 (Enter)</translation>
    </message>
    <message>
        <source>Vouchers give no change: %1 of this voucher is forfeited (printed on the receipt)</source>
        <translation>禮券不找零：此券 %1 不予找還（印於收據）</translation>
    </message>
    <message>
        <source>Take back last (Esc)</source>
        <translation>取消上一筆 (Esc)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>返回 (Esc)</translation>
    </message>
    <message>
        <source>approval %1</source>
        <translation>授權 %1</translation>
    </message>
    <message>
        <source>received %1, change %2</source>
        <translation>實收 %1，找零 %2</translation>
    </message>
    <message>
        <source>face value %1</source>
        <translation>面額 %1</translation>
    </message>
    <message>
        <source>That looks like a card number. Never type card numbers: enter the terminal's reference and approval code.</source>
        <translation>這看起來是信用卡卡號。切勿輸入卡號：請輸入刷卡機的交易序號與授權碼。</translation>
    </message>
    <message>
        <source>Enter the reference</source>
        <translation>請輸入交易序號</translation>
    </message>
    <message>
        <source>Enter the approval code from the terminal</source>
        <translation>請輸入刷卡機的授權碼</translation>
    </message>
    <message>
        <source>More than is left to pay: %1</source>
        <translation>超過尚需支付的金額：%1</translation>
    </message>
    <message>
        <source>Enter an amount above zero</source>
        <translation>請輸入大於零的金額</translation>
    </message>
    <message>
        <source>The reference is too long</source>
        <translation>交易序號太長</translation>
    </message>
    <message>
        <source>The reference holds a character that cannot be kept</source>
        <translation>交易序號含有無法保存的字元</translation>
    </message>
    <message>
        <source>No more payments fit on one sale</source>
        <translation>一筆交易無法再加入更多付款</translation>
    </message>
    <message>
        <source>Nothing is left to pay</source>
        <translation>已無待付金額</translation>
    </message>
    <message>
        <source>Not a valid carrier</source>
        <translation>載具格式錯誤</translation>
    </message>
    <message>
        <source>Not a valid donation code</source>
        <translation>愛心碼格式錯誤</translation>
    </message>
    <message>
        <source>Not a valid tax ID</source>
        <translation>統一編號錯誤</translation>
    </message>
    <message>
        <source>Give a carrier, a donation code or a tax ID, not two</source>
        <translation>載具、愛心碼、統一編號只能擇一</translation>
    </message>
</context>
<context>
    <name>VoidAllowance</name>
    <message>
        <source>Void an allowance</source>
        <translation>作廢折讓單</translation>
    </message>
    <message>
        <source>No allowance with that number on this till's invoices</source>
        <translation>本機的發票沒有這張折讓單</translation>
    </message>
    <message>
        <source>That allowance is void already</source>
        <translation>這張折讓單已作廢</translation>
    </message>
    <message>
        <source>The allowance could not be voided: %1</source>
        <translation>無法作廢折讓單：%1</translation>
    </message>
    <message>
        <source>An allowance number looks like AB12345678-01</source>
        <translation>折讓單號的格式如 AB12345678-01</translation>
    </message>
    <message>
        <source>Void allowance %1: a supervisor's PIN and the reason</source>
        <translation>作廢折讓單 %1：請輸入主管 PIN 與原因</translation>
    </message>
    <message>
        <source>Allowance %1 voided: the invoice is no longer reduced by it. The return and its refund stay as they were.</source>
        <translation>折讓單 %1 已作廢：原發票不再因此折讓。退貨與退款維持原狀。</translation>
    </message>
    <message>
        <source>Allowance number (on the allowance certificate)</source>
        <translation>折讓單號（見折讓證明單）</translation>
    </message>
</context>
<context>
    <name>VoidRefundDialog</name>
    <message>
        <source>Void a sale</source>
        <translation>作廢交易</translation>
    </message>
    <message>
        <source>Sale %1: %2 goes back to the tenders that paid it. Cancel each card or mobile payment on its terminal and type the cancellation's reference.</source>
        <translation>交易 %1：%2 將退回原付款方式。請先在刷卡機或行動支付端取消各筆付款，再輸入取消的參考號。</translation>
    </message>
</context>
<context>
    <name>VoidSale</name>
    <message>
        <source>No sale with that receipt number at this till</source>
        <translation>本機查無此收據號碼的交易</translation>
    </message>
    <message>
        <source>That sale is not of this shift: take it back as a return (F7) instead</source>
        <translation>此交易不屬於本班：請改用退貨 (F7)</translation>
    </message>
    <message>
        <source>Everything on that sale has been returned already</source>
        <translation>此交易的商品已全部退回</translation>
    </message>
    <message>
        <source>No shift is open</source>
        <translation>目前沒有開班</translation>
    </message>
    <message>
        <source>The sale could not be voided: %1</source>
        <translation>無法作廢交易：%1</translation>
    </message>
    <message>
        <source>Void sale %1: a supervisor's PIN and the reason</source>
        <translation>作廢交易 %1：請輸入主管密碼與原因</translation>
    </message>
    <message>
        <source>Sale %1 voided: refund %2 in cash (return %3)</source>
        <translation>交易 %1 已作廢：退還現金 %2（退貨單 %3）</translation>
    </message>
    <message>
        <source>Void a sale</source>
        <translation>作廢交易</translation>
    </message>
    <message>
        <source>Sale %1 voided: refund %2 to the tenders that paid it (return %3)</source>
        <translation>交易 %1 已作廢：%2 已退回原付款方式（退貨單 %3）</translation>
    </message>
    <message>
        <source>Receipt number of the sale to void (this shift's only)</source>
        <translation>要作廢的收據號碼（限本班交易）</translation>
    </message>
</context>
</TS>
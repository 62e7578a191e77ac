<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AlertBanner</name>
    <message>
        <source>Open alerts (Ctrl+Shift+A)</source>
        <translation>Open alerts (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>⚠ %1 paid order(s) the warehouse refused: call the customer</source>
        <translation>⚠ %1 paid order(s) the warehouse refused: call the customer</translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message>
        <source>Refused pickups and deliveries</source>
        <translation>Refused pickups and deliveries</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>What failed</source>
        <translation>What failed</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Ship from partner</source>
        <translation>Ship from partner</translation>
    </message>
    <message>
        <source>Ship from warehouse</source>
        <translation>Ship from warehouse</translation>
    </message>
    <message>
        <source>Pick up again</source>
        <translation>Pick up again</translation>
    </message>
    <message>
        <source>Refund the line</source>
        <translation>Refund the line</translation>
    </message>
    <message>
        <source>Cancel… (supervisor)</source>
        <translation>Cancel… (supervisor)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Another source:</source>
        <translation>Another source:</translation>
    </message>
    <message>
        <source>Pickup refused</source>
        <translation>Pickup refused</translation>
    </message>
    <message>
        <source>Delivery refused</source>
        <translation>Delivery refused</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>Nothing needs attention.</translation>
    </message>
    <message>
        <source>Call the customer, then choose: another source, a refund of the line, or cancel with a supervisor.</source>
        <translation>Call the customer, then choose: another source, a refund of the line, or cancel with a supervisor.</translation>
    </message>
    <message>
        <source>Sent again as %1.</source>
        <translation>Sent again as %1.</translation>
    </message>
    <message>
        <source>Refunded %1: give the customer the cash.</source>
        <translation>Refunded %1: give the customer the cash.</translation>
    </message>
    <message>
        <source>The refund is above your limit: a supervisor approves it.</source>
        <translation>The refund is above your limit: a supervisor approves it.</translation>
    </message>
    <message>
        <source>Close this order unfilled: the customer was dealt with another way.</source>
        <translation>Close this order unfilled: the customer was dealt with another way.</translation>
    </message>
    <message>
        <source>Closed by a supervisor.</source>
        <translation>Closed by a supervisor.</translation>
    </message>
    <message>
        <source>Someone resolved this alert already.</source>
        <translation>Someone resolved this alert already.</translation>
    </message>
    <message>
        <source>A delivery needs an address or a pickup store.</source>
        <translation>A delivery needs an address or a pickup store.</translation>
    </message>
    <message>
        <source>This order has no sale at this till to refund.</source>
        <translation>This order has no sale at this till to refund.</translation>
    </message>
    <message>
        <source>Give a reason.</source>
        <translation>Give a reason.</translation>
    </message>
</context>
<context>
    <name>CallListPanel</name>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Hold expired</source>
        <translation>Hold expired</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>Show phone</source>
        <translation>Show phone</translation>
    </message>
    <message>
        <source>Mark called</source>
        <translation>Mark called</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Fulfil from</source>
        <translation>Fulfil from</translation>
    </message>
    <message>
        <source>This store has %1 by the records</source>
        <translation>This store has %1 by the records</translation>
    </message>
    <message>
        <source>Pick up later</source>
        <translation>Pick up later</translation>
    </message>
    <message>
        <source>Ship (partner)</source>
        <translation>Ship (partner)</translation>
    </message>
    <message>
        <source>Ship (warehouse)</source>
        <translation>Ship (warehouse)</translation>
    </message>
    <message>
        <source>Take now</source>
        <translation>Take now</translation>
    </message>
    <message>
        <source>%1 · no figure</source>
        <translation>%1 · no figure</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>cached %1</source>
        <translation>cached %1</translation>
    </message>
    <message>
        <source>%1 · %2 %3 (%4)</source>
        <translation>%1 · %2 %3 (%4)</translation>
    </message>
    <message>
        <source>Change with Fulfilment (F2)</source>
        <translation>Change with Fulfilment (F2)</translation>
    </message>
    <message>
        <source>[price %1, list %2]</source>
        <translation>[price %1, list %2]</translation>
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
        <translation>Cash in</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <source>e.g. change from the bank, paid the courier</source>
        <translation>e.g. change from the bank, paid the courier</translation>
    </message>
    <message>
        <source>Cash amount</source>
        <translation>Cash amount</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Record (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
</context>
<context>
    <name>CountPanel</name>
    <message>
        <source>Denomination</source>
        <translation>Denomination</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Pieces</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>coin</source>
        <translation>coin</translation>
    </message>
    <message>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Difference: %1</source>
        <translation>Difference: %1</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● Unstable connection</source>
        <translation>● Unstable connection</translation>
    </message>
    <message>
        <source>● Offline: sales are kept and sent later</source>
        <translation>● Offline: sales are kept and sent later</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Connecting…</translation>
    </message>
    <message>
        <source>Sending: %1 (oldest %2)</source>
        <translation>Sending: %1 (oldest %2)</translation>
    </message>
    <message>
        <source>Waiting to sync: %1 (oldest %2)</source>
        <translation>Waiting to sync: %1 (oldest %2)</translation>
    </message>
    <message>
        <source>All synced</source>
        <translation>All synced</translation>
    </message>
    <message>
        <source>Failed: %1 need attention</source>
        <translation>Failed: %1 need attention</translation>
    </message>
    <message>
        <source>Stock figures from %1 ago</source>
        <translation>Stock figures from %1 ago</translation>
    </message>
    <message>
        <source>Invoices unsent for %1: upload deadline at risk</source>
        <translation>Invoices unsent for %1: upload deadline at risk</translation>
    </message>
    <message>
        <source>Invoice numbers low: %1 left</source>
        <translation>Invoice numbers low: %1 left</translation>
    </message>
    <message>
        <source>%1 waits to print: %2</source>
        <translation>%1 waits to print: %2</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>Printing failed: %1</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer for pickup and delivery</source>
        <translation>Customer for pickup and delivery</translation>
    </message>
    <message>
        <source>0912345678 or 02-2345-6789</source>
        <translation>0912345678 or 02-2345-6789</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Home delivery</source>
        <translation>Home delivery</translation>
    </message>
    <message>
        <source>Convenience-store pickup</source>
        <translation>Convenience-store pickup</translation>
    </message>
    <message>
        <source>3, 5 or 6 digits</source>
        <translation>3, 5 or 6 digits</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>Street address</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>Store number</source>
        <translation>Store number</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>Store name</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>Ship to</translation>
    </message>
    <message>
        <source>no such district</source>
        <translation>no such district</translation>
    </message>
    <message>
        <source>Type the customer's name.</source>
        <translation>Type the customer's name.</translation>
    </message>
    <message>
        <source>The phone must be a mobile (09 and 8 digits) or a landline with its area code.</source>
        <translation>The phone must be a mobile (09 and 8 digits) or a landline with its area code.</translation>
    </message>
    <message>
        <source>A postal code has 3, 5 or 6 digits.</source>
        <translation>A postal code has 3, 5 or 6 digits.</translation>
    </message>
    <message>
        <source>No postal district starts with these 3 digits.</source>
        <translation>No postal district starts with these 3 digits.</translation>
    </message>
    <message>
        <source>Type the street address.</source>
        <translation>Type the street address.</translation>
    </message>
    <message>
        <source>The address is too long.</source>
        <translation>The address is too long.</translation>
    </message>
    <message>
        <source>Choose a convenience-store chain.</source>
        <translation>Choose a convenience-store chain.</translation>
    </message>
    <message>
        <source>A store number has 4 to 8 letters or digits.</source>
        <translation>A store number has 4 to 8 letters or digits.</translation>
    </message>
    <message>
        <source>Type the store's name.</source>
        <translation>Type the store's name.</translation>
    </message>
</context>
<context>
    <name>DemandChart</name>
    <message>
        <source>Daily sales (solid) and forecast (dashed)</source>
        <translation>Daily sales (solid) and forecast (dashed)</translation>
    </message>
    <message>
        <source>Offline: the chart is %1 min old</source>
        <translation>Offline: the chart is %1 min old</translation>
    </message>
    <message>
        <source>No sales history or forecast from the warehouse yet</source>
        <translation>No sales history or forecast from the warehouse yet</translation>
    </message>
    <message>
        <source>No sales of this product here or at the warehouse yet, and no forecast</source>
        <translation>No sales of this product here or at the warehouse yet, and no forecast</translation>
    </message>
    <message>
        <source>%1 sold</source>
        <translation>%1 sold</translation>
    </message>
    <message>
        <source>%1 forecast</source>
        <translation>%1 forecast</translation>
    </message>
</context>
<context>
    <name>DeviceMessages</name>
    <message>
        <source>Printer offline, receipt waiting to print</source>
        <translation>Printer offline, receipt waiting to print</translation>
    </message>
    <message>
        <source>Printer out of paper: load paper; the receipt waits to print</source>
        <translation>Printer out of paper: load paper; the receipt waits to print</translation>
    </message>
    <message>
        <source>No permission to use the USB printer: a udev rule is needed</source>
        <translation>No permission to use the USB printer: a udev rule is needed</translation>
    </message>
    <message>
        <source>Printer not found: check the cable and the settings</source>
        <translation>Printer not found: check the cable and the settings</translation>
    </message>
    <message>
        <source>A printer driver component is missing</source>
        <translation>A printer driver component is missing</translation>
    </message>
    <message>
        <source>The printer settings are wrong</source>
        <translation>The printer settings are wrong</translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation>printer offline</translation>
    </message>
    <message>
        <source>out of paper</source>
        <translation>out of paper</translation>
    </message>
    <message>
        <source>no permission for the USB printer</source>
        <translation>no permission for the USB printer</translation>
    </message>
    <message>
        <source>printer not found</source>
        <translation>printer not found</translation>
    </message>
    <message>
        <source>printer driver missing</source>
        <translation>printer driver missing</translation>
    </message>
    <message>
        <source>printer settings wrong</source>
        <translation>printer settings wrong</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <source>Return %1</source>
        <translation>Return %1</translation>
    </message>
    <message>
        <source>Exchange %1</source>
        <translation>Exchange %1</translation>
    </message>
    <message>
        <source>Pickup slip %1</source>
        <translation>Pickup slip %1</translation>
    </message>
    <message>
        <source>Handover slip %1</source>
        <translation>Handover slip %1</translation>
    </message>
    <message>
        <source>Dropship slip %1</source>
        <translation>Dropship slip %1</translation>
    </message>
    <message>
        <source>%1 report</source>
        <translation>%1 report</translation>
    </message>
    <message>
        <source>Test page</source>
        <translation>Test page</translation>
    </message>
    <message>
        <source>E-invoice %1</source>
        <translation>E-invoice %1</translation>
    </message>
    <message>
        <source>Allowance %1</source>
        <translation>Allowance %1</translation>
    </message>
    <message>
        <source>Print job</source>
        <translation>Print job</translation>
    </message>
    <message>
        <source>%1 (reprint)</source>
        <translation>%1 (reprint)</translation>
    </message>
    <message>
        <source>Open the cash drawer</source>
        <translation>Open the cash drawer</translation>
    </message>
    <message>
        <source>Drawer not opened: %1</source>
        <translation>Drawer not opened: %1</translation>
    </message>
    <message>
        <source>Printing failed (program error): %1</source>
        <translation>Printing failed (program error): %1</translation>
    </message>
    <message>
        <source>The print was cut off; it prints again in full, marked as a reprint.</source>
        <translation>The print was cut off; it prints again in full, marked as a reprint.</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Done: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Print test</source>
        <translation>Print test</translation>
    </message>
    <message>
        <source>TEST PAGE</source>
        <translation>TEST PAGE</translation>
    </message>
    <message>
        <source>Printer: </source>
        <translation>Printer: </translation>
    </message>
    <message>
        <source>Printer profile: </source>
        <translation>Printer profile: </translation>
    </message>
    <message>
        <source>Paper: </source>
        <translation>Paper: </translation>
    </message>
    <message>
        <source>Encoding: </source>
        <translation>Encoding: </translation>
    </message>
    <message>
        <source>Time: </source>
        <translation>Time: </translation>
    </message>
    <message>
        <source>Traditional Chinese: </source>
        <translation>Traditional Chinese: </translation>
    </message>
    <message>
        <source>Bold</source>
        <translation>Bold</translation>
    </message>
    <message>
        <source>Centred</source>
        <translation>Centred</translation>
    </message>
    <message>
        <source>Right-aligned</source>
        <translation>Right-aligned</translation>
    </message>
    <message>
        <source>Alignment test</source>
        <translation>Alignment test</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsDialog</name>
    <message>
        <source>Receipt printer and scanner settings</source>
        <translation>Receipt printer and scanner settings</translation>
    </message>
    <message>
        <source>Network (TCP 9100)</source>
        <translation>Network (TCP 9100)</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>Serial port (COM)</source>
        <translation>Serial port (COM)</translation>
    </message>
    <message>
        <source>Windows printer</source>
        <translation>Windows printer</translation>
    </message>
    <message>
        <source>CUPS printer</source>
        <translation>CUPS printer</translation>
    </message>
    <message>
        <source>Device file</source>
        <translation>Device file</translation>
    </message>
    <message>
        <source>80 mm (48 columns)</source>
        <translation>80 mm (48 columns)</translation>
    </message>
    <message>
        <source>58 mm (32 columns)</source>
        <translation>58 mm (32 columns)</translation>
    </message>
    <message>
        <source>Big5 (Taiwan models)</source>
        <translation>Big5 (Taiwan models)</translation>
    </message>
    <message>
        <source>GB18030 (mainland models)</source>
        <translation>GB18030 (mainland models)</translation>
    </message>
    <message>
        <source>Image (any printer)</source>
        <translation>Image (any printer)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Printer profile</source>
        <translation>Printer profile</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>Chinese encoding</source>
        <translation>Chinese encoding</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Pin 2 (usual)</source>
        <translation>Pin 2 (usual)</translation>
    </message>
    <message>
        <source>Pin 5 (second drawer)</source>
        <translation>Pin 5 (second drawer)</translation>
    </message>
    <message>
        <source>Drawer pin</source>
        <translation>Drawer pin</translation>
    </message>
    <message>
        <source>Pulse on</source>
        <translation>Pulse on</translation>
    </message>
    <message>
        <source>Pulse off</source>
        <translation>Pulse off</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Cash drawer</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>Test the drawer</source>
        <translation>Test the drawer</translation>
    </message>
    <message>
        <source>Not tested yet</source>
        <translation>Not tested yet</translation>
    </message>
    <message>
        <source>Linux USB permissions</source>
        <translation>Linux USB permissions</translation>
    </message>
    <message>
        <source>Scanner test</source>
        <translation>Scanner test</translation>
    </message>
    <message>
        <source>Scan any code; what it is shows below:</source>
        <translation>Scan any code; what it is shows below:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Receipt preview</source>
        <translation>Receipt preview</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>%1 or %1:9100</source>
        <translation>%1 or %1:9100</translation>
    </message>
    <message>
        <source>04b8:0e15 (vendor:product)</source>
        <translation>04b8:0e15 (vendor:product)</translation>
    </message>
    <message>
        <source>COM3 or /dev/ttyUSB0@9600</source>
        <translation>COM3 or /dev/ttyUSB0@9600</translation>
    </message>
    <message>
        <source>Enter the USB address, e.g. 04b8:0e15 (vendor:product, shown by lsusb).</source>
        <translation>Enter the USB address, e.g. 04b8:0e15 (vendor:product, shown by lsusb).</translation>
    </message>
    <message>
        <source>No permission to use the USB printer (errno 13, access denied). Run these commands as an administrator to install the udev rule:</source>
        <translation>No permission to use the USB printer (errno 13, access denied). Run these commands as an administrator to install the udev rule:</translation>
    </message>
    <message>
        <source>On Linux a USB printer needs a udev rule before a normal user can print:</source>
        <translation>On Linux a USB printer needs a udev rule before a normal user can print:</translation>
    </message>
    <message>
        <source>Invalid settings: %1</source>
        <translation>Invalid settings: %1</translation>
    </message>
    <message>
        <source>Test page sent, waiting to print…</source>
        <translation>Test page sent, waiting to print…</translation>
    </message>
    <message>
        <source>Install the udev rule below.</source>
        <translation>Install the udev rule below.</translation>
    </message>
    <message>
        <source>Product barcode</source>
        <translation>Product barcode</translation>
    </message>
    <message>
        <source>GS1 code</source>
        <translation>GS1 code</translation>
    </message>
    <message>
        <source>In-store weight/price label</source>
        <translation>In-store weight/price label</translation>
    </message>
    <message>
        <source>Receipt number (returns)</source>
        <translation>Receipt number (returns)</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>Pickup code</translation>
    </message>
    <message>
        <source>E-invoice carrier</source>
        <translation>E-invoice carrier</translation>
    </message>
    <message>
        <source>Invalid code</source>
        <translation>Invalid code</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>%1 × %2 at %3</source>
        <translation>%1 × %2 at %3</translation>
    </message>
    <message>
        <source>%1 × %2 at %3 (list price %4)</source>
        <translation>%1 × %2 at %3 (list price %4)</translation>
    </message>
    <message>
        <source>No line selected: a discount on the whole cart</source>
        <translation>No line selected: a discount on the whole cart</translation>
    </message>
    <message>
        <source>Line: percent off (Ctrl+1)</source>
        <translation>Line: percent off (Ctrl+1)</translation>
    </message>
    <message>
        <source>Line: NT$ off (Ctrl+2)</source>
        <translation>Line: NT$ off (Ctrl+2)</translation>
    </message>
    <message>
        <source>Line: new unit price (Ctrl+3)</source>
        <translation>Line: new unit price (Ctrl+3)</translation>
    </message>
    <message>
        <source>Whole cart: percent off (Ctrl+4)</source>
        <translation>Whole cart: percent off (Ctrl+4)</translation>
    </message>
    <message>
        <source>Whole cart: NT$ off (Ctrl+5)</source>
        <translation>Whole cart: NT$ off (Ctrl+5)</translation>
    </message>
    <message>
        <source>e.g. damaged box, price match</source>
        <translation>e.g. damaged box, price match</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Take the discount off (Ctrl+0)</source>
        <translation>Take the discount off (Ctrl+0)</translation>
    </message>
    <message>
        <source>Apply (Enter)</source>
        <translation>Apply (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>Percent off</source>
        <translation>Percent off</translation>
    </message>
    <message>
        <source>NT$ off</source>
        <translation>NT$ off</translation>
    </message>
    <message>
        <source>New unit price NT$</source>
        <translation>New unit price NT$</translation>
    </message>
    <message>
        <source>Takes %1 off: the cart comes to %2 (was %3)</source>
        <translation>Takes %1 off: the cart comes to %2 (was %3)</translation>
    </message>
    <message>
        <source>A percent is a whole number from 1 to 100</source>
        <translation>A percent is a whole number from 1 to 100</translation>
    </message>
    <message>
        <source>An amount is a whole NT$ above 0</source>
        <translation>An amount is a whole NT$ above 0</translation>
    </message>
    <message>
        <source>A price is a whole NT$ of 0 or more</source>
        <translation>A price is a whole NT$ of 0 or more</translation>
    </message>
    <message>
        <source>A new price needs a reason</source>
        <translation>A new price needs a reason</translation>
    </message>
    <message>
        <source>The reason is too long</source>
        <translation>The reason is too long</translation>
    </message>
    <message>
        <source>That is not a discount</source>
        <translation>That is not a discount</translation>
    </message>
</context>
<context>
    <name>DropshipScreen</name>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Ship to</source>
        <translation>Ship to</translation>
    </message>
    <message>
        <source>Carrier / tracking no.</source>
        <translation>Carrier / tracking no.</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>Dropship</source>
        <translation>Dropship</translation>
    </message>
    <message>
        <source>Scan products on the sale screen (F1).</source>
        <translation>Scan products on the sale screen (F1).</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>Cancelling</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Cancellation sent; the list shows it once confirmed.</source>
        <translation>Cancellation sent; the list shows it once confirmed.</translation>
    </message>
    <message>
        <source>Ship %1 × %2 to the customer</source>
        <translation>Ship %1 × %2 to the customer</translation>
    </message>
    <message>
        <source>Dropship order queued for %1 (pending until the warehouse accepts it).</source>
        <translation>Dropship order queued for %1 (pending until the warehouse accepts it).</translation>
    </message>
    <message>
        <source>Too late to cancel: the order is %1.</source>
        <translation>Too late to cancel: the order is %1.</translation>
    </message>
    <message>
        <source>No such order at this till.</source>
        <translation>No such order at this till.</translation>
    </message>
    <message>
        <source>The quantity must be 1 to 999.</source>
        <translation>The quantity must be 1 to 999.</translation>
    </message>
</context>
<context>
    <name>ExchangeDialog</name>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Scan what comes back, then what the customer takes instead</source>
        <translation>Scan what comes back, then what the customer takes instead</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Comes back</source>
        <translation>Comes back</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Goes to</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Give back %1</source>
        <translation>Give back %1</translation>
    </message>
    <message>
        <source>Even exchange: no money moves</source>
        <translation>Even exchange: no money moves</translation>
    </message>
    <message>
        <source>Complete the exchange</source>
        <translation>Complete the exchange</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Original receipt %1</source>
        <translation>Original receipt %1</translation>
    </message>
    <message>
        <source>Goes out</source>
        <translation>Goes out</translation>
    </message>
    <message>
        <source>A supervisor approves this refund</source>
        <translation>A supervisor approves this refund</translation>
    </message>
    <message>
        <source>%1 comes back</source>
        <translation>%1 comes back</translation>
    </message>
    <message>
        <source>%1 goes out</source>
        <translation>%1 goes out</translation>
    </message>
    <message>
        <source>Customer pays %1</source>
        <translation>Customer pays %1</translation>
    </message>
    <message>
        <source>Back %1, out %2.</source>
        <translation>Back %1, out %2.</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>Change %1</translation>
    </message>
    <message>
        <source>Exchange %1 done</source>
        <translation>Exchange %1 done</translation>
    </message>
</context>
<context>
    <name>FirstSync</name>
    <message>
        <source>Loading products and staff from the warehouse…</source>
        <translation>Loading products and staff from the warehouse…</translation>
    </message>
    <message>
        <source>Warehouse unreachable</source>
        <translation>Warehouse unreachable</translation>
    </message>
    <message>
        <source>This till has no products yet and cannot reach the warehouse. Check the network and try again.</source>
        <translation>This till has no products yet and cannot reach the warehouse. Check the network and try again.</translation>
    </message>
</context>
<context>
    <name>HeldCartsDialog</name>
    <message>
        <source>Held carts</source>
        <translation>Held carts</translation>
    </message>
    <message>
        <source>Pick a cart and press Enter to bring it back (Esc: back)</source>
        <translation>Pick a cart and press Enter to bring it back (Esc: back)</translation>
    </message>
    <message>
        <source>No carts are held at this till</source>
        <translation>No carts are held at this till</translation>
    </message>
    <message>
        <source>Held at</source>
        <translation>Held at</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Recall (Enter)</source>
        <translation>Recall (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>The counter is locked</source>
        <translation>The counter is locked</translation>
    </message>
    <message>
        <source>%1 locked it. Enter %1's PIN, or a supervisor's.</source>
        <translation>%1 locked it. Enter %1's PIN, or a supervisor's.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Unlock  (Enter)</source>
        <translation>Unlock  (Enter)</translation>
    </message>
    <message>
        <source>Switch cashier…  (F11)</source>
        <translation>Switch cashier…  (F11)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Refused orders…</source>
        <translation>Refused orders…</translation>
    </message>
    <message>
        <source>No shift open</source>
        <translation>No shift open</translation>
    </message>
    <message>
        <source>No shift is open at this till. Open one now?</source>
        <translation>No shift is open at this till. Open one now?</translation>
    </message>
    <message>
        <source>Open the cash drawer without a sale</source>
        <translation>Open the cash drawer without a sale</translation>
    </message>
    <message>
        <source>Printer and scanner settings</source>
        <translation>Printer and scanner settings</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>Lock the screen</translation>
    </message>
    <message>
        <source>Set-up wizard (manager)…</source>
        <translation>Set-up wizard (manager)…</translation>
    </message>
    <message>
        <source>Switch cashier…</source>
        <translation>Switch cashier…</translation>
    </message>
    <message>
        <source>Reprint a receipt…</source>
        <translation>Reprint a receipt…</translation>
    </message>
    <message>
        <source>Sync problems…</source>
        <translation>Sync problems…</translation>
    </message>
    <message>
        <source>Open the cash drawer (supervisor)…</source>
        <translation>Open the cash drawer (supervisor)…</translation>
    </message>
    <message>
        <source>Printer and scanner settings…</source>
        <translation>Printer and scanner settings…</translation>
    </message>
    <message>
        <source>Void a sale of this shift (supervisor)…</source>
        <translation>Void a sale of this shift (supervisor)…</translation>
    </message>
    <message>
        <source>Void an allowance (supervisor)…</source>
        <translation>Void an allowance (supervisor)…</translation>
    </message>
    <message>
        <source>Stock to count…</source>
        <translation>Stock to count…</translation>
    </message>
    <message>
        <source>Run the set-up wizard</source>
        <translation>Run the set-up wizard</translation>
    </message>
    <message>
        <source>Counter — %1</source>
        <translation>Counter — %1</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
</context>
<context>
    <name>NoReceiptDialog</name>
    <message>
        <source>Return without a receipt</source>
        <translation>Return without a receipt</translation>
    </message>
    <message>
        <source>Customer's phone, e.g. 0912-345-678</source>
        <translation>Customer's phone, e.g. 0912-345-678</translation>
    </message>
    <message>
        <source>Scan or type the product's barcode or SKU</source>
        <translation>Scan or type the product's barcode or SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Refund each</source>
        <translation>Refund each</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Goes to</translation>
    </message>
    <message>
        <source>Why damaged goods are written off</source>
        <translation>Why damaged goods are written off</translation>
    </message>
    <message>
        <source>Supervisor approves, refund cash</source>
        <translation>Supervisor approves, refund cash</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Enter the customer's phone, then scan what comes back</source>
        <translation>Enter the customer's phone, then scan what comes back</translation>
    </message>
    <message>
        <source>A supervisor approves this return without a receipt</source>
        <translation>A supervisor approves this return without a receipt</translation>
    </message>
    <message>
        <source>all stores</source>
        <translation>all stores</translation>
    </message>
    <message>
        <source>this till, offline</source>
        <translation>this till, offline</translation>
    </message>
    <message>
        <source>Returns without receipt: %1 of %2 in %3 days (%4)</source>
        <translation>Returns without receipt: %1 of %2 in %3 days (%4)</translation>
    </message>
    <message>
        <source>Refunded at the lowest price paid here in the last 30 days, or the list price</source>
        <translation>Refunded at the lowest price paid here in the last 30 days, or the list price</translation>
    </message>
    <message>
        <source>Refunded at the list price</source>
        <translation>Refunded at the list price</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>Refund: %1</translation>
    </message>
    <message>
        <source>This phone has had all its returns without a receipt</source>
        <translation>This phone has had all its returns without a receipt</translation>
    </message>
    <message>
        <source>A supervisor approves, then the cash is paid</source>
        <translation>A supervisor approves, then the cash is paid</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 in cash</source>
        <translation>Return %1 taken: refund %2 in cash</translation>
    </message>
</context>
<context>
    <name>OrderReturnDialog</name>
    <message>
        <source>Online order returned at the counter</source>
        <translation>Online order returned at the counter</translation>
    </message>
    <message>
        <source>Group-buy order</source>
        <translation>Group-buy order</translation>
    </message>
    <message>
        <source>Dropship order</source>
        <translation>Dropship order</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Order number</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Ordered</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Return now</source>
        <translation>Return now</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Goes to</translation>
    </message>
    <message>
        <source>Why damaged goods are written off</source>
        <translation>Why damaged goods are written off</translation>
    </message>
    <message>
        <source>Refund cash here</source>
        <translation>Refund cash here</translation>
    </message>
    <message>
        <source>The channel refunds it</source>
        <translation>The channel refunds it</translation>
    </message>
    <message>
        <source>Take the return</source>
        <translation>Take the return</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>A supervisor approves this refund</source>
        <translation>A supervisor approves this refund</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Order %1: %2</source>
        <translation>Order %1: %2</translation>
    </message>
    <message>
        <source>This order has not reached the customer yet</source>
        <translation>This order has not reached the customer yet</translation>
    </message>
    <message>
        <source>Choose what comes back and who refunds it</source>
        <translation>Choose what comes back and who refunds it</translation>
    </message>
    <message>
        <source>Refund left to the channel</source>
        <translation>Refund left to the channel</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>Refund: %1</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 in cash</source>
        <translation>Return %1 taken: refund %2 in cash</translation>
    </message>
</context>
<context>
    <name>PartialHandoverPanel</name>
    <message>
        <source>Hand over these</source>
        <translation>Hand over these</translation>
    </message>
    <message>
        <source>Select a ready pickup to hand over part of it</source>
        <translation>Select a ready pickup to hand over part of it</translation>
    </message>
    <message>
        <source>Pickup %1: what the customer takes now</source>
        <translation>Pickup %1: what the customer takes now</translation>
    </message>
    <message>
        <source>Take payment and hand over</source>
        <translation>Take payment and hand over</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>Here</translation>
    </message>
    <message>
        <source>To come</source>
        <translation>To come</translation>
    </message>
    <message>
        <source>Taking now</source>
        <translation>Taking now</translation>
    </message>
    <message>
        <source>To pay %1</source>
        <translation>To pay %1</translation>
    </message>
</context>
<context>
    <name>PickupsScreen</name>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Search: pickup code or its last digits, name, order number, phone's last digits</source>
        <translation>Search: pickup code or its last digits, name, order number, phone's last digits</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation>Pickup code</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Hold until</source>
        <translation>Hold until</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Scan or type the pickup code, then Enter</source>
        <translation>Scan or type the pickup code, then Enter</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <source>Print pickup slip</source>
        <translation>Print pickup slip</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>Pickups</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <source>Expired holds to call</source>
        <translation>Expired holds to call</translation>
    </message>
    <message>
        <source>%1 is not a pickup code</source>
        <translation>%1 is not a pickup code</translation>
    </message>
    <message>
        <source>Pending confirmation</source>
        <translation>Pending confirmation</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>In transit</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Group-buy %1</source>
        <translation>Group-buy %1</translation>
    </message>
    <message>
        <source>To pay %1</source>
        <translation>To pay %1</translation>
    </message>
    <message>
        <source>Paid at the store</source>
        <translation>Paid at the store</translation>
    </message>
    <message>
        <source>Pay at pickup</source>
        <translation>Pay at pickup</translation>
    </message>
    <message>
        <source>Pickup code %1 is not known at this store</source>
        <translation>Pickup code %1 is not known at this store</translation>
    </message>
    <message>
        <source>Pickup %1 is not ready yet (%2): its goods have not arrived</source>
        <translation>Pickup %1 is not ready yet (%2): its goods have not arrived</translation>
    </message>
    <message>
        <source>Pickup %1 was already handed over</source>
        <translation>Pickup %1 was already handed over</translation>
    </message>
    <message>
        <source>Pickup %1 cannot be handed over: it is %2</source>
        <translation>Pickup %1 cannot be handed over: it is %2</translation>
    </message>
    <message>
        <source>Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code</source>
        <translation>Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code</translation>
    </message>
    <message>
        <source>Enter a quantity from 1 to 999</source>
        <translation>Enter a quantity from 1 to 999</translation>
    </message>
    <message>
        <source>Enter the customer's name</source>
        <translation>Enter the customer's name</translation>
    </message>
    <message>
        <source>Pickup %1: that is more than is here for the customer</source>
        <translation>Pickup %1: that is more than is here for the customer</translation>
    </message>
    <message>
        <source>Pickup %1: nothing of it is here yet</source>
        <translation>Pickup %1: nothing of it is here yet</translation>
    </message>
    <message>
        <source>This reservation's hold was not released</source>
        <translation>This reservation's hold was not released</translation>
    </message>
    <message>
        <source>No pickup code yet: the warehouse has not confirmed this reservation</source>
        <translation>No pickup code yet: the warehouse has not confirmed this reservation</translation>
    </message>
    <message>
        <source>Pickup %1 is paid at pickup: take the payment first</source>
        <translation>Pickup %1 is paid at pickup: take the payment first</translation>
    </message>
    <message>
        <source>Pickup %1 has nothing to pay</source>
        <translation>Pickup %1 has nothing to pay</translation>
    </message>
    <message>
        <source>This till cannot take payments at the pickup desk</source>
        <translation>This till cannot take payments at the pickup desk</translation>
    </message>
    <message>
        <source>Pickup slip sent to the printer</source>
        <translation>Pickup slip sent to the printer</translation>
    </message>
    <message>
        <source>Pickup %1: to pay %2</source>
        <translation>Pickup %1: to pay %2</translation>
    </message>
    <message>
        <source>Pickup %1 not handed over: no payment taken</source>
        <translation>Pickup %1 not handed over: no payment taken</translation>
    </message>
    <message>
        <source>Paid %1, receipt %2. Change due: %3</source>
        <translation>Paid %1, receipt %2. Change due: %3</translation>
    </message>
    <message>
        <source>Handed over %1: %2</source>
        <translation>Handed over %1: %2</translation>
    </message>
    <message>
        <source>Still to come: %1</source>
        <translation>Still to come: %1</translation>
    </message>
    <message>
        <source>No shift is open: open one (F6) before taking a payment. Nothing was handed over.</source>
        <translation>No shift is open: open one (F6) before taking a payment. Nothing was handed over.</translation>
    </message>
    <message>
        <source>The payment was not recorded (%1): nothing was handed over.</source>
        <translation>The payment was not recorded (%1): nothing was handed over.</translation>
    </message>
    <message>
        <source>The hand-over could not be recorded: %1</source>
        <translation>The hand-over could not be recorded: %1</translation>
    </message>
    <message>
        <source>The call list could not be updated: %1</source>
        <translation>The call list could not be updated: %1</translation>
    </message>
    <message>
        <source>The pickup list could not be read: %1</source>
        <translation>The pickup list could not be read: %1</translation>
    </message>
</context>
<context>
    <name>ProblemReasons</name>
    <message>
        <source>The receipt number is already used by another sale at the warehouse.</source>
        <translation>The receipt number is already used by another sale at the warehouse.</translation>
    </message>
    <message>
        <source>The warehouse already has an operation with this id but different content.</source>
        <translation>The warehouse already has an operation with this id but different content.</translation>
    </message>
    <message>
        <source>Not enough stock at the warehouse for this request.</source>
        <translation>Not enough stock at the warehouse for this request.</translation>
    </message>
    <message>
        <source>More was handed over than the store holds for this pickup (another till handed it over first?); check with the customer.</source>
        <translation>More was handed over than the store holds for this pickup (another till handed it over first?); check with the customer.</translation>
    </message>
    <message>
        <source>Nothing of this pickup is at the store to hand over.</source>
        <translation>Nothing of this pickup is at the store to hand over.</translation>
    </message>
    <message>
        <source>This group-buy order is paid at pickup: the hand-over needs the sale that paid it.</source>
        <translation>This group-buy order is paid at pickup: the hand-over needs the sale that paid it.</translation>
    </message>
    <message>
        <source>The sale that paid this hand-over has not reached the warehouse (was it refused?); fix the sale, then retry.</source>
        <translation>The sale that paid this hand-over has not reached the warehouse (was it refused?); fix the sale, then retry.</translation>
    </message>
    <message>
        <source>The sale named by this hand-over already paid another one.</source>
        <translation>The sale named by this hand-over already paid another one.</translation>
    </message>
    <message>
        <source>The sale does not pay exactly what this hand-over takes at the order's prices (a bug in this till; tell support). Refund the sale as a return if need be.</source>
        <translation>The sale does not pay exactly what this hand-over takes at the order's prices (a bug in this till; tell support). Refund the sale as a return if need be.</translation>
    </message>
    <message>
        <source>This order was paid online: its hand-over names no sale.</source>
        <translation>This order was paid online: its hand-over names no sale.</translation>
    </message>
    <message>
        <source>The stock moved since the count began; count again.</source>
        <translation>The stock moved since the count began; count again.</translation>
    </message>
    <message>
        <source>The order is no longer in a state that allows this.</source>
        <translation>The order is no longer in a state that allows this.</translation>
    </message>
    <message>
        <source>A product in it is not known to the warehouse.</source>
        <translation>A product in it is not known to the warehouse.</translation>
    </message>
    <message>
        <source>The cashier or staff member is not known to the warehouse.</source>
        <translation>The cashier or staff member is not known to the warehouse.</translation>
    </message>
    <message>
        <source>The warehouse could not accept its content (a bug in this till; tell support).</source>
        <translation>The warehouse could not accept its content (a bug in this till; tell support).</translation>
    </message>
    <message>
        <source>The warehouse could not read the request (a bug in this till; tell support).</source>
        <translation>The warehouse could not read the request (a bug in this till; tell support).</translation>
    </message>
    <message>
        <source>This till is not allowed to do this.</source>
        <translation>This till is not allowed to do this.</translation>
    </message>
    <message>
        <source>The warehouse does not accept this till's key; it may have been revoked.</source>
        <translation>The warehouse does not accept this till's key; it may have been revoked.</translation>
    </message>
    <message>
        <source>This till is not set up for a store.</source>
        <translation>This till is not set up for a store.</translation>
    </message>
    <message>
        <source>No warehouse is set up.</source>
        <translation>No warehouse is set up.</translation>
    </message>
    <message>
        <source>The products do not all ship from one partner.</source>
        <translation>The products do not all ship from one partner.</translation>
    </message>
    <message>
        <source>The operation is too large for the warehouse.</source>
        <translation>The operation is too large for the warehouse.</translation>
    </message>
    <message>
        <source>The warehouse had an internal error; retry later.</source>
        <translation>The warehouse had an internal error; retry later.</translation>
    </message>
    <message>
        <source>The warehouse was busy; retry later.</source>
        <translation>The warehouse was busy; retry later.</translation>
    </message>
    <message>
        <source>More would come back than was sold, less what another till already returned.</source>
        <translation>More would come back than was sold, less what another till already returned.</translation>
    </message>
    <message>
        <source>A product returned is not on the original sale.</source>
        <translation>A product returned is not on the original sale.</translation>
    </message>
    <message>
        <source>The warehouse does not know the original sale.</source>
        <translation>The warehouse does not know the original sale.</translation>
    </message>
    <message>
        <source>This phone had all its returns without a receipt (other tills took them first).</source>
        <translation>This phone had all its returns without a receipt (other tills took them first).</translation>
    </message>
    <message>
        <source>The approver is not a supervisor or manager of this store.</source>
        <translation>The approver is not a supervisor or manager of this store.</translation>
    </message>
    <message>
        <source>The warehouse does not know the returned order.</source>
        <translation>The warehouse does not know the returned order.</translation>
    </message>
    <message>
        <source>The order had not reached the customer (or was cancelled).</source>
        <translation>The order had not reached the customer (or was cancelled).</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Online order return</source>
        <translation>Online order return</translation>
    </message>
    <message>
        <source>Pickup reservation</source>
        <translation>Pickup reservation</translation>
    </message>
    <message>
        <source>Reservation cancelled</source>
        <translation>Reservation cancelled</translation>
    </message>
    <message>
        <source>Pickup handed over</source>
        <translation>Pickup handed over</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>Stock count</translation>
    </message>
    <message>
        <source>Dropship order</source>
        <translation>Dropship order</translation>
    </message>
    <message>
        <source>Dropship order cancelled</source>
        <translation>Dropship order cancelled</translation>
    </message>
    <message>
        <source>Shift close</source>
        <translation>Shift close</translation>
    </message>
    <message>
        <source>Audit entry</source>
        <translation>Audit entry</translation>
    </message>
</context>
<context>
    <name>RefundTendersPanel</name>
    <message>
        <source>Refund all in cash instead</source>
        <translation>Refund all in cash instead</translation>
    </message>
    <message>
        <source>Back to %1: %2</source>
        <translation>Back to %1: %2</translation>
    </message>
    <message>
        <source>Refund reference (never the card number)</source>
        <translation>Refund reference (never the card number)</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>Approval code</translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Reprint a receipt</source>
        <translation>Reprint a receipt</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Sent %1 to the printer</source>
        <translation>Sent %1 to the printer</translation>
    </message>
    <message>
        <source>Receipt %1 is not in this till's journal</source>
        <translation>Receipt %1 is not in this till's journal</translation>
    </message>
    <message>
        <source>Could not reprint %1</source>
        <translation>Could not reprint %1</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <source>No sale %1 in this till's journal</source>
        <translation>No sale %1 in this till's journal</translation>
    </message>
    <message>
        <source>Choose how many of a line come back</source>
        <translation>Choose how many of a line come back</translation>
    </message>
    <message>
        <source>That line is not on this receipt</source>
        <translation>That line is not on this receipt</translation>
    </message>
    <message>
        <source>The quantity is not valid</source>
        <translation>The quantity is not valid</translation>
    </message>
    <message>
        <source>More than was sold (less what was already returned)</source>
        <translation>More than was sold (less what was already returned)</translation>
    </message>
    <message>
        <source>Choose where the goods go</source>
        <translation>Choose where the goods go</translation>
    </message>
    <message>
        <source>Too many lines for one return</source>
        <translation>Too many lines for one return</translation>
    </message>
    <message>
        <source>No shift is open: open one before a refund</source>
        <translation>No shift is open: open one before a refund</translation>
    </message>
    <message>
        <source>This refund needs a supervisor</source>
        <translation>This refund needs a supervisor</translation>
    </message>
    <message>
        <source>The refund is above the approver's limit</source>
        <translation>The refund is above the approver's limit</translation>
    </message>
    <message>
        <source>Type the refund reference of each card or mobile payment part</source>
        <translation>Type the refund reference of each card or mobile payment part</translation>
    </message>
    <message>
        <source>Type the card terminal's approval code of the card refund</source>
        <translation>Type the card terminal's approval code of the card refund</translation>
    </message>
    <message>
        <source>That looks like a card number: type the refund reference instead</source>
        <translation>That looks like a card number: type the refund reference instead</translation>
    </message>
    <message>
        <source>The refund reference is too long</source>
        <translation>The refund reference is too long</translation>
    </message>
    <message>
        <source>The refund reference holds a character that cannot be stored</source>
        <translation>The refund reference holds a character that cannot be stored</translation>
    </message>
    <message>
        <source>%1 is not in this till's journal and head office cannot be reached: try again when the connection is back</source>
        <translation>%1 is not in this till's journal and head office cannot be reached: try again when the connection is back</translation>
    </message>
    <message>
        <source>%1 was rung up at another till: its invoice may have changed there since, and head office cannot be reached: try again when the connection is back</source>
        <translation>%1 was rung up at another till: its invoice may have changed there since, and head office cannot be reached: try again when the connection is back</translation>
    </message>
    <message>
        <source>Type the last 3 to 10 digits of the phone</source>
        <translation>Type the last 3 to 10 digits of the phone</translation>
    </message>
    <message>
        <source>Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code</source>
        <translation>Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code</translation>
    </message>
    <message>
        <source>This phone has had all its returns without a receipt</source>
        <translation>This phone has had all its returns without a receipt</translation>
    </message>
    <message>
        <source>No such product</source>
        <translation>No such product</translation>
    </message>
    <message>
        <source>Type the group-buy or dropship order number</source>
        <translation>Type the group-buy or dropship order number</translation>
    </message>
    <message>
        <source>This order has not reached the customer yet</source>
        <translation>This order has not reached the customer yet</translation>
    </message>
    <message>
        <source>Choose who refunds the customer</source>
        <translation>Choose who refunds the customer</translation>
    </message>
    <message>
        <source>No invoice number left for the new invoice: sync, then take the return again</source>
        <translation>No invoice number left for the new invoice: sync, then take the return again</translation>
    </message>
    <message>
        <source>Another till changed this sale's invoice since: sync, then take the return again</source>
        <translation>Another till changed this sale's invoice since: sync, then take the return again</translation>
    </message>
    <message>
        <source>It was not saved: %1</source>
        <translation>It was not saved: %1</translation>
    </message>
    <message>
        <source>Back on the shelf</source>
        <translation>Back on the shelf</translation>
    </message>
    <message>
        <source>Send to the warehouse</source>
        <translation>Send to the warehouse</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <source>Scan the receipt's barcode or type its number</source>
        <translation>Scan the receipt's barcode or type its number</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Return now</source>
        <translation>Return now</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Goes to</translation>
    </message>
    <message>
        <source>Take the return and refund  (F12)</source>
        <translation>Take the return and refund  (F12)</translation>
    </message>
    <message>
        <source>No receipt number? Search</source>
        <translation>No receipt number? Search</translation>
    </message>
    <message>
        <source>Return without a receipt</source>
        <translation>Return without a receipt</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Online order</source>
        <translation>Online order</translation>
    </message>
    <message>
        <source>Exchange…  (F5)</source>
        <translation>Exchange…  (F5)</translation>
    </message>
    <message>
        <source>Reason (damaged goods)</source>
        <translation>Reason (damaged goods)</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <source>Exchange %1 done (original %2)</source>
        <translation>Exchange %1 done (original %2)</translation>
    </message>
    <message>
        <source>Head office did not answer: the counts are this till's own. A return taken at another till may not show yet</source>
        <translation>Head office did not answer: the counts are this till's own. A return taken at another till may not show yet</translation>
    </message>
    <message>
        <source>Choose what comes back, then take the return</source>
        <translation>Choose what comes back, then take the return</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 in cash</source>
        <translation>Return %1 taken: refund %2 in cash</translation>
    </message>
    <message>
        <source>Return %1 taken: refund %2 to the original tenders</source>
        <translation>Return %1 taken: refund %2 to the original tenders</translation>
    </message>
    <message>
        <source>A supervisor approves this refund</source>
        <translation>A supervisor approves this refund</translation>
    </message>
    <message>
        <source>Scan a receipt to return goods</source>
        <translation>Scan a receipt to return goods</translation>
    </message>
    <message>
        <source>Receipt %1, %2, paid %3</source>
        <translation>Receipt %1, %2, paid %3</translation>
    </message>
    <message>
        <source>(sold at %1)</source>
        <translation>(sold at %1)</translation>
    </message>
    <message>
        <source>Refund: %1</source>
        <translation>Refund: %1</translation>
    </message>
</context>
<context>
    <name>SaleCartTools</name>
    <message>
        <source>Discount (%)</source>
        <translation>Discount (%)</translation>
    </message>
    <message>
        <source>Hold (Ctrl+H)</source>
        <translation>Hold (Ctrl+H)</translation>
    </message>
    <message>
        <source>Held carts (Ctrl+R)</source>
        <translation>Held carts (Ctrl+R)</translation>
    </message>
    <message>
        <source>cart</source>
        <translation>cart</translation>
    </message>
    <message>
        <source>%1: the NT$ discount came off (now above your limit); give it again</source>
        <translation>%1: the NT$ discount came off (now above your limit); give it again</translation>
    </message>
    <message>
        <source>The cart could not be saved: %1</source>
        <translation>The cart could not be saved: %1</translation>
    </message>
    <message>
        <source>The cart that was open when the till stopped is back (%1 items)</source>
        <translation>The cart that was open when the till stopped is back (%1 items)</translation>
    </message>
    <message>
        <source>The cart open before the restart could not be read back: %1</source>
        <translation>The cart open before the restart could not be read back: %1</translation>
    </message>
    <message>
        <source>The cart is empty: scan something first</source>
        <translation>The cart is empty: scan something first</translation>
    </message>
    <message>
        <source>This discount needs a supervisor</source>
        <translation>This discount needs a supervisor</translation>
    </message>
    <message>
        <source>A price override needs a supervisor: %1</source>
        <translation>A price override needs a supervisor: %1</translation>
    </message>
    <message>
        <source>A discount of %1 is above your limit: a supervisor approves it</source>
        <translation>A discount of %1 is above your limit: a supervisor approves it</translation>
    </message>
    <message>
        <source>%1: new price %2</source>
        <translation>%1: new price %2</translation>
    </message>
    <message>
        <source>%1: discount taken off</source>
        <translation>%1: discount taken off</translation>
    </message>
    <message>
        <source>%1: discount given</source>
        <translation>%1: discount given</translation>
    </message>
    <message>
        <source>That is above the approver's limit too</source>
        <translation>That is above the approver's limit too</translation>
    </message>
    <message>
        <source>The cart is empty: there is nothing to hold</source>
        <translation>The cart is empty: there is nothing to hold</translation>
    </message>
    <message>
        <source>Cart held (%1). Bring it back with Held carts (Ctrl+R)</source>
        <translation>Cart held (%1). Bring it back with Held carts (Ctrl+R)</translation>
    </message>
    <message>
        <source>Too many carts are held: recall or void some first</source>
        <translation>Too many carts are held: recall or void some first</translation>
    </message>
    <message>
        <source>The cart could not be held: %1</source>
        <translation>The cart could not be held: %1</translation>
    </message>
    <message>
        <source>Finish or hold the cart on the screen before recalling another</source>
        <translation>Finish or hold the cart on the screen before recalling another</translation>
    </message>
    <message>
        <source>Cart recalled: %1 items, %2</source>
        <translation>Cart recalled: %1 items, %2</translation>
    </message>
    <message>
        <source>That cart was recalled already</source>
        <translation>That cart was recalled already</translation>
    </message>
    <message>
        <source>The cart could not be recalled: %1</source>
        <translation>The cart could not be recalled: %1</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan a barcode or type a code or name, then Enter</source>
        <translation>Scan a barcode or type a code or name, then Enter</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>Cashier: %1</translation>
    </message>
    <message>
        <source>Pay (F12)</source>
        <translation>Pay (F12)</translation>
    </message>
    <message>
        <source>Quantity (F4)</source>
        <translation>Quantity (F4)</translation>
    </message>
    <message>
        <source>Remove line (Del)</source>
        <translation>Remove line (Del)</translation>
    </message>
    <message>
        <source>Void cart (Ctrl+Shift+Del)</source>
        <translation>Void cart (Ctrl+Shift+Del)</translation>
    </message>
    <message>
        <source>Fulfilment (F2)</source>
        <translation>Fulfilment (F2)</translation>
    </message>
    <message>
        <source>Customer (Ctrl+U)</source>
        <translation>Customer (Ctrl+U)</translation>
    </message>
    <message>
        <source>The cart has %1 items that are not paid for. Close the till and drop them?</source>
        <translation>The cart has %1 items that are not paid for. Close the till and drop them?</translation>
    </message>
    <message>
        <source>Drop the cart?</source>
        <translation>Drop the cart?</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>In-store price label %1 is not set up for this store</source>
        <translation>In-store price label %1 is not set up for this store</translation>
    </message>
    <message>
        <source>E-invoice carrier %1 for this sale</source>
        <translation>E-invoice carrier %1 for this sale</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>The cart is empty</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Pickup and ship lines need the customer's name and phone.</source>
        <translation>Pickup and ship lines need the customer's name and phone.</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Quantity must be a whole number, not “%1”</source>
        <translation>Quantity must be a whole number, not “%1”</translation>
    </message>
    <message>
        <source>Quantity must be at least 1. To take the line off, use Remove line (Del).</source>
        <translation>Quantity must be at least 1. To take the line off, use Remove line (Del).</translation>
    </message>
    <message>
        <source>Quantity can be at most %1 per line</source>
        <translation>Quantity can be at most %1 per line</translation>
    </message>
    <message>
        <source>Quantity not changed</source>
        <translation>Quantity not changed</translation>
    </message>
    <message>
        <source>Large quantity</source>
        <translation>Large quantity</translation>
    </message>
    <message>
        <source>Sell %1 of %2? That is more than usual.</source>
        <translation>Sell %1 of %2? That is more than usual.</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>Removed %1</translation>
    </message>
    <message>
        <source>Clear the cart? %1 items will be taken off.</source>
        <translation>Clear the cart? %1 items will be taken off.</translation>
    </message>
    <message>
        <source>Cart voided</source>
        <translation>Cart voided</translation>
    </message>
    <message>
        <source>Unreadable code; scan again</source>
        <translation>Unreadable code; scan again</translation>
    </message>
    <message>
        <source>No product with code %1</source>
        <translation>No product with code %1</translation>
    </message>
    <message>
        <source>Nothing matches “%1”</source>
        <translation>Nothing matches “%1”</translation>
    </message>
    <message>
        <source>%1 matches: pick one and press Enter (Esc closes)</source>
        <translation>%1 matches: pick one and press Enter (Esc closes)</translation>
    </message>
    <message>
        <source>Look-up failed: %1</source>
        <translation>Look-up failed: %1</translation>
    </message>
    <message>
        <source>%1: this store has %2 by the records. Sold anyway; check the shelf, it will be listed to count.</source>
        <translation>%1: this store has %2 by the records. Sold anyway; check the shelf, it will be listed to count.</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Sale %1 done. Change due: %2</source>
        <translation>Sale %1 done. Change due: %2</translation>
    </message>
    <message>
        <source>Change due
%1</source>
        <translation>Change due
%1</translation>
    </message>
    <message>
        <source>No shift is open: open one (F6) before selling. The cart is kept.</source>
        <translation>No shift is open: open one (F6) before selling. The cart is kept.</translation>
    </message>
    <message>
        <source>Ship lines need an address or a pickup store.</source>
        <translation>Ship lines need an address or a pickup store.</translation>
    </message>
    <message>
        <source>The sale was not saved: %1. The cart is kept; try again.</source>
        <translation>The sale was not saved: %1. The cart is kept; try again.</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 items</translation>
    </message>
    <message>
        <source>Cart discount -%1</source>
        <translation>Cart discount -%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
</context>
<context>
    <name>SaleSearchPanel</name>
    <message>
        <source>Total paid (NT$)</source>
        <translation>Total paid (NT$)</translation>
    </message>
    <message>
        <source>Last digits of the phone</source>
        <translation>Last digits of the phone</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>Found in</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>The total is whole NT$, e.g. 1250</source>
        <translation>The total is whole NT$, e.g. 1250</translation>
    </message>
    <message>
        <source>This till</source>
        <translation>This till</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>Head office</translation>
    </message>
    <message>
        <source>Head office cannot be reached: only this till's sales are listed (other tills' and phone numbers need the connection)</source>
        <translation>Head office cannot be reached: only this till's sales are listed (other tills' and phone numbers need the connection)</translation>
    </message>
    <message>
        <source>No sale matches</source>
        <translation>No sale matches</translation>
    </message>
    <message>
        <source>%1 sales: double-click one to open it</source>
        <translation>%1 sales: double-click one to open it</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message>
        <source>Nothing was scanned</source>
        <translation>Nothing was scanned</translation>
    </message>
    <message>
        <source>Code is too short</source>
        <translation>Code is too short</translation>
    </message>
    <message>
        <source>Code is too long</source>
        <translation>Code is too long</translation>
    </message>
    <message>
        <source>Code contains control characters</source>
        <translation>Code contains control characters</translation>
    </message>
    <message>
        <source>Wrong check digit, scan again</source>
        <translation>Wrong check digit, scan again</translation>
    </message>
    <message>
        <source>The date in the code is invalid</source>
        <translation>The date in the code is invalid</translation>
    </message>
    <message>
        <source>Malformed GS1 code</source>
        <translation>Malformed GS1 code</translation>
    </message>
    <message>
        <source>GS1 code carries no GTIN</source>
        <translation>GS1 code carries no GTIN</translation>
    </message>
    <message>
        <source>Malformed pickup code</source>
        <translation>Malformed pickup code</translation>
    </message>
    <message>
        <source>Malformed e-invoice carrier</source>
        <translation>Malformed e-invoice carrier</translation>
    </message>
    <message>
        <source>Unknown code format</source>
        <translation>Unknown code format</translation>
    </message>
</context>
<context>
    <name>ScanRouter</name>
    <message>
        <source>Receipt %1: returns cannot be taken at this till yet</source>
        <translation>Receipt %1: returns cannot be taken at this till yet</translation>
    </message>
    <message>
        <source>Pickup code %1: pickups cannot be handed over at this till yet</source>
        <translation>Pickup code %1: pickups cannot be handed over at this till yet</translation>
    </message>
    <message>
        <source>%1: this till cannot take this kind of code yet</source>
        <translation>%1: this till cannot take this kind of code yet</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The language of this till's screens and receipts.</source>
        <translation>The language of this till's screens and receipts.</translation>
    </message>
    <message>
        <source>Choose with the arrow keys; Enter goes on.</source>
        <translation>Choose with the arrow keys; Enter goes on.</translation>
    </message>
    <message>
        <source>Enter the warehouse's address.</source>
        <translation>Enter the warehouse's address.</translation>
    </message>
    <message>
        <source>That is not a web address: enter something like https://warehouse.example.tw</source>
        <translation>That is not a web address: enter something like https://warehouse.example.tw</translation>
    </message>
    <message>
        <source>Plain http:// is not encrypted: use https://. Plain http is allowed only to this computer.</source>
        <translation>Plain http:// is not encrypted: use https://. Plain http is allowed only to this computer.</translation>
    </message>
    <message>
        <source>The name in %1 was not found. Check the spelling, or this till's network (DNS).</source>
        <translation>The name in %1 was not found. Check the spelling, or this till's network (DNS).</translation>
    </message>
    <message>
        <source>Nothing answers at %1: the address or port is wrong, or the warehouse is not running.</source>
        <translation>Nothing answers at %1: the address or port is wrong, or the warehouse is not running.</translation>
    </message>
    <message>
        <source>No answer from %1 in time: check the network cable or Wi-Fi, a firewall, or the address.</source>
        <translation>No answer from %1 in time: check the network cable or Wi-Fi, a firewall, or the address.</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted: it may be self-signed, expired or made for another name. Ask whoever runs the warehouse.</source>
        <translation>The certificate of %1 is not trusted: it may be self-signed, expired or made for another name. Ask whoever runs the warehouse.</translation>
    </message>
    <message>
        <source>A secure connection to %1 failed: is it really https on that port?</source>
        <translation>A secure connection to %1 failed: is it really https on that port?</translation>
    </message>
    <message>
        <source>Something answers at %1, but it is not the warehouse: check the address.</source>
        <translation>Something answers at %1, but it is not the warehouse: check the address.</translation>
    </message>
    <message>
        <source>The connection to %1 failed.</source>
        <translation>The connection to %1 failed.</translation>
    </message>
    <message>
        <source>Connected: the warehouse answered in %1 ms.</source>
        <translation>Connected: the warehouse answered in %1 ms.</translation>
    </message>
    <message>
        <source>Plain http to this computer: no certificate to check.</source>
        <translation>Plain http to this computer: no certificate to check.</translation>
    </message>
    <message>
        <source>Certificate: %1, issued by %2, valid until %3 (%4 days).</source>
        <translation>Certificate: %1, issued by %2, valid until %3 (%4 days).</translation>
    </message>
    <message>
        <source>The certificate expires soon: ask for it to be renewed.</source>
        <translation>The certificate expires soon: ask for it to be renewed.</translation>
    </message>
    <message>
        <source>Warehouse address</source>
        <translation>Warehouse address</translation>
    </message>
    <message>
        <source>Where this till sends its sales: the address your IT person or the admin gave.</source>
        <translation>Where this till sends its sales: the address your IT person or the admin gave.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Test the connection</source>
        <translation>&amp;Test the connection</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>The test could not run: %1</source>
        <translation>The test could not run: %1</translation>
    </message>
    <message>
        <source>This code is not known. Check it and type it again as the admin gave it.</source>
        <translation>This code is not known. Check it and type it again as the admin gave it.</translation>
    </message>
    <message>
        <source>This code was already used by another till: ask the admin for a new one.</source>
        <translation>This code was already used by another till: ask the admin for a new one.</translation>
    </message>
    <message>
        <source>This code has expired: ask the admin for a new one.</source>
        <translation>This code has expired: ask the admin for a new one.</translation>
    </message>
    <message>
        <source>The warehouse did not answer: check the connection and try again.</source>
        <translation>The warehouse did not answer: check the connection and try again.</translation>
    </message>
    <message>
        <source>The warehouse refused the code: %1</source>
        <translation>The warehouse refused the code: %1</translation>
    </message>
    <message>
        <source>This till is enrolled at %1 (%2) as till %3.</source>
        <translation>This till is enrolled at %1 (%2) as till %3.</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>This till already belongs to a store; its key stays as it is.</source>
        <translation>This till already belongs to a store; its key stays as it is.</translation>
    </message>
    <message>
        <source>A one-time code from the admin.</source>
        <translation>A one-time code from the admin.</translation>
    </message>
    <message>
        <source>The admin gives each new till a one-time code. The till exchanges it for its own key, kept where only this computer's user can read it.</source>
        <translation>The admin gives each new till a one-time code. The till exchanges it for its own key, kept where only this computer's user can read it.</translation>
    </message>
    <message>
        <source>Enrollment &amp;code:</source>
        <translation>Enrollment &amp;code:</translation>
    </message>
    <message>
        <source>Exchanging the code…</source>
        <translation>Exchanging the code…</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>How this till reaches its receipt printer. Print a test page to be sure.</source>
        <translation>How this till reaches its receipt printer. Print a test page to be sure.</translation>
    </message>
    <message>
        <source>No printer (receipts are kept in a file)</source>
        <translation>No printer (receipts are kept in a file)</translation>
    </message>
    <message>
        <source>Network (host:port, usually port 9100)</source>
        <translation>Network (host:port, usually port 9100)</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>Serial port (COM)</source>
        <translation>Serial port (COM)</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <source>58 mm</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>&amp;Connection:</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>A&amp;ddress:</translation>
    </message>
    <message>
        <source>&amp;Paper width:</source>
        <translation>&amp;Paper width:</translation>
    </message>
    <message>
        <source>&amp;Test print</source>
        <translation>&amp;Test print</translation>
    </message>
    <message>
        <source>04b8:0e15 (vendor:product)</source>
        <translation>04b8:0e15 (vendor:product)</translation>
    </message>
    <message>
        <source>COM3 or /dev/ttyUSB0@9600</source>
        <translation>COM3 or /dev/ttyUSB0@9600</translation>
    </message>
    <message>
        <source>enter the printer's address</source>
        <translation>enter the printer's address</translation>
    </message>
    <message>
        <source>the address must be host or host:port</source>
        <translation>the address must be host or host:port</translation>
    </message>
    <message>
        <source>These settings cannot work: %1</source>
        <translation>These settings cannot work: %1</translation>
    </message>
    <message>
        <source>Test page sent, waiting for the printer…</source>
        <translation>Test page sent, waiting for the printer…</translation>
    </message>
    <message>
        <source>a product barcode</source>
        <translation>a product barcode</translation>
    </message>
    <message>
        <source>a GS1 code</source>
        <translation>a GS1 code</translation>
    </message>
    <message>
        <source>an in-store weight or price label</source>
        <translation>an in-store weight or price label</translation>
    </message>
    <message>
        <source>a receipt number</source>
        <translation>a receipt number</translation>
    </message>
    <message>
        <source>a pickup code</source>
        <translation>a pickup code</translation>
    </message>
    <message>
        <source>an e-invoice carrier</source>
        <translation>an e-invoice carrier</translation>
    </message>
    <message>
        <source>not a code the till knows</source>
        <translation>not a code the till knows</translation>
    </message>
    <message>
        <source>Read: %1 (%2).</source>
        <translation>Read: %1 (%2).</translation>
    </message>
    <message>
        <source>Prefix %1: found.</source>
        <translation>Prefix %1: found.</translation>
    </message>
    <message>
        <source>Prefix %1 expected, but the scan starts with %2: set the scanner to send it, or clear the prefix here.</source>
        <translation>Prefix %1 expected, but the scan starts with %2: set the scanner to send it, or clear the prefix here.</translation>
    </message>
    <message>
        <source>Suffix %1: found.</source>
        <translation>Suffix %1: found.</translation>
    </message>
    <message>
        <source>Suffix %1 expected, but the scan ends with %2: set the scanner to send it, or clear the suffix here.</source>
        <translation>Suffix %1 expected, but the scan ends with %2: set the scanner to send it, or clear the suffix here.</translation>
    </message>
    <message>
        <source>No prefix or suffix is set: the scan is used as read.</source>
        <translation>No prefix or suffix is set: the scan is used as read.</translation>
    </message>
    <message>
        <source>The scanner works with these settings.</source>
        <translation>The scanner works with these settings.</translation>
    </message>
    <message>
        <source>Scanner test</source>
        <translation>Scanner test</translation>
    </message>
    <message>
        <source>Scan any barcode into the field: the till shows what it read.</source>
        <translation>Scan any barcode into the field: the till shows what it read.</translation>
    </message>
    <message>
        <source>A prefix or suffix is only needed if the scanner was set to add characters before or after each code. No scanner yet? Press Enter to go on.</source>
        <translation>A prefix or suffix is only needed if the scanner was set to add characters before or after each code. No scanner yet? Press Enter to go on.</translation>
    </message>
    <message>
        <source>&amp;Scan here:</source>
        <translation>&amp;Scan here:</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>&amp;Prefix:</translation>
    </message>
    <message>
        <source>S&amp;uffix:</source>
        <translation>S&amp;uffix:</translation>
    </message>
    <message>
        <source>All set</source>
        <translation>All set</translation>
    </message>
    <message>
        <source>Press Enter to finish.</source>
        <translation>Press Enter to finish.</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>Language: %1</translation>
    </message>
    <message>
        <source>Warehouse: %1</source>
        <translation>Warehouse: %1</translation>
    </message>
    <message>
        <source>Receipt printer: %1</source>
        <translation>Receipt printer: %1</translation>
    </message>
    <message>
        <source>none (receipts are kept in a file)</source>
        <translation>none (receipts are kept in a file)</translation>
    </message>
    <message>
        <source>The printer and scanner settings apply now; a new language or warehouse address when the counter starts again.</source>
        <translation>The printer and scanner settings apply now; a new language or warehouse address when the counter starts again.</translation>
    </message>
    <message>
        <source>Set up this till</source>
        <translation>Set up this till</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <source>No shift is open: count the float and open one</source>
        <translation>No shift is open: count the float and open one</translation>
    </message>
    <message>
        <source>A shift is already open</source>
        <translation>A shift is already open</translation>
    </message>
    <message>
        <source>The count is not valid</source>
        <translation>The count is not valid</translation>
    </message>
    <message>
        <source>Enter an amount above zero</source>
        <translation>Enter an amount above zero</translation>
    </message>
    <message>
        <source>That amount is too large to record</source>
        <translation>That amount is too large to record</translation>
    </message>
    <message>
        <source>Please give a reason</source>
        <translation>Please give a reason</translation>
    </message>
    <message>
        <source>The reason is too long</source>
        <translation>The reason is too long</translation>
    </message>
    <message>
        <source>The drawer should not hold that much cash</source>
        <translation>The drawer should not hold that much cash</translation>
    </message>
    <message>
        <source>%1 operations still wait to sync: a supervisor must confirm the close</source>
        <translation>%1 operations still wait to sync: a supervisor must confirm the close</translation>
    </message>
    <message>
        <source>It was not saved: %1</source>
        <translation>It was not saved: %1</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Store voucher</source>
        <translation>Store voucher</translation>
    </message>
    <message>
        <source>JKOPAY</source>
        <translation>JKOPAY</translation>
    </message>
    <message>
        <source>EasyCard</source>
        <translation>EasyCard</translation>
    </message>
    <message>
        <source>iPASS</source>
        <translation>iPASS</translation>
    </message>
    <message>
        <source>Open the shift</source>
        <translation>Open the shift</translation>
    </message>
    <message>
        <source>Cash in…</source>
        <translation>Cash in…</translation>
    </message>
    <message>
        <source>Cash out…</source>
        <translation>Cash out…</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X report</translation>
    </message>
    <message>
        <source>Close the shift</source>
        <translation>Close the shift</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>Sum</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Expected in the drawer</source>
        <translation>Expected in the drawer</translation>
    </message>
    <message>
        <source>Counted at the last close</source>
        <translation>Counted at the last close</translation>
    </message>
    <message>
        <source>Shift opened with %1</source>
        <translation>Shift opened with %1</translation>
    </message>
    <message>
        <source>Cash in: %1</source>
        <translation>Cash in: %1</translation>
    </message>
    <message>
        <source>Cash out: %1</source>
        <translation>Cash out: %1</translation>
    </message>
    <message>
        <source>X report printed</source>
        <translation>X report printed</translation>
    </message>
    <message>
        <source>Close the shift with %1 operations not yet synced</source>
        <translation>Close the shift with %1 operations not yet synced</translation>
    </message>
    <message>
        <source>Shift closed. Difference %1. The Z report is printing.</source>
        <translation>Shift closed. Difference %1. The Z report is printing.</translation>
    </message>
    <message>
        <source>The report was not printed: %1</source>
        <translation>The report was not printed: %1</translation>
    </message>
    <message>
        <source>Shift open since %1 (%2)</source>
        <translation>Shift open since %1 (%2)</translation>
    </message>
    <message>
        <source>To close: count the drawer, then Close the shift</source>
        <translation>To close: count the drawer, then Close the shift</translation>
    </message>
    <message>
        <source>No shift open</source>
        <translation>No shift open</translation>
    </message>
    <message>
        <source>To open: count the float, then Open the shift</source>
        <translation>To open: count the float, then Open the shift</translation>
    </message>
    <message>
        <source>Z report (closed)</source>
        <translation>Z report (closed)</translation>
    </message>
    <message>
        <source>X report (so far)</source>
        <translation>X report (so far)</translation>
    </message>
    <message>
        <source>%1: %2 sales</source>
        <translation>%1: %2 sales</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <source>  difference from the last close</source>
        <translation>  difference from the last close</translation>
    </message>
    <message>
        <source>Cash sales</source>
        <translation>Cash sales</translation>
    </message>
    <message>
        <source>Cash refunds</source>
        <translation>Cash refunds</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Carts voided: %1</source>
        <translation>Carts voided: %1</translation>
    </message>
    <message>
        <source>Operations waiting to sync</source>
        <translation>Operations waiting to sync</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <source>Sign in (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Enter your PIN</source>
        <translation>Enter your PIN</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Stock: %1</source>
        <translation>Stock: %1</translation>
    </message>
    <message>
        <source>Live from the warehouse</source>
        <translation>Live from the warehouse</translation>
    </message>
    <message>
        <source>Offline: cached figures, up to %1 old</source>
        <translation>Offline: cached figures, up to %1 old</translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation>%1 (this store)</translation>
    </message>
    <message>
        <source>%1 (available %2)</source>
        <translation>%1 (available %2)</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Barcode, SKU or name, then Enter</source>
        <translation>Barcode, SKU or name, then Enter</translation>
    </message>
    <message>
        <source>0912345678 or (02) 2345-6789</source>
        <translation>0912345678 or (02) 2345-6789</translation>
    </message>
    <message>
        <source>Reserve for pickup</source>
        <translation>Reserve for pickup</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Ship to customer (warehouse)…</source>
        <translation>Ship to customer (warehouse)…</translation>
    </message>
    <message>
        <source>Ship to customer (partner)…</source>
        <translation>Ship to customer (partner)…</translation>
    </message>
    <message>
        <source>Request a transfer to this store</source>
        <translation>Request a transfer to this store</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Nothing matches “%1”</source>
        <translation>Nothing matches “%1”</translation>
    </message>
    <message>
        <source>Transfer to this store requested: %1 (see Store stock, Shift+F3)</source>
        <translation>Transfer to this store requested: %1 (see Store stock, Shift+F3)</translation>
    </message>
    <message>
        <source>The quantity must be between 1 and 999</source>
        <translation>The quantity must be between 1 and 999</translation>
    </message>
    <message>
        <source>Reserved for pickup, pending confirmation: %1 (see Pickups, F8)</source>
        <translation>Reserved for pickup, pending confirmation: %1 (see Pickups, F8)</translation>
    </message>
    <message>
        <source>Look-up failed: %1</source>
        <translation>Look-up failed: %1</translation>
    </message>
</context>
<context>
    <name>StockToCountDialog</name>
    <message>
        <source>Stock to count</source>
        <translation>Stock to count</translation>
    </message>
    <message>
        <source>Products this store has sold more of than its records hold. Count them on the shelf and correct the stock. Figures include sales not yet sent to the warehouse.</source>
        <translation>Products this store has sold more of than its records hold. Count them on the shelf and correct the stock. Figures include sales not yet sent to the warehouse.</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Not yet synced</source>
        <translation>Not yet synced</translation>
    </message>
    <message>
        <source>Warehouse figure of</source>
        <translation>Warehouse figure of</translation>
    </message>
    <message>
        <source>No product is below zero at this store.</source>
        <translation>No product is below zero at this store.</translation>
    </message>
    <message>
        <source>The warehouse reported these below zero when it applied this store's sales:</source>
        <translation>The warehouse reported these below zero when it applied this store's sales:</translation>
    </message>
    <message>
        <source>Warehouse figure</source>
        <translation>Warehouse figure</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Reported at</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>StoreStockScreen</name>
    <message>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <source>Replenishment</source>
        <translation>Replenishment</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>Barcode, SKU or name, then Enter</source>
        <translation>Barcode, SKU or name, then Enter</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Reason (optional)</translation>
    </message>
    <message>
        <source>Request from the warehouse</source>
        <translation>Request from the warehouse</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Receive by scanning</source>
        <translation>Receive by scanning</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Units counted</source>
        <translation>Units counted</translation>
    </message>
    <message>
        <source>Short or extra</source>
        <translation>Short or extra</translation>
    </message>
    <message>
        <source>Confirm the receipt</source>
        <translation>Confirm the receipt</translation>
    </message>
    <message>
        <source>Stop receiving</source>
        <translation>Stop receiving</translation>
    </message>
    <message>
        <source>Set the count of the selected line</source>
        <translation>Set the count of the selected line</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>Safety stock</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>Reorder point</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Suggested</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Request the suggested transfer (Enter)</source>
        <translation>Request the suggested transfer (Enter)</translation>
    </message>
    <message>
        <source>Idle units</source>
        <translation>Idle units</translation>
    </message>
    <message>
        <source>Value tied up</source>
        <translation>Value tied up</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>Suggested action</translation>
    </message>
    <message>
        <source>Low stock and transfers to ask for</source>
        <translation>Low stock and transfers to ask for</translation>
    </message>
    <message>
        <source>Idle stock at this store</source>
        <translation>Idle stock at this store</translation>
    </message>
    <message>
        <source>Whole store</source>
        <translation>Whole store</translation>
    </message>
    <message>
        <source>One category</source>
        <translation>One category</translation>
    </message>
    <message>
        <source>Items flagged for a count</source>
        <translation>Items flagged for a count</translation>
    </message>
    <message>
        <source>Blind count (hide the expected figure)</source>
        <translation>Blind count (hide the expected figure)</translation>
    </message>
    <message>
        <source>Start counting</source>
        <translation>Start counting</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Recount</source>
        <translation>Recount</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Variance</translation>
    </message>
    <message>
        <source>Finish counting</source>
        <translation>Finish counting</translation>
    </message>
    <message>
        <source>Submit the count</source>
        <translation>Submit the count</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>Count again</translation>
    </message>
    <message>
        <source>Put the session away</source>
        <translation>Put the session away</translation>
    </message>
    <message>
        <source>Reconcile a product: barcode or SKU, then Enter</source>
        <translation>Reconcile a product: barcode or SKU, then Enter</translation>
    </message>
    <message>
        <source>Store stock</source>
        <translation>Store stock</translation>
    </message>
    <message>
        <source>Nothing matches “%1”</source>
        <translation>Nothing matches “%1”</translation>
    </message>
    <message>
        <source>Requested from the warehouse, pending until it answers: %1</source>
        <translation>Requested from the warehouse, pending until it answers: %1</translation>
    </message>
    <message>
        <source>Choose a shipped transfer first</source>
        <translation>Choose a shipped transfer first</translation>
    </message>
    <message>
        <source>Scan each item of the transfer: each scan counts one</source>
        <translation>Scan each item of the transfer: each scan counts one</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>%1 short</translation>
    </message>
    <message>
        <source>%1 extra</source>
        <translation>%1 extra</translation>
    </message>
    <message>
        <source>Short: %1, extra: %2</source>
        <translation>Short: %1, extra: %2</translation>
    </message>
    <message>
        <source>Received; the warehouse is told what arrived (short %1, extra %2)</source>
        <translation>Received; the warehouse is told what arrived (short %1, extra %2)</translation>
    </message>
    <message>
        <source>No figures yet: the warehouse has not answered</source>
        <translation>No figures yet: the warehouse has not answered</translation>
    </message>
    <message>
        <source>Live figures from the warehouse</source>
        <translation>Live figures from the warehouse</translation>
    </message>
    <message>
        <source>Offline: figures from %1 (%2 min old)</source>
        <translation>Offline: figures from %1 (%2 min old)</translation>
    </message>
    <message>
        <source>supplier order</source>
        <translation>supplier order</translation>
    </message>
    <message>
        <source>The warehouse has none to send: this one is a supplier order</source>
        <translation>The warehouse has none to send: this one is a supplier order</translation>
    </message>
    <message>
        <source>Below the reorder point</source>
        <translation>Below the reorder point</translation>
    </message>
    <message>
        <source>No count in progress</source>
        <translation>No count in progress</translation>
    </message>
    <message>
        <source>asked</source>
        <translation>asked</translation>
    </message>
    <message>
        <source>Blind count: the figures show once it is submitted</source>
        <translation>Blind count: the figures show once it is submitted</translation>
    </message>
    <message>
        <source>Variance: %1 short, %2 over, net %3</source>
        <translation>Variance: %1 short, %2 over, net %3</translation>
    </message>
    <message>
        <source>Count these %1 lines again: they are far from the expected figure</source>
        <translation>Count these %1 lines again: they are far from the expected figure</translation>
    </message>
    <message>
        <source>Counted. Check the variance, then submit.</source>
        <translation>Counted. Check the variance, then submit.</translation>
    </message>
    <message>
        <source>Count submitted; the warehouse applies it if no sale moved the figures meanwhile</source>
        <translation>Count submitted; the warehouse applies it if no sale moved the figures meanwhile</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>%1 min old</source>
        <translation>%1 min old</translation>
    </message>
    <message>
        <source>%1: warehouse ledger %2 (%3)</source>
        <translation>%1: warehouse ledger %2 (%3)</translation>
    </message>
    <message>
        <source>= this counter %1</source>
        <translation>= this counter %1</translation>
    </message>
    <message>
        <source>(%1 more on the way, in neither figure)</source>
        <translation>(%1 more on the way, in neither figure)</translation>
    </message>
    <message>
        <source>Pending (not sent yet)</source>
        <translation>Pending (not sent yet)</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Shipped (in transit)</source>
        <translation>Shipped (in transit)</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Transfer %1 to %2</source>
        <translation>Transfer %1 to %2</translation>
    </message>
    <message>
        <source>Offer %1 to the group-buy channel</source>
        <translation>Offer %1 to the group-buy channel</translation>
    </message>
    <message>
        <source>Stop holding it: dropship only</source>
        <translation>Stop holding it: dropship only</translation>
    </message>
    <message>
        <source>count not applied yet</source>
        <translation>count not applied yet</translation>
    </message>
    <message>
        <source>sales not synced yet</source>
        <translation>sales not synced yet</translation>
    </message>
    <message>
        <source>returns not synced yet</source>
        <translation>returns not synced yet</translation>
    </message>
    <message>
        <source>transfer received here, not synced yet</source>
        <translation>transfer received here, not synced yet</translation>
    </message>
    <message>
        <source>synced, waiting for the next figure</source>
        <translation>synced, waiting for the next figure</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>Category %1</translation>
    </message>
    <message>
        <source>counting</source>
        <translation>counting</translation>
    </message>
    <message>
        <source>submitted, waiting for the warehouse</source>
        <translation>submitted, waiting for the warehouse</translation>
    </message>
    <message>
        <source>applied by the warehouse</source>
        <translation>applied by the warehouse</translation>
    </message>
    <message>
        <source>refused: the figures moved (a sale or receipt landed); count again</source>
        <translation>refused: the figures moved (a sale or receipt landed); count again</translation>
    </message>
    <message>
        <source>refused by the warehouse; count again</source>
        <translation>refused by the warehouse; count again</translation>
    </message>
    <message>
        <source>put away</source>
        <translation>put away</translation>
    </message>
    <message>
        <source>%1: %2 lines, %3 scanned, %4 recounts left — %5</source>
        <translation>%1: %2 lines, %3 scanned, %4 recounts left — %5</translation>
    </message>
    <message>
        <source>The quantity must be between 1 and 999</source>
        <translation>The quantity must be between 1 and 999</translation>
    </message>
    <message>
        <source>The reason is too long (200 characters at most)</source>
        <translation>The reason is too long (200 characters at most)</translation>
    </message>
    <message>
        <source>This transfer is not known at this till</source>
        <translation>This transfer is not known at this till</translation>
    </message>
    <message>
        <source>Only a shipped transfer can be received</source>
        <translation>Only a shipped transfer can be received</translation>
    </message>
    <message>
        <source>Nothing to receive</source>
        <translation>Nothing to receive</translation>
    </message>
    <message>
        <source>A count is already in progress: finish it or put it away</source>
        <translation>A count is already in progress: finish it or put it away</translation>
    </message>
    <message>
        <source>Start a count first</source>
        <translation>Start a count first</translation>
    </message>
    <message>
        <source>Choose what to count</source>
        <translation>Choose what to count</translation>
    </message>
    <message>
        <source>Choose a category</source>
        <translation>Choose a category</translation>
    </message>
    <message>
        <source>Nothing to count in this scope</source>
        <translation>Nothing to count in this scope</translation>
    </message>
    <message>
        <source>Count the lines asked for again before submitting</source>
        <translation>Count the lines asked for again before submitting</translation>
    </message>
    <message>
        <source>This count was not refused</source>
        <translation>This count was not refused</translation>
    </message>
</context>
<context>
    <name>SupervisorApprovalDialog</name>
    <message>
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 seconds</source>
        <translation>Too many wrong PINs: try again in %1 seconds</translation>
    </message>
    <message>
        <source>This PIN is too short to approve: ask the office for a PIN of 6 digits or more</source>
        <translation>This PIN is too short to approve: ask the office for a PIN of 6 digits or more</translation>
    </message>
    <message>
        <source>Device settings need a manager's PIN</source>
        <translation>Device settings need a manager's PIN</translation>
    </message>
    <message>
        <source>The set-up wizard needs a manager's PIN</source>
        <translation>The set-up wizard needs a manager's PIN</translation>
    </message>
    <message>
        <source>That PIN is not a supervisor's</source>
        <translation>That PIN is not a supervisor's</translation>
    </message>
    <message>
        <source>Please give a reason</source>
        <translation>Please give a reason</translation>
    </message>
    <message>
        <source>The approval has expired; ask again</source>
        <translation>The approval has expired; ask again</translation>
    </message>
    <message>
        <source>The approval could not be checked; try again</source>
        <translation>The approval could not be checked; try again</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <source>Supervisor PIN</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Approve (Enter)</source>
        <translation>Approve (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Operations the warehouse rejected</source>
        <translation>Operations the warehouse rejected</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>Nothing needs attention.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Discard… (supervisor)</source>
        <translation>Discard… (supervisor)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Discard %1: it will never reach the warehouse.</source>
        <translation>Discard %1: it will never reach the warehouse.</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>The disk is full. Free some space, then try again.</source>
        <translation>The disk is full. Free some space, then try again.</translation>
    </message>
    <message>
        <source>The connection failed or timed out. Nothing was lost; try again in a moment.</source>
        <translation>The connection failed or timed out. Nothing was lost; try again in a moment.</translation>
    </message>
    <message>
        <source>Something went wrong and it was not done. It has been written to the log; if it happens again, tell your supervisor.</source>
        <translation>Something went wrong and it was not done. It has been written to the log; if it happens again, tell your supervisor.</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Left to pay</source>
        <translation>Left to pay</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Exact</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>Approval code</translation>
    </message>
    <message>
        <source>From the card terminal's slip</source>
        <translation>From the card terminal's slip</translation>
    </message>
    <message>
        <source>E-invoice</source>
        <translation>E-invoice</translation>
    </message>
    <message>
        <source>Carrier, donation code or tax ID</source>
        <translation>Carrier, donation code or tax ID</translation>
    </message>
    <message>
        <source>Enter: take this payment · Esc: take the last payment back, or leave</source>
        <translation>Enter: take this payment · Esc: take the last payment back, or leave</translation>
    </message>
    <message>
        <source>Face value</source>
        <translation>Face value</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>Voucher number</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Transaction reference, never the card number</source>
        <translation>Transaction reference, never the card number</translation>
    </message>
    <message>
        <source>Transaction reference</source>
        <translation>Transaction reference</translation>
    </message>
    <message>
        <source>Taken back: %1 %2</source>
        <translation>Taken back: %1 %2</translation>
    </message>
    <message>
        <source>Enter the amount</source>
        <translation>Enter the amount</translation>
    </message>
    <message>
        <source>Complete sale (Enter)</source>
        <translation>Complete sale (Enter)</translation>
    </message>
    <message>
        <source>Take payment (Enter)</source>
        <translation>Take payment (Enter)</translation>
    </message>
    <message>
        <source>Vouchers give no change: %1 of this voucher is forfeited (printed on the receipt)</source>
        <translation>Vouchers give no change: %1 of this voucher is forfeited (printed on the receipt)</translation>
    </message>
    <message>
        <source>Take back last (Esc)</source>
        <translation>Take back last (Esc)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>approval %1</source>
        <translation>approval %1</translation>
    </message>
    <message>
        <source>received %1, change %2</source>
        <translation>received %1, change %2</translation>
    </message>
    <message>
        <source>face value %1</source>
        <translation>face value %1</translation>
    </message>
    <message>
        <source>That looks like a card number. Never type card numbers: enter the terminal's reference and approval code.</source>
        <translation>That looks like a card number. Never type card numbers: enter the terminal's reference and approval code.</translation>
    </message>
    <message>
        <source>Enter the reference</source>
        <translation>Enter the reference</translation>
    </message>
    <message>
        <source>Enter the approval code from the terminal</source>
        <translation>Enter the approval code from the terminal</translation>
    </message>
    <message>
        <source>More than is left to pay: %1</source>
        <translation>More than is left to pay: %1</translation>
    </message>
    <message>
        <source>Enter an amount above zero</source>
        <translation>Enter an amount above zero</translation>
    </message>
    <message>
        <source>The reference is too long</source>
        <translation>The reference is too long</translation>
    </message>
    <message>
        <source>The reference holds a character that cannot be kept</source>
        <translation>The reference holds a character that cannot be kept</translation>
    </message>
    <message>
        <source>No more payments fit on one sale</source>
        <translation>No more payments fit on one sale</translation>
    </message>
    <message>
        <source>Nothing is left to pay</source>
        <translation>Nothing is left to pay</translation>
    </message>
    <message>
        <source>Not a valid carrier</source>
        <translation>Not a valid carrier</translation>
    </message>
    <message>
        <source>Not a valid donation code</source>
        <translation>Not a valid donation code</translation>
    </message>
    <message>
        <source>Not a valid tax ID</source>
        <translation>Not a valid tax ID</translation>
    </message>
    <message>
        <source>Give a carrier, a donation code or a tax ID, not two</source>
        <translation>Give a carrier, a donation code or a tax ID, not two</translation>
    </message>
</context>
<context>
    <name>VoidAllowance</name>
    <message>
        <source>Void an allowance</source>
        <translation>Void an allowance</translation>
    </message>
    <message>
        <source>No allowance with that number on this till's invoices</source>
        <translation>No allowance with that number on this till's invoices</translation>
    </message>
    <message>
        <source>That allowance is void already</source>
        <translation>That allowance is void already</translation>
    </message>
    <message>
        <source>The allowance could not be voided: %1</source>
        <translation>The allowance could not be voided: %1</translation>
    </message>
    <message>
        <source>An allowance number looks like AB12345678-01</source>
        <translation>An allowance number looks like AB12345678-01</translation>
    </message>
    <message>
        <source>Void allowance %1: a supervisor's PIN and the reason</source>
        <translation>Void allowance %1: a supervisor's PIN and the reason</translation>
    </message>
    <message>
        <source>Allowance %1 voided: the invoice is no longer reduced by it. The return and its refund stay as they were.</source>
        <translation>Allowance %1 voided: the invoice is no longer reduced by it. The return and its refund stay as they were.</translation>
    </message>
    <message>
        <source>Allowance number (on the allowance certificate)</source>
        <translation>Allowance number (on the allowance certificate)</translation>
    </message>
</context>
<context>
    <name>VoidRefundDialog</name>
    <message>
        <source>Void a sale</source>
        <translation>Void a sale</translation>
    </message>
    <message>
        <source>Sale %1: %2 goes back to the tenders that paid it. Cancel each card or mobile payment on its terminal and type the cancellation's reference.</source>
        <translation>Sale %1: %2 goes back to the tenders that paid it. Cancel each card or mobile payment on its terminal and type the cancellation's reference.</translation>
    </message>
</context>
<context>
    <name>VoidSale</name>
    <message>
        <source>No sale with that receipt number at this till</source>
        <translation>No sale with that receipt number at this till</translation>
    </message>
    <message>
        <source>That sale is not of this shift: take it back as a return (F7) instead</source>
        <translation>That sale is not of this shift: take it back as a return (F7) instead</translation>
    </message>
    <message>
        <source>Everything on that sale has been returned already</source>
        <translation>Everything on that sale has been returned already</translation>
    </message>
    <message>
        <source>No shift is open</source>
        <translation>No shift is open</translation>
    </message>
    <message>
        <source>The sale could not be voided: %1</source>
        <translation>The sale could not be voided: %1</translation>
    </message>
    <message>
        <source>Void sale %1: a supervisor's PIN and the reason</source>
        <translation>Void sale %1: a supervisor's PIN and the reason</translation>
    </message>
    <message>
        <source>Sale %1 voided: refund %2 in cash (return %3)</source>
        <translation>Sale %1 voided: refund %2 in cash (return %3)</translation>
    </message>
    <message>
        <source>Void a sale</source>
        <translation>Void a sale</translation>
    </message>
    <message>
        <source>Sale %1 voided: refund %2 to the tenders that paid it (return %3)</source>
        <translation>Sale %1 voided: refund %2 to the tenders that paid it (return %3)</translation>
    </message>
    <message>
        <source>Receipt number of the sale to void (this shift's only)</source>
        <translation>Receipt number of the sale to void (this shift's only)</translation>
    </message>
</context>
</TS>
; Inno Setup script for the Windows installer. Build the folder first:
;   python installer\build.py
; then compile this script with Inno Setup 6 (ISCC.exe installer\windows\counter-app.iss).
#define AppName "門市櫃台 Counter"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C2B7E-5D1A-4C8E-9A31-2B7D0C4E9F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=CounterWarehouse
DefaultDirName={autopf}\CounterApp
DefaultGroupName={#AppName}
OutputBaseFilename=counter-app-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=lowest
; The till's data (database, token fallback, settings) lives in %LOCALAPPDATA%\CounterWarehouse\counter-app
; and is kept on uninstall: it may hold sales not yet sent to the warehouse.

[Languages]
Name: "chinesetraditional"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\counter-app\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\counter-app.exe"
Name: "{group}\{#AppName} (示範 Demo)"; Filename: "{app}\counter-app.exe"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\counter-app.exe"

[Run]
Filename: "{app}\counter-app.exe"; Parameters: "--version"; Flags: runhidden

; Inno Setup 6 script for the Windows installer, in Traditional Chinese and English.
; Build the folder first (on Windows):
;   python installer\build.py
; then compile this script:
;   ISCC.exe installer\windows\counter-app.iss
; which writes dist\counter-app-<version>-setup.exe.
;
; The Traditional Chinese messages are Inno Setup's ChineseTraditional.isl translation; if
; the Inno Setup on the build machine lacks it, put it in Inno Setup's Languages folder
; (the compile stops with a message rather than ship an English-only installer).
;
; Installs per user (no administrator needed) into %LOCALAPPDATA%\Programs\CounterApp,
; with a Start-menu group (the counter, the demo, the self-check, the data folder and
; the uninstaller) and an optional desktop icon.
;
; The till's data - database, daily backups, settings, device token file, logs - is NOT in
; the program folder but in %LOCALAPPDATA%\CounterWarehouse\counter-app (platformdirs).
; Uninstalling keeps it: it may hold sales the warehouse has not received yet. The
; uninstaller asks (default: No) whether to delete it too; a silent uninstall never does.

#define AppName "門市櫃台 Counter"
#define AppVersion "0.1.0"
#define AppExe "counter-app.exe"
#define DataDir "{localappdata}\CounterWarehouse\counter-app"

#if !FileExists(CompilerPath + "Languages\ChineseTraditional.isl")
  #error ChineseTraditional.isl is missing from Inno Setup's Languages folder: add the Traditional Chinese translation first
#endif

[Setup]
AppId={{6F1C2B7E-5D1A-4C8E-9A31-2B7D0C4E9F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CounterWarehouse
DefaultDirName={autopf}\CounterApp
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=counter-app-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\counter-app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=lowest
ShowLanguageDialog=auto
CloseApplications=yes
; An upgrade installs over the old folder; the data folder is untouched and the database
; migrates forward on the next start (docs/operations.md, "Upgrading a till").

[Languages]
Name: "chinesetraditional"; MessagesFile: "compiler:Languages\ChineseTraditional.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesetraditional.DemoShortcut=示範（內建倉儲）
english.DemoShortcut=Demo (embedded warehouse)
chinesetraditional.SelfCheckShortcut=系統自我檢查
english.SelfCheckShortcut=Self-check
chinesetraditional.DataFolderShortcut=資料夾（資料庫、備份、記錄檔）
english.DataFolderShortcut=Data folder (database, backups, logs)
chinesetraditional.RemoveData=是否一併刪除這台收銀機的資料（銷售資料庫、每日備份、設定與記錄檔）？%n%n除非確定所有銷售都已傳到倉儲，否則請選「否」。資料保留在：%n%1
english.RemoveData=Also delete this till's data (sales database, daily backups, settings and logs)?%n%nChoose No unless you are sure every sale has reached the warehouse. The data is in:%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\counter-app\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Dirs]
Name: "{#DataDir}"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
; The console build prints the report and waits, so the window stays open to be read.
Name: "{group}\{cm:SelfCheckShortcut}"; Filename: "{cmd}"; Parameters: "/k ""{app}\counter-app-cli.exe"" --self-check"
Name: "{group}\{cm:DataFolderShortcut}"; Filename: "{#DataDir}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; Proves the installed program starts (bundle complete) without opening a window.
Filename: "{app}\counter-app-cli.exe"; Parameters: "--version"; Flags: runhidden
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Only what the program folder gained at run time (Python caches); never the data folder.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{#DataDir}');
  if UninstallSilent or not DirExists(DataDir) then
    Exit;
  if MsgBox(FmtMessage(CustomMessage('RemoveData'), [DataDir]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
    DelTree(DataDir, True, True, True);
end;
